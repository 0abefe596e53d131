/**
 * `npm run bench:routes`: the generated route matchers against find-my-way (tree walk and
 * `compile()`), rou3 (`findRoute` and `compileRouter`), memoirist and Hono's routers, each also with
 * `canonicalizePath` in front (what a user who wants safe routing would build), on the same route
 * table and the same requests, in one process: the job-token table, the REST table (the generated
 * `rest-routes.js`) and a synthetic table of 10,000 routes shaped like the job-token one; each with
 * half misses and with hits only. Prints Markdown tables: the best and the median of the rounds, ns
 * per lookup, and the share of hits each peer routes to the row permgen answers.
 *
 * Peers get the closest pattern they can express (see `peerPattern`): optional groups are expanded
 * into one route per alternative for every router; a splat at the end becomes the router's
 * catch-all; the last splat in the middle becomes rou3's `**:name` (one per route), any other splat in
 * the middle a one-segment `:name`;
 * `:param.suffix` stays as is for rou3 and becomes `:param` elsewhere (duplicates after conversion are
 * registered once). Requests are fresh strings (copied from a buffer), so no router sees the
 * string it was built from; every route gets a hit, plus as many misses.
 *
 * All matchers share this process, its heap and the CPU's caches: on the 10,000-route table that
 * moves peers' figures with permgen's runtime (memoirist 873–915 ns with one runtime, 361–513 with
 * the next). `npm run bench:routes-solo` (`routes-solo.ts`) runs each matcher alone in a process.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Project, ts } from 'ts-morph';
import FindMyWay from 'find-my-way';
import { addRoute, createRouter, findRoute } from 'rou3';
import { compileRouter } from 'rou3/compiler';
import { Memoirist } from 'memoirist';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { TrieRouter } from 'hono/router/trie-router';
import { LinearRouter } from 'hono/router/linear-router';
import { buildCatalog } from '../generator/build-catalog.ts';
import { Reporter } from '../generator/diagnostics/reporter.ts';
import { compilerOptions } from '../generator/emit/emit-package.ts';
import { jobTokenPermissions } from '../generator/emit/job-token-permissions.ts';
import { jobTokenRoutes } from '../generator/emit/job-token-routes.ts';
import type { Catalog, HttpMethod, JobTokenEndpoint, JobTokenEndpointsModel } from '../generator/model/catalog.ts';
import { expandAlternatives, isSplatToken, type SegmentToken } from '../generator/model/route-alternatives.ts';
import { parsePathPattern } from '../generator/model/parse-path-pattern.ts';
import { syntheticEndpoints } from './synthetic-routes.ts';

const projectRoot = path.resolve(import.meta.dirname, '..');
export const OURS = 'permgen (generated)';
const FLOOR = 'floor: one charCodeAt pass';
/** The same decision without parameters or a result object (what `isJobTokenRequestAllowed` uses); not what the targets are about. */
export const OURS_ROW = 'permgen …RouteFor (the row only: no params, no allocation)';
const VALIDATE = 'bound: validation pass only, no matching';
const VALIDATE_RESULT = 'bound: validation pass + result object';
const NO_PERMISSIONS: readonly string[] = Object.freeze([]);
/** Rounds per matcher (11, and short warm-ups below, keep the default run of three tables, two mixes and ~20 matchers near 3 minutes on 2 cores). */
const ROUNDS = 11;
/** Both statistics are reported: the median, and the best round (noise from other processes only ever adds time). */
const STATS = ['median', 'best'] as const;
type Stat = (typeof STATS)[number];
/** `BENCH_ROUTES=real` measures only the real table, `BENCH_PEERS=memoirist,find-my-way compile()` only those peers (for quick iterations; the README's table comes from a full run). */
const ONLY_REAL = process.env.BENCH_ROUTES === 'real';
const PEER_FILTER = process.env.BENCH_PEERS?.split(',').map((s) => s.trim());
/** Target duration of one round of one matcher. */
const ROUND_MS = 15;
/** Warm-up per matcher: until a pass has not improved for this long (lets V8 optimize every function), … */
const WARM_MS = 300;
/** … but no longer than this. */
const WARM_CAP_MS = 5_000;

type Lookup = (method: string, path: string) => unknown;

interface Request {
  method: string;
  path: string;
  /** How `requestsFor` made it (`bench:route-requests` groups by it; the timing loops ignore it). */
  kind: RequestKind;
}

/** A hit on a route with a splat (its value `a/b`) or without, or a hit's path mutated into a (usual) miss. */
export type RequestKind = 'hit through a splat' | 'other hit' | 'extra segments appended' | 'one segment changed' | 'first segment unknown';

