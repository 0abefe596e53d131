/**
 * One rule for every table extractor: how a body row's cells are fitted to the table's header.
 * Hand-edited documentation tables carry small accidents (a trailing `| |`, a cell that runs into its
 * closing pipe, a parenthesis opened and never closed). A row whose cells can still be assigned to
 * the header's columns one to one is read, and a warning points at it; a row whose cells cannot be
 * assigned (too few cells, or extra cells that hold text) is an error and is not read: deciding which
 * column a stray value belongs to would be a guess.
 */
import type { Reporter } from '../diagnostics/reporter.ts';
import type { Cell, TableRow } from '../read/document.ts';

export interface RowFitContext {
  report: Reporter;
  /** How messages name the table: `the token scope table`. */
  table: string;
  /** Hint of the `table-cell-count` error; the default explains escaping `|`. */
  cellCountHint?: string;
}

const DEFAULT_HINT = 'A `|` inside a cell must be escaped as `\\|`.';

/**
 * The row's cells, one per header column, or `undefined` when they cannot be assigned (the error is
 * reported). A readable but malformed row gets one `table-row-malformed` warning listing what is wrong.
 */
export function fitRowToHeader(row: TableRow, header: readonly string[], ctx: RowFitContext): Cell[] | undefined {
  const { cells } = row;
  const extra = cells.slice(header.length);
  if (cells.length < header.length || extra.some((c) => c.text !== '')) {
    ctx.report.error(
      'table-cell-count',
      `Row has ${cells.length} cells; ${ctx.table} has ${header.length}${header.length > 1 ? ` (${header.join(' | ')})` : ''}.`,
      row.position,
      ctx.cellCountHint ?? DEFAULT_HINT,
    );
    return undefined;
  }
  const fitted = cells.slice(0, header.length);
  const quirks: string[] = [];
  if (extra.length > 0) quirks.push(extra.length === 1 ? 'an extra empty cell after the last column' : `${extra.length} extra empty cells after the last column`);
  if (row.text !== undefined) {
    const column = pipeWithoutSpace(row.text);
    if (column !== undefined) quirks.push(`no space before the \`|\` at column ${row.position.column + column}`);
  }
  fitted.forEach((cell, i) => {
    if (hasUnclosedParenthesis(cell)) quirks.push(`an unclosed \`(\` in the ${header[i]} cell`);
  });
  if (quirks.length > 0) {
    ctx.report.warn(
      'table-row-malformed',
      `Row of ${ctx.table} read despite ${quirks.join(', ')}.`,
      row.position,
      'Its cells still fit the header one to one, so the row is read as shown; the upstream page should fix the row.',
    );
  }
  return fitted;
}

/**
 * Offset of a cell separator that its cell's text runs into (`| \`read_service_ping\`| Grant …`),
 * when the row's other separators are preceded by a space: a row written compactly throughout
 * (`|a|b|`) is a style, one that breaks its own padding is an accident.
 */
export function pipeWithoutSpace(text: string): number | undefined {
  const pipes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '|') pipes.push(i);
  }
  const separators = pipes.filter((p) => text.slice(0, p).trim() !== '');
  let spaced = false;
  let tight: number | undefined;
  for (const p of separators) {
    const before = text[p - 1]!;
    if (before === '|') continue; // an empty cell `||`
    if (/\s/.test(before)) spaced = true;
    else tight ??= p;
  }
  return spaced ? tight : undefined;
}

/** A `(` in a cell's prose (code spans left out) that no `)` closes. */
export function hasUnclosedParenthesis(cell: Cell): boolean {
  let prose = cell.text;
  for (const code of cell.code) prose = prose.replace(code, '');
  let depth = 0;
  for (const ch of prose) {
    if (ch === '(') depth++;
    else if (ch === ')' && depth > 0) depth--;
  }
  return depth > 0;
}
