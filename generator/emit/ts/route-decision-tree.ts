/**
 * Compiles ranked route alternatives into matcher functions: a decision tree over path segments
 * that reads the path `p` with `charCodeAt` comparisons (a `switch` on a character where literals
 * branch, short literals compared inline, longer ones and parameter segments through the runtime's
 * `segmentIs` and `segmentEnd`), `lastIndexOf`/`endsWith` after splats: no regular expression, no
 * `eval`, no allocation. Parameter boundaries are written to a scratch `Int32Array` (two slots per
 * parameter, in token order) and the matched candidate's number is returned; the caller slices the
 * values out only for the winner.
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
 * a second splat, the fixed segments between the two are searched from the right, so the first splat
 * is as long as possible (the values a greedy regular expression gives). Work per candidate is
 * linear in the number of segments (times the fixed segments between two splats).
 *
 * The tree also runs on raw (not yet canonical) paths: the caller accepts such a match only when the
 * segments parameters took are canonical (`checks`, and `isCanonicalSpan` for spans after a splat),
 * which is why parameter and splat conditions require at least one character.
 *
 * Size: V8 optimizes only functions under a bytecode budget (about 60 KB), and a table of thousands
 * of routes would make one function of megabytes that runs unoptimized (measured: 1 µs per lookup
 * instead of 0.3). Subtrees with more than `INLINE_CANDIDATES` candidates, subtrees whose shape
 * repeats (one function per shape, returning offsets), and literal dispatch groups of more than
 * `INLINE_LITERALS` branches become functions of their own; small ones stay inline.
 */
import { CodeBlockWriter } from 'ts-morph';
import { alternativeNames, compareTokens, printToken as printTokenText, isSplatToken, tokenShape, type SegmentToken } from '../../model/route-alternatives.ts';
import { routeToken } from '../../model/route-table.ts';
import { routeElements } from '../runtime/route-path.ts';
import { stringLiteral } from './identifier.ts';
import { safeComment } from '../header.ts';

/** Subtrees with more candidates than this get a function of their own. */
const INLINE_CANDIDATES = 32;
/** Literal dispatch groups with more branches than this get a function of their own. */
const INLINE_LITERALS = 24;
/**
 * Literals up to this many characters are compared inline (`p.charCodeAt(s) === 112 && …`), longer
 * ones by a call to the runtime's `segmentIs`. Measured on the real table (bench/routes.ts's
 * requests, one process, interleaved): every literal through `segmentIs` 292 ns/lookup, up to 4
 * characters inline 287, up to 8 250, up to 12 251; the module grows from 272 to 296 KiB at 8.
 */
const INLINE_LITERAL_CHARS = 8;
/** Literal groups up to this size are compared one by one; larger ones branch on a character first. */
const LITERAL_CHAIN = 2;

export interface TreeCandidate {
  /** The value the generated function returns when this candidate is the answer. */
  index: number;
  segments: readonly SegmentToken[];
}

export interface TreeFunction {
  name: string;
  parameters: { name: string; type: string }[];
  description: string;
  write(w: CodeBlockWriter): void;
}

export interface CompiledTree {
  /** The entry `(p: string) => number` first, then its helpers. */
  functions: TreeFunction[];
  /** Module-level constants the functions read: element lists for `matchElements` (`name = initializer`). */
  constants: { name: string; initializer: string; description: string }[];
  /** Capture slots the scratch array needs (two per parameter of the candidate with the most). */
  slots: number;
}

interface Node {
  literals: Map<string, Node>;
  /** Parameter tokens, and segments with several parameters (no splat). */
  params: { token: ParamToken; node: Node }[];
  /** Splat tokens, and segments with several parts one of which is a splat. */
  splats: { token: SplatToken; tails: { index: number; tail: SegmentToken[] }[] }[];
  /** The candidate that ends here (the first inserted: candidates come most specific first). */
  terminal: number | undefined;
  /** Candidates in this subtree (for the inline/function decision). */
  size: number;
  /** The smallest candidate number in this subtree; its numbers are `lo … lo + size - 1` (ranks are lexicographic, so a subtree's candidates are consecutive). */
  lo: number;
}

