/**
 * mdast → format-independent blocks. Shared by every reader that ends in Markdown (the Markdown
 * reader itself, and the readers that first recover Markdown from an export or a scrape).
 */
import type { Root, RootContent, Table, TableCell, PhrasingContent, Paragraph, List, Blockquote } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parse as parseYaml } from 'yaml';
import type { Reporter } from '../diagnostics/reporter.ts';
import type { SourcePosition } from '../model/position.ts';
import type { Block, BlockQuoteBlock, Cell, ParagraphBlock, TableBlock, TableRow } from './document.ts';
import { addStrayRow } from './stray-table-rows.ts';

/** Maps a line of the parsed text back to the page (identity for plain Markdown). */
type Positioned = { position?: { start: { line: number; column: number } } };

export type LineMap = (line: number) => number;

/** The rows a row of the parsed tree stands for (its cells, for a header row), when the caller read them itself (`markdown-fast-rows.ts`). */
export type RowExpansion = (row: object) => TableRow[] | undefined;

/** The blocks a top-level paragraph of the parsed tree stands for, when the caller read them itself (`markdown-fast-rows.ts`). */
export type BlockExpansion = (paragraph: object) => Block[] | undefined;

export interface BlocksResult {
  frontmatter: Record<string, unknown>;
  blocks: Block[];
  /**
   * Runs of lines that look like table rows (`| … |`) but are in no table, code block, HTML block or
   * front matter: a blank line or an HTML comment ended the table above them, or a table lost its
   * header. Every extractor reads tables only, so these rows would be lost; the reader reports them
   * with the blocks of the whole page (`stray-table-rows.ts`).
   */
  strayRows: StrayRows[];
}

/** Consecutive lines that look like table rows but are part of no table (see `BlocksResult.strayRows`). */
export interface StrayRows {
  /** The first line, at its first `|`. */
  position: SourcePosition;
  /** Page line of the last one. */
  lastLine: number;
  count: number;
  /** The first line as written, trimmed. */
  text: string;
}

/**
 * `source` is the text `tree` was parsed from; with it, table rows keep their text as written (end
 * trimmed). `expand` replaces a row node with rows read without micromark (markdown-fast-rows.ts).
 */
export function mdastToBlocks(tree: Root, file: string, report: Reporter, mapLine: LineMap = (l) => l, source?: string, expand?: RowExpansion, expandBlock?: BlockExpansion): BlocksResult {
  const at = (node: Positioned): SourcePosition => ({
    file,
    line: mapLine(node.position?.start.line ?? 1),
    column: node.position?.start.column ?? 1,
  });
  let frontmatter: Record<string, unknown> = {};
  const blocks: Block[] = [];
  const visit = (node: RootContent): void => {
    switch (node.type) {
      case 'yaml': {
        try {
          const data: unknown = parseYaml(node.value);
          if (data && typeof data === 'object' && !Array.isArray(data)) frontmatter = data as Record<string, unknown>;
        } catch (error) {
          report.warn('front-matter-yaml', `Front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`, at(node), 'Fix the YAML between the `---` lines; the rest of the page is still read.');
        }
        return;
      }
      case 'heading':
        blocks.push({ type: 'heading', depth: node.depth, text: clean(toString(node)), position: at(node) });
        return;
      case 'paragraph': {
        const read = expandBlock?.(node);
        if (read) blocks.push(...read);
        else blocks.push(paragraph(node, at));
        return;
      }
      case 'list':
        blocks.push(list(node, at));
        return;
      case 'table':
        blocks.push(table(node, at, source, expand));
        return;
      case 'blockquote':
        blocks.push(blockquote(node, at));
        return;
      default:
        // html comments, code blocks, thematic breaks: not permission data.
        return;
    }
  };
  for (const node of tree.children) visit(node);
  if (source !== undefined && source.includes('[^')) reportFootnotes(tree, source, report, at);
  reportNestedTables(tree.children, report, at);
  return { frontmatter, blocks, strayRows: source === undefined ? [] : strayRows(tree, source, file, mapLine) };
}

/** A line that looks like a pipe-table row: `|` … `|` (white space around them allowed). */
const ROW_LIKE = /^[ \t]*\|.*\|[ \t]*$/;
/** Block nodes that hold lines of their own: a `|` line in one of them is where it belongs. */
const HOLDS_LINES = new Set(['table', 'code', 'yaml']);
/**
 * HTML blocks that hold raw text of their own (comments, `<pre>`, `<script>`, `<style>`,
 * `<textarea>`, processing instructions, declarations). Any other HTML block (`<div>`,
 * `<details>` with no blank line before a table) swallows the table's rows into HTML no extractor
 * reads: those rows are stray.
 */
