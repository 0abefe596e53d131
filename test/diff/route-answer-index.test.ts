/**
 * `permgen diff` answers witness requests with the runtime's trie walk over each table's candidates
 * (`walkRouteTrie`, what the emitted matchers run; `interpretRoute` for `/api/…` paths outside the API
 * root); it must pick exactly the row the plain
 * `interpretRoute` over every candidate picks. Checked on the real tables: every witness the diff would
 * build (each alternative plain, each variable filled with the literals other routes have there) plus
 * paths that exercise the API root, the rooted `/api/…` rule, canonicalization and HEAD → GET.
 */
import { describe, expect, it } from 'vitest';
import { internals } from '../../generator/diff/compare-routes.ts';
import { apiRelativePath, canonicalizePath } from '../../generator/emit/runtime/route-path.ts';
import { interpretRoute, type RouteRow } from '../../generator/model/route-table.ts';
import { GITLAB_API_PREFIX, restRouteRows } from '../../generator/model/route-tables.ts';
import { extractRealPage } from '../rest-page/pipeline.ts';
import { buildCatalog } from '../../generator/build-catalog.ts';
import { jobTokenProject } from '../generate/helpers.ts';

const EXTRA = ['/', '/api/v4', '/api/v4/projects/1/releases', '/api/scim/v2/groups/x/Users', '/api/v3/projects/1', '/projects/%2e%2e/x', '//projects//1//jobs/', '/projects/1/packages/npm/-/package/x/dist-tags'];

function mismatches(rows: readonly RouteRow[], methods: readonly string[]): { checked: number; wrong: string[] } {
  const side = internals.sideOf(rows);
  const alternatives = side.table.routes.flatMap((r) => r.alternatives.map((a) => a.segments));
  // Each also with `.json`: both apply Grape's `.json` rule (`formatSuffixReading`), a denial being no row.
  const paths = [...internals.witnessesOf(alternatives, internals.trieOf(alternatives)), ...EXTRA].flatMap((p) => [p, `${p}.json`]);
  const wrong: string[] = [];
  let checked = 0;
  for (const method of methods) {
    for (const p of paths) {
      const canonical = apiRelativePath(canonicalizePath(p), GITLAB_API_PREFIX);
      if (canonical === undefined) continue;
      checked++;
      const interpreted = interpretRoute(side.table, method, p, GITLAB_API_PREFIX);
      const want = interpreted.formatConflict ? undefined : interpreted.matches[0]?.candidate.route.endpoint;
      const got = internals.answer(side, method as never, p, canonical, GITLAB_API_PREFIX)?.endpoint;
      if (want !== got) wrong.push(`${method} ${p}: ${want?.text} ≠ ${got?.text}`);
    }
  }
  return { checked, wrong };
}

describe('the trie walk gives the row interpretRoute gives', () => {
  it('on the job-token page (seed), every method', async () => {
    const { catalog } = await buildCatalog({ root: await jobTokenProject() });
    const source = catalog.sources.find((s) => s.kind === 'gitlab-job-token-endpoints')!;
    const { checked, wrong } = mismatches(source.kind === 'gitlab-job-token-endpoints' ? source.endpoints : [], ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });

  it('on the REST page, DELETE, HEAD and the `*` catch-all method OPTIONS', () => {
    const { checked, wrong } = mismatches(restRouteRows(extractRealPage().model!), ['DELETE', 'HEAD', 'OPTIONS']);
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(10000);
  });
});
