/**
 * The fine-grained answer through its lookup interface: the operations are read from the real
 * `gitlabOperationPermissions` of a package generated from the sources (issue 11's page); the REST
 * matcher (`matchFineGrainedRestRoute`, issue 12) is not compiled yet, so it is a small hand-made
 * stand-in with rows copied by hand from GitLab's current page (`gitlab-pat-fine-grained-rest.0739b8b.md`;
 * line numbers in the comments). Expected grants are written by hand from the pages. The stand-in
 * check `allowed` is the one issue 12 specifies for `isFineGrainedRestRequestAllowed`: true for
 * `granted` rows whose permissions are all held, and for `always` rows.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { leastGrant, type LeastPrivilegeRequest } from '../../generator/emit/runtime/least-privilege.ts';
import { fineGrainedVerdict, type FineGrainedRestMatchLike, type GitlabOperationPermissionLike } from '../../generator/emit/runtime/least-privilege-gitlab.ts';
import { WORKLOAD_OPERATION_NAMES } from '../../generator/least-privilege/operation-names.ts';
import { loadModules } from './helpers.ts';

const REST = 'gitlab-pat-fine-grained-rest.0739b8b.md';
const OPS = 'gitlab-pat-fine-grained-other-operations.3f07355.md';

interface StandInRow extends FineGrainedRestMatchLike {
  method: string;
  pattern: RegExp;
}
const granted = (method: string, pattern: RegExp, permissions: string[], boundaries: string[], line: number): StandInRow => ({ method, pattern, access: 'granted', permissions, boundaries, source: `${REST}:${line}` });
const ROWS: StandInRow[] = [
  // 1959: | Read | Project | `GET` | `/projects/:id/releases` | under `#### Release` (1950).
  granted('GET', /^\/projects\/[^/]+\/releases$/, ['read_release'], ['project'], 1959),
  // 1956: | Create | Project | `POST` | `/projects/:id/releases` |
  granted('POST', /^\/projects\/[^/]+\/releases$/, ['create_release'], ['project'], 1956),
  // 1691: | Create | Project | `PUT` | `/projects/:id/packages/generic/:package_name/*package_version/(*path/):file_name` | under `#### Package` (1666).
  granted('PUT', /^\/projects\/[^/]+\/packages\/generic\/[^/]+\/.+\/[^/]+$/, ['create_package'], ['project'], 1691),
  // 300 + footnote 303: | Read <sup>1</sup> | … `/projects/:id/deployments/:deployment_id/merge_requests`; "Also requires the `Read Merge Request` permission."
  granted('GET', /^\/projects\/[^/]+\/deployments\/[^/]+\/merge_requests$/, ['read_deployment', 'read_merge_request'], ['project'], 300),
  // 527–529: `DELETE /runners/:id` at Project, Group and Instance (one route, any of the boundaries).
  granted('DELETE', /^\/runners\/[^/]+$/, ['delete_runner'], ['project', 'group', 'instance'], 527),
  // 3737: always accessible `GET /broadcast_messages`.
  { method: 'GET', pattern: /^\/broadcast_messages$/, access: 'always', permissions: [], boundaries: [], source: `${REST}:3737` },
  // 4030: unavailable `POST /ai/duo_workflows/code_review/add_comments` (AI workflows OAuth token).
  { method: 'POST', pattern: /^\/ai\/duo_workflows\/code_review\/add_comments$/, access: 'unavailable', permissions: [], boundaries: [], reason: 'AI workflows OAuth token', source: `${REST}:4030` },
];

function matchRest(method: string, path: string): FineGrainedRestMatchLike | undefined {
  const p = path.replace(/^\/api\/v4(?=\/)/, '').replace(/[?#].*$/, '');
  return ROWS.find((r) => r.method === method && r.pattern.test(p));
}

function allowed(held: readonly string[], method: string, path: string): boolean {
  const m = matchRest(method, path);
  return m !== undefined && (m.access === 'always' || (m.access === 'granted' && m.permissions.every((p) => held.includes(p))));
}

/** The operations as the package writes them (`gitlab/operation-permissions.js`), keyed by operation id. */
let operations: Readonly<Record<string, GitlabOperationPermissionLike>>;
beforeAll(async () => {
  operations = (await loadModules()).operations.gitlabOperationPermissions;
}, 120_000);

const answer = (requests: readonly LeastPrivilegeRequest[]) =>
  leastGrant('fine-grained', requests, (r) => fineGrainedVerdict(r, matchRest, operations, WORKLOAD_OPERATION_NAMES));

describe('fine-grained answer: stand-in REST matcher, the generated operations', () => {
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

  it('includes "also requires" permissions, keeps every boundary of a multi-boundary route, lists always / unavailable / unlisted apart', () => {
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
    expect(a.notGranted.map((r) => [r.index, r.verdict.status])).toEqual([
      [3, 'unavailable'],
      [4, 'unknown'],
      // Operations page line 65: "You cannot use fine-grained personal access tokens to push container images."
      [5, 'unavailable'],
    ]);
    expect(a.notGranted[2]!.verdict.source).toEqual([`${OPS}:65`]);
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
    expect(fineGrainedVerdict({ kind: 'operation', operation: 'git-push', target: 'g/p' }, matchRest, undefined, WORKLOAD_OPERATION_NAMES).status).toBe('unknown');
  });

  it('property: every controlled request is let through by the grant, and dropping any permission denies one', () => {
    const request = fc.record({ i: fc.nat(ROWS.length), v: fc.constantFrom('1', 'g%2Fp') }).map(({ i, v }): LeastPrivilegeRequest => {
      const samples: [string, string][] = [
        ['GET', `/projects/${v}/releases`],
        ['POST', `/api/v4/projects/${v}/releases`],
        ['PUT', `/projects/${v}/packages/generic/app/1.0/a/b.bin`],
        ['GET', `/projects/${v}/deployments/3/merge_requests`],
        ['DELETE', `/runners/${v}`],
        ['GET', '/broadcast_messages'],
        ['POST', '/ai/duo_workflows/code_review/add_comments'],
        ['GET', `/projects/${v}/unlisted`],
      ];
      const [method, path] = samples[i % samples.length]!;
      return { kind: 'rest', method, path };
    });
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 10 }), (requests) => {
        const a = answer(requests);
        const all = ROWS.flatMap((r) => r.permissions);
        for (const r of a.requests) {
          const q = r.request as { method: string; path: string };
          expect(a.notGranted.includes(r)).toBe(!allowed(all, q.method, q.path));
          if (!a.notGranted.includes(r)) expect(allowed(a.grant, q.method, q.path)).toBe(true);
        }
        for (const id of a.grant) {
          const without = a.grant.filter((g) => g !== id);
          expect(a.requests.some((r) => !allowed(without, (r.request as { method: string }).method, (r.request as { path: string }).path) && !a.notGranted.includes(r))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