// ---------------------------------------------------------------- our matcher

/** Emits only the two job-token modules (and the runtime) for `model`, transpiled, into a temp folder. */
export async function emitMatcher(model: JobTokenEndpointsModel): Promise<{ match: Lookup; row: Lookup; bytes: number; canonicalize: (path: string) => string | undefined }> {
  const report = new Reporter();
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions });
  const catalog: Catalog = { catalogVersion: 1, sources: [model] };
  const ctx = { catalog, project, files: [], options: { enumStyle: 'const' as const }, report };
  jobTokenPermissions.emit(ctx);
  jobTokenRoutes.emit(ctx);
  if (report.errorCount > 0) throw new Error(report.diagnostics.map((d) => d.message).join('\n'));
  const dir = await mkdtemp(path.join(tmpdir(), 'permgen-bench-'));
  // ESM, as the real package: without it the loader would treat the files as CommonJS and read every import through a getter.
  await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  let bytes = 0;
  for (const sf of project.getSourceFiles()) {
    const rel = sf.getFilePath().replace(/^\/generated\//, '').replace(/\.ts$/, '.js');
    const js = ts.transpileModule(sf.getFullText(), { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
    if (rel.endsWith('job-token-routes.js')) bytes = js.length;
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), js);
  }
  if (process.env.BENCH_KEEP) console.error(`(matcher for ${model.endpoints.length} rows emitted to ${dir})`);
  const mod = (await import(pathToFileURL(path.join(dir, 'gitlab/job-token-routes.js')).href)) as { matchJobTokenRoute: Lookup; jobTokenRouteFor: Lookup };
  const runtime = (await import(pathToFileURL(path.join(dir, 'gitlab/runtime/route-path.js')).href)) as { canonicalizePath: (path: string) => string | undefined };
  // Loaded: the files are no longer needed (bench:routes-solo emits a table in every worker).
  if (!process.env.BENCH_KEEP) await rm(dir, { recursive: true, force: true });
  return { match: mod.matchJobTokenRoute, row: mod.jobTokenRouteFor, bytes, canonicalize: runtime.canonicalizePath };
}

// ---------------------------------------------------------------- peers

type Flavor = 'rou3' | 'find-my-way' | 'memoirist' | 'hono';

/** The closest pattern a peer can express for one alternative, or undefined when it cannot express it at all. */
function peerPattern(segments: readonly SegmentToken[], flavor: Flavor): string | undefined {
  const out: string[] = [];
  for (const [i, t] of segments.entries()) {
    const last = i === segments.length - 1;
    if (t.kind === 'literal') {
      if (flavor === 'rou3' && /[()]/.test(t.text)) return undefined; // rou3 reads `(…)` as a regular-expression group and refuses the whole table (`FindPackagesById()`)
      out.push(t.text);
    }
    else if (t.kind === 'param') out.push(flavor === 'rou3' ? `${t.prefix}:${t.name}${t.suffix}` : `:${t.name}`);
    else if (t.kind === 'compound') return undefined; // several parameters in a segment: no peer expresses it
    else {
      if (t.prefix || t.suffix) return undefined; // `latest*suffix_path`: the `latest/*suffix_path` alternative covers the useful case
      const lastSplat = segments.slice(i + 1).every((u) => u.kind !== 'splat');
      if (flavor === 'rou3') out.push(lastSplat ? `**:${t.name}` : `:${t.name}`); // rou3 takes one `**` per route
      else if (last) out.push('*');
      else out.push(`:${t.name}`);
    }
  }
  return `/${out.join('/')}`;
}

