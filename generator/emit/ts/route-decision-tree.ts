/**
 * Compiles ranked route alternatives into the body of a matcher function: a decision tree over path
 * segments that reads the canonical path `p` with `indexOf`/`lastIndexOf`, `===`, `startsWith`,
 * `endsWith` and `charCodeAt`: no regular expression, no `eval`, no allocation.
 *
 * Correctness rests on the order of `compareAlternatives` being lexicographic over segment tokens:
 * the tree branches on the token of each segment and tries the branches of a node in token order
 * (literals, then parameters with more literal characters first, then splats, then the end of the
 * pattern), so the first candidate that matches in this depth-first search is the most specific
 * one. A node's literal branches exclude each other (a segment equals at most one literal), so the
 * search backtracks only from a literal branch into the parameter and splat branches of the same node.
 *
 * Tokens after the first splat are not branched on: each candidate below a splat is checked on its
 * own, in rank order. Fixed segments after the last splat are matched from the end of the path; with
 * a second splat, the fixed segments between the two are searched from the right. Work per candidate
 * is linear in the number of segments (times the fixed segments between two splats).
 */
import type { CodeBlockWriter } from 'ts-morph';
import { compareTokens, type SegmentToken } from '../../model/route-alternatives.ts';
import { stringLiteral } from './identifier.ts';
import { safeComment } from '../header.ts';

export interface TreeCandidate {
  /** The value the generated function returns when this candidate is the answer. */
  index: number;
  segments: readonly SegmentToken[];
}

interface Node {
  literals: Map<string, Node>;
  params: { token: SegmentToken & { kind: 'param' }; node: Node }[];
  splats: { token: SegmentToken & { kind: 'splat' }; tails: { index: number; tail: SegmentToken[] }[] }[];
  /** The candidate that ends here (the first inserted: candidates come most specific first). */
  terminal: number | undefined;
}

const newNode = (): Node => ({ literals: new Map(), params: [], splats: [], terminal: undefined });

/** Builds the tree; `candidates` must be ranked, most specific first. */
function buildTree(candidates: readonly TreeCandidate[]): Node {
  const root = newNode();
  for (const c of candidates) {
    let node = root;
    let i = 0;
    for (; i < c.segments.length; i++) {
      const t = c.segments[i]!;
      if (t.kind === 'literal') {
        let next = node.literals.get(t.text);
        if (!next) node.literals.set(t.text, (next = newNode()));
        node = next;
      } else if (t.kind === 'param') {
        let branch = node.params.find((b) => compareTokens(b.token, t) === 0);
        if (!branch) node.params.push((branch = { token: t, node: newNode() }));
        node = branch.node;
      } else {
        let group = node.splats.find((g) => compareTokens(g.token, t) === 0);
        if (!group) node.splats.push((group = { token: t, tails: [] }));
        group.tails.push({ index: c.index, tail: c.segments.slice(i + 1) });
        break;
      }
    }
    if (i === c.segments.length && node.terminal === undefined) node.terminal = c.index;
  }
  return root;
}

/**
 * Writes the statements of `function (p: string): number`, returning the index of the most specific
 * matching candidate or -1. `p` must be a canonical path (starts with `/`, no empty, `.` or `..`
 * segment, no trailing `/` except the root `/`).
 */
export function writeDecisionTree(w: CodeBlockWriter, candidates: readonly TreeCandidate[]): void {
  const root = buildTree(candidates);
  w.writeLine('const n = p.length;');
  w.writeLine('// The root path `/` has no segment.');
  w.writeLine('const c0 = n === 1 ? 1 : 0;');
  const labels = { next: 0 };
  writeNode(w, root, 'c0', 1, labels);
  w.writeLine('return -1;');
}

