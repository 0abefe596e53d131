/**
 * Parses a Grape/Mustermann path as GitLab documents it. Hand-written: the grammar is tiny, and the
 * parsers that exist (path-to-regexp, Mustermann in Ruby) use other syntaxes or do not keep columns.
 *
 *   pattern  = "/" item*
 *   item     = literal | ":" name | "*" name | "(" item+ ")"
 *   name     = [A-Za-z_][A-Za-z0-9_]*
 *   literal  = run of [A-Za-z0-9/_.~@-]   (URL path characters that are not Grape syntax)
 */
import type { PathPattern, PatternNode } from './path-pattern.ts';

export interface PatternError {
  /** 1-based column in the pattern text. */
  column: number;
  message: string;
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;
const LITERAL = /[A-Za-z0-9/_.~@-]/;

export function parsePathPattern(text: string): { pattern: PathPattern } | { error: PatternError } {
  if (!text.startsWith('/')) return { error: { column: 1, message: `Path \`${text}\` does not start with \`/\`.` } };
  let i = 0;
  const stack: { nodes: PatternNode[]; column: number }[] = [{ nodes: [], column: 1 }];
  const top = () => stack[stack.length - 1]!;
  const fail = (column: number, message: string) => ({ error: { column, message } });
  while (i < text.length) {
    const ch = text[i]!;
    const column = i + 1;
    if (ch === ':' || ch === '*') {
      let j = i + 1;
      if (j >= text.length || !NAME_START.test(text[j]!)) {
        return fail(column, `\`${ch}\` is not followed by a parameter name in \`${text}\`.`);
      }
      while (j < text.length && NAME_PART.test(text[j]!)) j++;
      const prev = lastLeaf(top().nodes);
      if (prev && (prev.type === 'param' || prev.type === 'splat')) {
        return fail(column, `Parameter \`${text.slice(i, j)}\` follows \`${prev.type === 'param' ? ':' : '*'}${prev.name}\` with no literal between them, so the split between the two is ambiguous.`);
      }
      top().nodes.push({ type: ch === ':' ? 'param' : 'splat', name: text.slice(i + 1, j), column });
      i = j;
    } else if (ch === '(') {
      stack.push({ nodes: [], column });
      i++;
    } else if (ch === ')') {
      if (stack.length === 1) return fail(column, `Unbalanced \`)\` in \`${text}\`.`);
      const group = stack.pop()!;
      if (group.nodes.length === 0) return fail(group.column, `Empty optional group \`()\` in \`${text}\`.`);
      top().nodes.push({ type: 'optional', nodes: group.nodes, column: group.column });
      i++;
    } else if (LITERAL.test(ch)) {
      let j = i;
      while (j < text.length && LITERAL.test(text[j]!)) j++;
      const nodes = top().nodes;
      const prev = nodes[nodes.length - 1];
      if (prev?.type === 'literal') prev.value += text.slice(i, j);
      else nodes.push({ type: 'literal', value: text.slice(i, j), column });
      i = j;
    } else {
      const shown = JSON.stringify(ch);
      return fail(column, `Unexpected character ${shown} in path \`${text}\`.`);
    }
  }
  if (stack.length > 1) {
    const open = stack[stack.length - 1]!;
    return fail(open.column, `Unbalanced \`(\` in \`${text}\`: the group is never closed.`);
  }
  return { pattern: { nodes: stack[0]!.nodes } };
}

/** The last node that would sit right before a new node, looking into a trailing optional group. */
function lastLeaf(nodes: PatternNode[]): PatternNode | undefined {
  const last = nodes[nodes.length - 1];
  if (last?.type === 'optional') return undefined; // the group may be absent: judged per alternative by the matcher
  return last;
}

/** Prints a pattern back in the page's syntax (round trip of `parsePathPattern`). */
export function printPathPattern(pattern: PathPattern): string {
  const print = (nodes: PatternNode[]): string =>
    nodes
      .map((n) => (n.type === 'literal' ? n.value : n.type === 'param' ? `:${n.name}` : n.type === 'splat' ? `*${n.name}` : `(${print(n.nodes)})`))
      .join('');
  return print(pattern.nodes);
}
