/**
 * Exact questions about the sets of canonical paths route alternatives match, decided on automata
 * built from the pattern AST (no sampling): do two alternatives share a path (and which one, as a
 * witness), and is every path of one alternative matched by some of a list of others.
 *
 * An alternative is a sequence of elements: exact characters (literal text and the `/` between
 * segments), `P` (a parameter: one or more characters other than `/`) and `S` (a splat: one or more
 * characters). Its automaton has a state "before element i" and, for `P`/`S`, "inside element i".
 * Paths are also constrained to be canonical: no `//`, no trailing `/` except the root. (`.` and
 * `..` segments need no constraint: `expandAlternatives` refuses them as literals, and a
 * parameter or splat that could take `.` can take another character instead.)
 *
 * The alphabet is every character the literals use, `/`, and one stand-in for all other
 * characters, which behave alike for these automata.
 */
import { isSplatToken, type SegmentToken } from './route-alternatives.ts';

/** One exact character, or `PARAM` / `SPLAT`. */
type Element = string;
/** Element kinds as stored: exact characters are one-character strings, so `P`/`S` are told apart by length. */
const PARAM = 'P+';
const SPLAT = 'S+';

/** Elements of an alternative (the root path `/` is the single character `/`). */
function elementsOf(segments: readonly SegmentToken[]): Element[] {
  if (segments.length === 0) return ['/'];
  const out: Element[] = [];
  for (const t of segments) {
    out.push('/');
    if (t.kind === 'literal') out.push(...t.text);
    else if (t.kind === 'compound') {
      for (const part of t.parts) {
        if (part.type === 'literal') out.push(...part.value);
        else out.push(part.type === 'param' ? PARAM : SPLAT);
      }
    } else {
      out.push(...t.prefix, t.kind === 'param' ? PARAM : SPLAT, ...t.suffix);
    }
  }
  return out;
}

class Automaton {
  readonly elements: Element[];
  constructor(segments: readonly SegmentToken[]) {
    this.elements = elementsOf(segments);
  }
  get accepting(): number {
    return 2 * this.elements.length;
  }
  /** Adds the state reached without reading: leaving a `P`/`S` that has read at least one character. */
  private close(states: number[]): number[] {
    const out = new Set<number>(states);
    for (const q of states) if (q & 1) out.add(q + 1);
    return [...out];
  }
  step(q: number, sym: string): number[] {
    const i = q >> 1;
    const e = this.elements[i];
    if (e === undefined) return [];
    const next: number[] = [];
    const isSlash = sym === '/';
    if (q & 1) {
      if (e === SPLAT || (e === PARAM && !isSlash)) next.push(q);
    } else if (e === SPLAT || (e === PARAM && !isSlash)) next.push(q + 1);
    else if (e === sym) next.push(q + 2);
    return this.close(next);
  }
  /** Characters named by the literals. */
  chars(): Set<string> {
    return new Set(this.elements.filter((e) => e.length === 1));
  }
}

/** Canonical-path tracker: 3 nothing read, 2 read exactly `/`, 1 last char `/`, 0 otherwise. */
function track(f: number, sym: string): number {
  if (f === 3) return sym === '/' ? 2 : -1;
  if (sym === '/') return f === 0 ? 1 : -1;
  return 0;
}
const canonicalEnd = (f: number) => f === 0 || f === 2;

