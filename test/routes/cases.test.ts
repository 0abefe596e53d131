/**
 * Hand-written cases for the tricky routes and the canonicalization rules (README, "Route
 * matching"). Every expectation is written here by hand from the page's rows and the rules.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRoutes, type RoutesModule } from './helpers.ts';

let m: RoutesModule;
beforeAll(async () => {
  m = (await loadRoutes()).module;
});

const PAGE = 'sources/gitlab-ci-job-token-fine-grained-permissions.md';

interface Case {
  name: string;
  method: string;
  path: string;
  /** `undefined`: denied (no match). */
  route?: string;
  line?: number;
  params?: Record<string, string>;
  canonicalPath?: string;
  permissions?: string[];
}

const cases: Case[] = [
  // npm: dist-tags routes beat the `*package_name` metadata route; `*package_name/-/*file_name` beats it too.
  { name: 'npm metadata (None row)', method: 'GET', path: '/packages/npm/@scope%2Fpkg', route: 'GET /packages/npm/*package_name', line: 125, params: { package_name: '@scope%2Fpkg' }, permissions: [] },
  { name: 'npm dist-tags beats *package_name (literal `-` over splat)', method: 'GET', path: '/packages/npm/-/package/@scope/pkg/dist-tags', route: 'GET /packages/npm/-/package/*package_name/dist-tags', line: 181, params: { package_name: '@scope/pkg' }, permissions: ['READ_PACKAGES'] },
  { name: 'npm dist-tag update', method: 'PUT', path: '/packages/npm/-/package/pkg/dist-tags/latest', route: 'PUT /packages/npm/-/package/*package_name/dist-tags/:tag', line: 154, params: { package_name: 'pkg', tag: 'latest' } },
  { name: 'npm dist-tags without a package name is the metadata route', method: 'GET', path: '/packages/npm/-/package/dist-tags', route: 'GET /packages/npm/*package_name', line: 125, params: { package_name: '-/package/dist-tags' } },
  { name: 'group npm dist-tags', method: 'GET', path: '/groups/7/-/packages/npm/-/package/a/b/dist-tags', route: 'GET /groups/:id/-/packages/npm/-/package/*package_name/dist-tags', line: 170, params: { id: '7', package_name: 'a/b' } },
  { name: 'project npm tarball: *package_name/-/*file_name', method: 'GET', path: '/projects/1/packages/npm/@scope/pkg/-/@scope/pkg-1.0.0.tgz', route: 'GET /projects/:id/packages/npm/*package_name/-/*file_name', line: 210, params: { id: '1', package_name: '@scope/pkg', file_name: '@scope/pkg-1.0.0.tgz' } },
  { name: 'npm tarball: the first splat takes the last `-` (greedy)', method: 'GET', path: '/projects/1/packages/npm/a/-/b/-/c', route: 'GET /projects/:id/packages/npm/*package_name/-/*file_name', line: 210, params: { id: '1', package_name: 'a/-/b', file_name: 'c' } },
  { name: 'project npm metadata', method: 'GET', path: '/projects/1/packages/npm/pkg', route: 'GET /projects/:id/packages/npm/*package_name', line: 211, params: { id: '1', package_name: 'pkg' } },
  { name: 'project npm dist-tags', method: 'GET', path: '/projects/1/packages/npm/-/package/pkg/dist-tags', route: 'GET /projects/:id/packages/npm/-/package/*package_name/dist-tags', line: 212, params: { id: '1', package_name: 'pkg' } },
  { name: 'literal `npm` beats `:package_id` (route-overlap warning at line 228)', method: 'GET', path: '/projects/1/packages/npm/pipelines', route: 'GET /projects/:id/packages/npm/*package_name', line: 211, params: { id: '1', package_name: 'pipelines' } },
  { name: 'package pipelines', method: 'GET', path: '/projects/1/packages/9/pipelines', route: 'GET /projects/:id/packages/:package_id/pipelines', line: 228, params: { id: '1', package_id: '9' }, permissions: ['READ_PIPELINES'] },
  // Generic packages with and without `(*path/)`.
  { name: 'generic without path', method: 'GET', path: '/projects/1/packages/generic/pkg/1.0.0/file.txt', route: 'GET /projects/:id/packages/generic/:package_name/*package_version/(*path/):file_name', line: 204, params: { id: '1', package_name: 'pkg', package_version: '1.0.0', file_name: 'file.txt' } },
  { name: 'generic with path: the version splat takes it (the `:file_name` alternative ranks first)', method: 'GET', path: '/projects/1/packages/generic/pkg/1.0.0/dir/sub/file.txt', route: 'GET /projects/:id/packages/generic/:package_name/*package_version/(*path/):file_name', line: 204, params: { id: '1', package_name: 'pkg', package_version: '1.0.0/dir/sub', file_name: 'file.txt' } },
  { name: 'generic needs a version and a file', method: 'GET', path: '/projects/1/packages/generic/pkg/file.txt' },
  { name: 'generic upload', method: 'PUT', path: '/projects/1/packages/generic/pkg/1.0.0/file.txt', route: 'PUT /projects/:id/packages/generic/:package_name/*package_version/(*path/):file_name', line: 164 },
  { name: 'generic authorize beats upload', method: 'PUT', path: '/projects/1/packages/generic/pkg/1.0.0/a/file.txt/authorize', route: 'PUT /projects/:id/packages/generic/:package_name/*package_version/(*path/):file_name/authorize', line: 163, params: { id: '1', package_name: 'pkg', package_version: '1.0.0/a', file_name: 'file.txt' } },
  // Go modules.
  { name: 'go .info', method: 'GET', path: '/projects/1/packages/go/example.com/a/b/@v/v1.2.3.info', route: 'GET /projects/:id/packages/go/*module_name/@v/:module_version.info', line: 205, params: { id: '1', module_name: 'example.com/a/b', module_version: 'v1.2.3' } },
  { name: 'go .mod', method: 'GET', path: '/projects/1/packages/go/m/@v/v1.mod', route: 'GET /projects/:id/packages/go/*module_name/@v/:module_version.mod', line: 206, params: { id: '1', module_name: 'm', module_version: 'v1' } },
  { name: 'go .zip', method: 'GET', path: '/projects/1/packages/go/m/@v/v1.zip', route: 'GET /projects/:id/packages/go/*module_name/@v/:module_version.zip', line: 207 },
  { name: 'go version with the suffix twice: the parameter takes the last one', method: 'GET', path: '/projects/1/packages/go/m/@v/v1.info.info', route: 'GET /projects/:id/packages/go/*module_name/@v/:module_version.info', line: 205, params: { id: '1', module_name: 'm', module_version: 'v1.info' } },
  { name: 'go list', method: 'GET', path: '/projects/1/packages/go/m/@v/list', route: 'GET /projects/:id/packages/go/*module_name/@v/list', line: 208, params: { id: '1', module_name: 'm' } },
  { name: 'go: `.info` alone has an empty version', method: 'GET', path: '/projects/1/packages/go/m/@v/.info' },
  { name: 'go: unknown extension', method: 'GET', path: '/projects/1/packages/go/m/@v/v1.tar' },
  { name: 'go: encoded @ is not the literal `@v`', method: 'GET', path: '/projects/1/packages/go/m/%40v/list' },
  // Release permalinks with and without the optional groups.
  { name: 'permalink latest', method: 'GET', path: '/projects/1/releases/permalink/latest', route: 'GET /projects/:id/releases/permalink/latest(/)(*suffix_path)', line: 241, params: { id: '1' } },
  { name: 'permalink latest/', method: 'GET', path: '/projects/1/releases/permalink/latest/', route: 'GET /projects/:id/releases/permalink/latest(/)(*suffix_path)', line: 241, params: { id: '1' }, canonicalPath: '/projects/1/releases/permalink/latest' },
  { name: 'permalink latest/foo/bar', method: 'GET', path: '/projects/1/releases/permalink/latest/foo/bar', route: 'GET /projects/:id/releases/permalink/latest(/)(*suffix_path)', line: 241, params: { id: '1', suffix_path: 'foo/bar' } },
  { name: 'permalink latestfoo: `(/)` absent, splat present', method: 'GET', path: '/projects/1/releases/permalink/latestfoo', route: 'GET /projects/:id/releases/permalink/latest(/)(*suffix_path)', line: 241, params: { id: '1', suffix_path: 'foo' } },
  { name: 'permalink without latest', method: 'GET', path: '/projects/1/releases/permalink' , route: 'GET /projects/:id/releases/:tag_name', line: 240, params: { id: '1', tag_name: 'permalink' } },
  { name: 'release by tag', method: 'GET', path: '/projects/1/releases/v1.0', route: 'GET /projects/:id/releases/:tag_name', line: 240, params: { id: '1', tag_name: 'v1.0' }, permissions: ['READ_RELEASES'] },
  // `:id` with %2F, canonicalization.
  { name: ':id with %2F stays one segment, raw', method: 'GET', path: '/projects/group%2Fsub%2Fproject/releases', route: 'GET /projects/:id/releases', line: 242, params: { id: 'group%2Fsub%2Fproject' } },
  { name: 'lower-case %2f is upper-cased, not decoded', method: 'GET', path: '/projects/group%2fproject/releases', route: 'GET /projects/:id/releases', line: 242, params: { id: 'group%2Fproject' }, canonicalPath: '/projects/group%2Fproject/releases' },
  { name: 'trailing slash', method: 'GET', path: '/projects/1/releases/', route: 'GET /projects/:id/releases', line: 242, canonicalPath: '/projects/1/releases' },
  { name: 'double slash', method: 'GET', path: '//projects//1///releases', route: 'GET /projects/:id/releases', line: 242, canonicalPath: '/projects/1/releases' },
  { name: 'dot segments', method: 'GET', path: '/projects/./1/x/../releases', route: 'GET /projects/:id/releases', line: 242, canonicalPath: '/projects/1/releases' },
  { name: '%2e%2e is a dot segment', method: 'GET', path: '/projects/1/jobs/%2e%2E/releases', route: 'GET /projects/:id/releases', line: 242, canonicalPath: '/projects/1/releases' },
  { name: '%2e%2e climbing out of a route prefix', method: 'GET', path: '/projects/1/secure_files/%2E%2e/%2e%2e/2/releases', route: 'GET /projects/:id/releases', line: 242, params: { id: '2' }, canonicalPath: '/projects/2/releases' },
  { name: 'encoded literal /%70rojects', method: 'GET', path: '/%70rojects/1/releases', route: 'GET /projects/:id/releases', line: 242, canonicalPath: '/projects/1/releases' },
  { name: 'encoded %2F in a literal position does not split', method: 'GET', path: '/projects%2F1/releases' },
  { name: 'query string', method: 'GET', path: '/projects/1/releases?tag=../../x', route: 'GET /projects/:id/releases', line: 242, canonicalPath: '/projects/1/releases' },
  { name: 'fragment', method: 'GET', path: '/projects/1/releases#top', route: 'GET /projects/:id/releases', line: 242, canonicalPath: '/projects/1/releases' },
  { name: 'HEAD matches GET routes', method: 'HEAD', path: '/projects/1/releases', route: 'GET /projects/:id/releases', line: 242 },
  { name: 'lower-case method', method: 'get', path: '/projects/1/releases' },
  { name: 'unknown method', method: 'FETCH', path: '/projects/1/releases' },
  { name: 'method with no such route', method: 'PATCH', path: '/projects/1/releases' },
  { name: 'over-long path', method: 'GET', path: `/projects/${'1'.repeat(8200)}/releases` },
  { name: 'path at the limit', method: 'GET', path: `/projects/${'1'.repeat(8192 - 19)}/releases`, route: 'GET /projects/:id/releases', line: 242 },
  { name: 'unlisted path', method: 'GET', path: '/projects/1/issues' },
  { name: 'root', method: 'GET', path: '/' },
  { name: '.. above the root', method: 'GET', path: '/projects/../../projects/1/releases' },
  { name: 'not starting with /', method: 'GET', path: 'projects/1/releases' },
  { name: 'absolute URL', method: 'GET', path: 'https://gitlab.example.com/api/v4/projects/1/releases' },
  { name: 'NUL', method: 'GET', path: '/projects/1\u0000/releases' },
  { name: 'encoded NUL', method: 'GET', path: '/projects/1%00/releases' },
  { name: 'invalid escape', method: 'GET', path: '/projects/1%G0/releases' },
  { name: 'truncated escape', method: 'GET', path: '/projects/1/releases%2' },
  { name: 'raw non-ASCII', method: 'GET', path: '/projects/é/releases' },
  { name: 'percent-encoded non-ASCII', method: 'GET', path: '/projects/%C3%A9/releases', route: 'GET /projects/:id/releases', line: 242, params: { id: '%C3%A9' } },
  { name: 'backslash', method: 'GET', path: '/projects/1\\..\\2/releases' },
  { name: 'space', method: 'GET', path: '/projects/1 /releases' },
  // More rows whose neighbours look alike.
  { name: 'job artifacts by ref beat jobs/:job_id/artifacts only on their own shape', method: 'GET', path: '/projects/1/jobs/artifacts/main/raw/a/b.txt', route: 'GET /projects/:id/jobs/artifacts/:ref_name/raw/*artifact_path', line: 107, params: { id: '1', ref_name: 'main', artifact_path: 'a/b.txt' } },
  { name: 'job artifact file', method: 'GET', path: '/projects/1/jobs/5/artifacts/a/b.txt', route: 'GET /projects/:id/jobs/:job_id/artifacts/*artifact_path', line: 104, params: { id: '1', job_id: '5', artifact_path: 'a/b.txt' } },
  { name: 'environments review_apps literal beats :environment_id', method: 'DELETE', path: '/projects/1/environments/review_apps', route: 'DELETE /projects/:id/environments/review_apps', line: 96 },
  { name: 'environment by id', method: 'DELETE', path: '/projects/1/environments/3', route: 'DELETE /projects/:id/environments/:environment_id', line: 95, params: { id: '1', environment_id: '3' } },
  // Grape's `.json` format suffix: GitLab also serves `review_apps.json` by the `review_apps` route (line 96); as written it is
  // `:environment_id` (line 95). Two rows for the two readings: denied. With an id, one row either way.
  { name: 'review_apps.json: two readings, two rows', method: 'DELETE', path: '/projects/1/environments/review_apps.json' },
  { name: 'an id with .json: one row either way', method: 'DELETE', path: '/projects/1/environments/3.json', route: 'DELETE /projects/:id/environments/:environment_id', line: 95, params: { id: '1', environment_id: '3.json' } },
  { name: 'deployments need two permissions', method: 'POST', path: '/projects/1/deployments', route: 'POST /projects/:id/deployments', line: 91, permissions: ['ADMIN_DEPLOYMENTS', 'ADMIN_ENVIRONMENTS'] },
  { name: 'composer p2 splat', method: 'GET', path: '/group/1/-/packages/composer/p2/vendor/pkg.json', route: 'GET /group/:id/-/packages/composer/p2/*package_name', line: 113, params: { id: '1', package_name: 'vendor/pkg.json' } },
  { name: 'composer p/:sha', method: 'GET', path: '/group/1/-/packages/composer/p/abc', route: 'GET /group/:id/-/packages/composer/p/:sha', line: 112 },
  { name: 'composer p with two segments is the *package_name route', method: 'GET', path: '/group/1/-/packages/composer/p/abc/def', route: 'GET /group/:id/-/packages/composer/*package_name', line: 111, params: { id: '1', package_name: 'p/abc/def' } },
  { name: 'maven *path/:file_name', method: 'GET', path: '/packages/maven/com/example/app/1.0/app-1.0.jar', route: 'GET /packages/maven/*path/:file_name', line: 180, params: { path: 'com/example/app/1.0', file_name: 'app-1.0.jar' } },
  { name: 'maven needs a path and a file', method: 'GET', path: '/packages/maven/app.jar' },
  { name: 'job (None row)', method: 'GET', path: '/job', route: 'GET /job', line: 120, permissions: [] },
];

