/**
 * HTML pages with optional YAML front matter (Buildkite's GraphQL enum pages: front matter, an h1
 * with an `ENUM` pill, a lead paragraph, one `<table>` of values). Parsed with cheerio (parse5)
 * keeping source locations, so every block, cell and code span points at its real line and column.
 * Plain table rows (html-fast-rows.ts) are read without building their DOM when that is provably
 * what parse5 returns; parse5 then parses the rest of the page.
 */
import * as cheerio from 'cheerio';
import type { AnyNode, Element, Text } from 'domhandler';
import { parse as parseYaml } from 'yaml';
import type { Reader } from './reader.ts';
import type { Reporter } from '../diagnostics/reporter.ts';
import type { SourcePosition } from '../model/position.ts';
import type { Block, Cell, PageDocument, ParagraphBlock, TableBlock, TableRow } from './document.ts';
import { clean } from './mdast-blocks.ts';
import { findFastRows, type FastRow, type FastRows } from './html-fast-rows.ts';

/** Elements that end a run of inline content; anything else (code, strong, a, span…) is inline. */
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'details', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
/** Block elements whose children are read as blocks of the page. */
const CONTAINERS = new Set(['article', 'aside', 'blockquote', 'body', 'div', 'footer', 'header', 'html', 'main', 'nav', 'section']);
/** Never page text. */
const SKIPPED = new Set(['script', 'style', 'template', 'noscript']);
const HEADING = /^h([1-6])$/;
/** A kramdown attribute list on a line of its own (`{:notoc}`): markup for the site generator, not text. */
const KRAMDOWN_IAL = /^\{:[^}]*\}$/;

export const htmlReader: Reader = {
  name: 'html',
  description: 'HTML with optional YAML front matter (Buildkite GraphQL enum pages): headings, paragraphs, lists, tables.',
  detect(text) {
    if (/<table\b/i.test(text) && /<t[dh]\b/i.test(text)) return 0.8;
    return /<(h[1-6]|p|div|ul)\b/i.test(text) ? 0.5 : 0;
  },
  read(text, file, report) {
    return readHtml(text, file, report);
  },
};

export interface HtmlReadOptions {
  /** Read plain table rows without parse5 (html-fast-rows.ts); `false` parses the whole page (tests compare both). */
  fastRows?: boolean;
}

export function readHtml(text: string, file: string, report: Reporter, options: HtmlReadOptions = {}): PageDocument {
  return readHtmlDocument(text, file, report, options).document;
}

/** `readHtml`, also saying how many table rows were read without parse5 (0 when the page was parsed whole). */
export function readHtmlDocument(text: string, file: string, report: Reporter, options: HtmlReadOptions = {}): { document: PageDocument; fastRows: number } {
  const lines = new LineIndex(text, file);
  const { frontmatter, body } = splitFrontMatter(text, lines, report);
  // `body` is the page with the front matter blanked out (same length, same newlines), so parse5's
  // offsets are offsets of the page itself.
  if (options.fastRows !== false) {
    const fast = findFastRows(body, (offset) => lines.at(offset));
    if (fast.runs.size > 0) {
      const reader = new BlockReader(fast.skeleton, (offset) => lines.at(fast.pageOffset(offset)), fast.runs);
      reader.readChildren(parseHtml(fast.skeleton));
      // Every run must have come back as one row of a table read above; otherwise parse the page whole.
      if (reader.runsRead === fast.runs.size) {
        let fastRows = 0;
        for (const rows of fast.runs.values()) fastRows += rows.length;
        return { document: { file, format: 'html', frontmatter, blocks: reader.blocks }, fastRows };
      }
    }
  }
  const reader = new BlockReader(body, (offset) => lines.at(offset));
  reader.readChildren(parseHtml(body));
  return { document: { file, format: 'html', frontmatter, blocks: reader.blocks }, fastRows: 0 };
}

function parseHtml(body: string): AnyNode[] {
  return cheerio.load(body, { sourceCodeLocationInfo: true }, false).root()[0]!.children;
}

// ---------------------------------------------------------------- front matter

function splitFrontMatter(text: string, lines: LineIndex, report: Reporter): { frontmatter: Record<string, unknown>; body: string } {
  const open = /^---[ \t]*\r?\n/.exec(text);
  if (!open) return { frontmatter: {}, body: text };
  const close = /^---[ \t]*(?:\r?\n|$)/m;
  const rest = text.slice(open[0].length);
  const end = close.exec(rest);
  if (!end) {
    report.warn('front-matter-unclosed', 'The page starts with `---` but the front matter is never closed.', lines.at(0), 'Close the front matter with a `---` line; the page is read as HTML from its first line.');
    return { frontmatter: {}, body: text };
  }
  const yamlText = rest.slice(0, end.index);
  const length = open[0].length + end.index + end[0].length;
  const body = text.slice(0, length).replace(/[^\r\n]/g, ' ') + text.slice(length);
  let frontmatter: Record<string, unknown> = {};
  try {
    const data: unknown = parseYaml(yamlText);
    if (data && typeof data === 'object' && !Array.isArray(data)) frontmatter = data as Record<string, unknown>;
  } catch (error) {
    // yaml counts lines from the first line after `---`; report the page's line.
    const where = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    const at = where ? { ...lines.at(0), line: where.line + 1, column: where.col } : lines.at(0);
    const reason = (error as Error).message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    report.warn('front-matter-yaml', `Front matter is not valid YAML: ${reason}.`, at, 'Fix the YAML between the `---` lines; the rest of the page is still read.');
  }
  return { frontmatter, body };
}

