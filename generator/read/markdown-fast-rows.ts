/**
 * Markdown → blocks, with the body rows of pipe tables read without micromark when that is provably
 * the same. remark-parse + remark-gfm stay the parser of record: this module only saves remark the
 * work it spends on large tables (micromark tokenizes, resolves and re-walks every character of every
 * row, and mdast-util-gfm-autolink-literal searches every text node again: about 0.3 MB/s), and every
 * row it cannot read exactly is still given to remark.
 *
 * How:
 * 1. A body row that is *plain* is read here: a line that starts with `|`, after a delimiter row
 *    (`|---|`) in the same run of `|` lines, holding nothing but text and code spans (no `\`, `*`,
 *    `_`, `[`, `]`, `<`, `&`, `~`, no tab or control character, no lone surrogate, nothing an
 *    autolink literal could start with: `@`, `www.`, `://`; `<sup>` and `</sup>` exactly are
 *    allowed, see `inline`). GFM splits such a row on every `|`
 *    (there is no escape to honour), a cell's text is its content between spaces, and its only
 *    inline markup is code spans, whose rules (a run of n backticks closed by the next run of exactly
 *    n, one padding space stripped from each side) are reproduced below.
 * 2. Each run of consecutive plain rows is replaced by one placeholder row (`|x|`) and remark parses
 *    that skeleton: every other line, every non-plain row, the front matter, headings and lists are
 *    parsed by remark exactly as before. A plain header row (no empty cell) whose delimiter row is
 *    valid GFM with as many cells becomes `|x|` over `|-|`: whether a table starts there depends on
 *    that count and on what precedes the header line, not on the header's text (micromark-extension-
 *    gfm-table), and mdast keeps a body row's cells whatever the header's count (no padding, no
 *    truncation), so the non-plain rows left in the skeleton read the same.
 * 3. The skeleton is accepted only if every placeholder came back as a body row, at column 1, of a
 *    table that is a child of the root (and every header placeholder as the header row of one). A line starting with `|` at column 1 inside a top-level
 *    table's body is always one more body row (no block construct starts with `|`, and there is no
 *    container whose laziness could end the table), whatever its content, so the rows a placeholder
 *    stands for are rows of that same table in the page, and the lines after them parse the same
 *    (micromark continues a table from the kind of the last row, not from its text). Otherwise (a
 *    `|` run in a code block, front matter or HTML block, a table that does not start where it
 *    seemed to) the page is parsed whole by remark, as before.
 * 4. Prose is read here too when it is plain (`proseRuns`): a run of plain ATX headings and plain
 *    paragraph lines, with blank lines between them and a blank line before and after the run,
 *    becomes one placeholder paragraph `x`. If `x` comes back as a top-level paragraph of its own
 *    line holding only that text, the run's first line was read in the top-level state after a blank
 *    line (not in a fenced or HTML block, front matter, list item, quote or footnote: there `x` would
 *    not be such a paragraph), where remark reads each heading line as a heading and each group of
 *    paragraph lines as a paragraph: a line that starts with an ASCII letter starts no other block and
 *    interrupts none, and with no markup character, autolink literal, tab, control character or
 *    trailing space its text is itself (lines joined with a line ending, which `clean` makes a
 *    space). The blank line after the run leaves remark in the same state after `x` as after the
 *    run. A plain table (a plain header over a valid delimiter row with as many cells, then only
 *    plain body rows; step 2) after a blank line and followed by one joins the run: in that state
 *    its header and delimiter start a table and every `|` line after them is a body row (step 3),
 *    so it is exactly that table. GitLab's REST page (per resource a heading, a `Grants …` line and
 *    a table) then leaves remark a skeleton of ~1 KB instead of the whole 234 KB.
 * 5. The checks `mdastToBlocks` makes on the tree (`strayRows`: `|` lines in no table, code or HTML
 *    block; GFM footnotes; nested tables) see the same thing in the skeleton: a placeholder row is in
 *    a top-level table (step 3), a prose placeholder holds no `|` and no `[`, and every other line is
 *    in the skeleton as written, in the same block, mapped back to its page line.
 * test/fuzz/markdown-fast-rows.test.ts checks the result equals `mdastToBlocks(parseMarkdown(text))`
 * on generated pages mixing plain and non-plain rows, code blocks, lists, front matter and CRLF.
 */
