/**
 * Hand-written cases for the emitted forgejo/routes module. Every expectation is written here from
 * the page (row lines: activitypub 58, admin 67, issue 76, misc 85/88/91, notification 94,
 * organization 103, package 112, repository 121, user 130; levels: read 36, write 39) and the
 * decisions in the notes (forgejo-routes.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadForgejoRoutes, PAGE, type ForgejoRoutesModule } from './helpers.ts';

let m: ForgejoRoutesModule;
let diagnostics: { ruleId: string; message: string }[];
beforeAll(async () => {
  const loaded = await loadForgejoRoutes();
  m = loaded.module;
  diagnostics = loaded.diagnostics;
});

interface Expected {
  scope: string;
  rule: string;
  interpretation: string;
  /** Line of the row that states the rule (column 1). */
  line: number;
  apiPath?: string;
  basis?: 'route' | 'description';
}

const repo = (scope: string): Expected => ({ scope, rule: '/repos/*', interpretation: '/repos/*', line: 121 });
const issues = (scope: string): Expected => ({ scope, rule: 'issues/*', interpretation: '/repos/{owner}/{repo}/issues/*', line: 76 });

// [name, method, path, expected (undefined: denied)]
const cases: [string, unknown, unknown, Expected | undefined][] = [
  // Repository routes.
  ['repository GET', 'GET', '/repos/o/r', repo('read:repository')],
  ['repository DELETE', 'DELETE', '/repos/o/r', repo('write:repository')],
  ['fork POST', 'POST', '/repos/o/r/forks', repo('write:repository')],
  ['pull request PATCH', 'PATCH', '/repos/o/r/pulls/1', repo('write:repository')],
  ['contents PUT', 'PUT', '/repos/o/r/contents/README.md', repo('write:repository')],
  ['/repos itself (a /* prefix covers its own path)', 'GET', '/repos', repo('read:repository')],
  ['issue_templates is not issues', 'GET', '/repos/o/r/issue_templates', repo('read:repository')],
  ['repository notifications are notification (notes)', 'GET', '/repos/o/r/notifications', { scope: 'read:notification', rule: 'notification/*', interpretation: '/repos/{owner}/{repo}/notifications/*', line: 94 }],
  ['repository notifications PUT', 'PUT', '/repos/o/r/notifications', { scope: 'write:notification', rule: 'notification/*', interpretation: '/repos/{owner}/{repo}/notifications/*', line: 94 }],
  ['%2F in the repository name before notifications', 'GET', '/repos/o/r%2Fnotifications', undefined],
  ['repository teams stay repository', 'GET', '/repos/o/r/teams', repo('read:repository')],
  // Issues, labels, milestones under a repository.
  ['issue list', 'GET', '/repos/o/r/issues', issues('read:issue')],
  ['issue comment POST', 'POST', '/repos/o/r/issues/1/comments', issues('write:issue')],
  ['issue PATCH', 'PATCH', '/repos/o/r/issues/1', issues('write:issue')],
  ['labels', 'GET', '/repos/o/r/labels', { scope: 'read:issue', rule: 'labels/*', interpretation: '/repos/{owner}/{repo}/labels/*', line: 76 }],
  ['label DELETE', 'DELETE', '/repos/o/r/labels/5', { scope: 'write:issue', rule: 'labels/*', interpretation: '/repos/{owner}/{repo}/labels/*', line: 76 }],
  ['milestone', 'GET', '/repos/o/r/milestones/2', { scope: 'read:issue', rule: 'milestones/*', interpretation: '/repos/{owner}/{repo}/milestones/*', line: 76 }],
  ['milestone POST', 'POST', '/repos/o/r/milestones', { scope: 'write:issue', rule: 'milestones/*', interpretation: '/repos/{owner}/{repo}/milestones/*', line: 76 }],
  // The top-level issue route and the page's `except /repos/issues/*`.
  ['issue search', 'GET', '/repos/issues/search', { scope: 'read:issue', rule: 'issues/*', interpretation: '/repos/issues/search', line: 76 }],
  ['/repos/issues: excluded from repository, not an issue route', 'GET', '/repos/issues', undefined],
  ['/repos/issues/foo: excluded from repository, not an issue route', 'GET', '/repos/issues/foo', undefined],
  ['/repos/issues/search/x: not the search route, excluded from repository', 'GET', '/repos/issues/search/x', undefined],
  ['/repos/issues/search/issues: issues of repository issues/search', 'GET', '/repos/issues/search/issues', { ...issues('read:issue'), apiPath: '/repos/issues/search/issues' }],
  // Organizations and teams.
  ['orgs list', 'GET', '/orgs', { scope: 'read:organization', rule: 'orgs/*', interpretation: '/orgs/*', line: 103 }],
  ['org team create', 'POST', '/orgs/acme/teams', { scope: 'write:organization', rule: 'orgs/*', interpretation: '/orgs/*', line: 103 }],
  ['team members', 'GET', '/teams/7/members', { scope: 'read:organization', rule: 'teams/*', interpretation: '/teams/*', line: 103 }],
  ['team DELETE', 'DELETE', '/teams/7', { scope: 'write:organization', rule: 'teams/*', interpretation: '/teams/*', line: 103 }],
  // User and users.
  ['authenticated user', 'GET', '/user', { scope: 'read:user', rule: '/user/*', interpretation: '/user/*', line: 130 }],
  ['user settings PATCH', 'PATCH', '/user/settings', { scope: 'write:user', rule: '/user/*', interpretation: '/user/*', line: 130 }],
  ['user repos: the page says user (notes: Forgejo also checks repository)', 'GET', '/user/repos', { scope: 'read:user', rule: '/user/*', interpretation: '/user/*', line: 130 }],
  ['users search', 'GET', '/users/search', { scope: 'read:user', rule: '/users/*', interpretation: '/users/*', line: 130 }],
  ['users follow PUT', 'PUT', '/user/following/alice', { scope: 'write:user', rule: '/user/*', interpretation: '/user/*', line: 130 }],
  // Admin.
  ['admin users', 'GET', '/admin/users', { scope: 'read:admin', rule: '/admin/*', interpretation: '/admin/*', line: 67 }],
  ['admin user create', 'POST', '/admin/users', { scope: 'write:admin', rule: '/admin/*', interpretation: '/admin/*', line: 67 }],
  ['admin cron run', 'POST', '/admin/cron/update_mirrors', { scope: 'write:admin', rule: '/admin/*', interpretation: '/admin/*', line: 67 }],
  // Notifications.
  ['notifications', 'GET', '/notifications', { scope: 'read:notification', rule: 'notification/*', interpretation: '/notifications/*', line: 94 }],
  ['notifications new', 'GET', '/notifications/new', { scope: 'read:notification', rule: 'notification/*', interpretation: '/notifications/*', line: 94 }],
  ['notification thread PATCH', 'PATCH', '/notifications/threads/1', { scope: 'write:notification', rule: 'notification/*', interpretation: '/notifications/*', line: 94 }],
  ['singular /notification is not a Forgejo route', 'GET', '/notification', undefined],
  // Packages.
  ['packages', 'GET', '/packages/alice', { scope: 'read:package', rule: '/packages/*', interpretation: '/packages/*', line: 112 }],
  ['package DELETE', 'DELETE', '/packages/alice/npm/pkg/1.0.0', { scope: 'write:package', rule: '/packages/*', interpretation: '/packages/*', line: 112 }],
  // ActivityPub.
  ['activitypub person', 'GET', '/activitypub/user-id/1', { scope: 'read:activitypub', rule: 'activitypub', interpretation: '/activitypub/*', line: 58 }],
  ['activitypub inbox POST', 'POST', '/activitypub/user-id/1/inbox', { scope: 'write:activitypub', rule: 'activitypub', interpretation: '/activitypub/*', line: 58 }],
  // misc: interpretation beyond the page, read from the descriptions.
  ['settings (misc row, line 85)', 'GET', '/settings/api', { scope: 'read:misc', rule: 'settings top-level API routes', interpretation: '/settings/*', line: 85, basis: 'description' }],
  ['label templates (read:misc row, line 88)', 'GET', '/label/templates/Default', { scope: 'read:misc', rule: 'label and gitignore templates', interpretation: '/label/templates/*', line: 88, basis: 'description' }],
  ['gitignore templates', 'GET', '/gitignore/templates', { scope: 'read:misc', rule: 'label and gitignore templates', interpretation: '/gitignore/templates/*', line: 88, basis: 'description' }],
  ['markdown (write:misc row, line 91)', 'POST', '/markdown', { scope: 'write:misc', rule: 'markup utility operations', interpretation: '/markdown/*', line: 91, basis: 'description' }],
  ['markdown raw', 'POST', '/markdown/raw', { scope: 'write:misc', rule: 'markup utility operations', interpretation: '/markdown/*', line: 91, basis: 'description' }],
  ['markup', 'POST', '/markup', { scope: 'write:misc', rule: 'markup utility operations', interpretation: '/markup/*', line: 91, basis: 'description' }],
  ['/label without templates', 'GET', '/label/x', undefined],
  ['/version: the page names nothing', 'GET', '/version', undefined],
  ['/licenses: the page names nothing', 'GET', '/licenses', undefined],
  // Unknown prefixes.
  ['unknown: /repositories/{id}', 'GET', '/repositories/1', undefined],
  ['unknown: /topics/search', 'GET', '/topics/search', undefined],
  ['unknown: root', 'GET', '/', undefined],
  ['unknown: case matters', 'GET', '/Repos/o/r', undefined],
  // Methods.
  ['HEAD is read (as GET)', 'HEAD', '/user', { scope: 'read:user', rule: '/user/*', interpretation: '/user/*', line: 130 }],
  ['lower-case get', 'get', '/user', undefined],
  ['mixed-case Post', 'Post', '/user', undefined],
  ['OPTIONS: the page is silent', 'OPTIONS', '/user', undefined],
  ['unknown method', 'FETCH', '/user', undefined],
  ['method with a space', 'GET ', '/user', undefined],
  ['method __proto__', '__proto__', '/user', undefined],
  ['method toString', 'toString', '/user', undefined],
  // With and without /api/v1.
  ['with the base', 'GET', '/api/v1/repos/o/r/issues', { ...issues('read:issue'), apiPath: '/repos/o/r/issues' }],
  ['with the base: user', 'GET', '/api/v1/user', { scope: 'read:user', rule: '/user/*', interpretation: '/user/*', line: 130, apiPath: '/user' }],
  ['base alone', 'GET', '/api/v1', undefined],
  ['base twice', 'GET', '/api/v1/api/v1/user', undefined],
  ['another version', 'GET', '/api/v2/user', undefined],
  ['base in upper case', 'GET', '/API/v1/user', undefined],
  ['encoded base /%61pi/v1', 'GET', '/%61pi/v1/user', { scope: 'read:user', rule: '/user/*', interpretation: '/user/*', line: 130, apiPath: '/user' }],
  // Dot segments are denied: Forgejo's router does not resolve them (it routes the path as sent, `//`
  // collapsed and a trailing `/` dropped), and its handlers clean the paths they take, so
  // `/repos/o/r/contents/x/../../issues` writes a file of o/r (repository), not an issue. Resolved as
  // GitLab does, these were judged under the scope of the path they resolve to.
  ['/repos/o/r/../../admin/users', 'GET', '/repos/o/r/../../admin/users', undefined],
  ['three .. reach /admin/users', 'GET', '/repos/o/r/../../../admin/users', undefined],
  ['encoded dots', 'DELETE', '/repos/o/r/%2e%2E/%2E%2e/%2e%2e/admin/users/bob', undefined],
  ['.. inside the base', 'GET', '/api/v1/repos/../admin/users', undefined],
  ['a file path through contents/ that resolves to issues', 'PUT', '/api/v1/repos/o/r/contents/x/../../issues', undefined],
  ['a half-encoded dot segment', 'GET', '/repos/o/r/contents/.%2E/milestones', undefined],
  ['a trailing dot segment', 'GET', '/repos/o/r/issues/.', undefined],
  ['.. out of the base', 'GET', '/api/v1/../../admin/users', undefined],
  ['encoded .. out of the base', 'GET', '/api/v1/%2e%2e/admin/users', undefined],
  ['.. above the root', 'GET', '/../user', undefined],
  ['a dot segment among empty ones', 'GET', '//repos/./o//r/issues/', undefined],
  ['empty segments and a trailing /', 'GET', '//repos/o//r/issues/', { ...issues('read:issue'), apiPath: '/repos/o/r/issues' }],
  ['dots inside a segment are plain text', 'GET', '/repos/o/r/contents/.../a..b/.env', { ...repo('read:repository'), apiPath: '/repos/o/r/contents/.../a..b/.env' }],
  ['query and fragment ignored', 'GET', '/repos/o/r/issues?state=../../admin#x', { ...issues('read:issue'), apiPath: '/repos/o/r/issues' }],
  // %2F: judged both ways, denied unless they agree.
  ['%2F in a branch name: repository both ways', 'GET', '/repos/o/r/branches/feature%2Fx', { ...repo('read:repository'), apiPath: '/repos/o/r/branches/feature%2Fx' }],
  ['lower-case %2f is upper-cased', 'GET', '/repos/o/r/contents/a%2fb', { ...repo('read:repository'), apiPath: '/repos/o/r/contents/a%2Fb' }],
  ['%2F in the owner would make it an issue route', 'GET', '/repos/o%2Fr/issues', undefined],
  ['%2F before issues', 'GET', '/repos/o/r%2Fissues', undefined],
  ['/repos/issues%2Fsearch', 'GET', '/repos/issues%2Fsearch', undefined],
  ['/repos%2Fo/r/issues', 'GET', '/repos%2Fo/r/issues', undefined],
  ['/api%2Fv1/user', 'GET', '/api%2Fv1/user', undefined],
  ['%2F.. climbing from /user to /admin when decoded', 'GET', '/user/x%2F..%2F..%2Fadmin', undefined],
  ['%2F.. from /users to /user: same category, another rule', 'GET', '/users/a%2F..%2F..%2Fuser', undefined],
  ['%2F.. staying in /repos', 'GET', '/repos/o/r/a%2F..%2F..%2F..%2Fx', { ...repo('read:repository'), apiPath: '/repos/o/r/a%2F..%2F..%2F..%2Fx' }],
  // Paths that cannot be canonicalized.
  ['encoded NUL', 'GET', '/repos/o/r/issues%00', undefined],
  ['space', 'GET', '/repos/o r', undefined],
  ['backslash', 'GET', '/repos\\o\\r', undefined],
  ['non-ASCII', 'GET', '/user/é', undefined],
  ['bad escape', 'GET', '/user/%zz', undefined],
  ['relative path', 'GET', 'user', undefined],
  ['empty path', 'GET', '', undefined],
  ['over-long path', 'GET', `/user/${'a'.repeat(8200)}`, undefined],
  // Non-string inputs.
  ['path 42', 'GET', 42, undefined],
  ['path null', 'GET', null, undefined],
  ['path undefined', 'GET', undefined, undefined],
  ['path object', 'GET', { toString: () => '/user' }, undefined],
  ['path String object', 'GET', new String('/user'), undefined],
  ['method null', null, '/user', undefined],
  ['method String object', new String('GET'), '/user', undefined],
];

