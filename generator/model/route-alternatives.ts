/**
 * A documented route pattern as the route matcher sees it: optional groups expanded into
 * alternatives, each cut into path segments, each segment one token. Shared by the compiled
 * matcher (emit), the overlap/shadow rules (validate) and `permgen match` (cli), so that all three
 * use one definition of "most specific". The rules are written out in the README
 * ("Route matching") and in `compareAlternatives` below.
 */
import type { PathPattern, PatternNode } from './path-pattern.ts';
import { canonicalizePath } from '../emit/runtime/route-path.ts';

/**
 * One path segment of a pattern alternative.
 * `literal`: the whole segment is `text`. `param`: `prefix` + one or more characters other than `/` + `suffix`.
 * `splat`: `prefix` + one or more characters (`/` included, so it may span segments) + `suffix`.
 * `compound`: a segment with several parameters or splats and literal text around and between them
 * (`Packages(Id='*package_name',Version='*package_version')`); `splat` when one of them is a splat
 * (then the segment may span several path segments).
 */
export type SegmentToken =
  | { kind: 'literal'; text: string }
  | { kind: 'param'; name: string; prefix: string; suffix: string }
  | { kind: 'splat'; name: string; prefix: string; suffix: string }
  | { kind: 'compound'; parts: readonly SegmentPart[]; splat: boolean };

/** A piece of a compound segment: literal text, or a parameter or splat. */
export type SegmentPart = { type: 'literal'; value: string } | { type: 'param' | 'splat'; name: string };

/** The names a token captures, in order. */
export function tokenNames(t: SegmentToken): string[] {
  if (t.kind === 'literal') return [];
  if (t.kind === 'compound') return t.parts.flatMap((p) => (p.type === 'literal' ? [] : [p.name]));
  return [t.name];
}

/** The names an alternative captures, in order (the order of the matcher's capture slots). */
export function alternativeNames(segments: readonly SegmentToken[]): string[] {
  return segments.flatMap(tokenNames);
}

/** Whether a token may take `/` (a splat, or a compound segment holding one). */
export function isSplatToken(t: SegmentToken): boolean {
  return t.kind === 'splat' || (t.kind === 'compound' && t.splat);
}

export interface RouteAlternative {
  /** Which optional groups are present, for messages: the alternative printed in Grape syntax. */
  text: string;
  segments: SegmentToken[];
}

/** Optional groups per pattern before the expansion (2^n alternatives) is refused. */
const MAX_OPTIONAL_GROUPS = 6;
/**
 * Splats per alternative before the pattern is refused (the REST page has at most 3:
 * `*file_name/*signature/*same_file_name`). Matching stays linear in the path's length whatever the
 * number (runtime `matchElements`); the cap only keeps generated tables sane.
 */
export const MAX_SPLATS = 8;

export type AlternativesResult = { alternatives: RouteAlternative[] } | { error: string };

/**
 * Expands optional groups (each present or absent), merges adjacent literals and cuts the result
 * into segments at `/`. A trailing `/` is dropped (canonical request paths never end in `/`), so
 * `latest(/)` adds nothing to `latest`; alternatives equal after that are listed once.
 * Refuses what the matcher cannot handle exactly: `//` or `.`/`..` segments (no canonical path
 * has them), two parameters in one segment, more than `MAX_SPLATS` splats.
 */
export function expandAlternatives(pattern: PathPattern): AlternativesResult {
  let optionals = 0;
  const countOptionals = (nodes: PatternNode[]): void => {
    for (const n of nodes) if (n.type === 'optional') (optionals++, countOptionals(n.nodes));
  };
  countOptionals(pattern.nodes);
  if (optionals > MAX_OPTIONAL_GROUPS) return { error: `The pattern has ${optionals} optional groups; at most ${MAX_OPTIONAL_GROUPS} are supported.` };

  const flats = expand(pattern.nodes);
  const alternatives: RouteAlternative[] = [];
  const seen = new Set<string>();
  for (const flat of flats) {
    const result = segmentsOf(flat);
    if ('error' in result) return result;
    const key = tokensKey(result.segments);
    if (seen.has(key)) continue;
    seen.add(key);
    alternatives.push({ text: printSegments(result.segments), segments: result.segments });
  }
  return { alternatives };
}

type FlatNode = { type: 'literal'; value: string } | { type: 'param' | 'splat'; name: string };

function expand(nodes: PatternNode[]): FlatNode[][] {
  let acc: FlatNode[][] = [[]];
  for (const node of nodes) {
    if (node.type === 'optional') {
      const inner = expand(node.nodes);
      const next: FlatNode[][] = [];
      // Present first, then absent: the order only names alternatives in messages.
      for (const a of acc) for (const b of inner) next.push([...a, ...b]);
      for (const a of acc) next.push(a);
      acc = next;
    } else {
      const flat: FlatNode = node.type === 'literal' ? { type: 'literal', value: node.value } : { type: node.type, name: node.name };
      acc = acc.map((a) => [...a, flat]);
    }
  }
  return acc;
}

