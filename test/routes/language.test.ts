/**
 * The route language the REST page needs (issue 12 item 3), compiled by the one route compiler:
 * several parameters or splats in one segment with literal text around and between them, three
 * splats in a row, optional groups holding parameters. A hand-written table (shaped like the REST
 * page's nuget, debian and trigger routes, in syntax the path parser reads) goes through the
 * job-token emitter; expectations by hand (README, "Route matching": values are taken left to
 * right, each as long as the rest still matches), then a differential test against the plain
 * reference matcher (one anchored regular expression per route).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { handRoutesModule, type RoutesModule } from './helpers.ts';
import { createReference, refExpand } from './reference-matcher.ts';

const SEED = 20_261_207;
const NUM_RUNS = 20_000;

/** Row i is on line i + 1 of the hand-made page. */
const ROWS: [string, string][] = [
  ['GET', '/n/v2/Packages-*package_name-V-*package_version-x'],
  ['GET', '/n/v2/Packages-list'],
  ['GET', '/n/metadata/*package_name/*package_version'],
  ['GET', '/n/symbolfiles/*file_name/*signature/*same_file_name'],
  ['GET', '/n/download/*package_name/*package_version/*package_filename'],
  ['GET', '/d/dists/*distribution/:component/binary-:architecture/Packages'],
  ['GET', '/d/dists/*distribution/:component/debian-installer/binary-:architecture/Packages'],
  ['GET', '/m/:module.:version'],
  ['GET', '/m/:module.info'],
  ['POST', '/p/:id/(ref/:ref/)trigger/pipeline'],
  ['GET', '/s/:id/(-/)search'],
  ['GET', '/x/*path'],
  ['GET', '/k/:a-:b-:c/*rest'],
];

let module: RoutesModule;
let refMatch: ReturnType<typeof createReference>;
let templates: { method: string; text: string }[];

beforeAll(async () => {
  module = await handRoutesModule(ROWS);
  refMatch = createReference(module.jobTokenRoutes);
  templates = module.jobTokenRoutes.flatMap((r) => refExpand(r.path).map((text) => ({ method: r.method, text })));
}, 120_000);

describe('the extended route language: hand-written cases', () => {
  it.each<[string, string, string, number | undefined, Record<string, string>?]>([
    ['two splats in one segment', 'GET', '/n/v2/Packages-a-V-1.0-x', 1, { package_name: 'a', package_version: '1.0' }],
    ['two splats in one segment: the first takes up to the last separator', 'GET', '/n/v2/Packages-a-V-b-V-c-x', 1, { package_name: 'a-V-b', package_version: 'c' }],
    ['a splat in a segment may take `/`', 'GET', '/n/v2/Packages-a/b-V-1-x', 1, { package_name: 'a/b', package_version: '1' }],
    ['the literal row beats the compound splat segment', 'GET', '/n/v2/Packages-list', 2, {}],
    ['consecutive splats: all but the last segment to the first', 'GET', '/n/metadata/a/b/c', 3, { package_name: 'a/b', package_version: 'c' }],
    ['consecutive splats: one segment each', 'GET', '/n/metadata/a/b', 3, { package_name: 'a', package_version: 'b' }],
    ['consecutive splats need a segment each', 'GET', '/n/metadata/a', undefined],
    ['three splats', 'GET', '/n/symbolfiles/a/b/c/d', 4, { file_name: 'a/b', signature: 'c', same_file_name: 'd' }],
    ['three splats need three segments', 'GET', '/n/symbolfiles/a/b', undefined],
    ['three splats, %2F stays in a segment', 'GET', '/n/download/p%2Fq/1.0/f.nupkg', 5, { package_name: 'p%2Fq', package_version: '1.0', package_filename: 'f.nupkg' }],
    ['debian: a splat then a parameter with a literal prefix', 'GET', '/d/dists/stable/main/binary-amd64/Packages', 6, { distribution: 'stable', component: 'main', architecture: 'amd64' }],
    ['debian: the literal debian-installer beats binary-:architecture', 'GET', '/d/dists/a/b/main/debian-installer/binary-amd64/Packages', 7, { distribution: 'a/b', component: 'main', architecture: 'amd64' }],
    ['two parameters in a segment', 'GET', '/m/a.b', 8, { module: 'a', version: 'b' }],
    ['two parameters: the first takes up to the last `.`', 'GET', '/m/a.b.c', 8, { module: 'a.b', version: 'c' }],
    ['more literal characters win: :module.info over :module.:version', 'GET', '/m/v1.info', 9, { module: 'v1' }],
    ['two parameters need a character each', 'GET', '/m/a.', undefined],
    ['optional group with a parameter, present', 'POST', '/p/1/ref/main/trigger/pipeline', 10, { id: '1', ref: 'main' }],
    ['optional group with a parameter, absent', 'POST', '/p/1/trigger/pipeline', 10, { id: '1' }],
    ['optional (-/), present', 'GET', '/s/7/-/search', 11, { id: '7' }],
    ['optional (-/), absent', 'GET', '/s/7/search', 11, { id: '7' }],
    ['three parameters in a segment, then a splat', 'GET', '/k/a-b-c-d/e/f', 13, { a: 'a-b', b: 'c', c: 'd', rest: 'e/f' }],
    ['with the API prefix', 'GET', '/api/v4/n/metadata/a/b', 3, { package_name: 'a', package_version: 'b' }],
    ['canonicalized first', 'GET', '/n/metadata/a/./b/', 3, { package_name: 'a', package_version: 'b' }],
  ])('%s: %s %s', (_name, method, path, line, params) => {
    const got = module.matchJobTokenRoute(method, path);
    if (line === undefined) {
      expect(got).toBeUndefined();
      return;
    }
    expect(got?.source).toBe(`sources/hand.md:${line}:1`);
    expect({ ...got?.params }).toEqual(params);
    expect(refMatch(method, path)?.route).toBe(got?.route);
  });
});

