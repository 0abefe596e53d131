/**
 * What every reader produces: the page's block structure with positions, independent of the
 * page's format. Extractors recognise tables by their header rows in this structure, so the same
 * extractor serves the Markdown, HTML, plain-text and scraped forms of a page.
 */
import type { SourcePosition } from '../model/position.ts';

export interface PageDocument {
  file: string;
  /** Name of the reader that produced it. */
  format: string;
  /** Parsed YAML front matter, `{}` when there is none. */
  frontmatter: Record<string, unknown>;
  blocks: Block[];
}

export type Block = HeadingBlock | ParagraphBlock | ListBlock | TableBlock | BlockQuoteBlock;

export interface HeadingBlock {
  type: 'heading';
  /** 1–6 for real headings. */
  depth: number;
  text: string;
  position: SourcePosition;
}

export interface ParagraphBlock {
  type: 'paragraph';
  /** Plain text (markup removed, inline code kept without backticks). */
  text: string;
  /** Contents of inline code spans, in order. */
  code: string[];
  position: SourcePosition;
}

export interface ListBlock {
  type: 'list';
  ordered: boolean;
  items: ParagraphBlock[];
  position: SourcePosition;
}

/**
 * A block quote, GitLab's callouts included (`> [!note]` … : GFM alerts). Only the Markdown readers
 * produce it; its contents stay inside it, so extractors that read tables and headings do not see
 * a callout's text as page structure.
 */
export interface BlockQuoteBlock {
  type: 'blockquote';
  /** The type of a GFM callout (alert), lower-cased (`note`, `warning`, …); absent for a plain quote. */
  callout?: string;
  /** Plain text of the quote, the `[!note]` marker removed, white space collapsed. */
  text: string;
  position: SourcePosition;
}

export interface Cell {
  /** Plain text of the cell (markup removed, inline code kept without backticks), trimmed. */
  text: string;
  /** Contents of inline code spans, in order. */
  code: string[];
  /** Where each code span's contents start (after the opening backtick), parallel to `code`. */
  codePositions: SourcePosition[];
  /** Text of strong/bold spans, in order. */
  strong: string[];
  position: SourcePosition;
}

export interface TableRow {
  cells: Cell[];
  position: SourcePosition;
  /**
   * The row as written (one line of pipe-table Markdown), when the reader has it: lets extractors
   * point at quirks the cells no longer show, such as a cell that runs into its closing pipe.
   */
  text?: string;
}

export interface TableBlock {
  type: 'table';
  header: Cell[];
  rows: TableRow[];
  position: SourcePosition;
  /**
   * Set by readers of flattened tables (HTML tables exported as text, cells run together):
   * each row then has exactly one cell holding the whole line, and the extractor splits it.
   */
  flattened?: boolean;
}

/** Plain text of a heading or single-paragraph block, for extractors that walk headings and lines alike. */
export function blockText(block: Block): string {
  return block.type === 'heading' || block.type === 'paragraph' ? block.text : '';
}

/** A table whose header row is exactly `header`: how an extractor recognises its table. */
export function hasHeader(block: Block, header: readonly string[]): block is TableBlock {
  return block.type === 'table' && block.header.length === header.length && block.header.every((c, i) => c.text === header[i]);
}