// ---------------------------------------------------------------- blocks

interface InlineRun {
  text: string;
  code: string[];
  start: number | undefined;
}

/** A row of a table as the reader sees it: from the DOM, or read by html-fast-rows.ts. */
interface RowItem {
  /** The `tr` element (for a fast row, the placeholder of its run). */
  tr: Element;
  names: string[];
  row: TableRow;
}

class BlockReader {
  readonly blocks: Block[] = [];
  private run: InlineRun = emptyRun();
  /** How many of `fastRuns` were found as rows of tables read. */
  runsRead = 0;

  constructor(
    /** What parse5 parsed (the page, or the skeleton of html-fast-rows.ts). */
    private readonly source: string,
    /** Position of an offset in `source`. */
    private readonly at: (offset: number) => SourcePosition,
    private readonly fastRuns?: FastRows['runs'],
  ) {}

  readChildren(nodes: readonly AnyNode[]): void {
    for (const node of nodes) this.readNode(node);
    this.flush();
  }

  private readNode(node: AnyNode): void {
    if (node.type === 'text') return this.readText(node as Text);
    if (!isElement(node) || SKIPPED.has(node.name) || isPill(node)) return;
    const name = node.name;
    if (!BLOCK_ELEMENTS.has(name)) {
      // Inline markup between blocks (a bare `<code>` in a text paragraph) joins the current paragraph.
      if (this.run.start === undefined) this.run.start = offsetOf(node);
      this.run.text += textOf(node);
      this.run.code.push(...codeOf(node).map((c) => c.text));
      return;
    }
    this.flush();
    const heading = HEADING.exec(name);
    if (heading) {
      this.blocks.push({ type: 'heading', depth: Number(heading[1]), text: clean(textOf(node)), position: this.at(offsetOf(node)) });
    } else if (name === 'p') {
      const p = this.paragraph(node);
      if (p.text !== '' && !KRAMDOWN_IAL.test(p.text)) this.blocks.push(p);
    } else if (name === 'ul' || name === 'ol') {
      const items = node.children.filter((c): c is Element => isElement(c) && c.name === 'li').map((li) => this.paragraph(li));
      this.blocks.push({ type: 'list', ordered: name === 'ol', items, position: this.at(offsetOf(node)) });
    } else if (name === 'table') {
      this.blocks.push(this.table(node));
    } else if (CONTAINERS.has(name)) {
      this.readChildren(node.children);
    }
    // Other block elements (hr, pre, dl, figure…) carry no permission data on these pages.
  }

  /** Bare text between elements: one paragraph per run of lines, split at blank lines as Markdown would. */
  private readText(node: Text): void {
    const start = offsetOf(node);
    const end = node.sourceCodeLocation?.endOffset ?? start + node.data.length;
    const raw = this.source.slice(start, end);
    // Positions come from the raw source; text from the decoded data. Entities never contain a
    // blank line, so both split into the same pieces.
    const rawPieces = splitBlankLines(raw);
    const textPieces = splitBlankLines(node.data);
    const same = rawPieces.length === textPieces.length;
    textPieces.forEach((piece, i) => {
      if (i > 0) this.flush();
      if (this.run.start === undefined && piece.text.trim() !== '') {
        const rawPiece = same ? rawPieces[i]! : rawPieces[0]!;
        this.run.start = start + rawPiece.offset + (rawPiece.text.length - rawPiece.text.trimStart().length);
      }
      this.run.text += piece.text;
    });
  }

  private flush(): void {
    const text = clean(this.run.text);
    if (text !== '' && this.run.start !== undefined && !KRAMDOWN_IAL.test(text)) {
      this.blocks.push({ type: 'paragraph', text, code: this.run.code, position: this.at(this.run.start) });
    }
    this.run = emptyRun();
  }

  private paragraph(node: Element): ParagraphBlock {
    return { type: 'paragraph', text: clean(textOf(node)), code: codeOf(node).map((c) => c.text), position: this.at(offsetOf(node)) };
  }

