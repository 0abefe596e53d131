/**
 * The fine-grained answer of a package generated from the sources: REST requests through the
 * compiled REST matcher (`matchFineGrainedRestRoute`, gitlab/rest-routes.js, from GitLab's current
 * page `gitlab-pat-fine-grained-rest.0739b8b.md`), operations through `gitlabOperationPermissions`
 * (the Git-and-other-operations page). Expected grants are written by hand from the pages (line
 * numbers in the comments). The random workloads over both tables are in properties.test.ts; how the
 * lookups plug in (and what happens without them) is in plug-in.test.ts.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type LeastPrivilegeRequest } from '../../generator/emit/runtime/least-privilege.ts';
import { fineGrainedVerdict, type GitlabOperationPermissionLike } from '../../generator/emit/runtime/least-privilege-gitlab.ts';
import { WORKLOAD_OPERATION_NAMES } from '../../generator/least-privilege/operation-names.ts';
import { loadModules, type GitlabModules, type Request } from './helpers.ts';

const REST = 'sources/gitlab-pat-fine-grained-rest.0739b8b.md';
const OPS = 'gitlab-pat-fine-grained-other-operations.3f07355.md';

let m: GitlabModules;
/** The operations as the package writes them (`gitlab/operation-permissions.js`), keyed by operation id. */
let operations: Readonly<Record<string, GitlabOperationPermissionLike>>;
beforeAll(async () => {
  m = await loadModules();
  operations = m.operations.gitlabOperationPermissions;
}, 120_000);

/** The package's own answer (`leastPrivilegeForRequests(…).fineGrained`). */
const answer = (requests: readonly LeastPrivilegeRequest[]) => m.least.leastPrivilegeForRequests(requests as readonly Request[]).fineGrained;

