/**
 * Table rows of an HTML page read without building their DOM, when that is provably what parse5
 * returns. parse5 (through cheerio) stays the parser of record: building its DOM with source
 * locations is ~70% of reading a large enum page (a `sourceCodeLocation` of three objects per
 * element, and the garbage collector then spends as long again on them), so the rows it would build
 * for the plain part of a table are read here, and parse5 parses a skeleton in which each run of such
 * rows is one empty row, `<tr></tr>` (offsets after it are mapped back to the page's).
 *
 * A *plain* row is, exactly as written (lower case, no attributes, no other markup):
 *   `<tr>` (whitespace | cell)* `</tr>`, at least one cell, where a cell is `<td>` inline* `</td>` or
 *   `<th>` inline* `</th>`, and inline content is text or `<p>`, `<strong>`, `<b>`, `<code>`, `<em>`,
 *   `<i>` elements closed by their own end tag in order (properly nested; `<p>` only directly in the
 *   cell; no element inside one of the same name).
 * Text holds no `<`, no CR, NUL or other control character except tab and LF, no lone surrogate, and
 * `&` only in `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` or a decimal/hex reference to a printable ASCII
 * character. Whitespace is what HTML calls whitespace here: space, tab, LF.
 *
 * Why that is parse5's tree. When the tokenizer meets a row's `<tr>` in the data state and the tree
 * builder is in any mode where a `tr` start tag creates a `tr` element (in table, table body, row,
 * cell, caption), the element is created and the mode becomes "in row". From there, for a plain row:
 * `<td>`/`<th>` opens a cell ("in cell": a marker on the list of active formatting elements); in the
 * cell the "in body" rules apply: text becomes text (no NUL to drop, no CR to normalize, references
 * decoded as above), `<p>` has no `p` in button scope to close (the cell is a scope boundary) and
 * each inline element is pushed and then popped by its own end tag while it is the current node, so
 * no implied end tag, adoption agency or reconstruction ever runs and the tree is the nesting as
 * written; `</td>` pops the cell and clears the formatting list to the marker, leaving it as it was;
 * whitespace between cells is text of the `tr`, between rows text of the section; `</tr>` returns to
 * "in table body". So a run of plain rows leaves parse5 in the same state as one `<tr>…</tr>` holding
 * nothing (the placeholder), and every token after the run is parsed the same (at an offset shifted
 * by the run's length less the placeholder's).
 * Whether the tokenizer and tree builder were in such a state where the run starts is what the
 * skeleton shows: the reader accepts it only if every placeholder comes back as a `tr` element
 * starting where the placeholder starts and ending where it ends (its own start and end tags), found
 * among the rows of a table it reads. A run inside a comment, a `<template>`, script or other raw text, an attribute value,
 * foreign (SVG/MathML) content or outside any table fails that test, and the page is parsed whole.
 *
 * test/read/html-fast-rows.test.ts checks the reader's result equals parse5's on generated pages
 * mixing plain and non-plain rows in those contexts.
 */
import type { SourcePosition } from '../model/position.ts';
import type { Cell } from './document.ts';
import { clean } from './mdast-blocks.ts';

/** A plain row as parse5 would build it, already read into the reader's cells. */
export interface FastRow {
  /** Where its `<tr>` is. */
  position: SourcePosition;
  /** `td` or `th`, per cell. */
  names: ('td' | 'th')[];
  cells: Cell[];
}

export interface FastRows {
  /** The page with each run of plain rows replaced by `<tr></tr>`. */
  skeleton: string;
  /** Each run's rows, by the offset of its placeholder in the skeleton. */
  runs: Map<number, FastRow[]>;
  /** Skeleton offset → page offset. */
  pageOffset: (offset: number) => number;
}

const PLACEHOLDER = '<tr></tr>';
const INLINE = new Set(['strong', 'b', 'code', 'em', 'i']);
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const isSpace = (c: number) => c === 32 || c === 9 || c === 10;