describe('requiredForgejoScope', () => {
  it('emits without diagnostics of its own', () => {
    expect(diagnostics.filter((d) => d.ruleId.startsWith('forgejo') || d.message.includes('forgejo/'))).toEqual([]);
  });

  it.each(cases)('%s: %s %s', (_name, method, path, expected) => {
    const got = m.requiredForgejoScope(method, path);
    if (expected === undefined) {
      expect(got).toBeUndefined();
      return;
    }
    const level = expected.scope.slice(0, expected.scope.indexOf(':'));
    expect(got).toEqual({
      scope: expected.scope,
      category: expected.scope.slice(level.length + 1),
      level,
      rule: expected.rule,
      interpretation: expected.interpretation,
      basis: expected.basis ?? 'route',
      source: `${PAGE}:${expected.line}:1`,
      levelSource: `${PAGE}:${level === 'read' ? 36 : 39}:3`,
      apiPath: expected.apiPath ?? (typeof path === 'string' ? path : ''),
    });
    expect(Object.isFrozen(got)).toBe(true);
  });

  it('never throws on hostile inputs', () => {
    const hostile = [
      { get [Symbol.toPrimitive]() { throw new Error('boom'); } },
      new Proxy({}, { get() { throw new Error('boom'); } }),
      Symbol('x'),
      10n,
    ];
    for (const h of hostile) {
      expect(m.requiredForgejoScope('GET', h)).toBeUndefined();
      expect(m.requiredForgejoScope(h, '/user')).toBeUndefined();
      expect(m.isForgejoRequestAllowed(h, 'GET', '/user')).toBe(false);
    }
  });
});