import type { Reporter } from '../diagnostics/reporter.ts';
import type { SourcePosition } from '../model/position.ts';
import type { Block, Cell, TableBlock, TableRow } from './document.ts';
import { parseMarkdown } from './markdown.ts';
import { blankHeavyEmphasis } from './emphasis-runs.ts';
import { clean, mdastToBlocks, type BlocksResult, type LineMap } from './mdast-blocks.ts';

const PLACEHOLDER = '|x|';
const PROSE_PLACEHOLDER = 'x';
const LINE = /\r\n|\n|\r/g;
/** A delimiter row: only `|`, `-`, `:` and spaces, with at least one `-`. */
const DELIMITER = /^\|[ \t|:-]*-[ \t|:-]*$/;
/** What an autolink literal needs (micromark-extension-gfm-autolink-literal, mdast-util-gfm-autolink-literal). */
const AUTOLINK = /@|www\.|:\/\//i;

/** `mdastToBlocks(parseMarkdown(text), …)`, reading plain table rows and plain prose directly (see above). */
export function markdownToBlocks(text: string, file: string, report: Reporter, mapLine: LineMap = (l) => l): BlocksResult {
  let lines: string[] = [];
  const endings: string[] = [];
  let from = 0;
  LINE.lastIndex = 0;
  for (let m = LINE.exec(text); m; m = LINE.exec(text)) {
    lines.push(text.slice(from, m.index));
    endings.push(m[0]);
    from = m.index + m[0].length;
  }
  lines.push(text.slice(from));
  endings.push('');
  // Blocks over the emphasis cap are reported and blanked before anything parses them (emphasis-runs.ts).
  const light = blankHeavyEmphasis(lines, file, report, mapLine);
  if (light) {
    lines = light;
    text = lines.map((l, i) => l + endings[i]).join('');
  }

  // Plain body rows, by line index, read here.
  const plain = new Map<number, TableRow>();
  // Plain header rows whose delimiter row is valid with as many cells, by line index: the table
  // starts there whatever the header's text, so remark gets `|x|` and `|-|` in their place.
  const heads = new Map<number, TableRow>();
  for (let i = 0; i < lines.length; ) {
    if (lines[i]!.charCodeAt(0) !== 124) {
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end]!.charCodeAt(0) === 124) end++;
    let body = -1;
    for (let d = i + 1; d < end; d++) {
      if (DELIMITER.test(lines[d]!)) {
        body = d + 1;
        break;
      }
    }
    if (body >= 0) {
      const h = body - 2;
      const line = mapLine(h + 1);
      const cells = h >= i ? plainHeader(lines[h]!, lines[body - 1]!, file, line) : undefined;
      if (cells) heads.set(h, { cells, position: { file, line, column: 1 } });
      for (let r = body; r < end; r++) {
        const row = plainRow(lines[r]!, file, mapLine(r + 1));
        if (row) plain.set(r, row);
      }
    }
    i = end;
  }
  // Runs of plain headings and paragraphs between blank lines, by first line index (see `proseRuns`).
  // A plain table starting at line k: a plain header row and delimiter (`heads`), then only plain body rows.
  // Built once per line asked for (`proseRuns` asks for a run's first table twice).
  const tables = new Map<number, { end: number; block: TableBlock } | undefined>();
  const tableAt = (k: number): { end: number; block: TableBlock } | undefined => {
    if (!tables.has(k)) tables.set(k, buildTableAt(k));
    return tables.get(k);
  };
  const buildTableAt = (k: number): { end: number; block: TableBlock } | undefined => {
    const head = heads.get(k);
    if (!head) return undefined;
    const rows: TableRow[] = [];
    let end = k + 2;
    for (; end < lines.length && lines[end]!.charCodeAt(0) === 124; end++) {
      const row = plain.get(end);
      if (!row) return undefined;
      rows.push(row);
    }
    return { end, block: { type: 'table', header: head.cells, rows, position: head.position } };
  };
  const prose = proseRuns(lines, file, mapLine, tableAt);
  if (plain.size === 0 && heads.size === 0 && prose.size === 0) return mdastToBlocks(parseMarkdown(text), file, report, mapLine, text);

  // The skeleton: each run of plain rows becomes one placeholder line.
  const parts: string[] = [];
  /** Page line (1-based) of each skeleton line. */
  const pageLine: number[] = [0];
  /** Skeleton line (1-based) of each placeholder → the page lines it stands for. */
  const placeholders = new Map<number, number[]>();
  /** Skeleton line (1-based) of each header placeholder → the header's page line index. */
  const headPlaceholders = new Map<number, number>();
  /** Skeleton line (1-based) of each prose placeholder → the blocks it stands for. */
  const prosePlaceholders = new Map<number, Block[]>();
  for (let i = 0; i < lines.length; ) {
    const proseRun = prose.get(i);
    if (proseRun) {
      parts.push(PROSE_PLACEHOLDER, endings[proseRun.last]!);
      pageLine.push(i + 1);
      prosePlaceholders.set(pageLine.length - 1, proseRun.blocks);
      i = proseRun.last + 1;
      continue;
    }
    if (heads.has(i)) {
      parts.push(PLACEHOLDER, endings[i]!, '|-|', endings[i + 1]!);
      pageLine.push(i + 1, i + 2);
      headPlaceholders.set(pageLine.length - 2, i);
      i += 2;
      continue;
    }
    if (!plain.has(i)) {
      parts.push(lines[i]!, endings[i]!);
      pageLine.push(i + 1);
      i++;
      continue;
    }
    const run: number[] = [];
    while (plain.has(i)) run.push(i++);
    parts.push(PLACEHOLDER, endings[i - 1]!);
    pageLine.push(run[0]! + 1);
    placeholders.set(pageLine.length - 1, run);
  }
  const skeleton = parts.join('');
  const tree = parseMarkdown(skeleton);

  // Accept the skeleton only when every placeholder is a body row of a top-level table, and every
  // header placeholder the header of one.
  const expanded = new Map<object, TableRow[]>();
  const expandedBlocks = new Map<object, Block[]>();
  let headsFound = 0;
  for (const node of tree.children) {
    if (node.type === 'paragraph') {
      // A prose placeholder: a top-level paragraph of its own line, holding only `x`.
      const start = node.position?.start;
      const blocks = start && start.column === 1 && node.position?.end.line === start.line ? prosePlaceholders.get(start.line) : undefined;
      const only = node.children.length === 1 ? node.children[0] : undefined;
      if (blocks && only?.type === 'text' && only.value === PROSE_PLACEHOLDER) expandedBlocks.set(node, blocks);
      continue;
    }
    if (node.type !== 'table') continue;
    const head = node.children[0];
    const at = head?.position?.start;
    const h = at && at.column === 1 && node.position?.start.line === at.line ? headPlaceholders.get(at.line) : undefined;
    if (head && h !== undefined) {
      expanded.set(head, [heads.get(h)!]);
      headsFound++;
    }
    for (let r = 1; r < node.children.length; r++) {
      const row = node.children[r]!;
      const start = row.position?.start;
      const run = start && start.column === 1 ? placeholders.get(start.line) : undefined;
      if (!run) continue;
      expanded.set(
        row,
        run.map((index) => plain.get(index)!),
      );
    }
  }
  if (expanded.size !== placeholders.size + headPlaceholders.size || headsFound !== headPlaceholders.size || expandedBlocks.size !== prosePlaceholders.size) {
    return mdastToBlocks(parseMarkdown(text), file, report, mapLine, text);
  }
  return mdastToBlocks(tree, file, report, (l) => mapLine(pageLine[l] ?? l), skeleton, (row) => expanded.get(row), (node) => expandedBlocks.get(node));
}