/** A token of one part (the decision tree's own code handles these; others go through `matchElements`). */
type SimpleToken = Exclude<SegmentToken, { kind: 'compound' }>;
type ParamToken = Exclude<SegmentToken, { kind: 'literal' | 'splat' }>;
type SplatToken = Exclude<SegmentToken, { kind: 'literal' | 'param' }>;

const newNode = (): Node => ({ literals: new Map(), params: [], splats: [], terminal: undefined, size: 0, lo: -1 });

/** Builds the tree; `candidates` must be ranked, most specific first. */
function buildTree(candidates: readonly TreeCandidate[]): Node {
  const root = newNode();
  for (const c of candidates) {
    let node = root;
    const enter = (n: Node) => {
      if (n.size++ === 0) n.lo = c.index;
    };
    enter(node);
    let i = 0;
    for (; i < c.segments.length; i++) {
      const t = c.segments[i]!;
      if (t.kind === 'literal') {
        let next = node.literals.get(t.text);
        if (!next) node.literals.set(t.text, (next = newNode()));
        node = next;
      } else if (!isSplatToken(t)) {
        let branch = node.params.find((b) => compareTokens(b.token, t) === 0);
        if (!branch) node.params.push((branch = { token: t as ParamToken, node: newNode() }));
        node = branch.node;
      } else {
        let group = node.splats.find((g) => compareTokens(g.token, t) === 0);
        if (!group) node.splats.push((group = { token: t as SplatToken, tails: [] }));
        group.tails.push({ index: c.index, tail: c.segments.slice(i + 1) });
        break;
      }
      enter(node);
    }
    if (i === c.segments.length && node.terminal === undefined) node.terminal = c.index;
  }
  return root;
}

/**
 * Compiles the candidates of one method. `name` is the entry function; helpers are named
 * `${name}_${n}`; `scratch` is the module's `Int32Array` of capture boundaries.
 */
export interface TreeNames {
  /** `Int32Array`: `[start, end)` of parameter k at `2k`, `2k + 1`. */
  bounds: string;
  /** `Int32Array`: per parameter, 0 when the tree saw that its segment is canonical, 1 when it is not, -1 when not checked. */
  checks: string;
  /** `(p, s, n) => number`: the end of the segment at `s`, bit 31 set when it is not canonical (runtime `segmentEnd`). */
  segmentEnd: string;
  /** `(p, s, n, text) => boolean`: `text` is at `s`, followed by `/` or the end (runtime `segmentIs`). */
  segmentIs: string;
  /** `(p, from, to, elements, bounds, checks, slot) => boolean`: runtime `matchElements`. */
  matchElements: string;
}

export function compileDecisionTree(candidates: readonly TreeCandidate[], name: string, names: TreeNames): CompiledTree {
  const root = buildTree(candidates);
  const slots = Math.max(0, ...candidates.map((c) => alternativeNames(c.segments).length));
  for (let k = 1; k < candidates.length; k++) {
    // Subtree sharing returns offsets from a subtree's first candidate: numbers must be consecutive.
    if (candidates[k]!.index !== candidates[k - 1]!.index + 1) throw new Error('compileDecisionTree: candidate numbers must be consecutive');
  }
  const compiler = new TreeCompiler(name, names, root);
  compiler.functions.push({
    base: 0,
    name,
    parameters: [{ name: 'p', type: 'string' }],
    description: 'The most specific candidate for a canonical path, or -1; parameter boundaries are left in the scratch array.',
    write: (w) => {
      w.writeLine('const n = p.length;');
      w.writeLine('// The root path `/` has no segment.');
      w.writeLine('const c0 = n === 1 ? 1 : 0;');
      compiler.writeNode(w, root, 'c0', 1, 0);
      w.writeLine('return -1;');
    },
  });
  // Helpers are registered while their callers are written, so render every body now, in order.
  const functions: TreeFunction[] = [];
  for (let k = 0; k < compiler.functions.length; k++) {
    const fn = compiler.functions[k]!;
    const body = new CodeBlockWriter({ indentNumberOfSpaces: 2 });
    compiler.base = fn.base;
    fn.write(body);
    const text = body.toString();
    functions.push({ name: fn.name, parameters: fn.parameters, description: fn.description, write: (w) => void w.write(text) });
  }
  return { functions, constants: compiler.constants, slots };
}

