/**
 * Lines that look like table rows but are part of no table (`table-split`). A blank line or an HTML
 * comment (`<!-- markdownlint-disable … -->`) inside a pipe table ends it in GFM; the `|` lines after
 * it become a paragraph, which no extractor reads: a route, a field or a permission would be dropped
 * from the model without a word. Every reader that ends in Markdown reports them here, with the
 * blocks of the whole page, so the error can name the table the rows follow.
 */
import type { Reporter } from '../diagnostics/reporter.ts';
import type { Block, HeadingBlock, TableBlock } from './document.ts';
import type { StrayRows } from './mdast-blocks.ts';
import type { SourcePosition } from '../model/position.ts';

export const TABLE_SPLIT_HINT =
  'A blank line or an HTML comment ends a GFM table, and a table starts only at a header row with a delimiter row (`|---|`) right below it: rows outside a table are not read, so they would be lost. Check the upstream page.';

/** One stray row at `position` into `out`: the last run grows when the row is `adjacent` to it (the next line), else a run starts. */
export function addStrayRow(out: StrayRows[], adjacent: boolean, position: SourcePosition, text: string): void {
  const last = out[out.length - 1];
  if (last && adjacent) {
    last.count++;
    last.lastLine = position.line;
  } else out.push({ position, lastLine: position.line, count: 1, text });
}

const short = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

/**
 * One `table-split` error per run of stray rows, at its first line. `blocks` are the page's, in
 * order: one pass over them for all the runs (taken in line order), so a page of many stray runs
 * costs linear time.
 */
export function reportStrayRows(strays: readonly StrayRows[], blocks: readonly Block[], report: Reporter): void {
  let table: TableBlock | undefined;
  let heading: HeadingBlock | undefined;
  let next = 0;
  for (const stray of [...strays].sort((a, b) => a.position.line - b.position.line)) {
    const line = stray.position.line;
    // The nearest table above the run in the same section (a heading in between forgets it).
    for (; next < blocks.length && blocks[next]!.position.line < line; next++) {
      const block = blocks[next]!;
      if (block.type === 'table') table = block;
      else if (block.type === 'heading') {
        heading = block;
        table = undefined;
      }
    }
    const what =
      stray.count === 1
        ? `Line ${line} looks like a table row but is in no table (\`${short(stray.text)}\`)`
        : `Lines ${line}–${stray.lastLine} look like table rows but are in no table (${stray.count} lines, the first \`${short(stray.text)}\`)`;
    report.error('table-split', `${what}${follows(table, heading)}.`, stray.position, TABLE_SPLIT_HINT);
  }
}

/** `: the table … ended at line N` for the table a run follows, if any. */
function follows(table: TableBlock | undefined, heading: HeadingBlock | undefined): string {
  if (!table) return '';
  const end = table.rows.length > 0 ? table.rows[table.rows.length - 1]!.position.line : table.position.line + (table.flattened ? 0 : 1);
  const under = heading ? ` under \`${'#'.repeat(heading.depth)} ${heading.text}\`` : '';
  return `: the table ${header(table)} at line ${table.position.line}${under} ended at line ${end}`;
}

const header = (table: TableBlock): string => `\`| ${table.header.map((c) => c.text).join(' | ')} |\``;
