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

export const TABLE_SPLIT_HINT =
  'A blank line or an HTML comment ends a GFM table, and a table starts only at a header row with a delimiter row (`|---|`) right below it: rows outside a table are not read, so they would be lost. Check the upstream page.';

const short = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

/** One `table-split` error per run of stray rows, at its first line. `blocks` are the page's, in order. */
export function reportStrayRows(strays: readonly StrayRows[], blocks: readonly Block[], report: Reporter): void {
  for (const stray of strays) {
    const what =
      stray.count === 1
        ? `Line ${stray.position.line} looks like a table row but is in no table (\`${short(stray.text)}\`)`
        : `Lines ${stray.position.line}–${stray.lastLine} look like table rows but are in no table (${stray.count} lines, the first \`${short(stray.text)}\`)`;
    report.error('table-split', `${what}${follows(stray.position.line, blocks)}.`, stray.position, TABLE_SPLIT_HINT);
  }
}

/** `: the table … ended at line N`, naming the nearest table above `line` in the same section, if any. */
export function follows(line: number, blocks: readonly Block[], describe: (table: TableBlock) => string = header): string {
  let table: TableBlock | undefined;
  let heading: HeadingBlock | undefined;
  for (const block of blocks) {
    if (block.position.line >= line) break;
    if (block.type === 'table') table = block;
    else if (block.type === 'heading') {
      heading = block;
      table = undefined;
    }
  }
  if (!table) return '';
  const end = table.rows.length > 0 ? table.rows[table.rows.length - 1]!.position.line : table.position.line + (table.flattened ? 0 : 1);
  const under = heading ? ` under \`${'#'.repeat(heading.depth)} ${heading.text}\`` : '';
  return `: the table ${describe(table)} at line ${table.position.line}${under} ended at line ${end}`;
}

const header = (table: TableBlock): string => `\`| ${table.header.map((c) => c.text).join(' | ')} |\``;
