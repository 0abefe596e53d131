/**
 * The runtime reads a candidate's tokens from its row's path (`patternTokens`) instead of the
 * generator writing them out (issue 14, size). The two parsers must agree: for every candidate of
 * the real job-token and REST tables and of the 10,000-route synthetic one, the runtime's tokens of
 * the row's path are exactly the generator's tokens of the candidate, and the only paths it does
 * not read are those with an optional group (their alternatives are written out).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { realCatalog } from '../helpers/build.ts';
import { syntheticEndpoints } from '../../bench/synthetic-routes.ts';
import type { GitlabRestPermissionsModel, JobTokenEndpointsModel } from '../../generator/model/catalog.ts';
import { prepareRouteTable, type RouteRow } from '../../generator/model/route-table.ts';
import { restRouteRows } from '../../generator/model/route-tables.ts';
import { tokenData } from '../../generator/emit/ts/route-matcher.ts';
import { buildRouteTrie, candidateRows, patternTokens, walkRouteTrie } from '../../generator/emit/runtime/route-path.ts';

let jobToken: JobTokenEndpointsModel;
let rest: GitlabRestPermissionsModel;

beforeAll(async () => {
  const { catalog } = await realCatalog();
  jobToken = catalog.sources.find((s): s is JobTokenEndpointsModel => s.kind === 'gitlab-job-token-endpoints')!;
  rest = catalog.sources.find((s): s is GitlabRestPermissionsModel => s.kind === 'gitlab-rest-permissions')!;
}, 120_000);

/** Candidates whose row's path the runtime reads (and checks them), and the routes it leaves to the generator. */
function agreement(rows: readonly RouteRow[]): { derived: number; candidates: number; written: Set<string> } {
  const table = prepareRouteTable(rows);
  let derived = 0;
  let candidates = 0;
  const written = new Set<string>();
  for (const m of table.methods) {
    for (const c of m.candidates) {
      candidates++;
      const tokens = patternTokens(c.route.endpoint.path);
      if (tokens === undefined) {
        written.add(c.route.endpoint.text);
        continue;
      }
      derived++;
      expect(tokens, c.route.endpoint.text).toEqual(c.alternative.segments.map(tokenData));
    }
  }
  return { derived, candidates, written };
}

describe('patternTokens agrees with the generator', () => {
  it('on every candidate of the job-token page', () => {
    const { derived, candidates, written } = agreement(jobToken.endpoints);
    // `grep -oE '`(GET|POST|PUT|PATCH|DELETE|HEAD) /[^`]*`' sources/gitlab-job-token-fine-grained-permissions.008551b.md | grep -E '(^|[^\\])\('`:
    // the four routes with an optional group (two generic-package routes, its authorize route, the release permalink).
    expect([...written].sort()).toEqual([
      'GET /projects/:id/packages/generic/:package_name/*package_version/(*path/):file_name',
      'GET /projects/:id/releases/permalink/latest(/)(*suffix_path)',
      'PUT /projects/:id/packages/generic/:package_name/*package_version/(*path/):file_name',
      'PUT /projects/:id/packages/generic/:package_name/*package_version/(*path/):file_name/authorize',
    ]);
    // 196 rows on the page (first grep above without the second), one candidate each but for those four.
    expect(derived).toBe(196 - 4);
    expect(candidates).toBeGreaterThan(derived);
  });

  it('on every candidate of the REST page', () => {
    const { derived, candidates, written } = agreement(restRouteRows(rest));
    // Method + path cells with an unescaped `(`, every section: `grep -oE '\| `[A-Z*]+` \| `/[^`]*`' sources/gitlab-pat-fine-grained-rest.0739b8b.md
    // | sed 's/| `\([A-Z*]*\)` | `\(.*\)`/\1 \2/' | grep -E '(^|[^\\])\(' | sort -u | wc -l` → 27.
    expect(written.size).toBe(27);
    for (const text of written) expect(text).toMatch(/(^|[^\\])\(/);
    // `FindPackagesById\(\)`: escaped parentheses are literal text the runtime reads.
    expect(restRouteRows(rest).some((r) => r.path.includes('\\(') && patternTokens(r.path) !== undefined)).toBe(true);
    expect(derived + written.size).toBeLessThanOrEqual(candidates);
  });

  it('on every candidate of the 10,000-route synthetic table (no optional group: all read from the path)', () => {
    const { derived, candidates, written } = agreement(syntheticEndpoints(10_000));
    expect(written.size).toBe(0);
    expect(derived).toBe(10_000);
    expect(candidates).toBe(10_000);
  });
});

describe('patternTokens', () => {
  it('reads segments, parameters, splats, text around them and escapes', () => {
    expect(patternTokens('/')).toEqual([]);
    expect(patternTokens('/a/')).toEqual(['a']);
    expect(patternTokens('/projects/:id/*path')).toEqual(['projects', 1, 2]);
    expect(patternTokens('/x/binary-:arch/:v.info')).toEqual(['x', [1, 'binary-', ''], [1, '', '.info']]);
    expect(patternTokens("/Packages\\(Id='*n',Version='*v'\\)")).toEqual([[3, ["Packages(Id='", 2, "',Version='", 2, "')"], 1]]);
    expect(patternTokens('/:a.:b')).toEqual([[3, [1, '.', 1], 0]]);
  });

  it('leaves to the generator what it does not read', () => {
    for (const p of ['', 'a', '/a(/b)', '/a/(b)', '//a', '/a//b', '/./a', '/a/..', '/:', '/:1', '/*', '/a\\', '/a\\/b']) expect(patternTokens(p), p).toBeUndefined();
  });
});

describe('a trie is built on its first walk', () => {
  it('from the rows it names, once', () => {
    const rows = [{ path: '/a/:id' }, { path: '/a/b' }];
    const trie = buildRouteTrie([1, 0, [0, 'c', 2]], 5, rows);
    expect(trie.root).toBeUndefined();
    expect(candidateRows([trie])).toEqual([1, 0, 0]);
    const b = new Int32Array(4);
    const v = new Int32Array(2);
    expect(walkRouteTrie(trie, '/a/b', b, v)).toBe(5);
    const root = trie.root;
    expect(root).toBeDefined();
    expect(walkRouteTrie(trie, '/a/7', b, v)).toBe(6);
    expect([b[0], b[1]]).toEqual([3, 4]);
    expect(walkRouteTrie(trie, '/c/x/y', b, v)).toBe(7);
    expect(walkRouteTrie(trie, '/d', b, v)).toBe(-1);
    expect(trie.root).toBe(root);
  });
});