describe('matchJobTokenRoute: hand-written cases', () => {
  it.each(cases)('$name: $method $path', (c) => {
    const got = m.matchJobTokenRoute(c.method, c.path);
    if (c.route === undefined) {
      expect(got).toBeUndefined();
      return;
    }
    expect(got).toBeDefined();
    expect(got!.route).toBe(c.route);
    expect(got!.source).toBe(`${PAGE}:${c.line}:1`);
    expect(got!.method).toBe(c.method);
    if (c.params) expect({ ...got!.params }).toEqual(c.params);
    if (c.canonicalPath) expect(got!.canonicalPath).toBe(c.canonicalPath);
    if (c.permissions) {
      expect([...got!.permissions]).toEqual(c.permissions);
      expect(got!.controlled).toBe(c.permissions.length > 0);
    }
  });

  it('shares one frozen permission array per row between results', () => {
    const a = m.matchJobTokenRoute('GET', '/projects/1/releases')!;
    const b = m.matchJobTokenRoute('GET', '/projects/2/releases')!;
    expect(Object.isFrozen(a.permissions)).toBe(true);
    expect(Object.isFrozen(m.jobTokenRoutes)).toBe(true);
    expect(a.permissions).toBe(b.permissions);
  });

  it('returns the path itself when it is already canonical (no copy)', () => {
    const path = '/projects/1/releases';
    expect(m.matchJobTokenRoute('GET', path)!.canonicalPath).toBe(path);
  });
});

