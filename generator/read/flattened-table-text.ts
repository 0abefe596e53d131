/**
 * A page whose HTML table was flattened to text (GitLab's localized "Access token scopes" page): the
 * header cells run together on one line (`ScopeToken availabilityDescription`), then one line per
 * row with its cells run together. The header is recognised as the concatenation of a header set
 * some extractor knows; its rows become one-cell rows (`flattened: true`) that the extractor splits.
 * Other lines become paragraphs and lists (`  • ` bullets, `  1. ` numbered items).
 */
import type { Reader } from './reader.ts';
import type { Reporter } from '../diagnostics/reporter.ts';
import type { SourcePosition } from '../model/position.ts';
import type { Block, Cell, ListBlock, PageDocument, ParagraphBlock, TableBlock } from './document.ts';
import { extractors } from '../extract/registry.ts';
import type { StrayRows } from './mdast-blocks.ts';
import { addStrayRow, reportStrayRows } from './stray-table-rows.ts';

export type HeaderSets = () => readonly (readonly string[])[];
/** Whether a trimmed line would split as a row of a table with `header` (the extractor's `flattenedRow`). */
export type RowTest = (line: string, header: readonly string[]) => boolean;

const BULLET = /^(\s*)([•·‣◦*-])\s+(.*)$/u;
const NUMBERED = /^(\s*)(\d{1,3})[.)]\s+(.*)$/;

/** A reader that knows the header sets returned by `headerSets` (called at read time, so registries can be imported in any order). */
export function createFlattenedTableTextReader(headerSets: HeaderSets, isRow?: RowTest): Reader {
  return {
    name: 'flattened-table-text',
    description: 'An HTML table flattened to text, header cells run together on one line (GitLab localized token scopes page).',
    detect(text) {
      const sets = headerSets();
      return text.split(/\r?\n/).some((line) => matchHeader(line.trim(), sets) !== undefined) ? 0.9 : 0;
    },
    read(text, file, report) {
      return readFlattenedText(text, file, report, headerSets(), isRow);
    },
  };
}

export const flattenedTableTextReader: Reader = createFlattenedTableTextReader(
  () => extractors.map((e) => e.headers).flat(),
  (line, header) => extractors.some((e) => e.headers.includes(header) && e.flattenedRow?.(line, header) === true),
);

/** The header set whose cells, run together, are exactly `line` (the longest, if several fit). */
export function matchHeader(line: string, sets: readonly (readonly string[])[]): readonly string[] | undefined {
  let best: readonly string[] | undefined;
  for (const set of sets) {
    if (set.length < 2 || set.join('') !== line) continue;
    if (!best || set.length > best.length) best = set;
  }
  return best;
}

export function readFlattenedText(text: string, file: string, report: Reporter, sets: readonly (readonly string[])[], isRow?: RowTest): PageDocument {
  const lines = text.split(/\r?\n/);
  const at = (index: number, column: number): SourcePosition => ({ file, line: index + 1, column });
  const blocks: Block[] = [];
  const strays: StrayRows[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (trimmed === '') {
      i++;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    const header = matchHeader(trimmed, sets);
    if (header) {
      const headerCells: Cell[] = [];
      let column = indent + 1;
      for (const h of header) {
        headerCells.push(cell(h, at(i, column)));
        column += h.length;
      }
      const table: TableBlock = { type: 'table', header: headerCells, rows: [], position: at(i, indent + 1), flattened: true };
      i++;
      // Rows run until the first blank line.
      while (i < lines.length && lines[i]!.trim() !== '') {
        const row = lines[i]!;
        const start = row.length - row.trimStart().length + 1;
        table.rows.push({ cells: [cell(row.trim(), at(i, start))], position: at(i, start) });
        i++;
      }
      blocks.push(table);
      if (isRow) strays.push(...strayRowsAfter(lines, i, header, sets, isRow, file));
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = numbered !== null;
      const list: ListBlock = { type: 'list', ordered, items: [], position: at(i, indent + 1) };
      // Items of one list: consecutive lines of the same kind. The numbers of an ordered list are
      // not kept in the block structure, so they must run 1, 2, 3… for a reader of the blocks to
      // recover them (footnotes are referred to by number).
      while (i < lines.length) {
        const m = ordered ? NUMBERED.exec(lines[i]!) : BULLET.exec(lines[i]!);
        if (!m) break;
        const column = lines[i]!.length - m[3]!.length + 1;
        if (ordered && Number(m[2]) !== list.items.length + 1) {
          report.error(
            'list-numbering',
            `Numbered item ${m[2]} is item ${list.items.length + 1} of its list.`,
            at(i, m[1]!.length + 1),
            'Items are numbered 1, 2, 3… from the start of each list; a gap or a blank line inside the list loses the numbering.',
          );
        }
        list.items.push(paragraph(m[3]!.trim(), at(i, column)));
        i++;
      }
      blocks.push(list);
      continue;
    }
    // A paragraph: consecutive lines that are neither blank, a list item nor a table header.
    const start = i;
    const parts: string[] = [];
    while (i < lines.length) {
      const l = lines[i]!;
      if (l.trim() === '' || (i > start && (BULLET.test(l) || NUMBERED.test(l) || matchHeader(l.trim(), sets)))) break;
      parts.push(l.trim());
      i++;
    }
    blocks.push(paragraph(parts.join(' '), at(start, indent + 1)));
  }
  reportStrayRows(strays, blocks, report);
  return { file, format: 'flattened-table-text', frontmatter: {}, blocks };
}

/**
 * Rows run until the first blank line, so a blank line inside the table cuts it: the lines after it
 * that still split as rows of the table (up to the next table header) would be read as prose and
 * lost. They are `table-split` errors, like `|` rows cut off from a Markdown table.
 */
function strayRowsAfter(lines: readonly string[], end: number, header: readonly string[], sets: readonly (readonly string[])[], isRow: RowTest, file: string): StrayRows[] {
  const out: StrayRows[] = [];
  for (let j = end; j < lines.length; j++) {
    const line = lines[j]!;
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (matchHeader(trimmed, sets) !== undefined) break;
    if (!isRow(trimmed, header)) continue;
    addStrayRow(out, out[out.length - 1]?.lastLine === j, { file, line: j + 1, column: line.length - line.trimStart().length + 1 }, trimmed);
  }
  return out;
}

function cell(text: string, position: SourcePosition): Cell {
  return { text, code: [], codePositions: [], strong: [], position };
}

function paragraph(text: string, position: SourcePosition): ParagraphBlock {
  return { type: 'paragraph', text, code: [], position };
}
