/** route-overlap and route-shadowed: exact messages and positions, on the real page and on hand-made tables. */
import { describe, expect, it } from 'vitest';
import { seedCatalog as realCatalog } from '../helpers/job-token-seed.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { routeOverlap } from '../../generator/validate/rules/route-overlap.ts';
import { routeShadowed } from '../../generator/validate/rules/route-shadowed.ts';
import { parsePathPattern } from '../../generator/model/parse-path-pattern.ts';
import type { Catalog, HttpMethod, JobTokenEndpoint, JobTokenEndpointsModel } from '../../generator/model/catalog.ts';

const PAGE = 'sources/gitlab-ci-job-token-fine-grained-permissions.md';

describe('on the real page', () => {
  it('warns about the three overlaps whose permissions differ, at the losing row', async () => {
    const { diagnostics } = await realCatalog();
    // The job-token page's (the REST page's overlaps are its own: test/rest-routes).
    const found = diagnostics.filter((d) => d.ruleId === 'route-overlap' && d.file === PAGE).map((d) => ({ at: `${d.file}:${d.line}:${d.column}`, severity: d.severity, message: d.message }));
    expect(found).toEqual([
      {
        at: `${PAGE}:115:1`,
        severity: 'warning',
        message:
          '`GET /groups/:id/-/packages/npm/*package_name` (None: not controlled by fine-grained permissions) overlaps `GET /groups/:id/-/packages/npm/-/package/*package_name/dist-tags` (line 170, READ_PACKAGES): both match `/groups/1/-/packages/npm/-/package/1/dist-tags`. The matcher picks `GET /groups/:id/-/packages/npm/-/package/*package_name/dist-tags` for such paths: at segment 6 the literal `-` beats the splat `*package_name` (literal over parameter over splat).',
      },
      {
        at: `${PAGE}:125:1`,
        severity: 'warning',
        message:
          '`GET /packages/npm/*package_name` (None: not controlled by fine-grained permissions) overlaps `GET /packages/npm/-/package/*package_name/dist-tags` (line 181, READ_PACKAGES): both match `/packages/npm/-/package/1/dist-tags`. The matcher picks `GET /packages/npm/-/package/*package_name/dist-tags` for such paths: at segment 3 the literal `-` beats the splat `*package_name` (literal over parameter over splat).',
      },
      {
        at: `${PAGE}:228:1`,
        severity: 'warning',
        message:
          '`GET /projects/:id/packages/:package_id/pipelines` (READ_PIPELINES) overlaps `GET /projects/:id/packages/npm/*package_name` (line 211, READ_PACKAGES): both match `/projects/1/packages/npm/pipelines`. The matcher picks `GET /projects/:id/packages/npm/*package_name` for such paths: at segment 4 the literal `npm` beats the parameter `:package_id` (literal over parameter over splat).',
      },
    ]);
  });

  it('finds no shadowed row', async () => {
    const { diagnostics } = await realCatalog();
    expect(diagnostics.filter((d) => d.ruleId === 'route-shadowed')).toEqual([]);
  });
});

/** A one-page catalog of hand-written rows; row i is on line i + 1. */
function table(rows: [HttpMethod, string, string[]][]): Catalog {
  const file = 'sources/hand.md';
  const endpoints: JobTokenEndpoint[] = rows.map(([method, path, permissions], i) => {
    const parsed = parsePathPattern(path);
    if ('error' in parsed) throw new Error(parsed.error.message);
    const position = { file, line: i + 1, column: 1 };
    return { text: `${method} ${path}`, method, path, pattern: parsed.pattern, permissions, labels: permissions.length ? 'x' : 'None', controlled: permissions.length > 0, description: '', position, pathPosition: position };
  });
  const model: JobTokenEndpointsModel = {
    kind: 'gitlab-job-token-endpoints',
    source: { id: 'hand', file: 'hand.md', format: 'markdown', provider: 'gitlab', title: '', url: '', sha256: '' },
    permissions: [],
    endpoints,
  };
  return { catalogVersion: 1, sources: [model] };
}

function run(rule: typeof routeOverlap, catalog: Catalog): string[] {
  const report = new Reporter();
  rule.check(catalog, report);
  return report.diagnostics.map((d) => `${d.line}: ${d.message}`);
}

describe('route-overlap on hand-made tables', () => {
  it('reports nothing when the permissions are the same, or the patterns share no path', () => {
    const catalog = table([
      ['GET', '/a/:x', ['READ_JOBS']],
      ['GET', '/a/*y', ['READ_JOBS']],
      ['GET', '/e/:v.info', ['READ_JOBS']],
      ['GET', '/e/:v.mod', ['READ_PACKAGES']],
      ['POST', '/e/:v.info', ['ADMIN_JOBS']],
    ]);
    expect(run(routeOverlap, catalog)).toEqual([]);
  });

  it('finds the overlap of a splat with a suffixed parameter, exactly', () => {
    const catalog = table([
      ['GET', '/e/:v.info', ['READ_JOBS']],
      ['GET', '/e/*rest', ['READ_PACKAGES']],
    ]);
    expect(run(routeOverlap, catalog)).toEqual([
      '2: `GET /e/*rest` (READ_PACKAGES) overlaps `GET /e/:v.info` (line 1, READ_JOBS): both match `/e/1.info`. The matcher picks `GET /e/:v.info` for such paths: at segment 2 the parameter `:v.info` beats the splat `*rest` (literal over parameter over splat).',
    ]);
  });

  it('names the page-order tie-break for equally specific rows', () => {
    const catalog = table([
      ['GET', '/a/:x', ['READ_JOBS']],
      ['GET', '/a/:y', ['READ_PACKAGES']],
    ]);
    expect(run(routeOverlap, catalog)).toEqual([
      '2: `GET /a/:y` (READ_PACKAGES) overlaps `GET /a/:x` (line 1, READ_JOBS): both match `/a/1`. The matcher picks `GET /a/:x` for such paths: the patterns are equally specific; the row listed first on the page wins.',
    ]);
  });
});

describe('route-shadowed on hand-made tables', () => {
  it('reports a row that equally specific earlier rows always win against', () => {
    const catalog = table([
      ['GET', '/a/:x', ['READ_JOBS']],
      ['GET', '/a/:y', ['READ_PACKAGES']],
    ]);
    expect(run(routeShadowed, catalog)).toEqual([
      '2: `GET /a/:y` can never be selected: every path it matches is matched by a more specific route (or an equally specific one listed earlier): `GET /a/:x` (line 1).',
    ]);
  });

  it('needs the union of several rows to cover a splat', () => {
    const covered = table([
      ['GET', '/d/*s', ['READ_JOBS']],
      ['GET', '/d/:x', ['READ_PACKAGES']],
      ['GET', '/d/:x/*t', ['READ_PACKAGES']],
    ]);
    expect(run(routeShadowed, covered)).toEqual([
      '1: `GET /d/*s` can never be selected: every path it matches is matched by a more specific route (or an equally specific one listed earlier): `GET /d/:x` (line 2), `GET /d/:x/*t` (line 3).',
    ]);
    const notCovered = table([
      ['GET', '/d/*s', ['READ_JOBS']],
      ['GET', '/d/:x', ['READ_PACKAGES']],
      ['GET', '/d/:x/:y/*t', ['READ_PACKAGES']],
    ]);
    expect(run(routeShadowed, notCovered)).toEqual([]);
  });

  it('does not count a route\'s own alternatives against it', () => {
    const catalog = table([['GET', '/p/latest(/)(*suffix)', ['READ_RELEASES']]]);
    expect(run(routeShadowed, catalog)).toEqual([]);
  });
});