describe('isForgejoRequestAllowed', () => {
  const throwing = { *[Symbol.iterator]() { throw new Error('boom'); } };
  it.each([
    // [granted, method, path, allowed]
    [['read:issue'], 'GET', '/repos/o/r/issues', true],
    [['write:issue'], 'GET', '/repos/o/r/issues', true],
    [['read:issue'], 'POST', '/repos/o/r/issues', false],
    [['write:issue'], 'POST', '/repos/o/r/issues', true],
    [['write:repository'], 'GET', '/repos/o/r/issues', false],
    [['read:repository'], 'GET', '/repos/o/r', true],
    [['read:repository'], 'PUT', '/repos/o/r/contents/x', false],
    [['write:admin', 'write:repository', 'write:issue'], 'GET', '/repos/issues/foo', false],
    [['write:user'], 'HEAD', '/user', true],
    [['read:user'], 'get', '/user', false],
    [['read:misc'], 'GET', '/version', false],
    [[], 'GET', '/user', false],
    [['read:user ', 'READ:USER', 'user', '*'], 'GET', '/user', false],
    ['write:user', 'GET', '/user', false],
    [null, 'GET', '/user', false],
    [42, 'GET', '/user', false],
    [throwing, 'GET', '/user', false],
  ] as [unknown, string, string, boolean][])('%j %s %s → %s', (granted, method, path, allowed) => {
    expect(m.isForgejoRequestAllowed(granted, method, path)).toBe(allowed);
  });

  it('accepts any iterable', () => {
    expect(m.isForgejoRequestAllowed(new Set(['read:user']), 'GET', '/users/alice')).toBe(true);
    expect(m.isForgejoRequestAllowed(new Map([['read:user', 1]]).keys(), 'GET', '/users/alice')).toBe(true);
  });
});

