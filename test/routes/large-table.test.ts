/**
 * The compiled matcher on a table far larger than the page's: 1,650 routes shaped like it (one
 * resource per literal, its own parameter names, splats in the middle and at the end, a suffixed
 * parameter, an optional group). At this size `paramsOf` is split into chunks and the runtime's
 * trie walk meets wide literal nodes. Compared with the plain reference matcher on generated requests.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { importGenerated, realCatalog, writePackage } from '../helpers/build.ts';
import { ROUTE_SHAPES, syntheticEndpoints, type RouteShape } from '../../bench/synthetic-routes.ts';
import type { JobTokenEndpointsModel } from '../../generator/model/catalog.ts';
import type { RoutesModule } from './helpers.ts';
import { createReference, refExpand } from './reference-matcher.ts';

const SEED = 20_261_122;
const NUM_RUNS = 5_000;
const RESOURCES = 150;

const SHAPES: readonly RouteShape[] = [...ROUTE_SHAPES, ['GET', (r) => `/projects/:id/${r}/permalink/latest(/)(*suffix_path)`]];

let module: RoutesModule;
let refMatch: ReturnType<typeof createReference>;
let templates: { method: string; text: string }[];
let source = '';

beforeAll(async () => {
  const { catalog } = await realCatalog();
  const real = catalog.sources.find((s): s is JobTokenEndpointsModel => s.kind === 'gitlab-job-token-endpoints')!;
  const pkg = await writePackage({ catalogVersion: 1, sources: [{ ...real, endpoints: syntheticEndpoints(RESOURCES * SHAPES.length, SHAPES) }] });
  source = pkg.files.get('src/gitlab/job-token-routes.ts')!;
  module = await importGenerated<RoutesModule>(pkg.dir, 'gitlab/job-token-routes.js');
  refMatch = createReference(module.jobTokenRoutes);
  templates = module.jobTokenRoutes.flatMap((r) => refExpand(r.path).map((text) => ({ method: r.method, text })));
}, 120_000);

const piece = fc.constantFrom('a', 'v1', '42', '-', '@v', '.', '.info', 'files', 'latest', 'packages', 'deploy3', 'env10', '%2F', '%2e', '%41');
const segment = fc.array(piece, { minLength: 1, maxLength: 3 }).map((ps) => ps.join(''));
const splat = fc.array(segment, { minLength: 1, maxLength: 3 }).map((ss) => ss.join('/'));

const request = fc
  .record({
    template: fc.nat(),
    values: fc.array(segment, { minLength: 1, maxLength: 3 }),
    splats: fc.array(splat, { minLength: 1, maxLength: 2 }),
    cut: fc.option(fc.nat(), { nil: undefined }),
    extra: fc.option(fc.constantFrom('/x', '/', '//', '/./y', '/../z', 'x', '?q=1'), { nil: undefined }),
    method: fc.constantFrom(undefined, 'HEAD', 'GET', 'PUT'),
  })
  .map(({ template, values, splats, cut, extra, method }) => {
    const t = templates[template % templates.length]!;
    let i = 0;
    let j = 0;
    let path = t.text.replace(/:[A-Za-z_]\w*|\*[A-Za-z_]\w*/g, (m) => (m[0] === ':' ? values[i++ % values.length]! : splats[j++ % splats.length]!));
    if (cut !== undefined) path = path.slice(0, cut % (path.length + 1));
    if (extra !== undefined) path += extra;
    return { method: method ?? t.method, path };
  });

describe('a 1,650-route table', () => {
  it('takes the large-table paths of the emitter (a guard on this test)', () => {
    expect(module.jobTokenRoutes).toHaveLength(RESOURCES * SHAPES.length);
    expect(source).toContain('function paramsOf_0(');
    // The routes are data walked by the runtime (one line per candidate), not code per route.
    expect(source).toContain('const ROUTES_GET: RouteTrie = buildRouteTrie([');
    expect(source).not.toMatch(/function match(?:Get|Put|Post)\(/);
  });

  it(`agrees with the reference on ${NUM_RUNS} generated requests (seed ${SEED})`, () => {
    let hits = 0;
    fc.assert(
      fc.property(request, ({ method, path }) => {
        const got = module.matchJobTokenRoute(method, path);
        const want = refMatch(method, path);
        if (want) hits++;
        const shape = (m: typeof got | typeof want) => (m ? { route: m.route, canonicalPath: m.canonicalPath, params: { ...m.params }, permissions: [...m.permissions] } : undefined);
        expect(shape(got)).toEqual(shape(want));
        expect(module.jobTokenRouteFor(method, path)?.route).toBe(want?.route);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
    // The generator must reach routes, not only near-misses (a guard on the test itself).
    expect(hits).toBeGreaterThan(NUM_RUNS / 5);
  }, 120_000);
});