type Part = { type: 'literal'; value: string } | { type: 'param' | 'splat'; name: string };

function segmentsOf(flat: FlatNode[]): { segments: SegmentToken[] } | { error: string } {
  const first = flat[0];
  if (!first || first.type !== 'literal' || !first.value.startsWith('/')) return { error: 'An alternative of the pattern does not start with `/`.' };
  const raw: Part[][] = [[]];
  const push = (p: Part) => {
    const seg = raw[raw.length - 1]!;
    const last = seg[seg.length - 1];
    if (p.type === 'literal' && last?.type === 'literal') last.value += p.value;
    else seg.push(p.type === 'literal' ? { ...p } : p);
  };
  flat.forEach((node, i) => {
    if (node.type !== 'literal') return push(node);
    const pieces = (i === 0 ? node.value.slice(1) : node.value).split('/');
    pieces.forEach((piece, k) => {
      if (k > 0) raw.push([]);
      if (piece !== '') push({ type: 'literal', value: piece });
    });
  });
  // A trailing `/` (and the root path `/`) adds an empty last segment: canonical paths have none.
  if (raw[raw.length - 1]!.length === 0) raw.pop();
  const segments: SegmentToken[] = [];
  for (const parts of raw) {
    const token = tokenOf(parts);
    if ('error' in token) return token;
    segments.push(token);
  }
  const splats = segments.reduce((k, t) => k + (t.kind === 'splat' ? 1 : t.kind === 'compound' ? t.parts.filter((p) => p.type === 'splat').length : 0), 0);
  if (splats > MAX_SPLATS) return { error: `An alternative has ${splats} splats; the matcher handles at most ${MAX_SPLATS}.` };
  return { segments };
}

function tokenOf(parts: Part[]): SegmentToken | { error: string } {
  if (parts.length === 0) return { error: 'The pattern has an empty segment (`//`), which no canonical path has.' };
  // A match is decided on the canonical path (the matcher tries the raw path first, trusting that
  // literal text is canonical), so literal text canonicalization would rewrite or deny can match no
  // request: `\?` or `\#` (a query or fragment starts there), an escape of an unreserved character
  // (`\%41` is `A`), a character outside RFC 3986 `pchar`.
  for (const p of parts) {
    if (p.type === 'literal' && !isCanonicalLiteral(p.value)) {
      return { error: `Segment \`${printParts(parts)}\` has literal text \`${p.value}\` that canonicalization rewrites or denies (a \`?\` or \`#\`, an escape of an unreserved character, a character outside RFC 3986 \`pchar\`), so no canonical path has it.` };
    }
  }
  const vars = parts.filter((p) => p.type !== 'literal');
  if (vars.length === 0) {
    const text = (parts[0] as { value: string }).value;
    if (text === '.' || text === '..') return { error: `The pattern has a \`${text}\` segment, which canonicalization removes from every path.` };
    return { kind: 'literal', text };
  }
  if (vars.length > 1) {
    for (let i = 1; i < parts.length; i++) {
      if (parts[i]!.type !== 'literal' && parts[i - 1]!.type !== 'literal') {
        return { error: `Segment \`${printParts(parts)}\` has two parameters with no literal text between them, so the split between them is ambiguous.` };
      }
    }
    return { kind: 'compound', parts: parts.map((p) => ({ ...p })), splat: vars.some((v) => v.type === 'splat') };
  }
  const v = vars[0] as { type: 'param' | 'splat'; name: string };
  const at = parts.indexOf(v);
  const prefix = at > 0 ? (parts[0] as { value: string }).value : '';
  const suffix = at < parts.length - 1 ? (parts[parts.length - 1] as { value: string }).value : '';
  return { kind: v.type, name: v.name, prefix, suffix };
}

function printParts(parts: readonly Part[]): string {
  return parts.map((p) => (p.type === 'literal' ? p.value : `${p.type === 'param' ? ':' : '*'}${p.name}`)).join('');
}

export function printToken(t: SegmentToken): string {
  if (t.kind === 'compound') return printParts(t.parts);
  return t.kind === 'literal' ? t.text : `${t.prefix}${t.kind === 'param' ? ':' : '*'}${t.name}${t.suffix}`;
}

/**
 * A parameter or splat token's literal text with each variable as `\u0000` (names do not count):
 * `prefix\u0000suffix` for one variable. Two tokens of one rank with the same shape are the same token.
 */
export function tokenShape(t: SegmentToken): string {
  if (t.kind === 'literal') return t.text;
  if (t.kind === 'compound') return t.parts.map((p) => (p.type === 'literal' ? p.value : '\u0000')).join('');
  return `${t.prefix}\u0000${t.suffix}`;
}

export function printSegments(segments: readonly SegmentToken[]): string {
  return `/${segments.map(printToken).join('/')}`;
}

