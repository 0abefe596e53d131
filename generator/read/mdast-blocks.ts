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
  return { frontmatter, blocks };
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