const piece = fc.constantFrom('a', 'b', '1.0', '-', '-V-', '-x', '.', '.info', 'binary-', 'debian-installer', 'Packages', 'list', 'ref', 'trigger', 'pipeline', '-', 'search', '%2F', '%2e', '%41');
const segment = fc.array(piece, { minLength: 1, maxLength: 3 }).map((ps) => ps.join(''));
const splat = fc.array(segment, { minLength: 1, maxLength: 3 }).map((ss) => ss.join('/'));

const request = fc
  .record({
    template: fc.nat(),
    values: fc.array(segment, { minLength: 1, maxLength: 4 }),
    splats: fc.array(splat, { minLength: 1, maxLength: 3 }),
    cut: fc.option(fc.nat(), { nil: undefined }),
    extra: fc.option(fc.constantFrom('/x', '/', '//', '/./y', '/../z', 'x', '?q=1', '-V-b-x'), { nil: undefined }),
    prefix: fc.constantFrom('', '', '', '/api/v4', '/api/v3'),
    method: fc.constantFrom(undefined, 'HEAD', 'GET', 'POST'),
  })
  .map(({ template, values, splats, cut, extra, prefix, method }) => {
    const t = templates[template % templates.length]!;
    let i = 0;
    let j = 0;
    let path = t.text.replace(/:[A-Za-z_]\w*|\*[A-Za-z_]\w*/g, (m) => (m[0] === ':' ? values[i++ % values.length]! : splats[j++ % splats.length]!));
    if (cut !== undefined) path = path.slice(0, cut % (path.length + 1));
    if (extra !== undefined) path += extra;
    return { method: method ?? t.method, path: prefix + path };
  });

describe('the extended route language: compiled matcher = reference matcher', () => {
  it(`agrees on ${NUM_RUNS} generated requests (seed ${SEED})`, () => {
    let hits = 0;
    fc.assert(
      fc.property(request, ({ method, path }) => {
        const got = module.matchJobTokenRoute(method, path);
        const want = refMatch(method, path);
        if (want) hits++;
        const shape = (m: typeof got | typeof want) => (m ? { route: m.route, canonicalPath: m.canonicalPath, params: { ...m.params } } : undefined);
        expect(shape(got)).toEqual(shape(want));
        expect(module.jobTokenRouteFor(method, path)?.route).toBe(want?.route);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
    // The generator must reach routes, not only near-misses (a guard on the test itself; 17% at this seed).
    expect(hits).toBeGreaterThan(NUM_RUNS / 8);
  }, 120_000);
});
