/**
 * npm run bench:generate — wall time of `permgen generate` and `permgen generate --check` as a
 * user runs them (a fresh node process each time, so module loading counts), on the real sources
 * and on synthetic sets 10× and 50× their size. Median of several runs; "cold" with the transpile
 * cache off (a fresh clone in CI), "warm" with it (a developer's second run).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeSyntheticSources } from './synthetic-sources.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = path.join(ROOT, 'bin/permgen.js');
const RUNS = Number(process.env.RUNS ?? 5);

function time(args: string[], cwd: string, cache = true): number {
  const t = process.hrtime.bigint();
  execFileSync(process.execPath, [BIN, ...args], { cwd, stdio: 'pipe', env: { ...process.env, PERMGEN_CACHE: cache ? 'on' : 'off' } });
  return Number(process.hrtime.bigint() - t) / 1e6;
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
const results: Record<number, { cold: number; warm: number; check: number }> = {};
for (const factor of [1, 10, 50]) {
  const dir = await project(factor);
  time(['generate'], dir); // produce generated/ for --check and fill the transpile cache
  const cold = median(Array.from({ length: RUNS }, () => time(['generate'], dir, false)));
  const warm = median(Array.from({ length: RUNS }, () => time(['generate'], dir)));
  const check = median(Array.from({ length: RUNS }, () => time(['generate', '--check'], dir)));
  results[factor] = { cold, warm, check };
  rows.push(`| ${factor}× | ${cold.toFixed(0)} ms | ${warm.toFixed(0)} ms | ${check.toFixed(0)} ms |`);
  rmSync(dir, { recursive: true, force: true });
}
const base = results[1]!;
console.log(`permgen generate, median of ${RUNS} runs (fresh process each; node ${process.version}, ${(await import('node:os')).cpus().length} cores)\n`);
console.log('| sources | generate (cold) | generate (warm) | generate --check (warm) |\n| --- | --- | --- | --- |');
console.log(rows.join('\n'));
console.log(`\nGrowth 1× → 50×: cold ×${(results[50]!.cold / base.cold).toFixed(1)}, warm ×${(results[50]!.warm / base.warm).toFixed(1)} (fixed start-up cost included).`);