export function peerRoutes(endpoints: readonly JobTokenEndpoint[], flavor: Flavor): { method: HttpMethod; pattern: string; route: string }[] {
  const seen = new Set<string>();
  const out: { method: HttpMethod; pattern: string; route: string }[] = [];
  for (const e of endpoints) {
    const alts = expandAlternatives(e.pattern);
    if ('error' in alts) continue;
    for (const alt of alts.alternatives) {
      const pattern = peerPattern(alt.segments, flavor);
      if (!pattern) continue;
      const key = `${e.method} ${pattern.replace(/:[A-Za-z_]\w*/g, ':')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ method: e.method, pattern, route: e.text });
    }
  }
  return out;
}

export function buildPeers(endpoints: readonly JobTokenEndpoint[]): { name: string; lookup: Lookup }[] {
  const peers: { name: string; lookup: Lookup }[] = [];
  const attempt = (name: string, build: () => Lookup) => {
    if (PEER_FILTER && !PEER_FILTER.includes(name)) return;
    try {
      peers.push({ name, lookup: build() });
    } catch (error) {
      console.error(`(skipped ${name}: ${(error as Error).message.split('\n')[0]})`);
    }
  };
  const fmwRoutes = peerRoutes(endpoints, 'find-my-way');
  const makeFmw = () => {
    const r = FindMyWay();
    for (const { method, pattern, route } of fmwRoutes) r.on(method, pattern, () => route);
    return r;
  };
  attempt('find-my-way', () => {
    const r = makeFmw();
    return (m, p) => r.find(m as 'GET', p);
  });
  attempt('find-my-way compile()', () => {
    const r = makeFmw() as ReturnType<typeof makeFmw> & { compile(): void };
    r.compile();
    return (m, p) => r.find(m as 'GET', p);
  });
  const rou3Routes = peerRoutes(endpoints, 'rou3');
  const makeRou3 = () => {
    const r = createRouter<string>();
    for (const { method, pattern, route } of rou3Routes) addRoute(r, method, pattern, route);
    return r;
  };
  attempt('rou3 findRoute', () => {
    const r = makeRou3();
    return (m, p) => findRoute(r, m, p);
  });
  attempt('rou3 compileRouter', () => compileRouter(makeRou3()) as Lookup);
  const memoRoutes = peerRoutes(endpoints, 'memoirist');
  attempt('memoirist', () => {
    const r = new Memoirist<string>();
    for (const { method, pattern, route } of memoRoutes) r.add(method, pattern, route);
    return (m, p) => r.find(m, p);
  });
  const honoRoutes = peerRoutes(endpoints, 'hono');
  for (const [name, Router] of [
    ['hono RegExpRouter', RegExpRouter],
    ['hono TrieRouter', TrieRouter],
    ['hono LinearRouter', LinearRouter],
  ] as const) {
    attempt(name, () => {
      const r = new Router<string>();
      for (const { method, pattern, route } of honoRoutes) r.add(method, pattern, route);
      const lookup: Lookup = (m, p) => r.match(m, p);
      lookup('GET', '/warm-up'); // RegExpRouter builds its matcher on the first match
      return lookup;
    });
  }
  return peers;
}

// ---------------------------------------------------------------- requests

/** A hit for every alternative (`:x` → `12345`, `*x` → `a/b`) and as many misses, as fresh strings. */
export function requestsFor(endpoints: readonly JobTokenEndpoint[]): Request[] {
  const hits: Request[] = [];
  for (const e of endpoints) {
    const alts = expandAlternatives(e.pattern);
    if ('error' in alts) continue;
    for (const alt of alts.alternatives) {
      const value = (kind: string) => (kind === 'param' ? '12345' : 'a/b');
      const p = `/${alt.segments.map((t) => (t.kind === 'literal' ? t.text : t.kind === 'compound' ? t.parts.map((q) => (q.type === 'literal' ? q.value : value(q.type))).join('') : `${t.prefix}${value(t.kind)}${t.suffix}`)).join('/')}`;
      hits.push({ method: e.method, path: p, kind: alt.segments.some(isSplatToken) ? 'hit through a splat' : 'other hit' });
    }
  }
  const misses = hits.map((h, i) => {
    const segs = h.path.split('/');
    const k = 1 + (i % (segs.length - 1));
    segs[k] = `${segs[k]}x`; // one changed segment: often still a hit on a parameter, otherwise a miss deep in the tree
    const kind: RequestKind = i % 3 === 0 ? 'extra segments appended' : i % 3 === 1 ? 'one segment changed' : 'first segment unknown';
    return { method: h.method, path: i % 3 === 0 ? `${h.path}/extra/segments` : i % 3 === 1 ? segs.join('/') : `/nope${h.path}`, kind };
  });
  return [...hits, ...misses].map((r) => ({ method: fresh(r.method), path: fresh(r.path), kind: r.kind }));
}

function fresh(s: string): string {
  return Buffer.from(s, 'latin1').toString('latin1');
}

// ---------------------------------------------------------------- timing

/**
 * Median and best ns per lookup of each matcher over the same requests. Every matcher is warmed up first
 * (to a steady state, see `WARM_MS`), then rounds run round-robin so that load from other
 * processes hits all alike.
 */
export function measure(matchers: readonly { name: string; lookup: Lookup }[], requests: readonly Request[]): Map<string, Record<Stat, number>> {
  let sink = 0;
  const run = (lookup: Lookup, times: number): number => {
    const start = process.hrtime.bigint();
    for (let k = 0; k < times; k++) {
      for (let i = 0; i < requests.length; i++) {
        const r = requests[i]!;
        if (lookup(r.method, r.path) !== undefined) sink++;
      }
    }
    return Number(process.hrtime.bigint() - start) / (times * requests.length);
  };
  const times = new Map<string, number>();
  for (const m of matchers) {
    // Warm up until steady state: no pass over the requests 2 % faster than the best so far for
    // WARM_MS (V8 optimizes each function after enough calls; on the 10,000-route table, with
    // hundreds of functions each reached by a few requests, that takes seconds, not one).
    let estimate = run(m.lookup, 1);
    let improved = performance.now();
    const cap = improved + WARM_CAP_MS;
    while (performance.now() - improved < WARM_MS && performance.now() < cap) {
      const t = run(m.lookup, 1);
      if (t < estimate * 0.98) improved = performance.now();
      estimate = Math.min(estimate, t);
    }
    times.set(m.name, Math.max(1, Math.round((ROUND_MS * 1e6) / (estimate * requests.length))));
  }
  const samples = new Map<string, number[]>(matchers.map((m) => [m.name, []]));
  for (let round = 0; round < ROUNDS; round++) for (const m of matchers) samples.get(m.name)!.push(run(m.lookup, times.get(m.name)!));
  if (sink < 0) console.log(sink);
  return new Map([...samples].map(([name, xs]) => [name, { median: median(xs), best: Math.min(...xs) }]));
}

/** The floor: one `charCodeAt` pass over the path, nothing else. */
const floorLookup: Lookup = (_m, p) => {
  let h = 0;
  for (let i = 0; i < p.length; i++) h = (h + p.charCodeAt(i)) | 0;
  return h === -1 ? undefined : h;
};

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

// ---------------------------------------------------------------- synthetic table

// ---------------------------------------------------------------- main

export function fmt(ns: number): string {
  return ns < 10 ? ns.toFixed(2) : ns.toFixed(1);
}

export interface Table {
  name: string;
  rows: number;
  ours: { match: Lookup; row: Lookup };
  endpoints: readonly Pick<JobTokenEndpoint, 'method' | 'pattern' | 'text'>[];
  requests: Request[];
}

/** The REST table as the package emits it (`generated/gitlab/rest-routes.js`, regenerated with the sources), its rows as endpoints for the peers (the `*` catch-all has no peer form: left out for them). */
export async function restTable(): Promise<Table> {
  const mod = (await import(pathToFileURL(path.join(projectRoot, 'generated/gitlab/rest-routes.js')).href)) as { matchFineGrainedRestRoute: Lookup; fineGrainedRestRouteFor: Lookup; fineGrainedRestRoutes: readonly { method: string; path: string; route: string }[] };
  const endpoints = mod.fineGrainedRestRoutes.flatMap((r) => {
    if (r.method === '*') return [];
    const parsed = parsePathPattern(r.path);
    return 'error' in parsed ? [] : [{ method: r.method as HttpMethod, pattern: parsed.pattern, text: r.route }];
  });
  return { name: 'REST', rows: mod.fineGrainedRestRoutes.length, ours: { match: mod.matchFineGrainedRestRoute, row: mod.fineGrainedRestRouteFor }, endpoints, requests: requestsFor(endpoints as JobTokenEndpoint[]) };
}

async function main(): Promise<void> {
  const started = performance.now();
  const built = await buildCatalog({ root: projectRoot });
  const real = built.catalog.sources.find((s): s is JobTokenEndpointsModel => s.kind === 'gitlab-job-token-endpoints');
  if (!real) throw new Error('The job-token page was not read.');
  const ours = await emitMatcher(real);
  const canonicalize = ours.canonicalize;
  const tables: Table[] = [{ name: 'job-token', rows: real.endpoints.length, ours, endpoints: real.endpoints, requests: requestsFor(real.endpoints) }];
  if (!ONLY_REAL) {
    tables.push(await restTable());
    const synthetic = syntheticEndpoints(10_000);
    const ours10k = await emitMatcher({ ...real, endpoints: synthetic });
    tables.push({ name: '10,000-route synthetic', rows: synthetic.length, ours: ours10k, endpoints: synthetic, requests: requestsFor(synthetic) });
  }
  // What the required semantics cost before any matching: the validating pass alone (the matcher's
  // own canonicalizePath, which returns a canonical path as it is), and that plus a result object.
  const validateOnly: Lookup = (_m, p) => canonicalize(p);
  const validateAndResult: Lookup = (m, p) => {
    const c = canonicalize(p);
    if (c === undefined) return undefined;
    return { method: m, route: 'GET /projects/:id', canonicalPath: c, params: { id: c.slice(10, 15) }, permissions: NO_PERMISSIONS, controlled: true, source: 'x' };
  };
  const lines: string[] = [];
  for (const table of tables) {
    const peers = buildPeers(table.endpoints as JobTokenEndpoint[]).filter((p) => table.rows < 5000 || p.name !== 'hono RegExpRouter'); // tens of µs per lookup at 10,000 routes
    // What a user who wants safe routing would build instead: the same canonicalization and validation, then the peer's lookup.
    const guarded = peers.map((peer) => ({ name: `${peer.name} + canonicalizePath`, lookup: ((m, p) => {
      const c = canonicalize(p);
      return c === undefined ? undefined : peer.lookup(m, c);
    }) as Lookup }));
    const agree = new Map(peers.map((peer) => [peer.name, agreement(peer.lookup, table.ours.match, table.requests)]));
    for (const [mix, requests] of [['hits and misses, half each', table.requests], ['hits only', table.requests.slice(0, table.requests.length / 2)]] as const) {
      const times = measure([{ name: OURS, lookup: table.ours.match }, { name: OURS_ROW, lookup: table.ours.row }, { name: FLOOR, lookup: floorLookup }, { name: VALIDATE, lookup: validateOnly }, { name: VALIDATE_RESULT, lookup: validateAndResult }, ...peers, ...guarded], requests);
      lines.push(`## ${table.name} table: ${table.rows} rows, ${requests.length} requests (${mix}); ns per lookup, ${ROUNDS} interleaved rounds; Node ${process.version}`);
      lines.push('');
      lines.push('| matcher | best | median | × permgen (best) | peer routes hits to our row |');
      lines.push('| --- | ---: | ---: | ---: | ---: |');
      const o = times.get(OURS)!;
      for (const name of [OURS, OURS_ROW, ...peers.map((p) => p.name), ...guarded.map((p) => p.name), FLOOR, VALIDATE, VALIDATE_RESULT]) {
        const t = times.get(name)!;
        const a = agree.get(name);
        lines.push(`| ${name === OURS ? `**${name}**` : name} | ${fmt(t.best)} | ${fmt(t.median)} | ${(t.best / o.best).toFixed(2)} | ${a === undefined ? '—' : `${(a * 100).toFixed(0)}%`} |`);
      }
      const fastest = Math.min(...peers.map((p) => times.get(p.name)!.best));
      const fastestGuarded = Math.min(...guarded.map((p) => times.get(p.name)!.best));
      const floor = times.get(FLOOR)!.best;
      lines.push('');
      lines.push(`Targets (best): faster than every peer: ${(fastest / o.best).toFixed(2)}× (${fastest > o.best ? 'met' : 'NOT met'}); ≥ 2× the fastest peer with canonicalizePath in front: ${(fastestGuarded / o.best).toFixed(2)}× (${fastestGuarded / o.best >= 2 ? 'met' : 'NOT met'}); ≤ 1.5× the floor: ${(o.best / floor).toFixed(2)}× (${o.best / floor <= 1.5 ? 'met' : 'NOT met'}).`);
      lines.push('');
      console.error(`(${table.name}, ${mix}: done at ${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
  lines.push(`Run took ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  console.log(lines.join('\n'));
}

/** Share of hit requests for which the peer answers with the route our matcher answers. */
function agreement(peer: Lookup, ours: Lookup, requests: readonly Request[]): number {
  let same = 0;
  let total = 0;
  for (const r of requests.slice(0, requests.length / 2)) {
    const want = (ours(r.method, r.path) as { route?: string } | undefined)?.route;
    total++;
    if (want !== undefined && peerRoute(peer(r.method, r.path)) === want) same++;
  }
  return same / total;
}

/** The route text out of each peer's result shape (handlers return it, stores hold it). */
function peerRoute(result: unknown): string | undefined {
  if (result === null || result === undefined) return undefined;
  const r = result as Record<string, unknown>;
  if (typeof r.handler === 'function') return (r.handler as () => string)();
  if (typeof r.data === 'string') return r.data;
  if (typeof r.store === 'string') return r.store;
  if (Array.isArray(result)) {
    const first = (result as unknown[][])[0]?.[0] as unknown;
    if (Array.isArray(first)) return typeof first[0] === 'string' ? first[0] : undefined;
  }
  return undefined;
}

// Runs when started as a script; scratch scripts may import the helpers above.
if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) await main();
