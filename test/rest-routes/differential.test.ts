/**
 * The compiled REST matcher against the plain reference (test/routes/reference-matcher.ts: one
 * anchored regular expression per route alternative, canonicalization written separately) on
 * paths generated from every route template of the page with random values, and on near-misses.
 * Then every endpoint is reachable, and hostile input is denied without throwing, in linear time.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRestRoutes, type RestRouteInfo, type RestRoutesModule } from './helpers.ts';
import { createReference, refExpand, type RefRoute } from '../routes/reference-matcher.ts';
import { fill, routeTemplates, templateRequest } from './generators.ts';
import { endlessGrant } from '../helpers/endless.ts';

const SEED = 20_261_207;
const NUM_RUNS = 100_000;
const ALL_BUT_HEAD = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

let m: RestRoutesModule;
let refMatch: ReturnType<typeof createReference<RefRoute & { info: RestRouteInfo }>>;
let templates: { method: string; text: string }[];

beforeAll(async () => {
  m = (await loadRestRoutes()).module;
  // `*` (the catch-all) is every method but HEAD: HEAD falls back to the GET rows (README).
  const rows = m.fineGrainedRestRoutes.flatMap((info) =>
    (info.method === '*' ? ALL_BUT_HEAD : [info.method]).map((method) => ({ method, path: info.path, route: info.route, permissions: info.permissions, controlled: info.access === 'granted', info })),
  );
  refMatch = createReference(rows);
  templates = routeTemplates(m.fineGrainedRestRoutes);
}, 180_000);

const request = templateRequest(() => templates);

describe('compiled REST matcher = reference matcher', () => {
  it(`agrees on ${NUM_RUNS} generated requests (seed ${SEED})`, () => {
    let specific = 0;
    fc.assert(
      fc.property(request, ({ method, path }) => {
        const got = m.matchFineGrainedRestRoute(method, path);
        const want = refMatch(method, path);
        if (want && want.route !== '* /*path') specific++;
        const shape = (x: typeof got) => (x ? { route: x.route, canonicalPath: x.canonicalPath, params: { ...x.params }, access: x.access, permissions: [...x.permissions], boundaries: [...x.boundaries], public: x.public, source: x.source } : undefined);
        const wanted = want ? { route: want.route, canonicalPath: want.canonicalPath, params: want.params, access: want.row.info.access, permissions: [...want.row.info.permissions], boundaries: [...want.row.info.boundaries], public: want.row.info.public, source: want.row.info.source } : undefined;
        expect(shape(got)).toEqual(wanted);
        const row = m.fineGrainedRestRouteFor(method, path);
        expect(row?.route).toBe(want?.route);
        if (row) expect(row).toBe(want!.row.info);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
    // The generator must reach documented routes, not only the catch-all (a guard on the test itself).
    expect(specific).toBeGreaterThan(NUM_RUNS / 4);
  }, 600_000);
});

describe('Grape\'s .json format suffix: the compiled matcher = the reference', () => {
  // Every template filled two ways, with `.json` appended (and with the prefix): the requests where the path
  // as written and the path without `.json` may be two rows (README, "Route matching"). The reference reads
  // both ways with its own regular expressions.
  it('agrees on every row\'s paths with .json appended, and denies some of them (rows that differ)', () => {
    let denied = 0;
    let total = 0;
    for (const { method, text } of templates) {
      for (const base of [fill(text, ['v1'], ['s1/s2']), fill(text, ['zz9'], ['z1'])]) {
        for (const path of [`${base}.json`, `/api/v4${base}.json`]) {
          total++;
          const got = m.matchFineGrainedRestRoute(method, path);
          const want = refMatch(method, path);
          expect([path, got?.route, got ? { ...got.params } : undefined]).toEqual([path, want?.route, want?.params]);
          if (!got) denied++;
        }
      }
    }
    // A guard on the test itself: both outcomes occur (counted here, not expected from the code).
    expect(total).toBeGreaterThan(4_000);
    expect(denied).toBeGreaterThan(0);
    expect(denied).toBeLessThan(total);
  });
});

describe('every endpoint is reachable', () => {
  /** Concrete paths of a template: each optional group kept and dropped, values filled in two ways. */
  const concrete = (template: string): string[] => refExpand(template).flatMap((t) => [fill(t, ['v1'], ['s1/s2']), fill(t, ['zz9'], ['z1'])]);

  it('each of the 2,135 endpoints answers some request built from its own pattern (1,876 + 27 + 232, counted on the page)', () => {
    expect(m.fineGrainedRestRoutes).toHaveLength(2135);
    const unreached: string[] = [];
    for (const info of m.fineGrainedRestRoutes) {
      const method = info.method === '*' ? 'GET' : info.method;
      const hit = concrete(info.path).some((p) => m.fineGrainedRestRouteFor(method, p) === info);
      if (!hit) unreached.push(`${info.route} (line ${info.line})`);
    }
    expect(unreached).toEqual([]);
  });
});

