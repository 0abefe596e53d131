/**
 * npm run bench:readers — read + extract time of each real page grown to ~0.5 MB and ~2 MB (the page
 * size limit; its table rows repeated), best and median of ROUNDS runs (BENCH_ROUNDS, default 5) in
 * MB/s, to show the readers meet 2 MB/s and are linear: the budget is 1.5× the 0.5 MB time per byte
 * (best against best). A larger page is refused with `limit-page-size` before it is read.
 * Exits 1 when a reader is over budget.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSourceFromText } from '../generator/build-catalog.ts';
import { parseManifest } from '../generator/config/manifest.ts';
import { Overrides } from '../generator/config/overrides.ts';
import { limits } from '../generator/config/limits.ts';
import { Reporter } from '../generator/diagnostics/reporter.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const only = process.argv[2];
const entries = parseManifest(readFileSync(path.join(ROOT, 'sources/sources.json'), 'utf8'), 'sources/sources.json', new Reporter());

const rowish = (l: string) => l.startsWith('|') || /^[a-z_]+(Personal|Group|Project)/.test(l) || l.includes('<tr>');
/** A code viewer's gutter line (code-viewer scrapes): belongs to the row above it. */
const gutter = (l: string | undefined) => l !== undefined && /^\|[ \t]*$/.test(l);
const delimiter = (l: string | undefined) => l !== undefined && /^\|[ |:-]*-[ |:-]*$/.test(l);

/**
 * Grows a page to about `bytes` by repeating its body rows (a row with the gutter lines after it,
 * for a scrape), inserted before the last body row, so rows stay rows of the same table: a row
 * followed by another row (not the last of its table, not a header or delimiter row).
 */
function grow(text: string, bytes: number): string {
  const lines = text.split('\n');
  const units: { at: number; lines: string[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!rowish(lines[i]!) || gutter(lines[i]) || delimiter(lines[i])) continue;
    let j = i + 1;
    while (gutter(lines[j])) j++;
    if (!rowish(lines[j] ?? '') || delimiter(lines[j])) continue;
    let k = j + 1;
    while (gutter(lines[k])) k++;
    if (delimiter(lines[k])) continue;
    units.push({ at: i, lines: lines.slice(i, j) });
  }
  // One-line tables (an HTML page's rows on one line, a flattened export): every such line is a unit, after the last.
  const at = units.length > 0 ? units[units.length - 1]!.at : lines.map(rowish).lastIndexOf(true) + 1;
  if (units.length === 0) for (const [i, l] of lines.entries()) if (rowish(l)) units.push({ at: i, lines: [l] });
  const extra: string[] = [];
  let size = text.length;
  for (let i = 0; size < bytes; i++) {
    const u = units[i % units.length]!;
    extra.push(...u.lines);
    size += u.lines.reduce((n, l) => n + l.length + 1, 0);
  }
  return [...lines.slice(0, at), ...extra, ...lines.slice(at)].join('\n');
}

function time(text: string, entry: (typeof entries)[number]): number {
  const t = process.hrtime.bigint();
  buildSourceFromText(text, '0', `sources/${entry.file}`, entry, new Overrides(), { ...limits, tableRows: 10_000_000 }, new Reporter());
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function runs(text: string, entry: (typeof entries)[number]): { best: number; median: number } {
  const ms = Array.from({ length: ROUNDS }, () => time(text, entry)).sort((a, b) => a - b);
  return { best: ms[0]!, median: ms[Math.floor(ms.length / 2)]! };
}

const mbps = (bytes: number, ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(2);

let failed = false;
console.log(`| page | 0.5 MB best / median | 2 MB best / median | MB/s at 2 MB, best / median | ms per MB, 2 MB ÷ 0.5 MB (best) |\n| --- | ---: | ---: | ---: | ---: |`);
for (const entry of entries) {
  if (only && !entry.id.includes(only)) continue;
  const page = readFileSync(path.join(ROOT, 'sources', entry.file), 'utf8');
  const small = grow(page, 500_000);
  const large = grow(page, 2_000_000);
  time(small, entry);
  const a = runs(small, entry);
  const b = runs(large, entry);
  const ratio = b.best / large.length / (a.best / small.length);
  const slow = b.best > large.length / 2e6 * 1000;
  if (ratio > 1.5 || slow) failed = true;
  console.log(
    `| ${entry.id} | ${a.best.toFixed(0)} / ${a.median.toFixed(0)} ms | ${b.best.toFixed(0)} / ${b.median.toFixed(0)} ms | ${mbps(large.length, b.best)} / ${mbps(large.length, b.median)}${slow ? ' (under 2 MB/s)' : ''} | ${ratio.toFixed(2)}${ratio > 1.5 ? ' (over budget)' : ''} |`,
  );
}
process.exitCode = failed ? 1 : 0;