/** Identity of an alternative for ordering: names do not count (`:id` and `:project_id` are the same token). */
function tokensKey(segments: readonly SegmentToken[]): string {
  return segments.map((t) => (t.kind === 'literal' ? `L${t.text}` : `${isSplatToken(t) ? 'S' : 'P'}${tokenShape(t)}`)).join('\u0001');
}

// ---------------------------------------------------------------- specificity

/** literal > param > splat > end of pattern; a compound segment ranks as its least specific part. */
function kindRank(t: SegmentToken): number {
  return t.kind === 'literal' ? 3 : isSplatToken(t) ? 1 : 2;
}

function literalChars(t: SegmentToken): number {
  if (t.kind === 'compound') return t.parts.reduce((k, p) => k + (p.type === 'literal' ? p.value.length : 0), 0);
  return t.kind === 'literal' ? t.text.length : t.prefix.length + t.suffix.length;
}

function ordinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Compares two tokens at the same segment position: > 0 when `a` is more specific.
 * 1. kind: literal over param over splat, a segment with several parts ranking as its least
 * specific part (any splat: splat; else parameter); 2. more literal characters (a literal's
 * length, the literal text around and between a segment's parameters); 3. ordinal comparison of
 * the texts with each variable as U+0000 (`tokenShape`; for one variable: the prefix, then the
 * suffix), the one that sorts first wins (only to make the order total).
 */
export function compareTokens(a: SegmentToken, b: SegmentToken): number {
  const ka = kindRank(a);
  const kb = kindRank(b);
  if (ka !== kb) return ka - kb;
  const chars = literalChars(a) - literalChars(b);
  if (chars !== 0) return chars;
  return -ordinal(tokenShape(a), tokenShape(b));
}

/**
 * Total order of alternatives, the one every matcher of this project applies: segment by segment
 * from the left, the first position where the tokens differ decides (`compareTokens`); an
 * alternative that has a token where the other has ended wins (the end of a pattern ranks below a
 * splat). Equal sequences: 0 (the caller breaks the tie by the page's row order).
 */
export function compareAlternatives(a: readonly SegmentToken[], b: readonly SegmentToken[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareTokens(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

const KIND_NAME = { literal: 'literal', param: 'parameter', splat: 'splat', compound: 'segment' } as const;

/** Why `winner` ranks above `loser`, in words: the position and the step of the order that decides. */
export function explainOrder(winner: readonly SegmentToken[], loser: readonly SegmentToken[], tie?: string): string {
  const n = Math.min(winner.length, loser.length);
  for (let i = 0; i < n; i++) {
    const w = winner[i]!;
    const l = loser[i]!;
    const c = compareTokens(w, l);
    if (c === 0) continue;
    const where = `at segment ${i + 1}`;
    const ws = `${KIND_NAME[w.kind]} \`${printToken(w)}\``;
    const ls = `${KIND_NAME[l.kind]} \`${printToken(l)}\``;
    if (kindRank(w) !== kindRank(l)) return `${where} the ${ws} beats the ${ls} (literal over parameter over splat)`;
    if (literalChars(w) !== literalChars(l)) return `${where} the ${ws} has more literal characters than the ${ls}`;
    return `${where} the ${ws} sorts before the ${ls} (ordinal tie-break)`;
  }
  if (winner.length !== loser.length) {
    return `the patterns agree on their first ${n} segment(s) and \`${printSegments(winner)}\` goes on with \`${printToken(winner[n]!)}\` (a longer pattern beats one that has ended)`;
  }
  return tie ?? 'the patterns are equally specific; the row listed first on the page wins';
}

// ---------------------------------------------------------------- ranked candidates of one method

export interface RouteCandidate<R> {
  route: R;
  /** Index of the route in the list passed to `rankCandidates` (page order). */
  routeIndex: number;
  alternative: RouteAlternative;
}

/**
 * Every alternative of every route, most specific first: `compareAlternatives`, then page order
 * (the row listed first wins a tie), then the alternative's order within its route.
 */
export function rankCandidates<R>(routes: readonly { route: R; alternatives: readonly RouteAlternative[] }[]): RouteCandidate<R>[] {
  const all: (RouteCandidate<R> & { alt: number })[] = [];
  routes.forEach((r, routeIndex) => r.alternatives.forEach((alternative, alt) => all.push({ route: r.route, routeIndex, alternative, alt })));
  all.sort((a, b) => -compareAlternatives(a.alternative.segments, b.alternative.segments) || a.routeIndex - b.routeIndex || a.alt - b.alt);
  return all.map(({ route, routeIndex, alternative }) => ({ route, routeIndex, alternative }));
}

/**
 * Whether literal text within a segment is as canonicalization leaves it: the text between two
 * letters (so `.` and `..` pieces of a longer segment, which are fine, are not read as dot
 * segments; whole `.` and `..` segments are refused on their own) comes back unchanged.
 */
function isCanonicalLiteral(text: string): boolean {
  const probe = `/x${text}x`;
  return canonicalizePath(probe) === probe;
}