const RAW_HTML = /^[ \t]*<(?:!--|pre[\s>]|script[\s>]|style[\s>]|textarea[\s>]|\?|![A-Za-z]|!\[CDATA\[)/i;

/**
 * Lines of `source` that look like table rows and are not inside a table, a code block, a raw HTML
 * block (`RAW_HTML`) or the front matter of `tree` (at any depth), grouped in runs of consecutive lines.
 * Anywhere else a GFM parser has made them a paragraph (or a heading's text): no extractor reads them.
 */
function strayRows(tree: Root, source: string, file: string, mapLine: LineMap): StrayRows[] {
  const lines = source.split(/\r\n|\n|\r/);
  const candidates: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.includes('|') && ROW_LIKE.test(line) && line.trim().length > 1) candidates.push(i + 1);
  }
  if (candidates.length === 0) return [];
  const held = new Uint8Array(lines.length + 2);
  const walk = (nodes: readonly RootContent[]): void => {
    for (const node of nodes) {
      const p = node.position;
      if (HOLDS_LINES.has(node.type) || (node.type === 'html' && RAW_HTML.test(node.value))) {
        if (p) held.fill(1, p.start.line, p.end.line + 1);
      } else if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading') walk(node.children as RootContent[]);
    }
  };
  walk(tree.children);
  const out: StrayRows[] = [];
  let previous = -1;
  for (const line of candidates) {
    if (held[line]) continue;
    const text = lines[line - 1]!;
    addStrayRow(out, previous === line - 1, { file, line: mapLine(line), column: text.indexOf('|') + 1 }, text.trim());
    previous = line;
  }
  return out;
}

/** What a container is called in `table-nested`'s message. */
const CONTAINERS: Readonly<Record<string, string>> = { list: 'a list item', listItem: 'a list item', blockquote: 'a block quote', footnoteDefinition: 'a footnote' };

/**
 * Tables are read at the top level of a page only (`visit` above): one inside a list item, a quote (a
 * `> [!note]` callout) or a footnote would be dropped with its rows, so it is an error at the table.
 */
function reportNestedTables(nodes: readonly RootContent[], report: Reporter, at: (node: Positioned) => SourcePosition, container?: string): void {
  for (const node of nodes) {
    if (node.type === 'table' && container) {
      report.error(
        'table-nested',
        `A table inside ${container} (${node.children.length - 1} ${node.children.length === 2 ? 'row' : 'rows'}) is not read: tables are read at the top level of a page only.`,
        at(node),
        'Its rows would be lost; a table belongs outside lists and quotes. Check the upstream page.',
      );
    } else if (node.type in CONTAINERS && 'children' in node) reportNestedTables(node.children as RootContent[], report, at, container ?? CONTAINERS[node.type]);
  }
}

/** `[^1]` written as text: a footnote call whose definition is missing (micromark makes it a call only when one exists). */
const FOOTNOTE_TEXT = /\[\^[^\]\s]+\]/;

/**
 * GFM footnotes (`[^2]` and `[^2]: …`) are an error wherever they are: the pages permgen reads write
 * their footnote marks as `<sup>N</sup>`, and that is the only form the extractors read, so a GFM
 * footnote's text (an extra permission a row requires, say) would be lost without a word.
 */