/** A function being written: what its returns are relative to (`base`). */
type PendingFunction = TreeFunction & { base: number };

class TreeCompiler {
  readonly functions: PendingFunction[] = [];
  readonly constants: CompiledTree['constants'] = [];
  private readonly constantNames = new Map<string, string>();
  /** Candidate number that the function being written returns as 0. */
  base = 0;
  private labels = 0;
  /** Shape id of each node (memo) and how many nodes have each shape. */
  private readonly shapeIds = new Map<Node, number>();
  private readonly shapeKeys = new Map<string, number>();
  private readonly shapeCounts: number[] = [];
  /** The function written for a shape, once. */
  private readonly shapeFunctions = new Map<number, string>();

  constructor(
    private readonly name: string,
    private readonly names: TreeNames,
    root: Node,
  ) {
    this.shapeOf(root, 0);
  }

  /**
   * Structural identity of a subtree: its tokens, literal texts below it, the offsets of its
   * candidates from its first one, and the capture slots in use when it is entered. Subtrees with
   * one shape (the same resource layout under many literals) share one function.
   */
  private shapeOf(node: Node, captured: number): number {
    const known = this.shapeIds.get(node);
    if (known !== undefined) return known;
    const off = (i: number) => i - node.lo;
    const tok = (t: SegmentToken) => (t.kind === 'literal' ? `L${t.text}` : `${t.kind === 'compound' ? 'C' : ''}${isSplatToken(t) ? 'S' : 'P'}${tokenShape(t)}`);
    const parts = [`c${captured}`, `t${node.terminal === undefined ? '' : off(node.terminal)}`];
    for (const [text, child] of [...node.literals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) parts.push(`L${text}:${this.shapeOf(child, captured)}@${off(child.lo)}`);
    for (const { token, node: child } of node.params) parts.push(`${tok(token)}:${this.shapeOf(child, captured + 1)}@${off(child.lo)}`);
    for (const g of node.splats) parts.push(`${tok(g.token)}[${g.tails.map((t) => `${t.tail.map(tok).join('/')}@${off(t.index)}`).join(';')}]`);
    const key = parts.join('|');
    let id = this.shapeKeys.get(key);
    if (id === undefined) {
      id = this.shapeKeys.size;
      this.shapeKeys.set(key, id);
      this.shapeCounts.push(0);
    }
    this.shapeCounts[id]!++;
    this.shapeIds.set(node, id);
    return id;
  }

  /**
   * The condition that literal `text` is the segment(s) at `s`, followed by `/` or the end: short
   * literals as inline comparisons, longer ones through the runtime's `segmentIs`.
   */
  private isSegment(s: string, text: string, known: ReadonlySet<number> = new Set()): string {
    if (text.length > INLINE_LITERAL_CHARS) return `${this.names.segmentIs}(p, ${s}, n, ${stringLiteral(text)})`;
    const end = plus(s, text.length);
    // Characters an enclosing `switch` already compared are not compared again.
    const chars = [...text].flatMap((ch, i) => (known.has(i) ? [] : [`p.charCodeAt(${plus(s, i)}) === ${ch.charCodeAt(0)}`]));
    return [...chars, `(${end} === n || p.charCodeAt(${end}) === 47)`].join(' && ');
  }

  /** The module constant holding the element list of `tokens` (one per distinct list). */
  private elements(tokens: readonly SegmentToken[]): string {
    const initializer = `Object.freeze(${JSON.stringify(routeElements(tokens.map(routeToken)))} as const)`;
    let name = this.constantNames.get(initializer);
    if (name === undefined) {
      name = `${this.name}_E${this.constants.length}`;
      this.constantNames.set(initializer, name);
      this.constants.push({ name, initializer, description: `Elements of \`${safeComment(tokens.map((t) => printTokenText(t)).join('/'))}\` for \`matchElements\` (text; 1: parameter; 2: splat).` });
    }
    return name;
  }

  private helperName(): string {
    return `${this.name}_${this.functions.length}`;
  }

  /**
   * A subtree inline, or as a call to the function of its shape `(p, n, c)`, which returns offsets
   * from the subtree's first candidate (captured parameters so far are already in the scratch
   * arrays): large subtrees, and subtrees whose shape repeats, get one.
   */
  private writeNodeOrCall(w: CodeBlockWriter, node: Node, cursor: string, depth: number, captured: number): void {
    const shape = this.shapeIds.get(node)!;
    const shared = this.shapeCounts[shape]! > 1 && (node.literals.size > 0 || node.params.length > 0 || node.splats.length > 0);
    if (node.size <= INLINE_CANDIDATES && !shared) return this.writeNode(w, node, cursor, depth, captured);
    let fn = this.shapeFunctions.get(shape);
    if (fn === undefined) {
      fn = this.helperName();
      this.shapeFunctions.set(shape, fn);
      this.functions.push({
        base: node.lo,
        name: fn,
        parameters: [
          { name: 'p', type: 'string' },
          { name: 'n', type: 'number' },
          { name: 'c', type: 'number' },
        ],
        description: `A subtree of the decision tree (${this.shapeCounts[shape]} place(s) share it); \`c\` is the index of the \`/\` before its first segment (or \`n\`). Returns the candidate's offset from the subtree's first candidate, or -1.`,
        write: (fw) => {
          this.writeNode(fw, node, 'c', 1, captured);
          fw.writeLine('return -1;');
        },
      });
    }
    const offset = node.lo - this.base;
    w.write('').block(() => {
      w.writeLine(`const r = ${fn}(p, n, ${cursor});`);
      w.writeLine(`if (r >= 0) return ${offset === 0 ? 'r' : `r + ${offset}`};`);
    });
  }

  /** `cursor` holds the index of the `/` before the next segment, or `n` when the path is consumed. */
  writeNode(w: CodeBlockWriter, node: Node, cursor: string, depth: number, captured: number): void {
    const hasChildren = node.literals.size > 0 || node.params.length > 0 || node.splats.length > 0;
    if (node.terminal !== undefined) w.writeLine(`if (${cursor} === n) return ${node.terminal - this.base};`);
    if (!hasChildren) return;
    // Past the end of the path (`cursor === n`), the segment start `n + 1` fails every literal and
    // parameter condition by itself; only splat tails need the check.
    const s = `s${depth}`;
    const e = `e${depth}`;
    const chain = literalChain(node);
    if (chain) {
      // Segments that do not branch are compared at once: `a/b/c`, then a `/` or the end.
      const text = chain.texts.join('/');
      w.writeLine(`const ${s} = ${cursor} + 1;`);
      w.write(`if (${this.isSegment(s, text)})`).block(() => {
        w.writeLine(`const ${e} = ${s} + ${text.length};`);
        this.writeNodeOrCall(w, chain.end, e, depth + 1, captured);
      });
      return;
    }
    if (node.literals.size > 0 || node.params.length > 0) w.writeLine(`const ${s} = ${cursor} + 1;`);
    if (node.literals.size > 0) {
      const entries = [...node.literals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      this.writeLiterals(w, entries, s, 0, new Set(), depth, captured, false);
    }
    if (node.params.length > 0) {
      // The segment's end, and in bit 31 whether it is not canonical as it is (runtime `segmentEnd`).
      w.writeLine(`const r${depth} = ${this.names.segmentEnd}(p, ${s}, n);`);
      w.writeLine(`const ${e} = r${depth} & 2147483647;`);
    }
    const params = [...node.params].sort((a, b) => -compareTokens(a.token, b.token));
    for (const { token, node: child } of params) {
      if (token.kind === 'compound') {
        // Several parameters in the segment: the runtime reads their values (and marks them for the span check).
        const list = this.elements([token]);
        w.write(`if (${this.names.matchElements}(p, ${s}, ${e}, ${list}, ${this.names.bounds}, ${this.names.checks}, ${captured}))`).block(() => {
          this.writeNodeOrCall(w, child, e, depth + 1, captured + alternativeNames([token]).length);
        });
        continue;
      }
      const cond = segmentCondition(token, s, e);
      const body = () => {
        w.writeLine(`${this.names.bounds}[${2 * captured}] = ${plus(s, token.prefix.length)}; ${this.names.bounds}[${2 * captured + 1}] = ${minus(e, token.suffix.length)}; ${this.names.checks}[${captured}] = r${depth} >>> 31;`);
        this.writeNodeOrCall(w, child, e, depth + 1, captured + 1);
      };
      if (cond === 'true') w.write('').block(body);
      else w.write(`if (${cond})`).block(body);
    }
    const splats = [...node.splats].sort((a, b) => -compareTokens(a.token, b.token));
    // A tail that always matches ends the node: the candidates after it can never be reached.
    if (splats.length === 0) return;
    w.write(`if (${cursor} < n)`).block(() => {
      done: for (const group of splats) for (const tail of group.tails) if (this.writeTail(w, group.token, tail.tail, tail.index, cursor, captured)) break done;
    });
  }

  /**
   * The literal branches of a node: where more than `LITERAL_CHAIN` literals branch, a `switch` on
   * the first character at which they differ (recursively), then one whole-segment test per literal
   * (`isSegment`: its characters and the `/` or end after it). A segment equals at most one literal,
   * so the tests are an `else if` chain and, when the branch that matched fails further down, control
   * falls out to the node's parameter and splat branches. Groups of more than `INLINE_LITERALS`
   * literals get a function of their own.
   *
   * (Before: a `switch` per character all the way down, every comparison and every parameter scan
   * written out: 745 KiB of JavaScript for the real table, and slower than this, 296 KiB.)
   */
  private writeLiterals(w: CodeBlockWriter, entries: [string, Node][], s: string, k0: number, known: ReadonlySet<number>, depth: number, captured: number, own: boolean): void {
    if (entries.length > INLINE_LITERALS && !own) {
      const fn = this.helperName();
      this.functions.push({
        base: this.base,
        name: fn,
        parameters: [
          { name: 'p', type: 'string' },
          { name: 'n', type: 'number' },
          { name: 's', type: 'number' },
        ],
        description: `Literal branches of one node of the decision tree (${entries.length} literals); \`s\` is where the segment starts.`,
        write: (fw) => {
          this.writeLiterals(fw, entries, 's', k0, known, depth, captured, true);
          fw.writeLine('return -1;');
        },
      });
      w.write('').block(() => {
        w.writeLine(`const r = ${fn}(p, n, ${s});`);
        w.writeLine('if (r >= 0) return r;');
      });
      return;
    }
    const end = `l${depth}`;
    const chain = (group: [string, Node][]) => {
      group.forEach(([text, child], k) => {
        w.write(`${k === 0 ? '' : 'else '}if (${this.isSegment(s, text, known)})`).block(() => {
          w.writeLine(`const ${end} = ${plus(s, text.length)};`);
          this.writeNodeOrCall(w, child, end, depth + 1, captured);
        });
      });
    };
    // Literals that differ at character k are told apart by a `switch` on it; a literal that ends
    // before k and small groups are compared whole.
    const dispatch = (group: [string, Node][], k: number): void => {
      if (group.length <= LITERAL_CHAIN) return chain(group);
      const short = group.filter(([text]) => text.length <= k);
      const byChar = new Map<number, [string, Node][]>();
      for (const entry of group) {
        if (entry[0].length <= k) continue;
        const code = entry[0].charCodeAt(k);
        byChar.set(code, [...(byChar.get(code) ?? []), entry]);
      }
      chain(short);
      if (byChar.size === 1) return dispatch([...byChar.values()][0]!, k + 1);
      w.write(`switch (p.charCodeAt(${plus(s, k)}))`).block(() => {
        for (const [code, sub] of [...byChar].sort(([x], [y]) => x - y)) {
          w.writeLine(`case ${code}: // ${safeComment(JSON.stringify(String.fromCharCode(code)))}`);
          w.indent(() => {
            // A large branch gets a function of its own (V8 optimizes only functions under its budget).
            this.writeLiterals(w, sub, s, k + 1, new Set([...known, k]), depth, captured, false);
            w.writeLine('break;');
          });
        }
      });
    };
    dispatch(entries, k0);
  }

  /**
   * One candidate below a splat that starts after `cursor`: `splat tail…` where the tail has at most
   * one more splat. Writes a block that returns the candidate's number (with its captures written) or
   * falls through. Returns true when the candidate always matches (nothing after it is reachable).
   */
  private writeTail(w: CodeBlockWriter, first: SplatToken, tail: readonly SegmentToken[], index: number, cursor: string, captured: number): boolean {
    const splatCount = [first, ...tail].filter(isSplatToken).length;
    if (first.kind === 'compound' || splatCount > 2 || tail.some((t) => t.kind === 'compound')) {
      // Segments with several parts, or more than two splats: the runtime's linear element matcher.
      const list = this.elements([first, ...tail]);
      w.writeLine(`if (${this.names.matchElements}(p, ${cursor} + 1, n, ${list}, ${this.names.bounds}, ${this.names.checks}, ${captured})) return ${index - this.base};`);
      return false;
    }
    const splat = first as SimpleToken & { kind: 'splat' };
    const simple = tail as readonly SimpleToken[];
    const B = this.names.bounds;
    const V = this.names.checks;
    const second = simple.findIndex((t) => t.kind === 'splat');
    const middle = second < 0 ? [] : simple.slice(0, second);
    const last = second < 0 ? [...simple] : simple.slice(second + 1);
    // Capture slots in token order: splat, middle…, second splat, last…
    let slot = captured;
    const splatSlot = slot++;
    const middleSlots = middle.map((t) => (t.kind === 'literal' ? -1 : slot++));
    const splat2Slot = second < 0 ? -1 : slot++;
    const lastSlots = last.map((t) => (t.kind === 'literal' ? -1 : slot++));
    const capture = (k: number, from: string, to: string, t: SimpleToken): string =>
      t.kind === 'literal' ? '' : `${B}[${2 * k}] = ${plus(from, t.prefix.length)}; ${B}[${2 * k + 1}] = ${minus(to, t.suffix.length)}; ${V}[${k}] = -1; `;

    const id = this.labels++;
    // Fixed segments after the last splat, from the end of the path: segment j is [a_j + 1, b_j).
    const bounds: { a: string; b: string; t: SimpleToken; slot: number }[] = [];
    let b = 'n';
    for (let j = last.length - 1; j >= 0; j--) {
      bounds.unshift({ a: `a${id}_${j}`, b, t: last[j]!, slot: lastSlots[j]! });
      b = `a${id}_${j}`;
    }
    const splatEnd = b; // where the (last) splat ends
    const lastCaptures = bounds.map((x) => capture(x.slot, `${x.a} + 1`, x.b, x.t)).join('');

    if (second < 0) {
      const cond = splatCondition(splat, `${cursor} + 1`, splatEnd);
      const hit = `${capture(splatSlot, `${cursor} + 1`, splatEnd, splat)}${lastCaptures}return ${index - this.base};`;
      if (last.length === 0 && !splat.prefix && !splat.suffix) {
        // `*splat` as the last segment: any one or more characters after the cursor. Always matches
        // a canonical path (the caller checked there is a segment); on a raw path, a trailing `/` is
        // caught by the span check afterwards.
        w.writeLine(hit);
        return true;
      }
      w.write(`t${id}:`).block(() => {
        this.writeFromEnd(w, bounds, cursor, `t${id}`);
        w.writeLine(cond === 'true' ? hit : `if (${cond}) { ${hit} }`);
      });
      return false;
    }

    const splat2 = simple[second] as SegmentToken & { kind: 'splat' };
    w.write(`t${id}:`).block(() => {
      this.writeFromEnd(w, bounds, cursor, `t${id}`);
      // The second splat ends at `splatEnd`; try its start `x` from the right (the first splat as long as possible).
      const x = `x${id}`;
      w.writeLine(`let ${x} = p.lastIndexOf('/', ${splatEnd} - 1);`);
      w.write(`while (${x} > ${cursor})`).block(() => {
        const cond2 = splatCondition(splat2, `${x} + 1`, splatEnd);
        const inner = () => {
          // Fixed segments between the splats, from `x` to the left: segment j is [m_j + 1, end_j).
          const mids: { a: string; b: string; t: SimpleToken; slot: number }[] = [];
          let end = x;
          for (let j = middle.length - 1; j >= 0; j--) {
            mids.unshift({ a: `m${id}_${j}`, b: end, t: middle[j]!, slot: middleSlots[j]! });
            end = `m${id}_${j}`;
          }
          const y = end;
          const hit = `${capture(splatSlot, `${cursor} + 1`, y, splat)}${mids.map((m) => capture(m.slot, `${m.a} + 1`, m.b, m.t)).join('')}${capture(splat2Slot, `${x} + 1`, splatEnd, splat2)}${lastCaptures}return ${index - this.base};`;
          const cond1 = splatCondition(splat, `${cursor} + 1`, y);
          const open = (k: number): void => {
            if (k < 0) {
              w.writeLine(cond1 === 'true' ? hit : `if (${cond1}) { ${hit} }`);
              return;
            }
            const m = mids[k]!;
            w.writeLine(`const ${m.a} = p.lastIndexOf('/', ${m.b} - 1);`);
            w.write(`if (${m.a} > ${cursor}${andCondition(segmentCondition(m.t, `${m.a} + 1`, m.b))})`).block(() => open(k - 1));
          };
          open(mids.length - 1);
        };
        if (cond2 === 'true') w.write('').block(inner);
        else w.write(`if (${cond2})`).block(inner);
        w.writeLine(`${x} = p.lastIndexOf('/', ${x} - 1);`);
      });
    });
    return false;
  }

  /** Declares the segments of `bounds` from the end of the path, breaking `label` when one does not match. */
  private writeFromEnd(w: CodeBlockWriter, bounds: { a: string; b: string; t: SimpleToken }[], cursor: string, label: string): void {
    for (let j = bounds.length - 1; j >= 0; j--) {
      const { a, b, t } = bounds[j]!;
      w.writeLine(`const ${a} = p.lastIndexOf('/', ${b} - 1);`);
      const cond = segmentCondition(t, `${a} + 1`, b);
      w.writeLine(`if (${a} <= ${cursor}${cond === 'true' ? '' : ` || !(${cond})`}) break ${label};`);
    }
  }
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

function andCondition(cond: string): string {
  return cond === 'true' ? '' : ` && ${cond}`;
}

/** An index expression usable as an operand. */
function paren(expr: string): string {
  return /^[A-Za-z0-9_]+$/.test(expr) ? expr : `(${expr})`;
}

function plus(expr: string, k: number): string {
  return k === 0 ? expr : `${paren(expr)} + ${k}`;
}

function minus(expr: string, k: number): string {
  return k === 0 ? expr : `${paren(expr)} - ${k}`;
}

/** `text` is at `s`: inline character comparisons (compiled to plain loads), `startsWith` for long runs. */
function charsCondition(text: string, s: string): string {
  if (text.length > 12) return `p.startsWith(${stringLiteral(text)}, ${s})`;
  return [...text].map((ch, i) => `p.charCodeAt(${plus(s, i)}) === ${ch.charCodeAt(0)}`).join(' && ');
}

/** The segment [start, e) matches a literal or a parameter token (length included). */
function segmentCondition(t: SimpleToken, start: string, e: string): string {
  const s = paren(start);
  if (t.kind === 'literal') return `${e} - ${s} === ${t.text.length} && ${charsCondition(t.text, s)}`;
  // Not empty: the tree also runs on raw paths, where `//` leaves an empty segment.
  const fixed = t.prefix.length + t.suffix.length;
  const parts = [fixed > 0 ? `${e} - ${s} > ${fixed}` : `${e} > ${s}`];
  if (t.prefix) parts.push(`p.startsWith(${stringLiteral(t.prefix)}, ${s})`);
  if (t.suffix) parts.push(`p.endsWith(${stringLiteral(t.suffix)}, ${e})`);
  return parts.join(' && ');
}

/** The splat spanning [start, to) (segment boundaries) has its prefix, suffix and at least one character. */
function splatCondition(t: SegmentToken & { kind: 'splat' }, start: string, to: string): string {
  const from = paren(start);
  const parts: string[] = [];
  if (t.prefix) parts.push(`p.startsWith(${stringLiteral(t.prefix)}, ${from})`);
  if (t.suffix) parts.push(`p.endsWith(${stringLiteral(t.suffix)}, ${to})`);
  parts.push(`${to} - ${from} > ${t.prefix.length + t.suffix.length}`);
  return parts.join(' && ');
}