/** The stand-in for "any other character": one the literals do not use, readable in witnesses. */
function alphabet(automata: Automaton[]): string[] {
  const used = new Set<string>(['/']);
  for (const a of automata) for (const c of a.chars()) used.add(c);
  const other = [...'1xyzqkw0'].find((c) => !used.has(c)) ?? [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_~'].find((c) => !used.has(c))!;
  return [other, ...[...used].sort()];
}

/**
 * A canonical path both alternatives match (the shortest, preferring the stand-in character), or
 * `undefined` when they share none.
 */
export function intersectionWitness(a: readonly SegmentToken[], b: readonly SegmentToken[]): string | undefined {
  const A = new Automaton(a);
  const B = new Automaton(b);
  const symbols = alphabet([A, B]);
  const key = (qa: number, qb: number, f: number) => `${qa},${qb},${f}`;
  const parent = new Map<string, { from: string; sym: string } | null>();
  let frontier: [number, number, number][] = [[0, 0, 3]];
  parent.set(key(0, 0, 3), null);
  while (frontier.length > 0) {
    const next: [number, number, number][] = [];
    for (const [qa, qb, f] of frontier) {
      const k = key(qa, qb, f);
      if (qa === A.accepting && qb === B.accepting && canonicalEnd(f)) return rebuild(parent, k);
      for (const sym of symbols) {
        const g = track(f, sym);
        if (g < 0) continue;
        for (const na of A.step(qa, sym)) {
          for (const nb of B.step(qb, sym)) {
            const nk = key(na, nb, g);
            if (parent.has(nk)) continue;
            parent.set(nk, { from: k, sym });
            next.push([na, nb, g]);
          }
        }
      }
    }
    frontier = next;
  }
  return undefined;
}

function rebuild(parent: Map<string, { from: string; sym: string } | null>, k: string): string {
  const out: string[] = [];
  for (let at = parent.get(k); at; at = parent.get(at.from)) {
    out.push(at.sym);
    k = at.from;
  }
  return out.reverse().join('');
}

/**
 * A canonical path `a` matches and none of `others` does, or `undefined` when every path of `a` is
 * matched by one of `others` (subset construction over the union of `others`).
 */
export function uncoveredWitness(a: readonly SegmentToken[], others: readonly (readonly SegmentToken[])[]): string | undefined {
  const A = new Automaton(a);
  const Bs = others.map((o) => new Automaton(o));
  const symbols = alphabet([A, ...Bs]);
  // A union state is `j:q`; a set of them is kept sorted so that equal sets have equal keys.
  const setKey = (set: string[]) => set.join(' ');
  const key = (qa: number, set: string[], f: number) => `${qa}|${setKey(set)}|${f}`;
  const parent = new Map<string, { from: string; sym: string } | null>();
  const start: [number, string[], number] = [0, Bs.map((_, j) => `${j}:0`), 3];
  parent.set(key(...start), null);
  let frontier: [number, string[], number][] = [start];
  while (frontier.length > 0) {
    const next: [number, string[], number][] = [];
    for (const [qa, set, f] of frontier) {
      const k = key(qa, set, f);
      const covered = set.some((s) => {
        const [j, q] = s.split(':').map(Number) as [number, number];
        return q === Bs[j]!.accepting;
      });
      if (qa === A.accepting && canonicalEnd(f) && !covered) return rebuild(parent, k);
      for (const sym of symbols) {
        const g = track(f, sym);
        if (g < 0) continue;
        const nextSet = new Set<string>();
        for (const s of set) {
          const [j, q] = s.split(':').map(Number) as [number, number];
          for (const nq of Bs[j]!.step(q, sym)) nextSet.add(`${j}:${nq}`);
        }
        const sorted = [...nextSet].sort();
        for (const na of A.step(qa, sym)) {
          const nk = key(na, sorted, g);
          if (parent.has(nk)) continue;
          parent.set(nk, { from: k, sym });
          next.push([na, sorted, g]);
        }
      }
    }
    frontier = next;
  }
  return undefined;
}

/**
 * A cheap necessary condition for `intersectionWitness`: compares the segments before the first
 * splat (aligned from the left) and after the last splat (aligned from the right), where both
 * patterns' segments line up with the same path segments. `false` means the patterns share no path;
 * `true` means the automata must decide. Keeps the overlap rules close to linear on large tables,
 * where almost every pair differs in a literal segment.
 */
export function mayIntersect(a: readonly SegmentToken[], b: readonly SegmentToken[]): boolean {
  const firstSplat = (s: readonly SegmentToken[]) => {
    const i = s.findIndex(isSplatToken);
    return i < 0 ? s.length : i;
  };
  const lastSplat = (s: readonly SegmentToken[]) => {
    for (let i = s.length - 1; i >= 0; i--) if (isSplatToken(s[i]!)) return i;
    return -1;
  };
  const fa = firstSplat(a);
  const fb = firstSplat(b);
  if (fa === a.length && fb === b.length && a.length !== b.length) return false;
  const head = Math.min(fa, fb);
  for (let i = 0; i < head; i++) if (!segmentsMayMeet(a[i]!, b[i]!)) return false;
  // Without a splat a pattern's tail is all of it; segments after each side's last splat end the path together.
  const tail = Math.min(a.length - 1 - lastSplat(a), b.length - 1 - lastSplat(b));
  for (let k = 1; k <= tail; k++) if (!segmentsMayMeet(a[a.length - k]!, b[b.length - k]!)) return false;
  return true;
}

function segmentsMayMeet(x: SegmentToken, y: SegmentToken): boolean {
  // Splats, and segments with several parts: the automata decide.
  if (x.kind === 'splat' || y.kind === 'splat' || x.kind === 'compound' || y.kind === 'compound') return true;
  if (x.kind === 'literal' && y.kind === 'literal') return x.text === y.text;
  if (x.kind === 'literal' && y.kind === 'param') return literalFits(x.text, y);
  if (x.kind === 'param' && y.kind === 'literal') return literalFits(y.text, x);
  const p = x as Extract<SegmentToken, { kind: 'param' }>;
  const q = y as Extract<SegmentToken, { kind: 'param' }>;
  return (p.prefix.startsWith(q.prefix) || q.prefix.startsWith(p.prefix)) && (p.suffix.endsWith(q.suffix) || q.suffix.endsWith(p.suffix));
}

function literalFits(text: string, p: Extract<SegmentToken, { kind: 'param' }>): boolean {
  return text.length > p.prefix.length + p.suffix.length && text.startsWith(p.prefix) && text.endsWith(p.suffix);
}

/**
 * The literal first segment of a pattern, or `undefined` when it is a parameter or splat. Patterns
 * whose first segments are different literals share no path: the overlap rules only compare
 * patterns with the same key, or with no key.
 */
export function firstLiteral(segments: readonly SegmentToken[]): string | undefined {
  const first = segments[0];
  return first?.kind === 'literal' ? first.text : undefined;
}
