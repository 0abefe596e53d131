/**
 * Parses a Grape/Mustermann path as GitLab documents it. Hand-written: the grammar is tiny, and the
 * parsers that exist (path-to-regexp, Mustermann in Ruby) use other syntaxes or do not keep columns.
 *
 *   pattern  = "/" item*
 *   item     = literal | ":" name | "*" name | "(" item+ ")"
 *   name     = [A-Za-z_][A-Za-z0-9_]*
 *   literal  = run of ( [A-Za-z0-9/_.~@-] | [!$&'+,;=] | "\" any )
 *
 * Literal characters are RFC 3986 path characters that are not Grape syntax: unreserved characters,
 * `@`, `/`, and the sub-delimiters other than `(`, `)` and `*` (`Packages\(Id='*package_name'\)`,
 * `v2/$metadata`). A backslash makes the next character a literal (`\(`, `\)`); the node keeps the
 * character without the backslash. Parameters and splats may have literal text before and after them
 * inside one segment (`binary-:architecture`, `:file_name.tgz`), and any number of them may follow one
 * another as long as some literal text separates each pair (`*file_name/*signature`, `:x.:y`): how such
 * a run is split is the matcher's rule, not the parser's. Two with nothing between them (`:a:b`,
 * `:a(:b)`, `(:a):b` with the group present) are refused: no rule could split them.
 */
import type { PathPattern, PatternNode } from './path-pattern.ts';

export interface PatternError {
  /** 1-based column in the pattern text. */
  column: number;
  message: string;
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;
const LITERAL = /[A-Za-z0-9/_.~@!$&'+,;=-]/;
/** Characters `printPathPattern` escapes in a literal: syntax (`(`, `)`, `:`, `*`, `\\`) and anything else not in `LITERAL`. */
const NOT_LITERAL = /[^A-Za-z0-9/_.~@!$&'+,;=-]/g;

export function parsePathPattern(text: string): { pattern: PathPattern } | { error: PatternError } {
  if (!text.startsWith('/')) return { error: { column: 1, message: `Path \`${text}\` does not start with \`/\`.` } };
  let i = 0;
  const stack: { nodes: PatternNode[]; column: number }[] = [{ nodes: [], column: 1 }];
  const top = () => stack[stack.length - 1]!;
  const fail = (column: number, message: string) => ({ error: { column, message } });
  const pushLiteral = (value: string, column: number) => {
    const nodes = top().nodes;
    const prev = nodes[nodes.length - 1];
    if (prev?.type === 'literal') prev.value += value;
    else nodes.push({ type: 'literal', value, column });
  };
  while (i < text.length) {
    const ch = text[i]!;
    const column = i + 1;
    if (ch === ':' || ch === '*') {
      let j = i + 1;
      if (j >= text.length || !NAME_START.test(text[j]!)) {
        return fail(column, `\`${ch}\` is not followed by a parameter name in \`${text}\`.`);
      }
      while (j < text.length && NAME_PART.test(text[j]!)) j++;
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
    } else if (ch === '\\') {
      const next = text.codePointAt(i + 1);
      if (next === undefined) return fail(column, `Dangling \`\\\` at the end of \`${text}\`: it escapes nothing.`);
      const escaped = String.fromCodePoint(next);
      if (!/^[\x21-\x7e]$/.test(escaped)) {
        return fail(column + 1, `\`\\\` escapes ${JSON.stringify(escaped)} in \`${text}\`; only visible ASCII characters can be escaped.`);
      }
      pushLiteral(escaped, column);
      i += 2;
    } else if (LITERAL.test(ch)) {
      let j = i;
      while (j < text.length && LITERAL.test(text[j]!)) j++;
      pushLiteral(text.slice(i, j), column);
      i = j;
    } else {
      const shown = JSON.stringify(String.fromCodePoint(text.codePointAt(i)!));
      return fail(column, `Unexpected character ${shown} in path \`${text}\`.`);
    }
  }
  if (stack.length > 1) {
    const open = stack[stack.length - 1]!;
    return fail(open.column, `Unbalanced \`(\` in \`${text}\`: the group is never closed.`);
  }
  const adjacent = firstAdjacentPair(stack[0]!.nodes);
  if (adjacent) {
    const [prev, next] = adjacent;
    const sigil = (n: Variable) => (n.type === 'param' ? ':' : '*');
    return fail(next.column, `Parameter \`${sigil(next)}${next.name}\` can follow \`${sigil(prev)}${prev.name}\` with no literal between them, so the split between the two is ambiguous.`);
  }
  return { pattern: { nodes: stack[0]!.nodes } };
}

type Variable = Extract<PatternNode, { type: 'param' | 'splat' }>;
/** What the text matched so far can end with: a parameter or splat, or literal text (`null`). */
type Tail = ReadonlySet<Variable | null>;

/**
 * The first parameter or splat (in text order) that some alternative places right after another one,
 * with the other. Walks every alternative at once: an optional group continues from what precedes it,
 * and after it the text may end as before the group or as the group does.
 */
function firstAdjacentPair(nodes: readonly PatternNode[]): [Variable, Variable] | undefined {
  let found: [Variable, Variable] | undefined;
  const walk = (list: readonly PatternNode[], tail: Tail): Tail => {
    let current = tail;
    for (const node of list) {
      if (node.type === 'literal') current = new Set([null]);
      else if (node.type === 'optional') current = new Set([...current, ...walk(node.nodes, current)]);
      else {
        const prev = [...current].find((t): t is Variable => t !== null);
        if (prev && (!found || node.column < found[1].column)) found = [prev, node];
        current = new Set([node]);
      }
    }
    return current;
  };
  walk(nodes, new Set([null]));
  return found;
}

/**
 * Prints a pattern back in the page's syntax (round trip of `parsePathPattern`; syntax characters in
 * literals are escaped). `names: false` leaves the parameter names out (`permgen diff` keys rows by
 * their shape: a renamed parameter is the same route).
 */
export function printPathPattern(pattern: PathPattern, names = true): string {
  const print = (nodes: PatternNode[]): string =>
    nodes
      .map((n) =>
        n.type === 'literal' ? n.value.replace(NOT_LITERAL, '\\$&') : n.type === 'param' ? `:${names ? n.name : ''}` : n.type === 'splat' ? `*${names ? n.name : ''}` : `(${print(n.nodes)})`,
      )
      .join('');
  return print(pattern.nodes);
}
