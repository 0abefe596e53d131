/**
 * The fine-grained answer through its lookup interface, with small hand-made stand-ins for the REST
 * matcher (`matchFineGrainedRestRoute`, issue 12) and the operations table (issue 11): rows copied
 * by hand from GitLab's current pages (`gitlab-pat-fine-grained-rest.0739b8b.md`,
 * `gitlab-pat-fine-grained-other-operations.3f07355.md`; line numbers in the comments). The
 * stand-in check `allowed` is the one issue 12 specifies for `isFineGrainedRestRequestAllowed`:
 * true for `granted` rows whose permissions are all held, and for `always` rows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leastGrant, type LeastPrivilegeRequest } from '../../generator/emit/runtime/least-privilege.ts';
import { fineGrainedVerdict, type FineGrainedRestMatchLike, type GitlabOperationRowLike } from '../../generator/emit/runtime/least-privilege-gitlab.ts';
import { GITLAB_OPERATION_NAMES } from '../../generator/least-privilege/operation-names.ts';

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

const OPERATION_ROWS: GitlabOperationRowLike[] = [
  { operation: 'Clone or pull a project repository', permission: 'download_code', boundaries: ['Project'], source: `${OPS}:39` },
  { operation: 'Push to a project repository', permission: 'push_code', boundaries: ['Project'], source: `${OPS}:40` },
  { operation: 'Clone or pull a wiki', permission: 'read_wiki', boundaries: ['Project', 'Group'], source: `${OPS}:41` },
  { operation: 'Pull container images', permission: 'read_container_repository', boundaries: ['Project'], source: `${OPS}:61` },
  { operation: 'Pull container images through the dependency proxy', permission: 'read_dependency_proxy', boundaries: ['Group'], source: `${OPS}:75` },
];

const answer = (requests: readonly LeastPrivilegeRequest[]) =>
  leastGrant('fine-grained', requests, (r) => fineGrainedVerdict(r, matchRest, OPERATION_ROWS, GITLAB_OPERATION_NAMES));

describe('fine-grained answer with stand-in lookups', () => {
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
    expect(a.notGranted[0]!.verdict.why).toContain('AI workflows OAuth token');
  });

  it('answers `unknown` (denied) when a lookup is not compiled into the package', () => {
    const v = fineGrainedVerdict({ kind: 'rest', method: 'GET', path: '/projects/1/releases' }, undefined, undefined, GITLAB_OPERATION_NAMES);
    expect(v.status).toBe('unknown');
    expect(fineGrainedVerdict({ kind: 'operation', operation: 'git-push', target: 'g/p' }, matchRest, undefined, GITLAB_OPERATION_NAMES).status).toBe('unknown');
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
