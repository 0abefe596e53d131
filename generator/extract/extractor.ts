import type { Reporter } from '../diagnostics/reporter.ts';
import type { SourceInfo, SourceModel, TokenType } from '../model/catalog.ts';
import type { SourcePosition } from '../model/position.ts';
import type { PageDocument } from '../read/document.ts';
import type { Overrides } from '../config/overrides.ts';
import type { Limits } from '../config/limits.ts';

export interface ExtractContext {
  source: SourceInfo;
  report: Reporter;
  overrides: Overrides;
  /** Caps in force for this run (defaults in config/limits.ts). */
  limits?: Readonly<Limits>;
  /** The manifest's `tokenType` for this page, with its position in the manifest. */
  tokenType?: { type: TokenType; position: SourcePosition };
}

/** One kind of permission page, recognised by its table headers. Registered in `extract/registry.ts`. */
export interface Extractor<M extends SourceModel = SourceModel> {
  kind: M['kind'];
  description: string;
  /**
   * True when the document holds this extractor's table(s), judged by header rows and structure,
   * never by file name, so a renamed or re-hosted page is still recognised.
   */
  recognizes(doc: PageDocument): boolean;
  /** Header rows this extractor knows, for the "unknown layout" diagnostic and for flattened-table readers. */
  headers: readonly (readonly string[])[];
  /**
   * Whether `line` (trimmed) splits as a row of a flattened table with `header` (one of `headers`):
   * lets the flattened-table reader tell rows cut off from their table by a blank line from prose.
   */
  flattenedRow?(line: string, header: readonly string[]): boolean;
  extract(doc: PageDocument, ctx: ExtractContext): M;
}
