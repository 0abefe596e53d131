/**
 * A Grape/Mustermann path pattern as an AST (`/projects/:id/packages/generic/:package_name/*package_version/(*path/):file_name`).
 * `/` is part of literal text: optional groups may span it, so segments are not a node type.
 * Columns are 1-based offsets into the pattern text (add them to the path cell's column for the page).
 */
export type PatternNode = LiteralNode | ParamNode | SplatNode | OptionalNode;

export interface LiteralNode {
  type: 'literal';
  value: string;
  column: number;
}

/** `:name`: one or more characters other than `/` (stops before a literal suffix in the same segment). */
export interface ParamNode {
  type: 'param';
  name: string;
  column: number;
}

/** `*name`: one or more characters, `/` included. */
export interface SplatNode {
  type: 'splat';
  name: string;
  column: number;
}

/** `( … )`: may be absent. */
export interface OptionalNode {
  type: 'optional';
  nodes: PatternNode[];
  column: number;
}

export interface PathPattern {
  nodes: PatternNode[];
}
