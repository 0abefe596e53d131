/**
 * Hand-written cases for the REST page's tricky routes (issue 12's list). Every expectation is
 * written by hand from the page (`sources/gitlab-pat-fine-grained-rest.0739b8b.md`, line numbers
 * read with `grep -n`) and the README's rules.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRestRoutes, PAGE, type RestRoutesModule } from './helpers.ts';

let m: RestRoutesModule;
beforeAll(async () => {
  m = (await loadRestRoutes()).module;
}, 180_000);

interface Case {
  name: string;
  method: string;
  path: string;
  /** `undefined`: denied. */
  route?: string;
  line?: number;
  access?: 'granted' | 'always' | 'unavailable';
  params?: Record<string, string>;
  permissions?: string[];
  boundaries?: string[];
  public?: boolean;
  reason?: string;
  canonicalPath?: string;
}

const CATCH_ALL = { route: '* /*path', line: 4028, access: 'unavailable' as const, reason: 'Catch-all fallback', permissions: [], boundaries: [] };

const cases: Case[] = [
  // The API root.
  { name: 'unprefixed', method: 'GET', path: '/projects/1/releases', route: 'GET /projects/:id/releases', line: 1959, access: 'granted', params: { id: '1' }, permissions: ['read_release'], boundaries: ['project'], public: true },
  { name: '/api/v4-prefixed', method: 'GET', path: '/api/v4/projects/1/releases', route: 'GET /projects/:id/releases', line: 1959, canonicalPath: '/projects/1/releases' },
  { name: '/api/v3 denied (not the catch-all)', method: 'GET', path: '/api/v3/projects/1/releases' },
  { name: '/apiv4 denied', method: 'GET', path: '/apiv4/projects/1/releases' },
  { name: 'the prefix twice denied', method: 'GET', path: '/api/v4/api/v4/projects/1/releases' },
  { name: 'SCIM is rooted at /api/scim, not under /api/v4', method: 'GET', path: '/api/scim/v2/application/Groups', route: 'GET /api/scim/:version/application/Groups', line: 4045, access: 'unavailable', reason: 'SCIM token', params: { version: 'v2' } },
  // In-segment parameters and splats.
  { name: 'debian binary-:architecture', method: 'GET', path: '/projects/1/packages/debian/dists/stable/main/binary-amd64/Packages', route: 'GET /projects/:id/packages/debian/dists/*distribution/:component/binary-:architecture/Packages', line: 1761, params: { id: '1', distribution: 'stable', component: 'main', architecture: 'amd64' }, permissions: ['read_package'] },
  { name: 'debian dists/*distribution spans segments', method: 'GET', path: '/projects/1/packages/debian/dists/a/b/main/binary-i386/Packages', route: 'GET /projects/:id/packages/debian/dists/*distribution/:component/binary-:architecture/Packages', line: 1761, params: { id: '1', distribution: 'a/b', component: 'main', architecture: 'i386' } },
  { name: 'nuget Packages(Id=…,Version=…)', method: 'GET', path: "/projects/1/packages/nuget/v2/Packages(Id='Foo.Bar',Version='1.0.0')", route: "GET /projects/:project_id/packages/nuget/v2/Packages\\(Id='*package_name',Version='*package_version'\\)", line: 3751, access: 'always', params: { project_id: '1', package_name: 'Foo.Bar', package_version: '1.0.0' }, permissions: [], boundaries: [] },
  { name: 'nuget FindPackagesById()', method: 'GET', path: '/projects/1/packages/nuget/v2/FindPackagesById()', route: 'GET /projects/:project_id/packages/nuget/v2/FindPackagesById\\(\\)', line: 3750, access: 'always', params: { project_id: '1' } },
  { name: 'nuget $metadata', method: 'GET', path: '/projects/1/packages/nuget/v2/$metadata', route: 'GET /projects/:id/packages/nuget/v2/$metadata', line: 3749, access: 'always' },
  { name: 'consecutive splats (three)', method: 'GET', path: '/projects/1/packages/nuget/symbolfiles/a.pdb/sig/a.pdb', route: 'GET /projects/:id/packages/nuget/symbolfiles/*file_name/*signature/*same_file_name', line: 3747, params: { id: '1', file_name: 'a.pdb', signature: 'sig', same_file_name: 'a.pdb' } },
  // Optional groups.
  { name: 'optional (-/) present', method: 'GET', path: '/groups/1/-/search', route: 'GET /groups/:id/(-/)search', line: 2969, params: { id: '1' }, permissions: ['use_global_search'], boundaries: ['group'], public: true },
  { name: 'optional (-/) absent', method: 'GET', path: '/groups/1/search', route: 'GET /groups/:id/(-/)search', line: 2969 },
  { name: 'optional group holding a parameter, present', method: 'POST', path: '/projects/1/ref/main/trigger/pipeline', route: 'POST /projects/:id/(ref/:ref/)trigger/pipeline', line: 4208, access: 'unavailable', reason: 'CI trigger token', params: { id: '1', ref: 'main' } },
  { name: 'optional group holding a parameter, absent', method: 'POST', path: '/projects/1/trigger/pipeline', route: 'POST /projects/:id/(ref/:ref/)trigger/pipeline', line: 4208, params: { id: '1' } },
  // npm: dist-tags (granted) beats *package_name (unavailable).
  { name: 'npm dist-tags beats *package_name', method: 'GET', path: '/packages/npm/-/package/@scope/pkg/dist-tags', route: 'GET /packages/npm/-/package/*package_name/dist-tags', line: 1721, access: 'granted', params: { package_name: '@scope/pkg' } },
  { name: 'npm metadata is the unavailable *package_name row', method: 'GET', path: '/packages/npm/@scope%2Fpkg', route: 'GET /packages/npm/*package_name', line: 4205, access: 'unavailable', params: { package_name: '@scope%2Fpkg' } },
  // Methods.
  { name: 'documented HEAD', method: 'HEAD', path: '/projects/1/repository/files/README.md', route: 'HEAD /projects/:id/repository/files/:file_path', line: 2874 },
  { name: 'HEAD answered by a GET row', method: 'HEAD', path: '/projects/1/releases', route: 'GET /projects/:id/releases', line: 1959 },
  { name: 'PATCH', method: 'PATCH', path: '/groups/1/security/policy_store/2', route: 'PATCH /groups/:id/security/policy_store/:policy_id', line: 103, boundaries: ['group'] },
  { name: 'lower-case method denied', method: 'get', path: '/projects/1/releases' },
  // Footnotes, boundaries, public.
  { name: 'footnoted row: its own permission, then the footnote\'s', method: 'GET', path: '/projects/1/deployments/2/merge_requests', route: 'GET /projects/:id/deployments/:deployment_id/merge_requests', line: 300, permissions: ['read_deployment', 'read_merge_request'] },
  { name: 'one route at three boundaries', method: 'DELETE', path: '/runners/5', route: 'DELETE /runners/:id', line: 527, permissions: ['delete_runner'], boundaries: ['project', 'group', 'instance'], public: false },
  { name: 'always accessible', method: 'GET', path: '/broadcast_messages', route: 'GET /broadcast_messages', line: 3737, access: 'always', permissions: [], boundaries: [], public: false },
  // The catch-all.
  { name: 'catch-all: an undocumented path', method: 'GET', path: '/nowhere/at/all', ...CATCH_ALL, params: { path: 'nowhere/at/all' } },
  { name: 'catch-all: an undocumented method on a documented path', method: 'OPTIONS', path: '/projects/1/releases', ...CATCH_ALL },
  { name: 'catch-all with the prefix', method: 'GET', path: '/api/v4/nowhere', ...CATCH_ALL, params: { path: 'nowhere' } },
  { name: 'the root has no segment for the catch-all', method: 'GET', path: '/api/v4' },
  // %2F in ids and file paths.
  { name: '%2F in a project id', method: 'GET', path: '/projects/group%2Fsub%2Fproject/releases', route: 'GET /projects/:id/releases', line: 1959, params: { id: 'group%2Fsub%2Fproject' } },
  { name: '%2F in a file path', method: 'GET', path: '/projects/1/repository/files/dir%2Ffile.rb', route: 'GET /projects/:id/repository/files/:file_path', line: 2867, params: { id: '1', file_path: 'dir%2Ffile.rb' } },
  { name: 'not canonicalizable', method: 'GET', path: '/projects/1/%zz' },
  // Grape's `.json` format suffix: GitLab also serves `x.json` by the route of `x`. Two rows for the two readings: denied.
  // `PUT /projects/:id/labels/promote` (line 2176, promote_label) would serve it, `PUT /projects/:id/labels/:name` (update_label) matches it as written.
  { name: 'promote.json: the label route and the promote route disagree', method: 'PUT', path: '/api/v4/projects/1/labels/promote.json' },
  // `GET /projects/:id/releases` (line 1959) for the bare path, only the catch-all for the path as written: GitLab's
  // catch-all (`route :any, '*path'`) is mounted last and tried after every route, so the releases route serves it.
  { name: 'releases.json: only the catch-all as written, so releases', method: 'GET', path: '/projects/1/releases.json', route: 'GET /projects/:id/releases', line: 1959, params: { id: '1' }, canonicalPath: '/projects/1/releases' },
  { name: 'with the prefix too', method: 'GET', path: '/api/v4/projects/1/releases.json', route: 'GET /projects/:id/releases', line: 1959, canonicalPath: '/projects/1/releases' },
  // No row for the bare path either: the catch-all (unavailable), as for any undocumented path.
  { name: 'an undocumented .json path', method: 'GET', path: '/nowhere.json', ...CATCH_ALL, params: { path: 'nowhere.json' } },
  // One row either way (`:name` takes `foo.json` and `foo`): the path's own match.
  { name: 'a label named foo.json', method: 'GET', path: '/projects/1/labels/foo.json', route: 'GET /projects/:id/labels/:name', line: 2178, params: { id: '1', name: 'foo.json' } },
  // The page writes `config.json` itself (line 1734); without it only the catch-all matches, which is no route of GitLab's.
  { name: 'a route written with .json', method: 'GET', path: '/projects/1/packages/cargo/config.json', route: 'GET /projects/:id/packages/cargo/config.json', line: 1734 },
  { name: 'a last segment that is only .json', method: 'GET', path: '/projects/1/labels/.json' },
];

