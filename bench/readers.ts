/**
 * npm run bench:readers — read + extract time of each real page grown to ~0.2 MB and ~2 MB (the page
 * size limit; its table rows repeated), to show the readers are linear: the budget is 1.5× the
 * 0.2 MB time per byte. A larger page is refused with `limit-page-size` before it is read.
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
const entries = parseManifest(readFileSync(path.join(ROOT, 'sources/sources.json'), 'utf8'), 'sources/sources.json', new Reporter());

/** Grows a page to about `bytes` by repeating its longest run of table-like lines (rows stay rows). */
function grow(text: string, bytes: number): string {
  const lines = text.split('\n');
  const rowish = (l: string) => l.startsWith('|') || /^[a-z_]+(Personal|Group|Project)/.test(l) || l.includes('<tr>');
  const rows = lines.filter(rowish);
  const extra: string[] = [];
  let size = text.length;
  for (let i = 0; size < bytes; i++) {
    const r = rows[i % rows.length]!;
    extra.push(r);
    size += r.length + 1;
  }
  const last = lines.map(rowish).lastIndexOf(true);
  return [...lines.slice(0, last + 1), ...extra, ...lines.slice(last + 1)].join('\n');
}

function time(text: string, entry: (typeof entries)[number]): number {
  const t = process.hrtime.bigint();
  buildSourceFromText(text, '0', `sources/${entry.file}`, entry, new Overrides(), { ...limits, tableRows: 10_000_000 }, new Reporter());
  return Number(process.hrtime.bigint() - t) / 1e6;
}

let failed = false;
console.log('| page | 0.2 MB | 2 MB | ms per MB, 2 MB ÷ 0.2 MB |\n| --- | ---: | ---: | ---: |');
for (const entry of entries) {
  const page = readFileSync(path.join(ROOT, 'sources', entry.file), 'utf8');
  const small = grow(page, 200_000);
  const large = grow(page, 2_000_000);
  time(small, entry);
  const a = time(small, entry);
  const b = time(large, entry);
  const ratio = b / large.length / (a / small.length);
  if (ratio > 1.5) failed = true;
  console.log(`| ${entry.id} | ${a.toFixed(0)} ms | ${b.toFixed(0)} ms | ${ratio.toFixed(2)}${ratio > 1.5 ? ' (over budget)' : ''} |`);
}
process.exitCode = failed ? 1 : 0;
