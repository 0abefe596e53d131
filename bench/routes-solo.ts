/**
 * `npm run bench:routes-solo`: `bench:routes`' matchers, each alone in its own process.
 *
 * `bench:routes` times every matcher in one process, in interleaved rounds: load from other
 * processes hits all alike, but the matchers also share the CPU's caches and the heap. On the
 * 10,000-route table that decides the figures: between two runs of it, with only permgen's runtime
 * changed, memoirist went from 906 to 405–513 ns per lookup, and alone in a process it measures
 * 350–650. A gateway runs one router; so this benchmark builds one table and one matcher per
 * process (the same `measure`: warm-up to a steady state, then 11 rounds, both request mixes), and
 * runs `PROCS` processes per matcher, alternating matchers so that load from other processes hits
 * all alike. It prints, per table and mix, the best and the median of the processes' best rounds.
 *
 * `BENCH_SOLO_PROCS` (default 3) processes per matcher; `BENCH_PEERS` as for `bench:routes`
 * (default: memoirist and find-my-way `compile()`, the two fastest peers there); `BENCH_ROUTES=real`
 * the job-token table only.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCatalog } from '../generator/build-catalog.ts';
import type { JobTokenEndpointsModel } from '../generator/model/catalog.ts';
import { buildPeers, emitMatcher, fmt, measure, median, OURS, OURS_ROW, requestsFor, restTable, type Table } from './routes.ts';
import { syntheticEndpoints } from './synthetic-routes.ts';

const projectRoot = path.resolve(import.meta.dirname, '..');
const TABLES = process.env.BENCH_ROUTES === 'real' ? ['job-token'] : ['job-token', 'REST', '10,000-route synthetic'];
const PEERS = process.env.BENCH_PEERS?.split(',').map((s) => s.trim()) ?? ['memoirist', 'find-my-way compile()'];
const PROCS = Math.max(1, Math.floor(Number(process.env.BENCH_SOLO_PROCS ?? 3)) || 1);
/** A worker that takes longer than this has hung: the run stops with an error. */
const WORKER_TIMEOUT_MS = 10 * 60_000;
const MIXES = ['hits and misses, half each', 'hits only'] as const;

type Lookup = (method: string, path: string) => unknown;
type Result = Record<(typeof MIXES)[number], { best: number; median: number }>;

/** One table, built with no other table's matcher in the process (the REST table is the generated module). */
async function loadTable(name: string, withOurs: boolean): Promise<Table> {
  if (name === 'REST') return restTable();
  const built = await buildCatalog({ root: projectRoot });
  const real = built.catalog.sources.find((s): s is JobTokenEndpointsModel => s.kind === 'gitlab-job-token-endpoints');
  if (!real) throw new Error('The job-token page was not read.');
  const endpoints = name === 'job-token' ? real.endpoints : syntheticEndpoints(10_000);
  const none: Lookup = () => undefined;
  const ours = withOurs ? await emitMatcher({ ...real, endpoints }) : { match: none, row: none };
  return { name, rows: endpoints.length, ours, endpoints, requests: requestsFor(endpoints) };
}

/** The worker: one matcher of one table, both mixes; prints its `Result` as JSON. */
async function worker(tableName: string, matcher: string): Promise<void> {
  const ours = matcher === OURS || matcher === OURS_ROW;
  const table = await loadTable(tableName, ours);
  // A peer's worker builds that peer only (`spawnWorker` sets `BENCH_PEERS`, which `buildPeers` reads).
  const lookup = matcher === OURS ? table.ours.match : matcher === OURS_ROW ? table.ours.row : buildPeers(table.endpoints as never).find((p) => p.name === matcher)?.lookup;
  if (!lookup) throw new Error(`No matcher ${matcher} for the ${tableName} table.`);
  const out: Partial<Result> = {};
  for (const mix of MIXES) {
    const requests = mix === 'hits only' ? table.requests.slice(0, table.requests.length / 2) : table.requests;
    out[mix] = measure([{ name: matcher, lookup }], requests).get(matcher)!;
  }
  console.log(JSON.stringify(out));
}

function spawnWorker(table: string, matcher: string): Result {
  const env = { ...process.env, BENCH_SOLO_WORKER: JSON.stringify([table, matcher]), BENCH_PEERS: matcher };
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!], { env, encoding: 'utf8', maxBuffer: 1 << 20, timeout: WORKER_TIMEOUT_MS });
  if (child.status !== 0) throw new Error(`The worker for ${matcher} on ${table} failed (${child.error?.message ?? `exit ${child.status}`}): ${child.stderr}`);
  // What the worker said on the way (a peer that refused the table, …).
  if (child.stderr.trim() !== '') process.stderr.write(child.stderr);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Result;
}

async function main(): Promise<void> {
  const started = performance.now();
  const matchers = [OURS, OURS_ROW, ...PEERS];
  const results = new Map<string, Result[]>();
  for (let proc = 0; proc < PROCS; proc++) {
    for (const table of TABLES) {
      for (const matcher of matchers) {
        const key = `${table}\u0000${matcher}`;
        results.set(key, [...(results.get(key) ?? []), spawnWorker(table, matcher)]);
      }
    }
    console.error(`(round ${proc + 1} of ${PROCS} of processes: done at ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  const lines: string[] = [];
  for (const table of TABLES) {
    for (const mix of MIXES) {
      lines.push(`## ${table} table (${mix}): each matcher alone in a process, ${PROCS} processes each; ns per lookup; Node ${process.version}`);
      lines.push('');
      lines.push("| matcher | best of the processes' best rounds | median of them | × permgen (median) |");
      lines.push('| --- | ---: | ---: | ---: |');
      const stat = (matcher: string) => {
        const bests = results.get(`${table}\u0000${matcher}`)!.map((r) => r[mix].best);
        return { best: Math.min(...bests), median: median(bests) };
      };
      const o = stat(OURS);
      for (const matcher of matchers) {
        const t = stat(matcher);
        lines.push(`| ${matcher === OURS ? `**${matcher}**` : matcher} | ${fmt(t.best)} | ${fmt(t.median)} | ${(t.median / o.median).toFixed(2)} |`);
      }
      const fastest = Math.min(...PEERS.map((p) => stat(p).median));
      lines.push('');
      lines.push(`Faster than the peers measured (medians): ${(fastest / o.median).toFixed(2)}× (${fastest > o.median ? 'met' : 'NOT met'}).`);
      lines.push('');
    }
  }
  lines.push(`Run took ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  console.log(lines.join('\n'));
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const job = process.env.BENCH_SOLO_WORKER;
  if (job) {
    const [table, matcher] = JSON.parse(job) as [string, string];
    await worker(table, matcher);
  } else await main();
}
