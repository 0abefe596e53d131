/**
 * Properties over random workloads drawn from the real tables: the grant lets every grantable
 * request through the package's own check (`isFineGrainedRestRequestAllowed`,
 * `isJobTokenRequestAllowed`, `isForgejoRequestAllowed`), dropping any one id denies at least one
 * request (minimal), and what is reported not granted is not granted by any set of the kind's ids.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { concretePaths, loadModules, type GitlabModules, type Request } from './helpers.ts';
import { leastGrant, MAX_WORKLOAD_REQUESTS } from '../../generator/emit/runtime/least-privilege.ts';
import { polluted } from '../helpers/pollute.ts';
import { routeTemplates, templateRequest } from '../rest-routes/generators.ts';

let m: GitlabModules;
beforeAll(async () => {
  m = await loadModules();
}, 120_000);

/** Segment values: plain, numeric, an encoded full path (`%2F` stays in one segment). */
const segment = fc.constantFrom('1', '42', 'v1', 'group%2Fproject', 'app');
const RUNS = { numRuns: 200 };
// The job-token page's `## Unavailable API endpoints` heading: every row after it is one "CI/CD job tokens cannot access".
const JOB_TOKEN_PAGE = `sources/${(JSON.parse(readFileSync(new URL('../../sources/sources.json', import.meta.url), 'utf8')) as { sources: { id: string; file: string }[] }).sources.find((s) => s.id === 'gitlab-job-token-permissions')!.file}`;
const UNAVAILABLE_HEADING = readFileSync(new URL(`../../${JOB_TOKEN_PAGE}`, import.meta.url), 'utf8').split('\n').findIndex((l) => /^## Unavailable API endpoints/.test(l)) + 1;

describe('fine-grained personal access token (the compiled REST matcher and operations table)', () => {
  /** Fixed seed, a modest number of runs: each run answers a workload of up to 12 requests and checks every id of its grant. */
  const FINE_RUNS = { numRuns: 300, seed: 20_261_207 };
  let templates: { method: string; text: string }[] = [];
  /** Operations of `gitlabOperationPermissions` a workload can name (by the short name standing for the id), and the short names the page says fine-grained tokens cannot make. */
  let operationNames: string[] = [];
  let all: string[] = [];
  beforeAll(() => {
    templates = routeTemplates(m.rest.fineGrainedRestRoutes);
    const names = Object.entries(m.least.workloadOperationNames);
    operationNames = [
      ...Object.keys(m.operations.gitlabOperationPermissions).flatMap((id) => names.filter(([, n]) => n.operation === id).map(([short]) => short)),
      ...names.filter(([, n]) => n.unavailable !== undefined).map(([short]) => short),
    ];
    all = [...new Set([...m.rest.fineGrainedRestRoutes.flatMap((r) => r.permissions), ...Object.values(m.operations.gitlabOperationPermissions).flatMap((o) => o.permissions)])];
  });

  /** A REST request from a random row's pattern (test/rest-routes/generators.ts, as the REST differential test draws them), or an operation. */
  const workload = fc.array(
    fc.oneof(
      { weight: 4, arbitrary: templateRequest(() => templates).map((r): Request => ({ kind: 'rest', ...r })) },
      { weight: 1, arbitrary: fc.nat().map((i): Request => ({ kind: 'operation', operation: operationNames[i % operationNames.length]!, target: 'g/p' })) },
    ),
    { minLength: 1, maxLength: 12 },
  );

  /** Independent of the answer: REST through the package's `isFineGrainedRestRequestAllowed`; an operation when every permission of its row is held. */
  const allowed = (held: readonly string[], r: Request): boolean => {
    if (r.kind === 'rest') return m.rest.isFineGrainedRestRequestAllowed(held, r.method, r.path);
    const id = m.least.workloadOperationNames[r.operation]?.operation;
    const row = id === undefined ? undefined : m.operations.gitlabOperationPermissions[id];
    return row !== undefined && row.permissions.length > 0 && row.permissions.every((p) => held.includes(p));
  };

  it('lets every controlled request through, lists the rest as not granted, and no permission can be dropped', () => {
    expect(m.least.fineGrainedLookupsCompiled).toEqual({ rest: true, operations: true });
    // Guards on the generator itself: workloads must reach granted, always and unavailable rows, and operations.
    const seen = { needs: 0, always: 0, unavailable: 0, operation: 0 };
    fc.assert(
      fc.property(workload, (requests) => {
        const a = m.least.leastPrivilegeForRequests(requests).fineGrained;
        expect(a.requests).toHaveLength(requests.length);
        for (const r of a.requests) {
          const q = r.request as Request;
          const byAll = allowed(all, q);
          expect(a.notGranted.includes(r)).toBe(!byAll);
          if (byAll) expect(allowed(a.grant, q)).toBe(true);
          if (q.kind === 'operation') seen.operation++;
          if (q.kind !== 'rest') continue;
          const row = m.rest.matchFineGrainedRestRoute(q.method, q.path);
          if (row?.access === 'always') {
            seen.always++;
            expect([r.verdict.status, a.free.includes(r), allowed([], q)]).toEqual(['always', true, true]);
          } else if (row?.access === 'unavailable') {
            seen.unavailable++;
            expect([r.verdict.status, a.notGranted.includes(r)]).toEqual(['unavailable', true]);
          } else if (row?.access === 'granted') {
            seen.needs++;
            expect(r.verdict.status === 'needs' && r.verdict.alternatives).toEqual([row.permissions]);
          } else expect(a.notGranted.includes(r)).toBe(true);
        }
        for (const id of a.grant) {
          const without = a.grant.filter((g) => g !== id);
          expect(a.requests.some((r) => r.verdict.status === 'needs' && !allowed(without, r.request as Request))).toBe(true);
        }
        expect(a.complete).toBe(a.notGranted.length === 0);
      }),
      FINE_RUNS,
    );
    expect(seen.needs).toBeGreaterThan(FINE_RUNS.numRuns);
    for (const k of ['always', 'unavailable', 'operation'] as const) expect(seen[k]).toBeGreaterThan(0);
  }, 120_000);
});

describe('CI/CD job token', () => {
  /** A request built from a random row of the page's table (the matcher may pick a more specific row: the answer follows the matcher). */
  const rowRequest = () =>
    // The prefix as sent: none, `/api/v4`, or doubled (a path GitLab does not route: the answer must deny it as the matcher does).
    fc.record({ i: fc.nat(), v: segment, prefix: fc.constantFrom('', '/api/v4', '/api/v4/api/v4'), variant: fc.nat() }).map(({ i, v, prefix, variant }): Request => {
      const row = m.routes.jobTokenRoutes[i % m.routes.jobTokenRoutes.length]!;
      const paths = concretePaths(row.path, (_, splat) => (splat ? `${v}/x` : v));
      const path = paths[variant % paths.length]!;
      return { kind: 'rest', method: row.method, path: `${prefix}${path}` };
    });
  /** Requests no row lists: other paths, other prefixes, operations. */
  const stray = fc.constantFrom<Request>(
    { kind: 'rest', method: 'GET', path: '/projects/1/no_such_endpoint' },
    { kind: 'rest', method: 'GET', path: '/api/v3/projects/1/releases' },
    { kind: 'rest', method: 'PATCH', path: '/projects/1/releases' },
    { kind: 'operation', operation: 'git-push', target: 'g/p' },
  );
  const workload = fc.array(fc.oneof({ weight: 5, arbitrary: rowRequest() }, { weight: 1, arbitrary: stray }), { minLength: 1, maxLength: 12 });
  const allPermissions = () => [...new Set(m.routes.jobTokenRoutes.flatMap((r) => r.permissions))];

  it('lets every request it grants through, and no permission can be dropped', () => {
    fc.assert(
      fc.property(workload, (requests) => {
        const a = m.least.leastPrivilegeForRequests(requests).jobToken;
        const granted = a.requests.filter((r) => r.verdict.status === 'needs');
        for (const r of granted) {
          const q = r.request as Extract<Request, { kind: 'rest' }>;
          expect(m.routes.isJobTokenRequestAllowed(a.grant, q.method, q.path)).toBe(true);
        }
        for (const id of a.grant) {
          const without = a.grant.filter((g) => g !== id);
          expect(granted.some((r) => !m.routes.isJobTokenRequestAllowed(without, (r.request as { method: string }).method, (r.request as { path: string }).path))).toBe(true);
        }
        expect(a.complete).toBe(a.notGranted.length === 0);
      }),
      RUNS,
    );
  });

  it('reports as not granted exactly the requests no set of job-token permissions lets through', () => {
    const all = allPermissions();
    fc.assert(
      fc.property(workload, (requests) => {
        const a = m.least.leastPrivilegeForRequests(requests).jobToken;
        for (const r of a.requests) {
          const q = r.request;
          const allowedByAll = q.kind === 'rest' && m.routes.isJobTokenRequestAllowed(all, q.method, q.path);
          expect(a.notGranted.includes(r)).toBe(!allowedByAll);
          // Rows of the unavailable section are `unavailable`; `None` rows (a single-table page) are said to be governed by the default job-token access; never `unknown`.
          const row = q.kind === 'rest' ? m.routes.matchJobTokenRoute(q.method, q.path) : undefined;
          if (row?.controlled === false) {
            const line = Number(row.source.split(':').at(-2));
            expect(r.verdict.status).toBe(UNAVAILABLE_HEADING > 0 && line > UNAVAILABLE_HEADING ? 'unavailable' : 'default-access');
          }
        }
      }),
      RUNS,
    );
  });
});

describe('Forgejo scopes', () => {
  const rest = (method: string, path: string): Request => ({ kind: 'rest', method, path });
  /** A request under a random rule's shape: `{x}` filled, a trailing `/*` dropped or extended. */
  const ruleRequest = () =>
    fc.record({ i: fc.nat(), method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'), tail: fc.constantFrom('', '/1', '/1/comments'), prefix: fc.boolean(), v: fc.constantFrom('o', 'r', 'x1') }).map(
      ({ i, method, tail, prefix, v }) => {
        const rule = m.forgejo.forgejoRouteRules[i % m.forgejo.forgejoRouteRules.length]!;
        const path = rule.interpretation.replace(/\{[^}]+\}/g, v).replace(/\/\*$/, tail);
        return rest(method, prefix ? `/api/v1${path}` : path);
      },
    );
  const workload = fc.array(fc.oneof({ weight: 6, arbitrary: ruleRequest() }, { weight: 1, arbitrary: fc.constantFrom(rest('GET', '/no/such/route'), rest('OPTIONS', '/repos/o/r')) }), { minLength: 1, maxLength: 12 });

  it('lets every request it grants through, no scope can be dropped, the rest no scopes grant', () => {
    fc.assert(
      fc.property(workload, (requests) => {
        const a = m.forgejo.leastPrivilegeForForgejoRequests(requests);
        for (const r of a.requests) {
          const q = r.request as { method: string; path: string };
          const byAll = m.forgejo.isForgejoRequestAllowed(m.forgejo.forgejoScopes, q.method, q.path);
          expect(a.notGranted.includes(r)).toBe(!byAll);
          if (byAll) expect(m.forgejo.isForgejoRequestAllowed(a.grant, q.method, q.path)).toBe(true);
        }
        for (const id of a.grant) {
          const without = a.grant.filter((g) => g !== id);
          expect(a.requests.some((r) => r.verdict.status === 'needs' && !m.forgejo.isForgejoRequestAllowed(without, (r.request as { method: string }).method, (r.request as { path: string }).path))).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('prefers read:issue to write:issue, and write:issue to write:repository (hand-written from the page, issue row line 76)', () => {
    const a = m.forgejo.leastPrivilegeForForgejoRequests([rest('GET', '/api/v1/repos/o/r/issues'), rest('GET', '/repos/o/r/issues/1/comments')]);
    expect(a.grant).toEqual(['read:issue']);
    const b = m.forgejo.leastPrivilegeForForgejoRequests([rest('GET', '/repos/o/r/issues'), rest('POST', '/repos/o/r/issues/1/comments')]);
    expect(b.grant).toEqual(['write:issue']);
  });
});

describe('classic scopes', () => {
  const operations = ['git-pull', 'git-push', 'git-pull-wiki', 'registry-pull', 'registry-push', 'registry-delete', 'dependency-proxy-pull', 'archive-download', 'feed-project-activity'];
  const request = fc.oneof(
    fc.record({ method: fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE'), path: fc.constantFrom('/projects/1/releases', '/projects/1/repository/files/a%2Fb.txt', '/user', '/users/2/projects', '/api/v4/groups/3') }).map((r): Request => ({ kind: 'rest', ...r })),
    fc.constantFrom(...operations).map((operation): Request => ({ kind: 'operation', operation, target: 'g/p' })),
  );
  const tokenType = fc.constantFrom('personal', 'group', 'project');

  /** An independent check: a request is allowed by `scopes` when some reading covers it and every scope it needs is held and available. */
  const allowed = (scopes: readonly string[], r: Request, type: string) => {
    const v = m.least.classicScopeRequestVerdict(r, type);
    return v.status === 'needs' && v.alternatives.some((alt) => alt.every((s) => scopes.includes(s)));
  };
  const weight = (scopes: readonly string[]) => scopes.reduce((w, s) => w + (m.least.classicScopeWeights[s] ?? 1000), 0);

  it('is a grant of least weight among all subsets of the readings\' scopes, and minimal', () => {
    const candidates = [...new Set(m.least.classicScopeRules.flatMap((r) => [r.scope, ...r.alsoRequires]))];
    expect(candidates.length).toBeLessThanOrEqual(12);
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 8 }), tokenType, (requests, type) => {
        const a = m.least.leastPrivilegeForRequests(requests, { classicTokenType: type }).classic;
        const grantable = requests.filter((r) => candidates.some(() => allowed(candidates, r, type)));
        for (const r of grantable) expect(allowed(a.grant, r, type)).toBe(true);
        expect(a.notGranted.map((x) => x.request)).toEqual(requests.filter((r) => !grantable.includes(r)));
        for (const s of a.grant) expect(grantable.some((r) => !allowed(a.grant.filter((g) => g !== s), r, type))).toBe(true);
        for (const s of a.grant) expect(m.scopes.isScopeAvailableFor(s, type)).toBe(true);
        // Brute force over every subset: none lets the same requests through with less weight.
        let best = Infinity;
        for (let mask = 0; mask < 1 << candidates.length; mask++) {
          const set = candidates.filter((_, k) => mask & (1 << k));
          if (grantable.every((r) => allowed(set, r, type))) best = Math.min(best, weight(set));
        }
        expect(weight(a.grant)).toBe(best);
      }),
      { numRuns: 100 },
    );
  });
});

describe('malformed requests', () => {
  it('never throws; anything that is not a well-formed request is denied for every kind', () => {
    fc.assert(
      fc.property(fc.array(fc.anything(), { maxLength: 5 }), (junk) => {
        const requests = junk as Request[];
        const a = m.least.leastPrivilegeForRequests(requests);
        for (const k of [a.jobToken, a.classic, a.fineGrained]) expect(k.requests).toHaveLength(junk.length);
        expect(m.forgejo.leastPrivilegeForForgejoRequests(requests).requests).toHaveLength(junk.length);
      }),
      { numRuns: 300 },
    );
    const a = m.least.leastPrivilegeForRequests([null, { kind: 'rest', method: 'GET', path: 42 }, { kind: 'operation', operation: 'nope', target: 'x' }] as unknown as Request[]);
    for (const k of [a.jobToken, a.classic, a.fineGrained]) expect(k.notGranted.map((r) => r.verdict.status)).toEqual(['unknown', 'unknown', 'unknown']);
  });

  it('denies, for every kind, a request of no known kind or with a method or path the matchers deny (classic scopes too)', () => {
    // Each is denied by the REST matcher (or is no request at all); with a well-formed request next to it,
    // no kind may answer `complete`, and the malformed one must be `unknown`, never granted.
    const ok: Request = { kind: 'rest', method: 'GET', path: '/api/v4/projects/42/releases' };
    const bad = [
      { kind: 'rest', method: 'get', path: '/api/v4/projects/42/releases' },
      { kind: 'rest', method: 'FETCH', path: '/api/v4/projects/42/releases' },
      { kind: 'rest', method: 7, path: '/api/v4/projects/42/releases' },
      { kind: 'rest', method: 'POST', path: '/api/v3/projects' },
      { kind: 'rest', method: 'GET', path: '/api/internal/kubernetes/agent_info' },
      { kind: 'rest', method: 'GET', path: '/api/v4/api/v4/user' },
      { kind: 'rest', method: 'OPTIONS', path: '/api/v4/projects/42/releases' },
      { kind: 'REST', method: 'DELETE', path: '/projects/1' },
      { kind: 'foo' },
      { kind: 'git', operation: 'git-push', target: 'acme/app' },
    ];
    for (const b of bad) {
      const a = m.least.leastPrivilegeForRequests([ok, b as unknown as Request]);
      for (const k of [a.jobToken, a.classic, a.fineGrained]) {
        expect(k.complete, `${k.kind} ${JSON.stringify(b)}`).toBe(false);
        // `unknown`, or `unavailable` where the REST page's catch-all row says fine-grained tokens cannot (OPTIONS).
        expect(k.notGranted.map((r) => [r.index, r.verdict.status === 'unavailable' ? 'unknown' : r.verdict.status]), `${k.kind} ${JSON.stringify(b)}`).toEqual([[1, 'unknown']]);
      }
      // The well-formed request alone needs read_api at most: the malformed one added nothing.
      expect(a.classic.grant).toEqual(['read_api']);
    }
  });

  it('reads Grape\'s .json suffix for classic readings: GET /user.json is read_user, as GET /user (token-scopes page line 35)', () => {
    // A bug hunt: /user.json was answered read_api (the page's "read access to the API", line 20), much broader than read_user.
    for (const path of ['/api/v4/user', '/api/v4/user.json']) expect(m.least.leastPrivilegeForRequests([{ kind: 'rest', method: 'GET', path }]).classic.grant, path).toEqual(['read_user']);
    // /users/* (line 35's "under /users") covers /users itself, so /users.json too; /users/1.json is under it as written.
    for (const path of ['/api/v4/users.json', '/api/v4/users/1.json']) expect(m.least.leastPrivilegeForRequests([{ kind: 'rest', method: 'GET', path }]).classic.grant, path).toEqual(['read_user']);
    // `.json` after nothing is no reading of /user/: read_api as for any GET.
    expect(m.least.leastPrivilegeForRequests([{ kind: 'rest', method: 'GET', path: '/api/v4/user/.json' }]).classic.grant).toEqual(['read_api']);
  });

  it('places a path as the matchers do: /api/v4/../v4/… is /api/v4/…, for classic scopes too', () => {
    const a = m.least.leastPrivilegeForRequests([{ kind: 'rest', method: 'DELETE', path: '/api/v4/../v4/projects/1' }]);
    expect(m.rest.isFineGrainedRestRequestAllowed(['delete_project'], 'DELETE', '/api/v4/../v4/projects/1')).toBe(true);
    expect(a.fineGrained.grant).toEqual(['delete_project']);
    expect(a.classic.grant).toEqual(['api']);
  });

  it('reads a workload it cannot read as denied inputs, never as an empty one: holes, throwing elements, not an array, null options', () => {
    const ok: Request = { kind: 'rest', method: 'GET', path: '/api/v4/projects/42/releases' };
    // eslint-disable-next-line no-sparse-arrays
    const holes = [ok, , ok] as Request[];
    const throwing = [ok, ok];
    Object.defineProperty(throwing, 1, { get: () => { throw new Error('boom'); } });
    const { proxy: revoked, revoke } = Proxy.revocable([ok], {});
    revoke();
    const badLength = new Proxy([ok], { get: (t, k) => (k === 'length' ? (() => { throw new Error('boom'); })() : Reflect.get(t, k)) });
    for (const [requests, expected] of [[holes, [[1, 'unknown']]], [throwing, [[1, 'unknown']]], [null, [[0, 'unknown']]], ['GET /x', [[0, 'unknown']]], [revoked, [[0, 'unknown']]], [badLength, [[0, 'unknown']]]] as const) {
      const a = m.least.leastPrivilegeForRequests(requests as unknown as Request[]);
      for (const k of [a.jobToken, a.classic, a.fineGrained]) {
        expect(k.complete).toBe(false);
        expect(k.notGranted.map((r) => [r.index, r.verdict.status])).toEqual(expected);
      }
      expect(m.forgejo.leastPrivilegeForForgejoRequests(requests as unknown as Request[]).complete).toBe(false);
    }
    expect(() => m.least.leastPrivilegeForRequests([ok], null as unknown as undefined)).not.toThrow();
    // Options that throw when read (a bug hunt): the classic answer denies, nothing throws.
    const { proxy: revokedOptions, revoke: revokeOptions } = Proxy.revocable({}, {});
    revokeOptions();
    for (const options of [{ get classicTokenType(): never { throw new Error('boom'); } }, revokedOptions]) {
      const a = m.least.leastPrivilegeForRequests([ok], options as never);
      expect(a.classic.complete).toBe(false);
      expect(a.classic.notGranted.map((r) => r.verdict.why)).toEqual(['options.classicTokenType could not be read: denied.']);
      expect(a.fineGrained.complete).toBe(true);
    }
  });

  it('reads each field of a request once: a getter that changes its answer cannot steer a verdict (a bug hunt: OPTIONS /api/graphql became `api`)', () => {
    // classicScopeVerdict read `kind` four times: 'rest' for the method check, 'operation' on the
    // third read skipped the method and path checks, and the `api` reading's `**` covered the unplaced path.
    const flipping = (method: string, path: string) => {
      const kinds = ['rest', 'rest', 'operation'];
      let reads = 0;
      return { get kind() { return kinds[reads++] ?? 'rest'; }, method, path } as unknown as Request;
    };
    for (const [method, path] of [['OPTIONS', '/api/graphql'], ['POST', '/api/graphql'], ['DELETE', '/api/internal/kubernetes']]) {
      for (const tokenType of ['personal', 'project']) {
        const v = m.least.classicScopeRequestVerdict(flipping(method!, path!), tokenType);
        expect(v.status, `${method} ${path} ${tokenType}`).toBe('unknown');
      }
    }
    // A method getter answering GET, then OPTIONS: the verdict is the GET's (read once), as for a plain GET.
    let reads = 0;
    const method = { kind: 'rest', path: '/api/v4/projects/1', get method() { return reads++ === 0 ? 'GET' : 'OPTIONS'; } } as unknown as Request;
    expect(m.least.classicScopeRequestVerdict(method, 'personal')).toEqual(m.least.classicScopeRequestVerdict({ kind: 'rest', method: 'GET', path: '/api/v4/projects/1' }, 'personal'));
  });

  it('an operation name that is not a string is denied, never converted (a review: an object\'s toString answered git-push)', () => {
    let calls = 0;
    const named = (operation: unknown) => ({ kind: 'operation', operation, target: 'g/p' }) as unknown as Request;
    for (const operation of [{ toString: () => 'git-push' }, { toString: () => (calls++ === 0 ? 'git-pull' : 'git-push') }, ['git-push']]) {
      expect(m.least.fineGrainedRequestVerdict(named(operation)).status).toBe('unknown');
      expect(m.least.leastPrivilegeForRequests([named(operation)]).fineGrained.grant).toEqual([]);
    }
  });

  it('the one-request verdicts never throw: a request that cannot be read is unknown (a bug hunt)', () => {
    const throwing = { get kind(): never { throw new Error('boom'); } };
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    const { proxy: revokedType, revoke: revokeType } = Proxy.revocable({}, {});
    revokeType();
    const verdicts: [string, (r: Request) => { status: string }][] = [
      ['jobTokenRequestVerdict', (r) => m.least.jobTokenRequestVerdict(r)],
      ['classicScopeRequestVerdict', (r) => m.least.classicScopeRequestVerdict(r)],
      ['classicScopeRequestVerdict, a revoked Proxy as token type', (r) => m.least.classicScopeRequestVerdict(r, revokedType as unknown as string)],
      ['fineGrainedRequestVerdict', (r) => m.least.fineGrainedRequestVerdict(r)],
      ['forgejoRequestVerdict', (r) => m.forgejo.forgejoRequestVerdict(r)],
    ];
    const ok = { kind: 'rest', method: 'POST', path: '/api/v4/projects/1/issues' };
    for (const [name, verdict] of verdicts)
      for (const [label, request] of [['null', null], ['undefined', undefined], ['42', 42], ['a throwing getter', throwing], ['a revoked Proxy', revoked], ...(name.includes('Proxy') ? [['a plain POST', ok]] : [])] as const) {
        let v: { status: string } | undefined;
        expect(() => (v = verdict(request as unknown as Request)), `${name}: ${label}`).not.toThrow();
        expect(v!.status, `${name}: ${label}`).toBe('unknown');
      }
  });

  it('answers a workload longer than MAX_WORKLOAD_REQUESTS for its first requests and one denied input (a bug hunt: length 2^32 − 1 crashed V8)', () => {
    const ok: Request = { kind: 'rest', method: 'GET', path: '/api/v4/projects/42/releases' };
    const sparse = [ok];
    sparse.length = 2 ** 32 - 1;
    const a = m.least.leastPrivilegeForRequests(sparse);
    for (const k of [a.jobToken, a.classic, a.fineGrained]) {
      expect(k.complete).toBe(false);
      expect(k.requests).toHaveLength(MAX_WORKLOAD_REQUESTS + 1);
      const last = k.requests[MAX_WORKLOAD_REQUESTS]!.verdict;
      expect([last.status, last.why]).toEqual(['unknown', `The workload has more than ${MAX_WORKLOAD_REQUESTS} requests; those past it were not read: denied.`]);
    }
    expect(a.classic.grant).toEqual(['read_api']);
  }, 60_000);

  it('reads options.classicTokenType only as the caller\'s own property (a bug hunt: Object.prototype.classicTokenType changed the token type)', () => {
    const workload: Request[] = [{ kind: 'rest', method: 'GET', path: '/api/v4/user' }, { kind: 'operation', operation: 'git-push', target: 'acme/app' }];
    const personal = m.least.leastPrivilegeForRequests(workload);
    expect(personal.classic.tokenType).toBe('personal');
    polluted(Object.prototype, 'classicTokenType', 'project', () => {
      const a = m.least.leastPrivilegeForRequests(workload);
      expect(a.classic.tokenType).toBe('personal');
      expect(a.classic.grant).toEqual(personal.classic.grant);
      expect(m.least.leastPrivilegeForRequests(workload, {}).classic.tokenType).toBe('personal');
    });
  });

  it('reads only a request\'s own fields (a review: Object.prototype.method made a request without one a GET)', () => {
    const noMethod = { kind: 'rest', path: '/api/v4/projects/1/releases' } as unknown as Request;
    const noKind = { method: 'GET', path: '/api/v4/projects/1/releases' } as unknown as Request;
    for (const [key, value, request] of [['method', 'GET', noMethod], ['kind', 'rest', noKind]] as const) {
      polluted(Object.prototype, key, value, () => {
        const a = m.least.leastPrivilegeForRequests([request]);
        for (const k of [a.jobToken, a.classic, a.fineGrained]) expect([k.kind, k.complete, k.grant], key).toEqual([k.kind, false, []]);
        expect(m.least.jobTokenRequestVerdict(request).status, key).toBe('unknown');
        expect(m.forgejo.forgejoRequestVerdict(request).status, key).toBe('unknown');
      });
    }
  });

  it('denies a hand-made GraphQL input whose lists are not lists of strings, instead of throwing', () => {
    const base = { kind: 'graphql', operation: 'query Q', subject: 'Project', reason: 'type', fields: ['Query.project'], alternatives: [['read_project']], boundaries: ['project'], source: [] };
    // `['']` and `[{ length: 0 }]` have an element of length 0 without being an empty list of permissions.
    for (const odd of [{ boundaries: 5 }, { alternatives: 5 }, { alternatives: [5] }, { alternatives: [[5]] }, { source: 'x' }, { alternatives: [''] }, { alternatives: [{ length: 0 }] }, { alternatives: ['read_project'] }]) {
      const a = m.least.leastPrivilegeForRequests([{ ...base, ...odd } as unknown as Request]);
      expect(a.fineGrained.complete, JSON.stringify(odd)).toBe(false);
      expect(a.fineGrained.grant).toEqual([]);
    }
  });
});

describe('a log of many requests of one route', () => {
  it('shares one frozen verdict among them (a log of 100,000 kept 2.8 KB per request), so no answer can change another', () => {
    const requests = Array.from({ length: 1000 }, (_, i) => ({ kind: 'rest', method: 'GET', path: `/api/v4/projects/${i + 1}/releases` }) as Request);
    const a = m.least.leastPrivilegeForRequests(requests);
    for (const k of [a.fineGrained, a.jobToken, a.classic]) {
      expect(new Set(k.requests.map((r) => r.verdict)).size).toBe(1);
      const v = k.requests[0]!.verdict;
      expect(Object.isFrozen(v)).toBe(true);
      expect(() => (v.source as string[]).push('x')).toThrow(TypeError);
      if (v.status === 'needs') expect(() => (v.alternatives[0] as string[]).push('x')).toThrow(TypeError);
      expect(k.complete).toBe(true);
    }
  });
});

describe('hand-made GraphQL inputs name the package\'s vocabulary only (a bug hunt: made-up ids were granted, and 20,000 of them took 22 s)', () => {
  const input = (alternatives: string[][], boundaries: unknown = ['project']) => ({ kind: 'graphql', operation: 'query Q', subject: 'T', reason: 'type', fields: ['Query.x'], alternatives, boundaries, source: [] }) as unknown as Request;

  it('denies an id that is not a fine-grained permission, and a boundary that is not one of project, group, user, instance', () => {
    // read_project and read_runner are on the GraphQL page (test/fixtures/seeds and sources); p0 and q0 are on no page.
    const real = m.least.leastPrivilegeForRequests([input([['read_project'], ['read_runner']])]).fineGrained;
    expect([real.complete, real.grant]).toEqual([true, ['read_project']]);
    for (const bad of [input([['p0'], ['q0']]), input([['read_project', 'p0']]), input([['read_project']], ['galaxy']), input([['read_project']], 'project')]) {
      const a = m.least.leastPrivilegeForRequests([bad]).fineGrained;
      expect([a.complete, a.grant, a.requests[0]!.verdict.status], JSON.stringify(bad)).toEqual([false, [], 'unknown']);
    }
  });

  it('reads a hand-made input\'s lists once, index by index: own methods, changing index getters and holes cannot slip a made-up id or boundary in (a review)', () => {
    let reads = 0;
    const flipping: string[] = [];
    Object.defineProperty(flipping, 0, { get: () => (reads++ === 0 ? 'read_project' : 'made_up_id'), enumerable: true });
    let boundaryReads = 0;
    const flippingBoundaries: string[] = [];
    Object.defineProperty(flippingBoundaries, 0, { get: () => (boundaryReads++ === 0 ? 'project' : 'galaxy'), enumerable: true });
    const hostile: [string, Request][] = [
      ['an index getter that changes', input([flipping])],
      ['an own flat', input(Object.assign([['made_up_id']], { flat: () => [] }))],
      ['an own every', input(Object.assign([['made_up_id']], { every: () => true }))],
      ['an own map that answers a made-up id', input(Object.assign([['read_project']], { map: () => [['made_up_id']] }))],
      // eslint-disable-next-line no-sparse-arrays
      ['a hole in an alternative', input([[, 'read_project'] as string[]])],
      ['a boundary getter that changes', input([['read_project']], flippingBoundaries)],
      ['an own every on boundaries', input([['read_project']], Object.assign(['galaxy'], { every: () => true }))],
      // eslint-disable-next-line no-sparse-arrays
      ['a hole in the boundaries', input([['read_project']], [, 'project'])],
    ];
    for (const [name, request] of hostile) {
      let a: ReturnType<typeof m.least.leastPrivilegeForRequests>['fineGrained'] | undefined;
      expect(() => (a = m.least.leastPrivilegeForRequests([request]).fineGrained), name).not.toThrow();
      const granted = [...a!.grant, ...a!.ids.flatMap((i) => i.boundaries)];
      expect(granted.filter((x) => x !== 'read_project' && x !== 'project'), name).toEqual([]);
      for (const x of granted) expect(typeof x, name).toBe('string');
    }
  });

  it('answers 20,000 inputs of made-up ids as denied inputs, none granted', () => {
    const a = m.least.leastPrivilegeForRequests(Array.from({ length: 20_000 }, (_, i) => input([[`p${i}`], [`q${i}`]]))).fineGrained;
    expect(a.grant).toEqual([]);
    expect(a.notGranted).toHaveLength(20_000);
  });
});

describe('the least-grant searches with thousands of alternatives (a bug hunt: they took minutes)', () => {
  // The searches themselves (the runtime's `leastGrant`), on requirements of made-up ids: the package's own inputs
  // cannot name them any more (above), and 623 real ids are too few for these shapes.
  const leastOf = (requirements: string[][][]) =>
    leastGrant(
      'fine-grained',
      requirements.map((alternatives) => ({ kind: 'graphql', alternatives }) as unknown as Request),
      (r) => ({ status: 'needs', alternatives: (r as unknown as { alternatives: string[][] }).alternatives, why: '', source: [] }),
    );
  /** Whether `grant` satisfies each requirement, and dropping any of its ids leaves one unsatisfied (checked here, not by the package). */
  const check = (requirements: string[][][], grant: readonly string[]) => {
    const ok = (set: ReadonlySet<string>) => requirements.every((alts) => alts.some((alt) => alt.every((id) => set.has(id))));
    expect(ok(new Set(grant))).toBe(true);
    for (const id of grant) expect(ok(new Set(grant.filter((x) => x !== id))), id).toBe(false);
  };

  it('3,000 requirements of two fresh ids each (the greedy search): one id per requirement', () => {
    const requirements = Array.from({ length: 3000 }, (_, i) => [[`a${i}`], [`b${i}`]]);
    const a = leastOf(requirements);
    expect(a.complete).toBe(true);
    expect(a.grant).toHaveLength(3000);
    check(requirements, a.grant);
  });

  it('3,000 distinct requirements over 16 ids (the exact search over 2^16 subsets): a grant that satisfies all, with nothing to drop', () => {
    const ids = Array.from({ length: 16 }, (_, i) => `p${String(i).padStart(2, '0')}`);
    // Requirement i: any one of p00…p14, listed from start i % 15, or all four ids of the (i / 15)th of the 1,820 four-id subsets:
    // no two are the same list, and 16 ids in all keep the exact search in play. The last one: all of p00…p07, or all of p08…p15.
    const quads: string[][] = [];
    for (let a = 0; a < 16; a++) for (let b = a + 1; b < 16; b++) for (let c = b + 1; c < 16; c++) for (let d = c + 1; d < 16; d++) quads.push([ids[a]!, ids[b]!, ids[c]!, ids[d]!]);
    const requirements = Array.from({ length: 3000 }, (_, i) => [...ids.slice(0, 15).map((_id, k) => [ids[(k + i) % 15]!]), quads[Math.floor(i / 15)]!]);
    requirements.push([ids.slice(0, 8), ids.slice(8)]);
    const a = leastOf(requirements);
    expect(a.complete).toBe(true);
    expect(a.grant).toHaveLength(8);
    check(requirements, a.grant);
  });
});

describe('jobTokenVerdict: uncontrolled rows', () => {
  it('a row of the unavailable section is unavailable; any other uncontrolled row (a `None` row of a single-table page) is default access', async () => {
    const { jobTokenVerdict } = await import('../../generator/emit/runtime/least-privilege-gitlab.ts');
    const request = { kind: 'rest' as const, method: 'GET', path: '/projects/1/x' };
    const row = (line: number) => ({ permissions: [], controlled: false, source: `page.md:${line}:1`, line });
    expect(jobTokenVerdict(request, () => row(311), new Set([311])).status).toBe('unavailable');
    expect(jobTokenVerdict(request, () => row(120), new Set([311])).status).toBe('default-access');
    expect(jobTokenVerdict(request, () => row(120)).status).toBe('default-access');
  });
});
