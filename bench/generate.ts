/**
 * npm run bench:generate — wall time of `permgen generate` and `permgen generate --check` as a
 * user runs them (a fresh node process each time, so module loading counts), on the real sources
 * and on synthetic sets 10× and 50× their size. Median of several runs.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeSyntheticSources } from './synthetic-sources.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = path.join(ROOT, 'bin/permgen.js');
const RUNS = Number(process.env.RUNS ?? 5);

function time(args: string[], cwd: string): number {
  const t = process.hrtime.bigint();
  execFileSync(process.execPath, [BIN, ...args], { cwd, stdio: 'pipe' });
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
const results: Record<number, { generate: number; check: number }> = {};
for (const factor of [1, 10, 50]) {
  const dir = await project(factor);
  time(['generate'], dir); // warm the file cache, and produce generated/ for --check
  const gen = median(Array.from({ length: RUNS }, () => time(['generate'], dir)));
  const check = median(Array.from({ length: RUNS }, () => time(['generate', '--check'], dir)));
  results[factor] = { generate: gen, check };
  rows.push(`| ${factor}× | ${gen.toFixed(0)} ms | ${check.toFixed(0)} ms |`);
  rmSync(dir, { recursive: true, force: true });
}
const base = results[1]!;
console.log(`permgen generate, median of ${RUNS} runs (fresh process each; node ${process.version}, ${(await import('node:os')).cpus().length} cores)\n`);
console.log('| sources | generate | generate --check |\n| --- | --- | --- |');
console.log(rows.join('\n'));
console.log(`\nGrowth 1× → 50×: generate ×${(results[50]!.generate / base.generate).toFixed(1)}, --check ×${(results[50]!.check / base.check).toFixed(1)} (fixed start-up cost included).`);