describe('fine-grained answer: the compiled REST matcher and operations table', () => {
  it('answers the release job (hand-written: REST lines 1959, 1691, 1956; operations line 40)', () => {
    const a = answer([
      { kind: 'rest', method: 'GET', path: '/api/v4/projects/42/releases', line: 1 },
      { kind: 'rest', method: 'PUT', path: '/projects/42/packages/generic/app/1.4.0/app.tar.gz', line: 2 },
      { kind: 'rest', method: 'POST', path: '/projects/42/releases', line: 3 },
      { kind: 'operation', operation: 'git-push', target: 'acme/app', line: 4 },
    ]);
    expect(a.grant).toEqual(['create_package', 'create_release', 'push_code', 'read_release']);
    expect(a.ids.map((i) => [i.id, i.boundaries, i.neededBy.map((r) => r.request.line)])).toEqual([
      ['create_package', ['project'], [2]],
      ['create_release', ['project'], [3]],
      ['push_code', ['project'], [4]],
      ['read_release', ['project'], [1]],
    ]);
    expect(a.complete).toBe(true);
  });

  it('tells boundaries that are all needed from boundaries of which one is enough (REST lines 1959, 1963; operations lines 42, 50)', () => {
    // A bug hunt: both were printed "read_release (at group or project)", and a grant at one boundary denies the other request.
    const a = answer([
      { kind: 'rest', method: 'GET', path: '/projects/1/releases', line: 1 }, // 1959: Read | Project | GET | /projects/:id/releases
      { kind: 'rest', method: 'GET', path: '/groups/1/releases', line: 2 }, // 1963: Read | Group | GET | /groups/:id/releases
      { kind: 'operation', operation: 'git-push-wiki', target: 'acme/app.wiki', line: 3 }, // 42: Push to a wiki | Wiki | Create | Project, Group
      { kind: 'rest', method: 'GET', path: '/projects/1/releases/v1', line: 4 }, // 1960: project again: the same set
    ]);
    expect(a.ids.map((i) => [i.id, i.boundaries, i.boundarySets])).toEqual([
      ['create_wiki', ['group', 'project'], [['group', 'project']]],
      ['read_release', ['group', 'project'], [['group'], ['project']]],
    ]);
  });

  it('gives a snippet target its own boundary, as the footnote says (operations lines 43-44, 51)', () => {
    // 51: "Project snippets use the project boundary and personal snippets use the user boundary."
    const page = readFileSync(`sources/${OPS}`, 'utf8').split('\n');
    expect(page[50]).toBe('1. Project snippets use the project boundary and personal snippets use the user boundary.');
    const snippet = (target: string) => answer([{ kind: 'operation', operation: 'git-push-snippet', target }]).ids.map((i) => [i.id, i.boundarySets, i.neededBy.map((r) => r.verdict.source)]);
    expect(snippet('snippets/5')).toEqual([['update_snippet', [['user']], [[`sources/${OPS}:44:1`, `sources/${OPS}:51:1`]]]]);
    expect(snippet('acme/app/snippets/5')).toEqual([['update_snippet', [['project']], [[`sources/${OPS}:44:1`, `sources/${OPS}:51:1`]]]]);
    // A target of neither form keeps the row's two boundaries.
    expect(snippet('acme')).toEqual([['update_snippet', [['project', 'user']], [[`sources/${OPS}:44:1`]]]]);
    const both = answer([
      { kind: 'operation', operation: 'git-push-snippet', target: 'snippets/5' },
      { kind: 'operation', operation: 'git-pull-snippet', target: 'acme/app/snippets/6' },
    ]);
    expect(both.ids.map((i) => [i.id, i.boundarySets])).toEqual([['read_snippet', [['project']]], ['update_snippet', [['user']]]]);
  });

  it('leaves out a boundary set that holds another: covering the smaller covers it (operations line 41; REST line 3721)', () => {
    const a = answer([
      { kind: 'operation', operation: 'git-pull-wiki', target: 'acme/app.wiki', line: 1 }, // 41: Clone or pull a wiki | Wiki | Read | Project, Group
      { kind: 'rest', method: 'GET', path: '/projects/1/wikis', line: 2 }, // 3721: Read | Project | GET | /projects/:id/wikis
    ]);
    expect(a.ids.map((i) => [i.id, i.boundaries, i.boundarySets, i.neededBy.map((r) => r.request.line)])).toEqual([['read_wiki', ['group', 'project'], [['project']], [1, 2]]]);
  });

  it('includes "also requires" permissions, keeps every boundary of a multi-boundary route, lists always / unavailable / unlisted apart (REST lines 300, 527-529, 3737, 4030, 4028)', () => {
    const a = answer([
      { kind: 'rest', method: 'GET', path: '/projects/1/deployments/2/merge_requests' },
      { kind: 'rest', method: 'DELETE', path: '/runners/7' },
      { kind: 'rest', method: 'GET', path: '/broadcast_messages' },
      { kind: 'rest', method: 'POST', path: '/ai/duo_workflows/code_review/add_comments' },
      { kind: 'rest', method: 'GET', path: '/no/such/route' },
      { kind: 'operation', operation: 'registry-push', target: 'g/p' },
      { kind: 'operation', operation: 'git-pull-wiki', target: 'g/p.wiki' },
    ]);
    expect(a.grant).toEqual(['delete_runner', 'read_deployment', 'read_merge_request', 'read_wiki']);
    expect(a.ids.find((i) => i.id === 'delete_runner')?.boundaries).toEqual(['group', 'instance', 'project']);
    expect(a.ids.find((i) => i.id === 'read_wiki')?.boundaries).toEqual(['group', 'project']);
    expect(a.free.map((r) => r.index)).toEqual([2]);
    expect(a.notGranted.map((r) => [r.index, r.verdict.status, r.verdict.source])).toEqual([
      // 4030: | `POST` | `/ai/duo_workflows/code_review/add_comments` | AI workflows OAuth token |
      [3, 'unavailable', [`${REST}:4030:1`]],
      // An unlisted path falls to the page's catch-all `* /*path` (line 4028, Catch-all fallback): unavailable.
      [4, 'unavailable', [`${REST}:4028:1`]],
      // Operations page line 65: "You cannot use fine-grained personal access tokens to push container images."
      [5, 'unavailable', [`sources/${OPS}:65:1`]],
    ]);
    // 300 + footnote 303: "Also requires the `Read Merge Request` permission."; 527–529: DELETE /runners/:id at Project, Group and Instance; 3737: always accessible.
    expect(a.requests.slice(0, 3).map((r) => r.verdict.source)).toEqual([[`${REST}:300:1`], [`${REST}:527:1`], [`${REST}:3737:1`]]);
    // Line 41: | Clone or pull a wiki | Wiki | Read | Project, Group <sup>1</sup> |, footnote 1 said in the reason.
    const wiki = a.requests[6]!.verdict;
    expect(wiki.source).toEqual([`sources/${OPS}:41:1`]);
    expect(wiki.why).toBe('Git operations: Clone or pull a wiki needs `read_wiki` at project or group. Project wikis use the project boundary and group wikis use the group boundary.');
    expect(a.notGranted[0]!.verdict.why).toContain('AI workflows OAuth token');
  });

  it('answers every short name from the page row it stands for (hand-written from the page, lines 39–107)', () => {
    // Short name → [Permission cell + Resource cell in snake case, Access cell, page line].
    const expected: Record<string, [string, string[], number]> = {
      'git-pull': ['download_code', ['project'], 39],
      'git-push': ['push_code', ['project'], 40],
      'git-pull-wiki': ['read_wiki', ['project', 'group'], 41],
      'git-push-wiki': ['create_wiki', ['project', 'group'], 42],
      'git-pull-snippet': ['read_snippet', ['project', 'user'], 43],
      'git-push-snippet': ['update_snippet', ['project', 'user'], 44],
      'lfs-download': ['download_code', ['project'], 45],
      'lfs-upload': ['push_code', ['project'], 46],
      'registry-pull': ['read_container_repository', ['project'], 61],
      'registry-delete': ['delete_container_repository', ['project'], 62],
      'dependency-proxy-pull': ['read_dependency_proxy', ['group'], 75],
      'archive-download': ['download_code', ['project'], 81],
      'release-asset-download': ['read_release', ['project'], 82],
      'feed-user-activity': ['read_activity', ['user'], 91],
      'feed-project-activity': ['read_event', ['project'], 92],
      'feed-group-activity': ['read_event', ['group'], 93],
      'feed-project-commits': ['read_code', ['project'], 94],
      'feed-project-tags': ['read_code', ['project'], 95],
      'feed-issues': ['read_work_item', ['project', 'group', 'user'], 96],
      'feed-merge-requests': ['read_merge_request', ['project', 'group'], 97],
      'feed-your-projects': ['read_project', ['user'], 98],
      'feed-token-expiration': ['read_personal_access_token', ['user'], 99],
      'design-image-download': ['read_work_item', ['project'], 105],
      'editor-telemetry': ['create_editor_telemetry', ['user'], 106],
      'live-comments': ['read_work_item', ['project', 'group'], 107],
    };
    // 25 page operations (page-readings.test.ts counts them) + `registry-push`, which the page says fine-grained tokens cannot do.
    expect(Object.keys(WORKLOAD_OPERATION_NAMES).sort()).toEqual([...Object.keys(expected), 'registry-push'].sort());
    for (const [operation, [permission, boundaries, line]] of Object.entries(expected)) {
      const v = fineGrainedVerdict({ kind: 'operation', operation, target: 'g/p' }, undefined, operations, WORKLOAD_OPERATION_NAMES);
      expect([operation, v.status, v.status === 'needs' ? [v.alternatives, v.boundaries] : [], v.source]).toEqual([operation, 'needs', [[[permission]], boundaries], [`sources/${OPS}:${line}:1`]]);
    }
  });

  it('uses every permission of a row, and denies a short name whose id the lookup does not have', () => {
    const twoPermissions = { ...operations, 'git-operations:push-to-a-project-repository': { ...operations['git-operations:push-to-a-project-repository']!, permissions: ['push_code', 'read_code'] } };
    const v = fineGrainedVerdict({ kind: 'operation', operation: 'git-push', target: 'g/p' }, undefined, twoPermissions, WORKLOAD_OPERATION_NAMES);
    expect(v.status === 'needs' && v.alternatives).toEqual([['push_code', 'read_code']]);
    const missing = fineGrainedVerdict({ kind: 'operation', operation: 'git-push', target: 'g/p' }, undefined, {}, WORKLOAD_OPERATION_NAMES);
    expect([missing.status, missing.why]).toEqual(['unknown', 'The operations page has no operation `git-operations:push-to-a-project-repository`: denied.']);
    for (const operation of ['constructor', '__proto__', 'toString'])
      expect(fineGrainedVerdict({ kind: 'operation', operation, target: 'g/p' }, undefined, operations, WORKLOAD_OPERATION_NAMES).status).toBe('unknown');
  });

  it('property: operations drawn from the generated table are let through by the grant, and dropping any permission denies one', () => {
    const shortNames = Object.keys(WORKLOAD_OPERATION_NAMES);
    // Independent check: the token holds every permission of the row the short name's id names.
    const allowedOp = (held: readonly string[], short: string) => {
      const id = WORKLOAD_OPERATION_NAMES[short]!.operation;
      return id !== undefined && operations[id]!.permissions.every((p) => held.includes(p));
    };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...shortNames), { minLength: 1, maxLength: 8 }), (names) => {
        const a = answer(names.map((operation) => ({ kind: 'operation', operation, target: 'g/p' })));
        for (const r of a.requests) {
          const short = (r.request as { operation: string }).operation;
          expect(a.notGranted.includes(r)).toBe(WORKLOAD_OPERATION_NAMES[short]!.operation === undefined);
          if (!a.notGranted.includes(r)) expect(allowedOp(a.grant, short)).toBe(true);
        }
        for (const id of a.grant) {
          const without = a.grant.filter((g) => g !== id);
          expect(names.some((n) => WORKLOAD_OPERATION_NAMES[n]!.operation !== undefined && !allowedOp(without, n))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('answers `unknown` (denied) when a lookup is not compiled into the package', () => {
    const v = fineGrainedVerdict({ kind: 'rest', method: 'GET', path: '/projects/1/releases' }, undefined, undefined, WORKLOAD_OPERATION_NAMES);
    expect(v.status).toBe('unknown');
    expect(fineGrainedVerdict({ kind: 'operation', operation: 'git-push', target: 'g/p' }, m.rest.matchFineGrainedRestRoute, undefined, WORKLOAD_OPERATION_NAMES).status).toBe('unknown');
  });

  it('answers a path with the `/api/v4` prefix as the matcher does: once is the same request, twice is no route (denied)', () => {
    const a = answer([
      { kind: 'rest', method: 'GET', path: '/api/v4/projects/42/releases' },
      { kind: 'rest', method: 'GET', path: '/api/v4/api/v4/projects/42/releases' },
    ]);
    expect(a.grant).toEqual(['read_release']);
    expect(a.notGranted.map((r) => r.index)).toEqual([1]);
    expect(m.rest.isFineGrainedRestRequestAllowed(['read_release'], 'GET', '/api/v4/api/v4/projects/42/releases')).toBe(false);
  });
});
