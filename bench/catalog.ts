/**
 * npm run bench:catalog — CPU time of `buildCatalog` (read, extract and validate every page of the
 * manifest: the catalog half of `generate`), in a fresh node process per run: the first call, cold
 * (what a first `generate` pays: nothing compiled yet), then a second call in the same process
 * (warm). On the real sources (1×) and the synthetic sets of bench/synthetic-sources.ts. The
 * generator is bundled with esbuild first, as the CLI runs it, so tsx's transform is not measured.
 * Prints best / median CPU (user + system of the process, from `process.cpuUsage`, so the compiler
 * and GC threads count) and the diagnostics count, which must not change between builds.
 * FACTORS=1,50 the sizes; RUNS=5 runs each.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { writeSyntheticSources } from './synthetic-sources.ts';
// The CLI bundle leaves cheerio's network client out: so does this one, to time what the CLI runs
// (bin/ is plain JavaScript without declarations: the plugin's type is esbuild's).
const { noUndici } = (await import(new URL('../bin/cli-bundle.js', import.meta.url).href)) as { noUndici: Plugin };

const ROOT = new URL('..', import.meta.url).pathname;
const RUNS = Number(process.env.RUNS ?? 5);
const FACTORS = (process.env.FACTORS ?? '1,50').split(',').map(Number);

const work = mkdtempSync(path.join(tmpdir(), 'permgen-bench-catalog-'));
const entry = path.join(work, 'entry.ts');
writeFileSync(
  entry,
  `import { buildCatalog } from ${JSON.stringify(path.join(ROOT, 'generator/build-catalog.ts'))};
const root = process.argv[2]!;
const cpu: number[] = [];
let diagnostics = 0;
for (let i = 0; i < 2; i++) {
  const start = process.cpuUsage();
  const result = await buildCatalog({ root });
  const used = process.cpuUsage(start);
  cpu.push((used.user + used.system) / 1000);
  diagnostics = result.diagnostics.length;
}
console.log(JSON.stringify({ cold: cpu[0], warm: cpu[1], diagnostics }));
`,
);
const bundle = path.join(work, 'catalog.mjs');
await build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: bundle,
  banner: { js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);" },
  external: ['esbuild', 'typescript', 'ts-morph', 'graphql'],
  plugins: [noUndici],
  nodePaths: [path.join(ROOT, 'node_modules')],
  logLevel: 'error',
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cell = (xs: number[]) => `${Math.min(...xs).toFixed(0)} / ${median(xs).toFixed(0)} ms`;

console.log('| sources | buildCatalog CPU, cold (best / median) | warm (best / median) | diagnostics |\n| --- | ---: | ---: | ---: |');
try {
  for (const factor of FACTORS) {
    const dir = path.join(work, `${factor}x`);
    if (factor === 1) cpSync(path.join(ROOT, 'sources'), path.join(dir, 'sources'), { recursive: true });
    else await writeSyntheticSources(path.join(dir, 'sources'), factor);
    const runs: { cold: number; warm: number; diagnostics: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = spawnSync(process.execPath, [bundle, dir], { encoding: 'utf8', cwd: ROOT });
      if (r.status !== 0) throw new Error(`buildCatalog failed at ${factor}x:\n${r.stderr}`);
      runs.push(JSON.parse(r.stdout.trim().split('\n').pop()!));
    }
    console.log(`| ${factor}× | ${cell(runs.map((r) => r.cold))} | ${cell(runs.map((r) => r.warm))} | ${[...new Set(runs.map((r) => r.diagnostics))].join(', ')} |`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