describe('isJobTokenRequestAllowed', () => {
  const cases: [string, Iterable<string>, string, string, boolean][] = [
    ['granted', ['READ_RELEASES'], 'GET', '/projects/1/releases', true],
    ['granted among others (a Set)', new Set(['READ_JOBS', 'READ_RELEASES']), 'GET', '/projects/1/releases', true],
    ['missing', ['READ_JOBS'], 'GET', '/projects/1/releases', false],
    ['needs both ADMIN_DEPLOYMENTS and ADMIN_ENVIRONMENTS: one is not enough', ['ADMIN_DEPLOYMENTS'], 'POST', '/projects/1/deployments', false],
    ['needs both: both given', ['ADMIN_ENVIRONMENTS', 'ADMIN_DEPLOYMENTS'], 'POST', '/projects/1/deployments', true],
    ['the same permission twice is still one', ['ADMIN_DEPLOYMENTS', 'ADMIN_DEPLOYMENTS'], 'POST', '/projects/1/deployments', false],
    ['None row: not controlled, so false (fail closed)', ['READ_PACKAGES'], 'GET', '/job', false],
    ['no route', ['READ_RELEASES'], 'GET', '/projects/1/issues', false],
    ['admin does not imply read', ['ADMIN_RELEASES'], 'GET', '/projects/1/releases', false],
    ['a string is not a list of permissions', 'READ_RELEASES', 'GET', '/projects/1/releases', false],
  ];
  it.each(cases)('%s', (_name, granted, method, path, allowed) => {
    expect(m.isJobTokenRequestAllowed(granted, method, path)).toBe(allowed);
  });

  it('is false (does not throw) for a non-iterable or throwing grant list', () => {
    expect(m.isJobTokenRequestAllowed(null, 'GET', '/projects/1/releases')).toBe(false);
    expect(m.isJobTokenRequestAllowed(42, 'GET', '/projects/1/releases')).toBe(false);
    const throwing = { *[Symbol.iterator]() { throw new Error('boom'); } };
    expect(m.isJobTokenRequestAllowed(throwing, 'GET', '/projects/1/releases')).toBe(false);
  });
});