function reportFootnotes(tree: Root, source: string, report: Reporter, at: (node: Positioned) => SourcePosition): void {
  const hint = 'The footnote marks of the pages permgen reads are `<sup>N</sup>` (in the cell) with the footnote on a line starting `<sup>N</sup>`; a GFM footnote is not read, so what it adds to a row would be lost. Check the upstream page.';
  const walk = (nodes: readonly RootContent[]): void => {
    for (const node of nodes) {
      if (node.type === 'footnoteReference') {
        report.error('footnote-syntax', `GFM footnote reference \`[^${node.label ?? node.identifier}]\`: footnote marks are read as \`<sup>N</sup>\` only.`, at(node), hint);
      } else if (node.type === 'footnoteDefinition') {
        report.error('footnote-syntax', `GFM footnote definition \`[^${node.label ?? node.identifier}]:\`: footnotes are read from \`<sup>N</sup>\` lines only.`, at(node), hint);
      } else if (node.type === 'text') {
        const m = FOOTNOTE_TEXT.exec(node.value);
        if (m) {
          const p = at(node);
          // The mark's own column when the text node is its source as written (one line, no escapes).
          const start = node.position?.start.offset;
          const end = node.position?.end.offset;
          const exact = start !== undefined && end !== undefined && source.slice(start, end) === node.value;
          const column = exact && !node.value.slice(0, m.index).includes('\n') ? p.column + m.index : p.column;
          report.error('footnote-syntax', `GFM footnote mark \`${m[0]}\` (with no definition): footnote marks are read as \`<sup>N</sup>\` only.`, { ...p, column }, hint);
        }
      }
      if ('children' in node) walk(node.children as RootContent[]);
    }
  };
  walk(tree.children);
}

function paragraph(node: Paragraph, at: (n: Positioned) => SourcePosition): ParagraphBlock {
  return { type: 'paragraph', text: clean(toString(node)), code: collect(node.children, 'inlineCode'), position: at(node) };
}

/** GFM alert marker at the start of a quote: `[!note]`, `[!WARNING]` (GitHub and GitLab callouts). */
const ALERT = /^\[!(?<callout>[A-Za-z]+)\]\s*/;

function blockquote(node: Blockquote, at: (n: Positioned) => SourcePosition): BlockQuoteBlock {
  // `[!note]` parses as text (remark-gfm has no alerts); take it off the front of the quote's text.
  const text = clean(node.children.map((c) => toString(c)).join(' '));
  const m = ALERT.exec(text);
  return m?.groups
    ? { type: 'blockquote', callout: m.groups.callout!.toLowerCase(), text: text.slice(m[0].length), position: at(node) }
    : { type: 'blockquote', text, position: at(node) };
}

function list(node: List, at: (n: Positioned) => SourcePosition): Block {
  const items: ParagraphBlock[] = [];
  for (const item of node.children) {
    const first = item.children.find((c): c is Paragraph => c.type === 'paragraph');
    if (first) items.push(paragraph(first, at));
  }
  return { type: 'list', ordered: node.ordered === true, items, position: at(node) };
}

function table(node: Table, at: (n: Positioned) => SourcePosition, source: string | undefined, expand?: RowExpansion): TableBlock {
  const [head, ...body] = node.children;
  const toCell = (c: TableCell): Cell => ({
    text: clean(toString(c)),
    code: collect(c.children, 'inlineCode'),
    codePositions: codePositions(c.children, at),
    strong: collect(c.children, 'strong'),
    position: at(c),
  });
  return {
    type: 'table',
    header: head ? (expand?.(head)?.[0]?.cells ?? head.children.map(toCell)) : [],
    rows: body.flatMap((row): TableRow[] => {
      const expanded = expand?.(row);
      if (expanded) return expanded;
      const start = row.position?.start.offset;
      const end = row.position?.end.offset;
      const text = source !== undefined && start !== undefined && end !== undefined ? source.slice(start, end).trimEnd() : undefined;
      return [{ cells: row.children.map(toCell), position: at(row), ...(text !== undefined ? { text } : {}) }];
    }),
    position: at(node),
  };
}

function codePositions(children: PhrasingContent[], at: (n: Positioned) => SourcePosition): SourcePosition[] {
  const out: SourcePosition[] = [];
  const walk = (nodes: PhrasingContent[]): void => {
    for (const n of nodes) {
      if (n.type === 'inlineCode') {
        // mdast positions the node at its opening backtick; the value starts after the run of backticks.
        const p = at(n);
        out.push({ ...p, column: p.column + 1 });
      } else if ('children' in n) walk(n.children as PhrasingContent[]);
    }
  };
  walk(children);
  return out;
}

function collect(children: PhrasingContent[], type: 'inlineCode' | 'strong'): string[] {
  const out: string[] = [];
  const walk = (nodes: PhrasingContent[]): void => {
    for (const n of nodes) {
      if (n.type === type) out.push(n.type === 'inlineCode' ? n.value : clean(toString(n)));
      else if ('children' in n) walk(n.children as PhrasingContent[]);
    }
  };
  walk(children);
  return out;
}

/** Collapse runs of white space (cells and headings are single-line values). */
export function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
