/**
 * A cap on emphasis delimiter runs (`*`, `_`) in one block of Markdown. micromark pairs them in time
 * quadratic in their number within one paragraph or cell (remark-parse + remark-gfm alone: 60,000
 * runs of `*\/ x ` in a paragraph took 22 s; a 2 MiB page of them, minutes), and a page's prose is
 * parsed by it. The real pages have at most 19 in one block (counted as below: every run of
 * non-blank lines, each table line alone); 1,000 keeps a page at the size limit to seconds. Written
 * by hand: no Markdown parser offers such a cap.
 */
import type { Reporter } from '../diagnostics/reporter.ts';
import type { LineMap } from './mdast-blocks.ts';

export const MAX_EMPHASIS_RUNS = 1_000;

const RUNS = /[*_]+/g;

/**
 * `lines` with every block over the cap blanked (the same number of lines, so positions hold), each
 * reported as an error at its first line; `undefined` when none is over (the common case: no copy).
 * A block is a run of non-blank lines; a table line (`|…`) is a block of its own, since its cells
 * are parsed one by one.
 */
export function blankHeavyEmphasis(lines: readonly string[], file: string, report: Reporter, mapLine: LineMap): string[] | undefined {
  let out: string[] | undefined;
  let start = 0;
  let runs = 0;
  const close = (end: number) => {
    if (runs > MAX_EMPHASIS_RUNS) {
      report.error(
        'limit-emphasis-runs',
        `${end - start === 1 ? `Line ${mapLine(start + 1)} holds` : `Lines ${mapLine(start + 1)}–${mapLine(end)} hold`} ${runs} runs of \`*\` or \`_\`; the limit is ${MAX_EMPHASIS_RUNS} in one paragraph or table line (that text is not read).`,
        { file, line: mapLine(start + 1), column: 1 },
        'Markdown parsers pair emphasis delimiters in time quadratic in their number; no permission page has this many. Check the file.',
      );
      out ??= [...lines];
      for (let i = start; i < end; i++) out[i] = '';
    }
    runs = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const blank = line.trim() === '';
    const table = line.charCodeAt(0) === 124;
    if (blank || table) {
      close(i);
      start = i;
    }
    if (blank) {
      start = i + 1;
      continue;
    }
    // Cheap first: most lines have no delimiter at all.
    if (line.includes('*') || line.includes('_')) runs += line.match(RUNS)?.length ?? 0;
    if (table) {
      close(i + 1);
      start = i + 1;
    }
  }
  close(lines.length);
  return out;
}