/** `cursor` holds the index of the `/` before the next segment, or `n` when the path is consumed. */
function writeNode(w: CodeBlockWriter, node: Node, cursor: string, depth: number, labels: { next: number }): void {
  const hasChildren = node.literals.size > 0 || node.params.length > 0 || node.splats.length > 0;
  if (node.terminal !== undefined) w.writeLine(`if (${cursor} === n) return ${node.terminal};`);
  if (!hasChildren) return;
  w.write(`if (${cursor} < n)`).block(() => {
    const s = `s${depth}`;
    const e = `e${depth}`;
    const chain = literalChain(node);
    if (chain) {
      // Segments that do not branch are compared at once: `a/b/c`, then a `/` or the end.
      const text = chain.texts.join('/');
      w.writeLine(`const ${s} = ${cursor} + 1;`);
      w.write(`if (p.startsWith(${stringLiteral(text)}, ${s}))`).block(() => {
        w.writeLine(`const ${e} = ${s} + ${text.length};`);
        w.write(`if (${e} === n || p.charCodeAt(${e}) === 47)`).block(() => writeNode(w, chain.end, e, depth + 1, labels));
      });
      return;
    }
    if (node.literals.size > 0 || node.params.length > 0) {
      w.writeLine(`const ${s} = ${cursor} + 1;`);
      w.writeLine(`let ${e} = p.indexOf('/', ${s});`);
      w.writeLine(`if (${e} < 0) ${e} = n;`);
    }
    writeLiterals(w, node, s, e, depth, labels);
    const params = [...node.params].sort((a, b) => -compareTokens(a.token, b.token));
    for (const { token, node: child } of params) {
      const cond = segmentCondition(token, s, e);
      const body = () => writeNode(w, child, e, depth + 1, labels);
      if (cond === 'true') w.block(body);
      else w.write(`if (${cond})`).block(body);
    }
    const splats = [...node.splats].sort((a, b) => -compareTokens(a.token, b.token));
    // A tail that always matches ends the node: the candidates after it can never be reached.
    done: for (const group of splats) for (const tail of group.tails) if (writeTail(w, group.token, tail.tail, tail.index, cursor, labels)) break done;
  });
}

/** When the node's only branch is one literal, the run of literals down to the next node that branches or ends. */
function literalChain(node: Node): { texts: string[]; end: Node } | undefined {
  const only = (n: Node) => (n.literals.size === 1 && n.params.length === 0 && n.splats.length === 0 ? [...n.literals][0]! : undefined);
  let step = only(node);
  if (!step) return undefined;
  const texts: string[] = [];
  let end = node;
  while (step) {
    texts.push(step[0]);
    end = step[1];
    step = end.terminal === undefined ? only(end) : undefined;
  }
  return { texts, end };
}

