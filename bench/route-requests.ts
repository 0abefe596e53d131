/**
 * `npm run bench:route-requests`: where the generated job-token matcher spends more or less than
 * memoirist, request by request, on `bench:routes`' job-token requests (its `requestsFor`: a hit
 * for every alternative, then as many misses). Each request is timed alone (a loop of `CALLS`
 * calls, after every matcher is warmed up on the whole list), ours and memoirist's (as bench:routes
 * builds it) in turn; the requests are grouped by how `requestsFor` made them (`RequestKind`): hits
 * on a route with a splat (its value `a/b` spans two segments; memoirist, which takes a splat in the
 * middle as one segment, cannot express most of them) and other hits; misses made by appending
 * `/extra/segments` (some still hit, through a splat), by changing one segment, and by prefixing
 * `/nope` (a first segment no route takes).
 * Prints a Markdown table: requests per group, the mean of their ns per call for each matcher, and
 * what the group adds to the mean of the whole list (its difference × its share). Complements
 * `bench:routes`, whose rounds time the whole list; the README quotes both.
 */
import { buildCatalog } from '../generator/build-catalog.ts';
import type { JobTokenEndpointsModel } from '../generator/model/catalog.ts';
import { buildPeers, emitMatcher, requestsFor, type RequestKind } from './routes.ts';

const CALLS = Number(process.env.CALLS ?? 20_000);
const projectRoot = new URL('..', import.meta.url).pathname;

type Lookup = (method: string, path: string) => unknown;

const built = await buildCatalog({ root: projectRoot });
const real = built.catalog.sources.find((s): s is JobTokenEndpointsModel => s.kind === 'gitlab-job-token-endpoints');
if (!real) throw new Error('The job-token page was not read.');
const ours = (await emitMatcher(real)).match;
// memoirist as bench:routes builds and times it.
const theirs: Lookup = buildPeers(real.endpoints).find((p) => p.name === 'memoirist')!.lookup;
const requests = requestsFor(real.endpoints);

let sink = 0;
const time = (f: Lookup, method: string, path: string): number => {
  const start = process.hrtime.bigint();
  for (let k = 0; k < CALLS; k++) if (f(method, path) !== undefined) sink++;
  return Number(process.hrtime.bigint() - start) / CALLS;
};
// Warm-up: both matchers optimized on the whole list before any request is timed alone.
for (let round = 0; round < 2_000; round++) for (const r of requests) if (ours(r.method, r.path) !== undefined && theirs(r.method, r.path) !== undefined) sink++;

const groups = new Map<RequestKind, { n: number; ours: number; theirs: number }>();
for (const r of requests) {
  let g = groups.get(r.kind);
  if (!g) groups.set(r.kind, (g = { n: 0, ours: 0, theirs: 0 }));
  g.n++;
  g.ours += time(ours, r.method, r.path);
  g.theirs += time(theirs, r.method, r.path);
}
if (sink < 0) console.log(sink);

console.log(`## job-token requests by group: ns per call (mean over the group's requests, ${CALLS} calls each); Node ${process.version}\n`);
console.log('| group | requests | permgen `match…` | memoirist | adds to the mean (ns) |');
console.log('| --- | ---: | ---: | ---: | ---: |');
let total = 0;
for (const [name, g] of groups) {
  const adds = (g.ours - g.theirs) / requests.length;
  total += adds;
  console.log(`| ${name} | ${g.n} | ${(g.ours / g.n).toFixed(0)} | ${(g.theirs / g.n).toFixed(0)} | ${adds >= 0 ? '+' : ''}${adds.toFixed(1)} |`);
}
console.log(`\nWhole list: permgen − memoirist = ${total >= 0 ? '+' : ''}${total.toFixed(1)} ns per request.`);