  private table(node: Element): TableBlock {
    const items: RowItem[] = [];
    for (const tr of rowsOf(node)) {
      const fast = this.fastRun(tr);
      if (fast) {
        for (const row of fast) items.push({ tr, names: row.names, row: { cells: row.cells, position: row.position } });
        continue;
      }
      const cells = cellsOf(tr);
      items.push({ tr, names: cells.map((c) => c.name), row: { cells: cells.map((c) => this.cell(c)), position: this.at(offsetOf(tr)) } });
    }
    const inHead = (item: RowItem) => ancestorNamed(item.tr, 'thead', node);
    let headRows = items.filter(inHead);
    let bodyRows = items.filter((item) => !inHead(item));
    // Without a <thead>, a first row of <th> cells is the header.
    if (headRows.length === 0 && bodyRows[0] && bodyRows[0].names.every((name) => name === 'th') && bodyRows[0].names.length > 0) {
      headRows = [bodyRows[0]];
      bodyRows = bodyRows.slice(1);
    }
    const header = headRows.flatMap((item) => item.row.cells);
    const rows: TableRow[] = bodyRows.map((item) => item.row);
    return { type: 'table', header, rows, position: this.at(offsetOf(node)) };
  }

  /**
   * The rows a placeholder `tr` stands for (html-fast-rows.ts): a `tr` made of the placeholder's own
   * start and end tags (`<tr></tr>`), nothing between them.
   */
  private fastRun(tr: Element): FastRow[] | undefined {
    const loc = tr.sourceCodeLocation;
    if (!this.fastRuns || !loc) return undefined;
    const rows = this.fastRuns.get(loc.startOffset);
    if (!rows || loc.startTag?.endOffset !== loc.startOffset + 4 || loc.endTag?.startOffset !== loc.startOffset + 4 || loc.endTag.endOffset !== loc.startOffset + 9 || tr.children.length > 0) return undefined;
    this.runsRead++;
    return rows;
  }

  private cell(node: Element): Cell {
    const code = codeOf(node);
    return {
      text: clean(textOf(node)),
      code: code.map((c) => c.text),
      codePositions: code.map((c) => this.at(c.offset)),
      strong: descendants(node, (e) => e.name === 'strong' || e.name === 'b').map((e) => clean(textOf(e))),
      position: this.at(offsetOf(node)),
    };
  }
}

function emptyRun(): InlineRun {
  return { text: '', code: [], start: undefined };
}

function splitBlankLines(text: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  const blank = /\r?\n[ \t]*\r?\n/g;
  let last = 0;
  for (let m = blank.exec(text); m; m = blank.exec(text)) {
    out.push({ text: text.slice(last, m.index), offset: last });
    last = m.index + m[0].length;
  }
  out.push({ text: text.slice(last), offset: last });
  return out;
}

// ---------------------------------------------------------------- DOM helpers

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** Badges such as the `ENUM` pill of a heading: decoration, not part of the name or of any value. */
function isPill(node: Element): boolean {
  return (node.attribs.class ?? '').split(/\s+/).includes('pill');
}

function offsetOf(node: AnyNode): number {
  return node.sourceCodeLocation?.startOffset ?? node.startIndex ?? 0;
}

/** Text content with a space at every block boundary (`<p>A</p><p>B</p>` is `A B`), pills left out. */
function textOf(node: AnyNode): string {
  if (node.type === 'text') return (node as Text).data;
  if (!isElement(node) || SKIPPED.has(node.name) || isPill(node)) return '';
  if (node.name === 'br') return ' ';
  const inner = node.children.map(textOf).join('');
  return BLOCK_ELEMENTS.has(node.name) ? ` ${inner} ` : inner;
}

/** `<code>` spans in document order with the offset where their contents start (after `<code>`). */
function codeOf(node: Element): { text: string; offset: number }[] {
  return descendants(node, (e) => e.name === 'code').map((e) => ({
    text: clean(textOf(e)),
    offset: e.sourceCodeLocation?.startTag?.endOffset ?? offsetOf(e),
  }));
}

function descendants(node: Element, match: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  const walk = (nodes: readonly AnyNode[]): void => {
    for (const n of nodes) {
      if (!isElement(n) || SKIPPED.has(n.name) || isPill(n)) continue;
      if (match(n)) out.push(n);
      else walk(n.children);
    }
  };
  walk(node.children);
  return out;
}

/** Rows of this table, not of tables nested in its cells. */
function rowsOf(table: Element): Element[] {
  const out: Element[] = [];
  const walk = (nodes: readonly AnyNode[]): void => {
    for (const n of nodes) {
      if (!isElement(n)) continue;
      if (n.name === 'tr') out.push(n);
      else if (n.name === 'thead' || n.name === 'tbody' || n.name === 'tfoot') walk(n.children);
    }
  };
  walk(table.children);
  return out;
}

function cellsOf(tr: Element): Element[] {
  return tr.children.filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th'));
}

function ancestorNamed(node: Element, name: string, stop: Element): boolean {
  for (let p = node.parent; p && p !== stop; p = p.parent) if (isElement(p) && p.name === name) return true;
  return false;
}

// ---------------------------------------------------------------- positions

/** Offset → 1-based line and column (UTF-16 code units, as parse5 and mdast count them). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(
    text: string,
    private readonly file: string,
  ) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  at(offset: number): SourcePosition {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}
