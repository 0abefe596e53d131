/**
 * The compiled matcher against the plain reference (reference-matcher.ts) on paths generated from
 * every route template with random parameter values, and on near-misses made by mutating them.
 * Any disagreement fails with the shrunk counterexample and the seed.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRoutes, type RoutesModule } from './helpers.ts';
import { createReference, refExpand } from './reference-matcher.ts';

const SEED = 20_260_522;
const NUM_RUNS = 100_000;

let module: RoutesModule;
let refMatch: ReturnType<typeof createReference>;
let templates: { method: string; text: string }[];

beforeAll(async () => {
  const loaded = await loadRoutes();
  module = loaded.module;
  refMatch = createReference(module.jobTokenRoutes);
  templates = module.jobTokenRoutes.flatMap((r) => refExpand(r.path).map((text) => ({ method: r.method, text })));
});

/** Pieces of parameter values: plain, encoded `/`, dots, unicode (percent-encoded), `-`, `@`, reserved and unreserved escapes. */
const piece = fc.constantFrom('a', 'b', 'v1', '1', '42', '-', '@', '.', '..', '_', '~', '%2F', '%2f', '%2e', '%2E', '%E2%82%AC', '%C3%A9', '%41', '%70', '%40', '%25', ':', '!', '+', 'latest', 'list', 'dist-tags', 'info', '.info', '.mod', '.zip', 'package', 'npm', 'p2', 'search', '@v');
const segmentValue = fc.array(piece, { minLength: 1, maxLength: 4 }).map((ps) => ps.join(''));
const splatValue = fc.array(segmentValue, { minLength: 1, maxLength: 4 }).map((ss) => ss.join('/'));

/** A path from a template: `:x` → one segment value, `*x` → one or more segments. */
function fill(text: string, values: string[], splats: string[]): string {
  let i = 0;
  let j = 0;
  return text.replace(/:[A-Za-z_][A-Za-z0-9_]*|\*[A-Za-z_][A-Za-z0-9_]*/g, (m) => (m[0] === ':' ? values[i++ % values.length]! : splats[j++ % splats.length]!));
}

const mutation = fc.oneof(
  fc.constant((p: string) => p),
  fc.constant((p: string) => `${p}/`),
  fc.constant((p: string) => p.replace('/', '//')),
  fc.constant((p: string) => p.replace(/\/([^/]*)$/, '/./$1')),
  fc.constant((p: string) => p.replace(/\/([^/]*)$/, '/x/../$1')),
  fc.constant((p: string) => p.replace(/\/([^/]*)$/, '/%2e%2E/$1')),
  fc.constant((p: string) => `/..${p}`),
  fc.constant((p: string) => `${p}?a=1/../b`),
  fc.constant((p: string) => `${p}#frag`),
  fc.constant((p: string) => p.slice(1)),
  // The API root: accepted once, anything like it denied.
  fc.constantFrom('/api/v4', '/api/v4/api/v4', '/api/v3', '/apiv4', '/api', '/api/v4/..', '/%61pi/v4', '/x/../api/v4').map((prefix) => (p: string) => `${prefix}${p}`),
  fc.constant((p: string) => p.toUpperCase()),
  fc.nat().map((k) => (p: string) => {
    // Encode one character as %xx (upper or lower case hex).
    const at = k % p.length;
    const hex = p.charCodeAt(at).toString(16).padStart(2, '0');
    return `${p.slice(0, at)}%${k % 2 ? hex : hex.toUpperCase()}${p.slice(at + 1)}`;
  }),
  fc.nat().map((k) => (p: string) => p.slice(0, k % (p.length + 1))),
  fc.tuple(fc.nat(), fc.constantFrom('x', '/', '%', '%2', '%zz', '%00', '%7f', ' ', '\u0000', '\t', '\\', 'é', '\u{1F600}', '..', '.', ';', '?', '#', '-', '@v')).map(([k, s]) => (p: string) => {
    const at = k % (p.length + 1);
    return p.slice(0, at) + s + p.slice(at);
  }),
  fc.nat().map((k) => (p: string) => {
    const segs = p.split('/');
    const at = 1 + (k % Math.max(1, segs.length - 1));
    segs.splice(at, 0, segs[at] ?? 'x');
    return segs.join('/');
  }),
);

const request = fc
  .record({
    template: fc.nat(),
    values: fc.array(segmentValue, { minLength: 1, maxLength: 3 }),
    splats: fc.array(splatValue, { minLength: 1, maxLength: 2 }),
    mutations: fc.array(mutation, { maxLength: 2 }),
    method: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'get', 'Get', 'FETCH', '') }),
  })
  .map(({ template, values, splats, mutations, method }) => {
    const t = templates[template % templates.length]!;
    let path = fill(t.text, values, splats);
    for (const m of mutations) path = m(path);
    return { method: method ?? t.method, path };
  });

describe('compiled matcher = reference matcher', () => {
  it(`agrees on ${NUM_RUNS} generated requests (seed ${SEED})`, () => {
    let hits = 0;
    const rowByRoute = new Map(module.jobTokenRoutes.map((r) => [r.route, r]));
    try {
      fc.assert(
        fc.property(request, ({ method, path }) => {
          const got = module.matchJobTokenRoute(method, path);
          const want = refMatch(method, path);
          if (want) hits++;
          const shape = (m: typeof got | typeof want) => (m ? { route: m.route, canonicalPath: m.canonicalPath, params: { ...m.params }, permissions: [...m.permissions], controlled: m.controlled } : undefined);
          expect(shape(got)).toEqual(shape(want));
          // The allocation-free form decides the same, and answers with the row itself.
          const row = module.jobTokenRouteFor(method, path);
          expect(row?.route).toBe(want?.route);
          if (row) expect(row).toBe(rowByRoute.get(row.route));
        }),
        { numRuns: NUM_RUNS, seed: SEED },
      );
    } catch (error) {
      throw new Error(`Differential test failed (fc.assert seed ${SEED}, numRuns ${NUM_RUNS}):\n${(error as Error).message}`);
    }
    // The generator must reach routes, not only near-misses (a guard on the test itself).
    expect(hits).toBeGreaterThan(NUM_RUNS / 4);
  });
});