describe('the emitted tables', () => {
  it('lists each rule with its page row, most specific first', () => {
    expect(m.forgejoRouteRules.map((r) => `${r.interpretation} ${r.category} ${r.source.slice(PAGE.length + 1)}`)).toEqual([
      '/activitypub/* activitypub 58:1',
      '/admin/* admin 67:1',
      '/gitignore/templates/* misc 88:1',
      '/label/templates/* misc 88:1',
      '/markdown/* misc 91:1',
      '/markup/* misc 91:1',
      '/notifications/* notification 94:1',
      '/orgs/* organization 103:1',
      '/packages/* package 112:1',
      '/repos/issues/search issue 76:1',
      '/repos/{owner}/{repo}/issues/* issue 76:1',
      '/repos/{owner}/{repo}/labels/* issue 76:1',
      '/repos/{owner}/{repo}/milestones/* issue 76:1',
      '/repos/{owner}/{repo}/notifications/* notification 94:1',
      '/repos/* repository 121:1',
      '/settings/* misc 85:1',
      '/teams/* organization 103:1',
      '/user/* user 130:1',
      '/users/* user 130:1',
    ]);
    expect(m.forgejoRouteRules.find((r) => r.interpretation === '/repos/*')?.except).toEqual(['/repos/issues/*']);
    expect(m.forgejoRouteRules.filter((r) => r.basis === 'description').map((r) => r.category)).toEqual(['misc', 'misc', 'misc', 'misc', 'misc']);
  });

  it('gives each method its level from the level list; HEAD is marked as interpretation', () => {
    expect(Object.keys(m.forgejoMethodLevels)).toEqual(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
    expect(m.forgejoMethodLevels['GET']).toEqual({ level: 'read', source: `${PAGE}:36:3` });
    expect(m.forgejoMethodLevels['DELETE']).toEqual({ level: 'write', source: `${PAGE}:39:3` });
    expect(m.forgejoMethodLevels['HEAD']?.interpretation).toMatch(/^HEAD as GET: /);
  });
});