describe('adversarial input', () => {
  const hostile: [string, unknown, unknown][] = [
    ['100 KB path', 'GET', `/projects/1/releases/${'a'.repeat(100_000)}`],
    ['10,000 slashes', 'GET', '/'.repeat(10_000)],
    ['10,000 slashes after a prefix', 'GET', `/api/v4/projects/1${'/'.repeat(10_000)}`],
    ['a long run of %', 'GET', `/projects/${'%'.repeat(5_000)}`],
    ['non-string path', 'GET', { toString: () => '/projects/1/releases' }],
    ['non-string method', 7, '/projects/1/releases'],
  ];
  it.each(hostile)('%s: denied, no throw', (_name, method, path) => {
    expect(() => m.matchFineGrainedRestRoute(method, path)).not.toThrow();
    expect(m.matchFineGrainedRestRoute(method, path)).toBeUndefined();
    expect(m.isFineGrainedRestRequestAllowed(['read_release'], method, path)).toBe(false);
  });

  it('an endless grant is read up to 65,536 items: false, not a hang', () => {
    // GET /projects/:id/releases needs read_release alone (the page's row; `m.matchFineGrainedRestRoute` agrees in the cases above).
    expect(m.isFineGrainedRestRequestAllowed(endlessGrant('read_release', -1), 'GET', '/projects/1/releases')).toBe(false);
    expect(m.isFineGrainedRestRequestAllowed(endlessGrant('read_release', 65_535), 'GET', '/projects/1/releases')).toBe(true);
    expect(m.isFineGrainedRestRequestAllowed(endlessGrant('read_release', 65_536), 'GET', '/projects/1/releases')).toBe(false);
  });

  it('a long run of %25 is a valid path: the catch-all answers `unavailable`', () => {
    const got = m.matchFineGrainedRestRoute('GET', `/projects/1/${'%25'.repeat(2_000)}`);
    expect(got?.route).toBe('* /*path');
    expect(got?.access).toBe('unavailable');
    expect(m.isFineGrainedRestRequestAllowed(['read_release'], 'GET', `/projects/1/${'%25'.repeat(2_000)}`)).toBe(false);
  });

  it('three consecutive splats over 8 KiB of segments answer, in time linear in the path (no backtracking)', () => {
    const time = (segments: number) => {
      const path = `/projects/1/packages/nuget/symbolfiles/${'a/'.repeat(segments)}b`;
      const start = performance.now();
      for (let k = 0; k < 20; k++) expect(m.matchFineGrainedRestRoute('GET', path)?.params.same_file_name).toBe('b');
      return performance.now() - start;
    };
    time(100); // warm up
    const small = time(500);
    const large = time(4_000);
    // 8× the input: linear is ~8× the time; quadratic would be ~64×. Generous bound for a shared machine.
    expect(large).toBeLessThan(Math.max(small, 1) * 30);
  });

  it('a compound splat segment over a long value answers', () => {
    const got = m.matchFineGrainedRestRoute('GET', `/projects/1/packages/nuget/v2/Packages(Id='${"a',Version='".repeat(500)}x',Version='1')`);
    expect(got?.params.package_version).toBe('1');
  });
});