/** A tab, another control character or a surrogate code unit: remark may change columns or values there. */
function hasControlOrSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

/** A blank line (CommonMark: only spaces and tabs). */
const BLANK = /^[ \t]*$/;
/** A plain ATX heading: 1–6 `#`, one space, content with no `#` and no white space at its end. */
const HEADING = /^(#{1,6}) ([^ #][^#]*)$/;
/** Characters that may start or be markup, outside code spans (none in plain prose: no code spans either). */
const PROSE_MARKUP = /[\\`*_[\]<>&~|]/;

/** Text with nothing remark would read as markup, and nothing it would trim or break on. */
function plainProse(text: string): boolean {
  if (hasControlOrSurrogate(text)) return false;
  const last = text.charCodeAt(text.length - 1);
  return last !== 32 && !PROSE_MARKUP.test(text) && !AUTOLINK.test(text);
}

/**
 * Runs of plain prose, read here (step 4 of the module comment): lines i..last, each a plain heading,
 * a plain paragraph line, a line of a plain table that has a blank line before and after it, or
 * blank; the first and last not blank, with a blank line before i and after last. A plain paragraph line starts with an ASCII letter (so it starts no block and
 * interrupts nothing), has no markup character, no autolink literal, no tab or control character and
 * no trailing space (no hard break); a plain heading is `#`×1–6, a space and such text without `#`.
 */
function proseRuns(lines: readonly string[], file: string, mapLine: LineMap, tableAt: (k: number) => { end: number; block: TableBlock } | undefined): Map<number, { last: number; blocks: Block[] }> {
  const runs = new Map<number, { last: number; blocks: Block[] }>();
  const kind = (line: string): 'heading' | 'line' | undefined => {
    const c = line.charCodeAt(0);
    if (c === 35) return HEADING.test(line) && plainProse(line) ? 'heading' : undefined;
    return ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) && plainProse(line) ? 'line' : undefined;
  };
  const blankBefore = (k: number) => k > 0 && BLANK.test(lines[k - 1]!);
  for (let i = 1; i < lines.length; i++) {
    if (!blankBefore(i) || !(kind(lines[i]!) || tableAt(i))) continue;
    // Extend over plain lines, plain tables (after a blank line) and blank lines; end at the last
    // plain line, or the end of a table, that a blank line follows.
    let last = -1;
    const tables = new Map<number, { end: number; block: TableBlock }>();
    let j = i;
    while (j < lines.length) {
      const line = lines[j]!;
      if (BLANK.test(line)) {
        j++;
        continue;
      }
      const table = blankBefore(j) ? tableAt(j) : undefined;
      if (table) {
        // A line right after a table's rows is one more row (GFM), whatever it holds: only a blank line ends it here.
        if (table.end >= lines.length || !BLANK.test(lines[table.end]!)) break;
        tables.set(j, table);
        j = table.end;
      } else if (kind(line)) j++;
      else break;
      if (j < lines.length && BLANK.test(lines[j]!)) last = j - 1;
    }
    if (last < 0) {
      i = j;
      continue;
    }
    const blocks: Block[] = [];
    let paragraph: { lines: string[]; line: number } | undefined;
    const close = () => {
      if (paragraph) blocks.push({ type: 'paragraph', text: clean(paragraph.lines.join('\n')), code: [], position: { file, line: mapLine(paragraph.line + 1), column: 1 } });
      paragraph = undefined;
    };
    for (let k = i; k <= last; k++) {
      const line = lines[k]!;
      const table = tables.get(k);
      if (table) {
        close();
        blocks.push(table.block);
        k = table.end - 1;
      } else if (BLANK.test(line)) close();
      else if (line.charCodeAt(0) === 35) {
        close();
        const m = HEADING.exec(line)!;
        blocks.push({ type: 'heading', depth: m[1]!.length, text: clean(m[2]!), position: { file, line: mapLine(k + 1), column: 1 } });
      } else if (paragraph) paragraph.lines.push(line);
      else paragraph = { lines: [line], line: k };
    }
    close();
    runs.set(i, { last, blocks });
    i = last + 1;
  }
  return runs;
}

/**
 * The table a run of `|` lines is when the run is a document of its own (the plain-text export
 * parses each run alone) and every line is plain: a first line that is a plain header (no empty
 * cell), a second that is a valid delimiter row with as many cells, the rest plain body rows. At the
 * start of a document such a header and delimiter start a table (nothing precedes it to interrupt or
 * contain it) and every later line starting with `|` is one of its body rows, so remark would return
 * exactly this table; undefined when any line is not plain. `first` is the run's first page line.
 */
export function plainTable(lines: readonly string[], first: number, file: string): TableBlock | undefined {
  if (lines.length < 2 || !lines.every((l) => l.charCodeAt(0) === 124)) return undefined;
  const header = plainHeader(lines[0]!, lines[1]!, file, first);
  if (!header) return undefined;
  const rows: TableRow[] = [];
  for (let i = 2; i < lines.length; i++) {
    const row = plainRow(lines[i]!, file, first + i);
    if (!row) return undefined;
    rows.push(row);
  }
  return { type: 'table', header, rows, position: { file, line: first, column: 1 } };
}

/**
 * The cells of a plain header row (no empty cell) whose delimiter row is valid GFM with as many
 * cells: a table starts there whatever the header's text. Undefined otherwise.
 */
function plainHeader(line: string, delimiter: string, file: string, lineNo: number): Cell[] | undefined {
  const cells = plainCells(line, file, lineNo);
  return cells && cells.every((c) => c.text !== '') && delimiterCells(delimiter) === cells.length ? cells : undefined;
}

/** A plain body row (its text as written, end trimmed, as `mdastToBlocks` keeps it), or undefined. */
function plainRow(line: string, file: string, lineNo: number): TableRow | undefined {
  const cells = plainCells(line, file, lineNo);
  return cells ? { cells, position: { file, line: lineNo, column: 1 }, text: line.trimEnd() } : undefined;
}

/**
 * How many cells a delimiter row has, when it is one GFM accepts (every cell `:?-+:?` between
 * spaces, a leading `|`, an optional trailing one); undefined otherwise.
 */
function delimiterCells(line: string): number | undefined {
  const pieces = line.split('|');
  // pieces[0] is '' (the line starts with `|`); a last piece of spaces follows a trailing `|`.
  if (pieces.length > 2 && /^ *$/.test(pieces[pieces.length - 1]!)) pieces.pop();
  const cells = pieces.slice(1);
  return cells.length > 0 && cells.every((c) => /^ *:?-+:? *$/.test(c)) ? cells.length : undefined;
}

/** The cells of a plain body row as GFM reads them, or undefined when the row is not plain. */
function plainCells(line: string, file: string, lineNo: number): Cell[] | undefined {
  // `\` escapes a `|` (the row would split elsewhere); tabs and control characters change columns or values.
  if (line.includes('\\') || hasControlOrSurrogate(line)) return undefined;
  const pipes: number[] = [];
  for (let i = line.indexOf('|'); i >= 0; i = line.indexOf('|', i + 1)) pipes.push(i);
  const cells: Cell[] = [];
  for (let k = 0; k < pipes.length; k++) {
    const open = pipes[k]!;
    const close = k + 1 < pipes.length ? pipes[k + 1]! : line.length;
    // After the last `|`, only something other than spaces is a cell.
    if (k + 1 === pipes.length && !/[^ ]/.test(line.slice(open + 1))) break;
    let a = open + 1;
    let b = close;
    while (a < b && line.charCodeAt(a) === 32) a++;
    while (b > a && line.charCodeAt(b - 1) === 32) b--;
    const position = { file, line: lineNo, column: open + 1 };
    const cell = strongCell(line, a, b, position) ?? inline(line, a, b, position);
    if (!cell) return undefined;
    cells.push(cell);
  }
  // A row that is only `|` still has one (empty) cell in mdast: leave it to remark.
  return cells.length > 0 ? cells : undefined;
}

/**
 * A cell that is one strong span and nothing else, `**text**` (Forgejo's scope names): the text has no
 * markup, no backtick and no white space at either end, so the first `**` can open (nothing before
 * it in the cell, and it is not followed by white space) and the last can close (nothing after it).
 */
function strongCell(line: string, a: number, b: number, position: SourcePosition): Cell | undefined {
  if (b - a < 5 || !line.startsWith('**', a) || !line.startsWith('**', b - 2)) return undefined;
  const inner = line.slice(a + 2, b - 2);
  if (/^\s|\s$|[`*]/.test(inner) || MARKUP.test(inner) || AUTOLINK.test(inner)) return undefined;
  const text = clean(inner);
  return { text, code: [], codePositions: [], strong: [text], position };
}

/** A `<sup>` or `</sup>` tag exactly (see `inline`). */
const SUP = /<\/?sup>/g;
/** Markup other than code spans, outside code spans: emphasis, links, HTML, references, strikethrough. */
const MARKUP = /[*_[\]<&~]/;

/**
 * Text and code spans of `line[a, b)`, or undefined when the text outside code spans holds other
 * markup (CommonMark code spans take precedence over everything that starts after their backticks).
 */
function inline(line: string, a: number, b: number, position: SourcePosition): Cell | undefined {
  let text = '';
  let outside = '';
  const code: string[] = [];
  const codePositions: SourcePosition[] = [];
  let i = a;
  let literal = a;
  while (i < b) {
    if (line.charCodeAt(i) !== 96) {
      i++;
      continue;
    }
    let n = i;
    while (n < b && line.charCodeAt(n) === 96) n++;
    const size = n - i;
    // The closing run: the next run of exactly `size` backticks.
    let j = n;
    let found = -1;
    while (j < b) {
      if (line.charCodeAt(j) !== 96) {
        j++;
        continue;
      }
      let m = j;
      while (m < b && line.charCodeAt(m) === 96) m++;
      if (m - j === size) {
        found = j;
        break;
      }
      j = m;
    }
    if (found < 0) {
      // No closing run: the backticks are text.
      i = n;
      continue;
    }
    let value = line.slice(n, found);
    if (value.charCodeAt(0) === 32 && value.charCodeAt(value.length - 1) === 32 && /[^ ]/.test(value)) value = value.slice(1, -1);
    const before = line.slice(literal, i);
    outside += before + ' ';
    text += before + value;
    code.push(value);
    // mdast positions a code span at its opening backtick; `Cell.codePositions` point after it.
    codePositions.push({ file: position.file, line: position.line, column: i + 2 });
    i = found + size;
    literal = i;
  }
  const rest = line.slice(literal, b);
  outside += rest;
  text += rest;
  // `<sup>` and `</sup>` (footnote marks: `Project, Group <sup>1</sup>`) are raw inline HTML in
  // CommonMark, whatever surrounds them; mdast keeps them as html nodes whose value is the tag, and
  // the cell's text (mdast-util-to-string) includes it: the text is as written.
  const markup = outside.includes('sup>') ? outside.replace(SUP, '') : outside;
  if (MARKUP.test(markup) || AUTOLINK.test(markup)) return undefined;
  return { text: clean(text), code, codePositions, strong: [], position };
}