describe('matchFineGrainedRestRoute: hand-written cases', () => {
  it.each(cases)('$name: $method $path', (c) => {
    const got = m.matchFineGrainedRestRoute(c.method, c.path);
    if (c.route === undefined) {
      expect(got).toBeUndefined();
      expect(m.fineGrainedRestRouteFor(c.method, c.path)).toBeUndefined();
      return;
    }
    expect(got?.route).toBe(c.route);
    expect(got!.source).toBe(`${PAGE}:${c.line}:1`);
    expect(got!.method).toBe(c.method);
    if (c.access) expect(got!.access).toBe(c.access);
    if (c.params) expect({ ...got!.params }).toEqual(c.params);
    if (c.permissions) expect([...got!.permissions]).toEqual(c.permissions);
    if (c.boundaries) expect([...got!.boundaries]).toEqual(c.boundaries);
    if (c.public !== undefined) expect(got!.public).toBe(c.public);
    if (c.reason) expect(got!.reason).toBe(c.reason);
    if (c.canonicalPath) expect(got!.canonicalPath).toBe(c.canonicalPath);
    expect(m.fineGrainedRestRouteFor(c.method, c.path)?.route).toBe(c.route);
  });
});

describe('isFineGrainedRestRequestAllowed', () => {
  it.each<[string, unknown, string, string, boolean]>([
    ['granted', ['read_release'], 'GET', '/api/v4/projects/1/releases', true],
    ['missing', ['read_job'], 'GET', '/projects/1/releases', false],
    ['footnoted row needs both', ['read_deployment'], 'GET', '/projects/1/deployments/2/merge_requests', false],
    ['footnoted row, both given', new Set(['read_merge_request', 'read_deployment']), 'GET', '/projects/1/deployments/2/merge_requests', true],
    ['always accessible', [], 'GET', '/broadcast_messages', true],
    ['unavailable, whatever is granted', ['read_package'], 'GET', '/packages/npm/pkg', false],
    ['catch-all', ['read_release'], 'GET', '/nowhere', false],
    ['denied path', ['read_release'], 'GET', '/api/v3/projects/1/releases', false],
    ['not a list', 'read_release', 'GET', '/projects/1/releases', false],
    ['null', null, 'GET', '/projects/1/releases', false],
  ])('%s', (_name, granted, method, path, allowed) => {
    expect(m.isFineGrainedRestRequestAllowed(granted, method, path)).toBe(allowed);
  });
});

describe('fineGrainedRestRoutes', () => {
  it('is the page\'s endpoints as frozen data: 1,876 granted + 27 always + 232 unavailable', () => {
    // Counted on the page (issue 12): 1,876 distinct granted method + path pairs, 27 always accessible rows, 232 unavailable rows.
    const count = (a: string) => m.fineGrainedRestRoutes.filter((r) => r.access === a).length;
    expect([count('granted'), count('always'), count('unavailable')]).toEqual([1876, 27, 232]);
    // 246 publicly accessible rows (`awk '/^## Publicly/,/^## Unavailable/' | grep -c '^| [A-Z].*| `'`).
    expect(m.fineGrainedRestRoutes.filter((r) => r.public)).toHaveLength(246);
    expect(Object.isFrozen(m.fineGrainedRestRoutes)).toBe(true);
    expect(Object.isFrozen(m.fineGrainedRestRoutes[0]!.permissions)).toBe(true);
  });
});
