/**
 * npm run bench:generate — wall time of `permgen generate` and `permgen generate --check` as a
 * user runs them (a fresh node process each time, so module loading counts), on the real sources
 * and on synthetic sets 10× and 50× their size. Several runs each:
 * - "first run": a fresh clone after `npm ci`: the CLI bundle and V8's code cache are what npm's
 *   `prepare` step (`bin/build-cli.js`, run untimed before each run) leaves, no transpile, emit or
 *   build cache;
 * - "first run, no prepare": the same without that step (`npm ci --ignore-scripts`): the run builds
 *   the bundle itself and compiles TypeScript without a code cache;
 * - "changed": the CLI bundle (and its code cache) is there, the caches are off (every page is read
 *   and every file emitted and transpiled, as when the sources changed);
 * - "unchanged" and "--check": everything cached, nothing changed since the last run.
 * Each cell is wall time "best / median", then the median CPU time (user + system of the process and
 * its children, from /usr/bin/time where it exists): on a shared machine wall time mostly measures
 * the other processes. RUNS=5 runs per cell; FACTORS=1,10,50 the sizes; SOURCES=dir adds that
 * folder's pages and manifest in place of the real ones at 1× (e.g. with a page under review).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeSyntheticSources } from './synthetic-sources.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = path.join(ROOT, 'bin/permgen.js');
const PREPARE = path.join(ROOT, 'bin/build-cli.js');
const RUNS = Number(process.env.RUNS ?? 5);
const FACTORS = (process.env.FACTORS ?? '1,10,50').split(',').map(Number);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Run {
  wall: number;
  cpu: number;
}

function time(args: string[], cwd: string, cache = true, freshBundle: false | 'prepared' | 'bare' = false): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, PERMGEN_CACHE: cache ? 'on' : 'off' };
  if (freshBundle) env.PERMGEN_CLI_CACHE_DIR = mkdtempSync(path.join(tmpdir(), 'permgen-cli-'));
  if (freshBundle === 'prepared') {
    const prepared = spawnSync(process.execPath, [PREPARE], { cwd: ROOT, env, encoding: 'utf8' });
    if (prepared.status !== 0) throw new Error(`bin/build-cli.js failed:\n${prepared.stdout}\n${prepared.stderr}`);
  }
  const command = TIME ? [TIME, '-f', 'permgen-bench-cpu %U %S', process.execPath, BIN, ...args] : [process.execPath, BIN, ...args];
  const t = process.hrtime.bigint();
  const r = spawnSync(command[0]!, command.slice(1), { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  if (env.PERMGEN_CLI_CACHE_DIR) rmSync(env.PERMGEN_CLI_CACHE_DIR, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`permgen ${args.join(' ')} failed in ${cwd}:\n${r.stdout}\n${r.stderr}`);
  const m = /permgen-bench-cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function cell(runs: Run[]): string {
  const walls = runs.map((r) => r.wall);
  const cpu = median(runs.map((r) => r.cpu));
  return `${Math.min(...walls).toFixed(0)} / ${median(walls).toFixed(0)} ms (CPU ${Number.isNaN(cpu) ? '?' : cpu.toFixed(0)} ms)`;
}

async function project(factor: number): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), `permgen-bench-${factor}x-`));
  if (factor === 1) cpSync(process.env.SOURCES ?? path.join(ROOT, 'sources'), path.join(dir, 'sources'), { recursive: true });
  else await writeSyntheticSources(path.join(dir, 'sources'), factor);
  mkdirSync(path.join(dir, 'generated'), { recursive: true });
  return dir;
}

const rows: string[] = [];
const results: Record<number, { first: Run[]; bare: Run[]; cold: Run[]; warm: Run[]; check: Run[] }> = {};
for (const factor of FACTORS) {
  const dir = await project(factor);
  time(['generate'], dir); // produce generated/ for --check and fill the caches
  const repeat = (f: () => Run) => Array.from({ length: RUNS }, f);
  const first = repeat(() => time(['generate'], dir, false, 'prepared'));
  const bare = repeat(() => time(['generate'], dir, false, 'bare'));
  const cold = repeat(() => time(['generate'], dir, false));
  const warm = repeat(() => time(['generate'], dir));
  const check = repeat(() => time(['generate', '--check'], dir));
  results[factor] = { first, bare, cold, warm, check };
  rows.push(`| ${factor}× | ${cell(first)} | ${cell(bare)} | ${cell(cold)} | ${cell(warm)} | ${cell(check)} |`);
  rmSync(dir, { recursive: true, force: true });
}
console.log(`permgen generate, best / median wall of ${RUNS} runs and median CPU (fresh process each; node ${process.version}, ${(await import('node:os')).cpus().length} cores, load ${(await import('node:os')).loadavg()[0]!.toFixed(1)})\n`);
console.log('| sources | generate, first run | generate, first run, no prepare | generate, changed | generate, unchanged | generate --check, unchanged |\n| --- | --- | --- | --- | --- | --- |');
console.log(rows.join('\n'));
const base = results[FACTORS[0]!];
const top = results[FACTORS[FACTORS.length - 1]!];
if (base && top && top !== base) {
  const m = (rs: Run[], k: keyof Run) => median(rs.map((r) => r[k]));
  console.log(`\nGrowth ${FACTORS[0]}× → ${FACTORS[FACTORS.length - 1]}×, medians: changed ×${(m(top.cold, 'wall') / m(base.cold, 'wall')).toFixed(1)} wall, ×${(m(top.cold, 'cpu') / m(base.cold, 'cpu')).toFixed(1)} CPU; unchanged ×${(m(top.warm, 'wall') / m(base.warm, 'wall')).toFixed(1)} wall (fixed start-up cost included).`);
}