function writeLiterals(w: CodeBlockWriter, node: Node, s: string, e: string, depth: number, labels: { next: number }): void {
  if (node.literals.size === 0) return;
  const byLength = new Map<number, [string, Node][]>();
  for (const [text, child] of [...node.literals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const list = byLength.get(text.length) ?? [];
    list.push([text, child]);
    byLength.set(text.length, list);
  }
  const lengths = [...byLength.keys()].sort((a, b) => a - b);
  /**
   * Literals of one length: at most 2 are compared in full; more are split by a `switch` on the
   * character at the position that tells most of them apart, recursively, so a node with thousands
   * of literal branches costs a few character reads and one comparison.
   */
  const writeGroup = (group: [string, Node][]): void => {
    if (group.length <= 2) {
      group.forEach(([text, child], i) => {
        w.write(`${i > 0 ? 'else ' : ''}if (${literalCondition(text, s)})`).block(() => writeNode(w, child, e, depth + 1, labels));
      });
      return;
    }
    const length = group[0]![0].length;
    let best = 0;
    let bestCount = 0;
    for (let k = 0; k < length; k++) {
      const count = new Set(group.map(([t]) => t.charCodeAt(k))).size;
      if (count > bestCount) [best, bestCount] = [k, count];
    }
    const byChar = new Map<number, [string, Node][]>();
    for (const entry of group) {
      const code = entry[0].charCodeAt(best);
      byChar.set(code, [...(byChar.get(code) ?? []), entry]);
    }
    w.write(`switch (p.charCodeAt(${s}${best > 0 ? ` + ${best}` : ''}))`).block(() => {
      for (const [code, sub] of [...byChar].sort(([a], [b]) => a - b)) {
        w.writeLine(`case ${code}: // ${safeComment(JSON.stringify(String.fromCharCode(code)))}`);
        w.indent(() => {
          writeGroup(sub);
          w.writeLine('break;');
        });
      }
    });
  };
  if (lengths.length === 1 && byLength.get(lengths[0]!)!.length === 1) {
    const [[text, child]] = byLength.get(lengths[0]!)! as [[string, Node]];
    w.write(`if (${e} - ${s} === ${text.length} && ${literalCondition(text, s)})`).block(() => writeNode(w, child, e, depth + 1, labels));
    return;
  }
  w.write(`switch (${e} - ${s})`).block(() => {
    for (const length of lengths) {
      w.writeLine(`case ${length}:`);
      w.indent(() => {
        writeGroup(byLength.get(length)!);
        w.writeLine('break;');
      });
    }
  });
}

/** `failed || !(matches)`, without `!(true)`. */
function orFail(failed: string, matches: string): string {
  return matches === 'true' ? failed : `${failed} || !(${matches})`;
}

/** An index expression usable as an operand. */
function paren(expr: string): string {
  return /^[A-Za-z0-9_]+$/.test(expr) ? expr : `(${expr})`;
}

/** The segment starting at `s` (length already checked) is `text`. */
function literalCondition(text: string, s: string): string {
  if (text.length <= 2) return [...text].map((ch, i) => `p.charCodeAt(${s}${i > 0 ? ` + ${i}` : ''}) === ${ch.charCodeAt(0)}`).join(' && ');
  return `p.startsWith(${stringLiteral(text)}, ${s})`;
}

/** The segment [s, e) matches a literal or a parameter token (length included). */
function segmentCondition(t: SegmentToken, start: string, e: string): string {
  const s = paren(start);
  if (t.kind === 'literal') return `${e} - ${s} === ${t.text.length} && ${literalCondition(t.text, s)}`;
  const parts: string[] = [];
  const fixed = t.prefix.length + t.suffix.length;
  if (fixed > 0) parts.push(`${e} - ${s} > ${fixed}`);
  if (t.prefix) parts.push(`p.startsWith(${stringLiteral(t.prefix)}, ${s})`);
  if (t.suffix) parts.push(`p.endsWith(${stringLiteral(t.suffix)}, ${e})`);
  return parts.length > 0 ? parts.join(' && ') : 'true';
}

/** The splat spanning [from, to) (segment boundaries) has its prefix, suffix and at least one character. */
function splatCondition(t: SegmentToken & { kind: 'splat' }, start: string, to: string): string {
  const from = paren(start);
  const parts: string[] = [];
  if (t.prefix) parts.push(`p.startsWith(${stringLiteral(t.prefix)}, ${from})`);
  if (t.suffix) parts.push(`p.endsWith(${stringLiteral(t.suffix)}, ${to})`);
  const fixed = t.prefix.length + t.suffix.length;
  if (fixed > 0) parts.push(`${to} - ${from} > ${fixed}`);
  return parts.length > 0 ? parts.join(' && ') : 'true';
}

/**
 * One candidate below a splat that starts after `cursor`: `splat tail…` where the tail has at most
 * one more splat. Writes a labelled block that returns the candidate's index or falls through.
 */
function writeTail(w: CodeBlockWriter, splat: SegmentToken & { kind: 'splat' }, tail: readonly SegmentToken[], index: number, cursor: string, labels: { next: number }): boolean {
  if (tail.length === 0 && splatCondition(splat, '', '') === 'true') {
    // `*splat` as the last segment: any one or more segments after the cursor (the caller checked there is one).
    w.writeLine(`return ${index};`);
    return true;
  }
  const label = `t${labels.next++}`;
  const second = tail.findIndex((t) => t.kind === 'splat');
  const middle = second < 0 ? [] : tail.slice(0, second);
  const last = second < 0 ? tail : tail.slice(second + 1);
  w.write(`${label}:`).block(() => {
    w.writeLine('let b = n;');
    if (last.length > 0 || middle.length > 0 || second >= 0) w.writeLine('let a = 0;');
    // Fixed segments after the last splat, from the end of the path.
    for (const t of [...last].reverse()) {
      w.writeLine(`a = p.lastIndexOf('/', b - 1);`);
      w.writeLine(`if (${orFail(`a <= ${cursor}`, segmentCondition(t, 'a + 1', 'b'))}) break ${label};`);
      w.writeLine('b = a;');
    }
    if (second < 0) {
      const cond = splatCondition(splat, `${cursor} + 1`, 'b');
      w.writeLine(cond === 'true' ? `return ${index};` : `if (${cond}) return ${index};`);
      return;
    }
    const splat2 = tail[second] as SegmentToken & { kind: 'splat' };
    // The second splat ends at `b`; try its start `x` from the right (the first splat as long as possible).
    w.writeLine(`let x = p.lastIndexOf('/', b - 1);`);
    w.write(`while (x > ${cursor})`).block(() => {
      const cond2 = splatCondition(splat2, 'x + 1', 'b');
      w.write(cond2 === 'true' ? '' : `if (${cond2}) `).block(() => {
        w.writeLine('let y = x;');
        w.writeLine('let ok = true;');
        for (const t of [...middle].reverse()) {
          w.writeLine(`a = p.lastIndexOf('/', y - 1);`);
          w.writeLine(`if (${orFail(`a <= ${cursor}`, segmentCondition(t, 'a + 1', 'y'))}) ok = false;`);
          w.writeLine('else y = a;');
        }
        const cond1 = splatCondition(splat, `${cursor} + 1`, 'y');
        w.writeLine(`if (ok && y > ${cursor}${cond1 === 'true' ? '' : ` && ${cond1}`}) return ${index};`);
      });
      w.writeLine(`x = p.lastIndexOf('/', x - 1);`);
    });
  });
  return false;
}
