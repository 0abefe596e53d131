/**
 * Where a value came from. Every entry of the model carries one so a reviewer (and every
 * generated JSDoc comment) can jump back to the line of the page it was read from.
 * Lines and columns are 1-based, as in unist/mdast and every editor.
 */
export interface SourcePosition {
  /** Path of the source page relative to the project root, with `/` separators. */
  file: string;
  line: number;
  column: number;
}

export function position(file: string, line: number, column: number): SourcePosition {
  return { file, line, column };
}

/** `file:line:column`, the form editors and terminals turn into links. */
export function formatPosition(p: SourcePosition): string {
  return `${p.file}:${p.line}:${p.column}`;
}