/** Finds the runs of plain rows in `text`; `at` turns a page offset into a position. */
export function findFastRows(text: string, at: (offset: number) => SourcePosition): FastRows {
  const runs: FastRows['runs'] = new Map();
  const pieces: string[] = [];
  /** Skeleton offsets after each placeholder, and how far the page is ahead of the skeleton from there. */
  const after: number[] = [];
  const shift: number[] = [];
  let copied = 0;
  let length = 0;
  for (let i = text.indexOf('<tr>'); i >= 0; ) {
    const rows: FastRow[] = [];
    let end = i;
    for (let j = i; ; ) {
      const row = readRow(text, j, at);
      if (!row) break;
      rows.push(row.row);
      end = row.end;
      j = end;
      while (j < text.length && isSpace(text.charCodeAt(j))) j++;
      if (!text.startsWith('<tr>', j)) break;
    }
    if (rows.length === 0) {
      i = text.indexOf('<tr>', i + 1);
      continue;
    }
    length += i - copied;
    runs.set(length, rows);
    pieces.push(text.slice(copied, i), PLACEHOLDER);
    length += PLACEHOLDER.length;
    after.push(length);
    shift.push(end - length);
    copied = end;
    i = text.indexOf('<tr>', end);
  }
  if (runs.size === 0) return { skeleton: text, runs, pageOffset: (offset) => offset };
  pieces.push(text.slice(copied));
  const pageOffset = (offset: number): number => {
    // The last placeholder ending at or before `offset` (none: the page and the skeleton agree).
    let lo = 0;
    let hi = after.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (after[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? offset : offset + shift[lo - 1]!;
  };
  return { skeleton: pieces.join(''), runs, pageOffset };
}

/** A plain row starting at `start` (which holds `<tr>`), or undefined. */
function readRow(text: string, start: number, at: (offset: number) => SourcePosition): { row: FastRow; end: number } | undefined {
  const names: ('td' | 'th')[] = [];
  const cells: Cell[] = [];
  let j = start + 4;
  for (;;) {
    while (j < text.length && isSpace(text.charCodeAt(j))) j++;
    if (text.startsWith('</tr>', j)) {
      if (cells.length === 0) return undefined;
      return { row: { position: at(start), names, cells }, end: j + 5 };
    }
    const name = text.startsWith('<td>', j) ? 'td' : text.startsWith('<th>', j) ? 'th' : undefined;
    if (!name) return undefined;
    const cell = readCell(text, j, name, at);
    if (!cell) return undefined;
    names.push(name);
    cells.push(cell.cell);
    j = cell.end;
  }
}

/** The cell whose `<td>`/`<th>` is at `start`, read as the reader reads parse5's (html.ts `cell`). */
function readCell(text: string, start: number, name: 'td' | 'th', at: (offset: number) => SourcePosition): { cell: Cell; end: number } | undefined {
  /** Open elements inside the cell. */
  const open: string[] = [];
  let all = '';
  const code: string[] = [];
  const codePositions: SourcePosition[] = [];
  const strong: string[] = [];
  /** Text of the open `<code>` and of the outermost open `<strong>`/`<b>`. */
  let codeText: string | undefined;
  let strongText: string | undefined;
  let j = start + 4;
  const n = text.length;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 60) {
      // `<`: one of the allowed tags, exactly.
      const close = text.charCodeAt(j + 1) === 47;
      const from = close ? j + 2 : j + 1;
      const gt = text.indexOf('>', from);
      if (gt < 0 || gt - from > 6) return undefined;
      const tag = text.slice(from, gt);
      if (close) {
        if (open.length === 0) {
          if (tag !== name) return undefined;
          return { cell: { text: clean(all), code, codePositions, strong, position: at(start) }, end: gt + 1 };
        }
        if (open[open.length - 1] !== tag) return undefined;
        open.pop();
        if (tag === 'p') all += ' ';
        else if (tag === 'code') {
          code.push(clean(codeText!));
          codeText = undefined;
        } else if ((tag === 'strong' || tag === 'b') && !open.includes('strong') && !open.includes('b')) {
          strong.push(clean(strongText!));
          strongText = undefined;
        }
      } else {
        if (tag === 'p') {
          if (open.length > 0) return undefined;
          all += ' ';
        } else if (INLINE.has(tag)) {
          if (open.includes(tag)) return undefined;
          if (tag === 'code') {
            codeText = '';
            codePositions.push(at(gt + 1));
          } else if ((tag === 'strong' || tag === 'b') && strongText === undefined) strongText = '';
        } else return undefined;
        open.push(tag);
      }
      j = gt + 1;
      continue;
    }
    // Text up to the next `<`.
    let k = j;
    let piece = '';
    let from = j;
    while (k < n) {
      const d = text.charCodeAt(k);
      if (d === 60) break;
      if ((d < 32 && d !== 9 && d !== 10) || d === 127 || (d >= 0xd800 && d <= 0xdfff)) return undefined;
      if (d === 38) {
        const ref = reference(text, k);
        if (!ref) return undefined;
        piece += text.slice(from, k) + ref.value;
        k = ref.end;
        from = k;
        continue;
      }
      k++;
    }
    piece += text.slice(from, k);
    all += piece;
    if (codeText !== undefined) codeText += piece;
    if (strongText !== undefined) strongText += piece;
    j = k;
  }
  return undefined;
}

/** The character reference at `i` (`&`), when it is one of the plain forms; undefined otherwise. */
function reference(text: string, i: number): { value: string; end: number } | undefined {
  const semi = text.indexOf(';', i + 1);
  if (semi < 0 || semi - i > 8) return undefined;
  const body = text.slice(i + 1, semi);
  let code: number;
  if (/^#[0-9]{1,5}$/.test(body)) code = Number(body.slice(1));
  else if (/^#[xX][0-9a-fA-F]{1,4}$/.test(body)) code = Number.parseInt(body.slice(2), 16);
  else {
    const named = NAMED[body];
    return named === undefined || !Object.hasOwn(NAMED, body) ? undefined : { value: named, end: semi + 1 };
  }
  return code >= 0x20 && code <= 0x7e ? { value: String.fromCharCode(code), end: semi + 1 } : undefined;
}
