/**
 * npm run bench:generate — wall time of `permgen generate` and `permgen generate --check` as a
 * user runs them (a fresh node process each time, so module loading counts), on the real sources
 * and on synthetic sets 10× and 50× their size. Median of several runs:
 * - "first run": a fresh clone: no CLI bundle yet (built by that run), no transpile or emit cache;
 * - "changed": the CLI bundle is there, the caches are off (every file is emitted and transpiled,
 *   as when the sources changed);
 * - "unchanged" and "--check": everything cached, nothing changed since the last run.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeSyntheticSources } from './synthetic-sources.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = path.join(ROOT, 'bin/permgen.js');
const RUNS = Number(process.env.RUNS ?? 5);

function time(args: string[], cwd: string, cache = true, freshBundle = false): number {
  const env: NodeJS.ProcessEnv = { ...process.env, PERMGEN_CACHE: cache ? 'on' : 'off' };
  if (freshBundle) env.PERMGEN_CLI_CACHE_DIR = mkdtempSync(path.join(tmpdir(), 'permgen-cli-'));
  const t = process.hrtime.bigint();
  execFileSync(process.execPath, [BIN, ...args], { cwd, stdio: 'pipe', env });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (env.PERMGEN_CLI_CACHE_DIR) rmSync(env.PERMGEN_CLI_CACHE_DIR, { recursive: true, force: true });
  return ms;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function project(factor: number): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), `permgen-bench-${factor}x-`));
  if (factor === 1) cpSync(path.join(ROOT, 'sources'), path.join(dir, 'sources'), { recursive: true });
  else await writeSyntheticSources(path.join(dir, 'sources'), factor);
  mkdirSync(path.join(dir, 'generated'), { recursive: true });
  return dir;
}

const rows: string[] = [];
const results: Record<number, { first: number; cold: number; warm: number; check: number }> = {};
for (const factor of [1, 10, 50]) {
  const dir = await project(factor);
  time(['generate'], dir); // produce generated/ for --check and fill the caches
  const first = median(Array.from({ length: RUNS }, () => time(['generate'], dir, false, true)));
  const cold = median(Array.from({ length: RUNS }, () => time(['generate'], dir, false)));
  const warm = median(Array.from({ length: RUNS }, () => time(['generate'], dir)));
  const check = median(Array.from({ length: RUNS }, () => time(['generate', '--check'], dir)));
  results[factor] = { first, cold, warm, check };
  rows.push(`| ${factor}× | ${first.toFixed(0)} ms | ${cold.toFixed(0)} ms | ${warm.toFixed(0)} ms | ${check.toFixed(0)} ms |`);
  rmSync(dir, { recursive: true, force: true });
}
const base = results[1]!;
console.log(`permgen generate, median of ${RUNS} runs (fresh process each; node ${process.version}, ${(await import('node:os')).cpus().length} cores)\n`);
console.log('| sources | generate, first run | generate, changed | generate, unchanged | generate --check, unchanged |\n| --- | --- | --- | --- | --- |');
console.log(rows.join('\n'));
console.log(`\nGrowth 1× → 50×: changed ×${(results[50]!.cold / base.cold).toFixed(1)}, unchanged ×${(results[50]!.warm / base.warm).toFixed(1)} (fixed start-up cost included).`);
