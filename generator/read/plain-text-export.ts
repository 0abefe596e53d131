/**
 * A docs page exported as plain text (GitLab's GraphQL permission page): bare lines with no blank
 * line between blocks, a `- ` list at the top, and GFM pipe tables. Given to remark whole, the
 * opening list swallows the page and bare lines run together into paragraphs (and into table
 * rows: GFM continues a table with any non-blank line). So the block structure is recovered line
 * by line first: each run of lines starting with `|` is a table, parsed with the project's
 * Markdown parser (with a line map, so positions are the page's lines); every other non-empty
 * line is a paragraph of its own, consecutive `- ` lines a list. Bare lines are taken literally:
 * a plain-text export has no inline markup to interpret.
 */
import type { Reader } from './reader.ts';
import type { Reporter } from '../diagnostics/reporter.ts';
import type { Block, PageDocument, ParagraphBlock } from './document.ts';
import { clean, type StrayRows } from './mdast-blocks.ts';
import { reportStrayRows } from './stray-table-rows.ts';
import { markdownToBlocks, plainTable } from './markdown-fast-rows.ts';

const LIST_ITEM = /^(\s*)- (\s*)(\S.*)$/;

export const plainTextExportReader: Reader = {
  name: 'plain-text-export',
  description: 'A docs page exported as plain text: bare lines (no blank lines, no headings) and GFM pipe tables (GitLab GraphQL permission page).',
  detect(text) {
    const lines = text.split(/\r\n|\n|\r/);
    const isPipe = (l: string | undefined) => l !== undefined && l.trimStart().startsWith('|');
    const pipeTable = /^\|.*\|\s*$\r?\n^\|\s*:?-{3,}/m.test(text);
    if (!pipeTable) return 0;
    if (/^\s*<(table|h1|div)\b/im.test(text)) return 0;
    // A Markdown page has headings and blank lines around its tables; an export has neither.
    if (/^#{1,6} \S/m.test(text)) return 0.2;
    let glued = 0;
    for (let i = 1; i < lines.length; i++) {
      const prev = lines[i - 1]!;
      const line = lines[i]!;
      if (isPipe(prev) !== isPipe(line) && prev.trim() !== '' && line.trim() !== '') glued++;
    }
    return glued > 0 ? 0.9 : 0.3;
  },
  read(text, file, report) {
    return { file, format: 'plain-text-export', frontmatter: {}, blocks: readBlocks(text, file, report) };
  },
};

const isPipeLine = (line: string) => line.trimStart().startsWith('|');

/**
 * Every run of `|` lines (its end and its blocks), by the run's first line index: all runs parsed as one
 * Markdown document, each after a blank line, so remark runs once and not once per table (a
 * synthetic export with 2,900 tables spent most of its time starting remark). The same as parsing
 * each run alone: a blank line ends every block a `|` line can be part of (paragraph, table; an
 * indented code block that went on into the next run yields no block either way), and the only
 * state remark carries across blocks, link reference definitions, cannot be written on a line that
 * starts with `|`.
 */
function readRuns(lines: string[], file: string, report: Reporter): { byRun: Map<number, { end: number; blocks: Block[] }>; strayRows: StrayRows[] } {
  const runs: { start: number; end: number }[] = [];
  for (let i = 0; i < lines.length; ) {
    if (!isPipeLine(lines[i]!)) {
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && isPipeLine(lines[end]!)) end++;
    runs.push({ start: i, end });
    i = end;
  }
  const byRun = new Map<number, { end: number; blocks: Block[] }>(runs.map((r) => [r.start, { end: r.end, blocks: [] }]));
  // A run that is one plain table is built directly (markdown-fast-rows.ts: plainTable).
  const rest = runs.filter((run) => {
    const table = plainTable(lines.slice(run.start, run.end), run.start + 1, file);
    if (table) byRun.get(run.start)!.blocks.push(table);
    return !table;
  });
  const parts: string[] = [];
  /** Page line (1-based) of each line of the combined document (index 0 unused). */
  const pageLine: number[] = [0];
  for (const [k, run] of rest.entries()) {
    if (k > 0) {
      parts.push('');
      pageLine.push(run.start); // the blank line: never a block's start
    }
    for (let i = run.start; i < run.end; i++) {
      parts.push(lines[i]!);
      pageLine.push(i + 1);
    }
  }
  if (rest.length === 0) return { byRun, strayRows: [] };
  const { blocks, strayRows } = markdownToBlocks(parts.join('\n'), file, report, (l) => pageLine[l] ?? pageLine[pageLine.length - 1]!);
  let k = 0;
  for (const block of blocks) {
    while (k + 1 < rest.length && block.position.line > rest[k]!.end) k++;
    byRun.get(rest[k]!.start)!.blocks.push(block);
  }
  return { byRun, strayRows };
}

function readBlocks(text: string, file: string, report: Reporter): Block[] {
  // TextDecoder already drops a BOM; a caller passing a decoded string with one keeps column 1 right.
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const { byRun: runs, strayRows } = readRuns(lines, file, report);
  // Whether a stray run starts within [first, end]: a binary search over their first lines (a page of many runs stays linear).
  const strayStarts = strayRows.map((s) => s.position.line).sort((a, b) => a - b);
  const strayIn = (first: number, end: number): boolean => {
    let lo = 0;
    let hi = strayStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (strayStarts[mid]! < first) lo = mid + 1;
      else hi = mid;
    }
    return lo < strayStarts.length && strayStarts[lo]! <= end;
  };
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const run = runs.get(i);
    if (run) {
      const { end, blocks: parsed } = run;
      const first = lineNo;
      // A run whose `|` lines look like rows is reported below as `table-split` (an error: its rows are lost).
      if (!parsed.some((b) => b.type === 'table') && !strayIn(first, end)) {
        report.warn(
          'pipe-table-malformed',
          `Lines ${first}–${end} start with \`|\` but are not a table.`,
          { file, line: first, column: column(line) },
          'A pipe table needs a header row and a delimiter row (`|---|---|`) right below it; its lines are kept as a paragraph.',
        );
      }
      blocks.push(...parsed);
      i = end;
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const items: ParagraphBlock[] = [];
      const start = lineNo;
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i]!);
        if (!m) break;
        const col = m[1]!.length + 2 + m[2]!.length + 1;
        items.push({ type: 'paragraph', text: clean(m[3]!), code: [], position: { file, line: i + 1, column: col } });
        i++;
      }
      blocks.push({ type: 'list', ordered: false, items, position: { file, line: start, column: item[1]!.length + 1 } });
      continue;
    }
    blocks.push({ type: 'paragraph', text: clean(line), code: [], position: { file, line: lineNo, column: column(line) } });
    i++;
  }
  reportStrayRows(strayRows, blocks, report);
  return blocks;
}

/** 1-based column of the first non-blank character. */
function column(line: string): number {
  return line.length - line.trimStart().length + 1;
}
