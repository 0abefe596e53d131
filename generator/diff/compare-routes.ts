/**
 * Change reports for every endpoint table of `route-tables.ts` (one mechanism; a new table needs an
 * entry there, no comparison code here). Judged by what requests get, not by row text:
 *
 * 1. Rows are paired by method and path with parameter names erased (`/releases/:tag_name` and
 *    `/releases/:tag` are one row renamed): a paired row whose access differs is `endpoint-permissions`.
 * 2. Witness requests are built from the patterns of BOTH sides (`witnessesOf`): each alternative of
 *    each pattern with parameters filled with `x` and splats with `a/b`, `a` and more segments than any
 *    alternative without a splat (never a literal some route has there: `x0`, `x1`, … then), and each
 *    parameter or splat filled in turn with every literal another route of either side has at that
 *    segment (after a compatible prefix), so a literal route that shadows a parameter route shows. Each
 *    witness is answered by both tables in process (the runtime's trie walk the emitted matchers run,
 *    `interpretRoute` for paths under the API root's first segment, as `permgen match`); a pair of (old row,
 *    new row) whose answers differ, and which step 1 does not explain, is one change with the first
 *    witness as its example: `endpoint-added` when the new row is new, `endpoint-removed` when the old
 *    row is gone, `endpoint-requests` when both rows exist on both sides (requests moved between them).
 *    An added or removed row whose requests are answered as before is reported `neutral`.
 * 3. `judgeAccess` is the one rule (README, "Docs, docs site and change reports").
 *
 * Cost: only witnesses that some changed row matches are answered by both tables: a row without an
 * identical row on the other side, or one whose candidate ties with another row's (page order decides
 * a tie, which no row's own text shows). Identical tables without ties answer none.
 */
import type { HttpMethod } from '../model/catalog.ts';
import { printPathPattern } from '../model/parse-path-pattern.ts';
import { sameRouteAccess, type RouteAccess, type RouteTableKind } from '../model/route-tables.ts';
import { interpretRoute, methodsSearched, prepareRouteTable, routeToken, type PreparedMethod, type PreparedRoute, type PreparedRouteTable, type RouteRow } from '../model/route-table.ts';
import { compareAlternatives, isSplatToken, type SegmentToken } from '../model/route-alternatives.ts';
import { intersectionWitness, mayIntersect } from '../model/route-language.ts';
import { apiRelativePath, buildRouteTrie, canonicalizePath, captureRouteParams, formatSuffixAt, formatSuffixReading, startsWithApiSegment, walkRouteTrie, type RouteToken, type RouteTrie } from '../emit/runtime/route-path.ts';
import { scratchSlots, tokenData } from '../model/route-table.ts';
import type { Change, Impact } from './change.ts';
import { judge, missing } from './impact.ts';

/** What a request that no row matches gets: denied. */
const NO_ROUTE: RouteAccess = { rank: 0, permissions: [], boundaries: [], public: false };
const RANK_WORDS = ['denied', 'granted by permissions', 'open without a fine-grained permission'] as const;

/**
 * The rule for every comparison: widened iff some token can do something after that it could not
 * before. Access rank rises (denied < granted < open); both granted and the old set is not within the
 * new one (a token holding exactly the new set passes now and failed before); new boundaries; becoming
 * public. `narrowed` is the mirror. Both → `widened` (the narrowing is in `narrowed`). Sets, never
 * joined strings: order does not count.
 */
function judgeAccess(o: RouteAccess, n: RouteAccess): { impact: Impact; note?: string } {
  const widened: string[] = [];
  const narrowed: string[] = [];
  if (n.rank !== o.rank) (n.rank > o.rank ? widened : narrowed).push(`${RANK_WORDS[o.rank]} → ${RANK_WORDS[n.rank]}`);
  else if (n.rank === 1) {
    const lost = missing(o.permissions, n.permissions);
    const gained = missing(n.permissions, o.permissions);
    if (lost.length > 0) widened.push(`a token holding only ${n.permissions.join(' + ') || 'no permission'} passes now (${lost.join(', ')} no longer required)`);
    if (gained.length > 0) narrowed.push(`a token holding only ${o.permissions.join(' + ')} fails now (${gained.join(', ')} now required)`);
    const boundariesAdded = missing(n.boundaries, o.boundaries);
    const boundariesRemoved = missing(o.boundaries, n.boundaries);
    if (boundariesAdded.length > 0) widened.push(`grantable at ${boundariesAdded.join(', ')} too`);
    if (boundariesRemoved.length > 0) narrowed.push(`no longer grantable at ${boundariesRemoved.join(', ')}`);
    if (n.public && !o.public) widened.push('public resources need no permission now');
    if (o.public && !n.public) narrowed.push('public resources need the permissions now');
  }
  return judge(widened, narrowed);
}

/** The change's note: `judge`'s words (what widened; what also narrowed), then `extra` (a rename, the row it came through). */
function noteOf(j: { note?: string }, extra?: string): string | undefined {
  const parts = [j.note, extra].filter((p): p is string => p !== undefined && p !== '');
  return parts.length ? parts.join('. ') : undefined;
}

/**
 * Method and the parsed pattern with parameter and splat names erased: a renamed parameter is the
 * same row. Built from the pattern, not the text: `dependencies\\:export` and `dependencies\\:everything`
 * are two literal routes, which erasing names in the text merged into one row "renamed".
 */
const rowKeys = new WeakMap<RouteRow, string>();
function rowKey(r: RouteRow): string {
  let k = rowKeys.get(r);
  // The pattern without its parameter names, literals escaped: no literal reads as a variable or a group.
  if (k === undefined) rowKeys.set(r, (k = `${r.method} ${printPathPattern(r.pattern, false)}`));
  return k;
}

interface TrieNode {
  literals: Map<string, TrieNode>;
  variable?: TrieNode;
}

function trieOf(alternatives: readonly (readonly SegmentToken[])[]): TrieNode {
  const root: TrieNode = { literals: new Map() };
  for (const segments of alternatives) {
    let node = root;
    for (const t of segments) {
      if (t.kind === 'literal') {
        let next = node.literals.get(t.text);
        if (!next) node.literals.set(t.text, (next = { literals: new Map() }));
        node = next;
      } else node = node.variable ??= { literals: new Map() };
    }
  }
  return root;
}

/** Literal segments other routes have right after a prefix compatible with `prefix` (a variable is compatible with anything). */
function literalsAfter(root: TrieNode, prefix: readonly SegmentToken[]): string[] {
  let nodes = [root];
  for (const t of prefix) {
    const next = new Set<TrieNode>();
    for (const node of nodes) {
      if (node.variable) next.add(node.variable);
      if (t.kind === 'literal') {
        const lit = node.literals.get(t.text);
        if (lit) next.add(lit);
      } else for (const lit of node.literals.values()) next.add(lit);
    }
    nodes = [...next];
    if (nodes.length === 0) return [];
  }
  return [...new Set(nodes.flatMap((n) => [...n.literals.keys()]))];
}

/** Any segment: a prefix token for `literalsAfter` standing for one segment of a splat. */
const ANY_SEGMENT: SegmentToken = { kind: 'param', name: '', prefix: '', suffix: '' };

/** `base`, else `base0`, `base1`, …: the first whose segment (`around` it) no route has as a literal (`taken`). */
function fresh(base: string, taken: readonly string[], around: (v: string) => string = (v) => v): string {
  for (let i = -1; ; i++) {
    const v = i < 0 ? base : `${base}${i}`;
    if (!taken.includes(around(v))) return v;
  }
}

/**
 * The plain value of each token of an alternative, each splat taking `splatLength` segments: a
 * parameter `x` and splat segments `a`, `b`, … unless a route has that literal there (after a
 * compatible prefix): then `x0`, `x1`, … (a literal row would take the request, and the request a
 * parameter row newly answers would not show).
 */
function plainValues(segments: readonly SegmentToken[], trie: TrieNode, splatLength: number): string[] {
  return segments.map((t, i) => {
    if (t.kind === 'literal') return t.text;
    const prefix = segments.slice(0, i);
    if (t.kind === 'param') return `${t.prefix}${fresh('x', literalsAfter(trie, prefix), (v) => `${t.prefix}${v}${t.suffix}`)}${t.suffix}`;
    const splat = (first: string, last: string) =>
      Array.from({ length: splatLength }, (_, j) => {
        const around = (v: string) => `${j === 0 ? first : ''}${v}${j === splatLength - 1 ? last : ''}`;
        return around(fresh(j === 0 ? 'a' : 'b', literalsAfter(trie, [...prefix, ...Array<SegmentToken>(j).fill(ANY_SEGMENT)]), around));
      }).join('/');
    if (t.kind === 'splat') return splat(t.prefix, t.suffix);
    return t.parts.map((p) => (p.type === 'literal' ? p.value : p.type === 'param' ? 'x' : splat('', ''))).join('');
  });
}

/**
 * Witness paths of some alternatives (those one method searches, both sides), in a fixed order: every
 * plain one first (so a change's example is the simplest request showing it), each splat taking two
 * segments; then each splat taking one segment, and enough segments that the path is longer than
 * every alternative without a splat (no fixed-length row can take it); then each variable filled
 * with each literal that fits there.
 */
function witnessesOf(alternatives: readonly (readonly SegmentToken[])[], trie: TrieNode): Set<string> {
  const path = (values: readonly string[]) => `/${values.join('/')}`;
  // Each alternative's plain values, once: the first and the third loop both read them.
  const plains = alternatives.map((segments) => plainValues(segments, trie, 2));
  const out = new Set(plains.map(path));
  // A loop, not `Math.max(...spread)`: a page-sized table overflows the call stack (70,000 rows did).
  let longest = 0;
  for (const s of alternatives) if (s.length > longest && !s.some(isSplatToken)) longest = s.length;
  for (const segments of alternatives) {
    const splats = segments.filter(isSplatToken).length;
    if (splats === 0) continue;
    const long = Math.max(1, Math.ceil((longest + 1 - (segments.length - splats)) / splats));
    for (const length of [1, long]) out.add(path(plainValues(segments, trie, length)));
  }
  alternatives.forEach((segments, k) => {
    const plain = plains[k]!;
    segments.forEach((t, index) => {
      if (t.kind !== 'param' && t.kind !== 'splat') return;
      for (const literal of literalsAfter(trie, segments.slice(0, index))) {
        if (literal.length <= t.prefix.length + t.suffix.length || !literal.startsWith(t.prefix) || !literal.endsWith(t.suffix)) continue;
        out.add(path(plain.map((v, i) => (i === index ? literal : v))));
      }
    });
  });
  return out;
}

interface Side<R extends RouteRow> {
  table: PreparedRouteTable<R>;
  /** Per method, its candidates as the runtime's trie; built when first walked. */
  tries: Map<PreparedMethod<R>, MethodTrie>;
  keys: Map<string, R[]>;
  /** Rows without an identical row (key and access) on the other side. */
  /** The changed rows' routes, with their alternatives' tokens (`routeToken`, once: every witness is checked against them). */
  changed: { route: PreparedRoute<R>; tokens: RouteToken[][] }[];
}

function sideOf<R extends RouteRow>(rows: readonly R[]): Side<R> {
  const keys = new Map<string, R[]>();
  for (const r of rows) {
    const k = rowKey(r);
    const list = keys.get(k);
    if (list) list.push(r);
    else keys.set(k, [r]);
  }
  const table = prepareRouteTable(rows);
  return { table, keys, changed: [], tries: new Map() };
}

function markChanged<R extends RouteRow>(kind: RouteTableKind<R>, side: Side<R>, other: Side<R>): void {
  // Rows whose candidates tie (equally specific: the row listed first wins) are answered by page order,
  // which no row's key or access shows: a tie is always judged by witnesses. Ties are adjacent once ranked.
  const tied = new Set<PreparedRoute<R>>();
  for (const { candidates } of side.table.methods) {
    candidates.forEach((c, i) => {
      const next = candidates[i + 1];
      if (next && next.route !== c.route && compareAlternatives(c.alternative.segments, next.alternative.segments) === 0) tied.add(c.route).add(next.route);
    });
  }
  for (const route of side.table.routes) {
    const k = rowKey(route.endpoint);
    const mine = side.keys.get(k)!;
    const theirs = other.keys.get(k);
    // A key listed twice on either side (the first listed wins) is judged by witnesses, whatever its access.
    const same = mine.length === 1 && theirs?.length === 1 && sameRouteAccess(kind.access(route.endpoint), kind.access(theirs[0]!));
    if (!same || tied.has(route)) side.changed.push({ route, tokens: route.alternatives.map((a) => a.segments.map(routeToken)) });
  }
}

/** For tests: `answer` against the plain `interpretRoute` on every candidate. */
export const internals = { sideOf, answer, witnessesOf, trieOf };

/** Compares two versions of one endpoint table (rows of `kind`). */
export function compareRouteTables<R extends RouteRow>(source: string, kind: RouteTableKind<R>, beforeRows: readonly R[], afterRows: readonly R[]): Change[] {
  const old = sideOf(beforeRows);
  const now = sideOf(afterRows);
  markChanged(kind, old, now);
  markChanged(kind, now, old);
  const changes: Change[] = [];
  const access = (r: R | undefined) => (r ? kind.access(r) : NO_ROUTE);
  const describe = (r: R | undefined) => (r ? kind.describe(r) : undefined);

  // 1. Rows paired by key (a key listed once on each side).
  const paired = (r: R) => old.keys.get(rowKey(r))?.length === 1 && now.keys.get(rowKey(r))?.length === 1;
  for (const n of afterRows) {
    const o = old.keys.get(rowKey(n))?.[0];
    if (!o || !paired(n)) continue;
    const a = access(o);
    const b = access(n);
    const j = judgeAccess(a, b);
    const renamed = o.path !== n.path ? `renamed from ${o.text}` : undefined;
    if (j.impact === 'neutral' && sameRouteAccess(a, b) && a.note === b.note) continue;
    changes.push({ source, type: 'endpoint-permissions', impact: j.impact, subject: n.text, before: describe(o), after: describe(n), position: n.position, beforePosition: o.position, ...withNote(noteOf(j, renamed)) });
  }

  // 2. Witnesses, answered by both tables when a changed row matches them.
  const pairs = new Map<string, { o: R | undefined; n: R | undefined; example: string }>();
  if (old.changed.length > 0 || now.changed.length > 0) {
    for (const method of methodsOf(old, now)) {
      // The methods a request of `method` searches (HEAD: the HEAD rows, then the GET rows).
      const searched = new Set([old, now].flatMap((s) => methodsSearched(s.table, method).map((m) => m.method)));
      const changed = [...old.changed, ...now.changed].filter((c) => searched.has(c.route.endpoint.method));
      // No changed row this method searches: no witness of it can be answered (nothing to build).
      if (changed.length === 0) continue;
      const alternatives = [old, now].flatMap((s) => s.table.routes.filter((r) => searched.has(r.endpoint.method)).flatMap((r) => r.alternatives.map((a) => a.segments)));
      const trie = trieOf(alternatives);
      const paths = witnessesOf(alternatives, trie);
      // And a path each changed row shares with each row it may overlap (the pattern automata's
      // intersection, as route-overlap finds it): the values above fill a splat before a literal as
      // one segment and never give a prefixed parameter (`:name.tgz`) another row's literal, so a
      // request only such a pair matches was missed (a bug hunt's fuzzer: 1–4 per 400 random edits).
      // Each distinct pattern once (a row unchanged between the sides is in both tables).
      const distinct = [...new Map(alternatives.map((a) => [JSON.stringify(a.map(routeToken)), a])).values()];
      for (const c of changed) {
        for (const { segments: mine } of c.route.alternatives) {
          for (const theirs of distinct) {
            if (theirs === mine || !mayIntersect(mine, theirs)) continue;
            const w = intersectionWitness(mine, theirs);
            if (w !== undefined) paths.add(w);
          }
        }
      }
      // Each witness also with Grape's `.json` suffix (`formatSuffixAt`): a row added or removed can flip
      // a `.json` request between denied (two readings, two rows) and allowed, while its bare path is answered as before.
      for (const path of [...paths].flatMap((p) => [p, `${p}.json`])) {
        const canonical = apiRelativePath(canonicalizePath(path), kind.apiPrefix);
        if (canonical === undefined) continue;
        const cut = formatSuffixAt(canonical);
        const readings = cut > 0 ? [canonical, canonical.slice(0, cut)] : [canonical];
        if (!changed.some((c) => c.tokens.some((t) => readings.some((r) => captureRouteParams(r, t) !== undefined)))) continue;
        const before = answer(old, method, path, canonical, kind.apiPrefix);
        const after = answer(now, method, path, canonical, kind.apiPrefix);
        const o = before?.endpoint;
        const n = after?.endpoint;
        if (o && n && rowKey(o) === rowKey(n) && paired(o)) continue; // step 1 reports a paired row
        if (sameRouteAccess(access(o), access(n))) continue;
        const pair = `${before?.index ?? -1} ${after?.index ?? -1}`;
        if (!pairs.has(pair)) pairs.set(pair, { o, n, example: `${method} ${path}` });
      }
    }
  }
  const added = (r: R) => !old.keys.has(rowKey(r));
  const removed = (r: R) => !now.keys.has(rowKey(r));
  const explained = new Set<R>();
  for (const { o, n, example } of pairs.values()) {
    const j = judgeAccess(access(o), access(n));
    const type = n && added(n) ? 'endpoint-added' : o && removed(o) ? 'endpoint-removed' : 'endpoint-requests';
    const subject = type === 'endpoint-added' ? n!.text : type === 'endpoint-removed' ? o!.text : `${o?.text ?? 'no route'} → ${n?.text ?? 'no route'}`;
    if (n) explained.add(n);
    if (o) explained.add(o);
    const via = `answered before by ${o?.text ?? 'no route'}, now by ${n?.text ?? 'no route'}`;
    changes.push({
      source,
      type,
      impact: j.impact,
      subject,
      ...(o ? { before: describe(o) } : {}),
      ...(n ? { after: describe(n) } : {}),
      position: (n ?? o)!.position,
      ...(n && o ? { beforePosition: o.position } : {}),
      example,
      ...withNote(noteOf(j, via)),
    });
  }

  // 3. Added and removed rows whose requests are answered as before: listed, neutral.
  for (const n of afterRows) {
    if (added(n) && !explained.has(n)) changes.push({ source, type: 'endpoint-added', impact: 'neutral', subject: n.text, after: describe(n), position: n.position, note: 'its requests were answered the same way before' });
  }
  for (const o of beforeRows) {
    if (removed(o) && !explained.has(o)) changes.push({ source, type: 'endpoint-removed', impact: 'neutral', subject: o.text, before: describe(o), position: o.position, note: 'its requests are answered the same way now' });
  }
  return dedupe(changes);
}

/**
 * The route a table answers a request with, as `permgen match` and the emitted matcher decide: the
 * runtime's trie walk (`walkRouteTrie`, over the candidates of each method the request searches, in
 * order) on the canonical path; a path under the API root's first segment but outside it (`/api/v3/…`)
 * goes through `interpretRoute`, whose rooted rule (only routes naming that segment) the walk leaves to
 * the emitted matcher's caller.
 */
function answer<R extends RouteRow>(side: Side<R>, method: HttpMethod, path: string, canonical: string, apiPrefix: string): PreparedRoute<R> | undefined {
  if (startsWithApiSegment(canonical, apiPrefix)) {
    const i = interpretRoute(side.table, method, path, apiPrefix);
    return i.formatConflict ? undefined : i.matches[0]?.candidate.route;
  }
  const route = walk(side, method, canonical);
  // Grape's `.json` suffix, as the matchers decide (`formatSuffixReading`).
  const cut = route === undefined ? -1 : formatSuffixAt(canonical);
  if (cut === -1) return route;
  // The walk's best for the path without `.json` is the catch-all only when no other row matches it.
  const best = cut === -2 ? undefined : walk(side, method, canonical.slice(0, cut));
  const bare = best?.endpoint.anyMethod === true ? undefined : best;
  const reading = formatSuffixReading(cut, route!, bare, route!.endpoint.anyMethod === true);
  return reading === 0 ? route : reading === 1 ? bare : undefined;
}

/** The best route of the runtime's trie walk over the candidates of each method `method` searches, in order. */
function walk<R extends RouteRow>(side: Side<R>, method: HttpMethod, canonical: string): PreparedRoute<R> | undefined {
  for (const m of methodsSearched(side.table, method)) {
    const t = side.tries.get(m) ?? side.tries.set(m, trieFor(m)).get(m)!;
    const k = walkRouteTrie(t.trie, canonical, t.bounds, t.checks);
    if (k >= 0) return m.candidates[k]!.route;
  }
  return undefined;
}

interface MethodTrie {
  trie: RouteTrie;
  /** The walk's scratch arrays (`walkRouteTrie`): two boundaries and a check per parameter of a candidate. */
  bounds: Int32Array;
  checks: Int32Array;
}

function trieFor<R extends RouteRow>(m: PreparedMethod<R>): MethodTrie {
  const slots = scratchSlots(m.candidates);
  const trie = buildRouteTrie(m.candidates.map((c, k) => [k, ...c.alternative.segments.map(tokenData)] as const), 0, []);
  return { trie, bounds: new Int32Array(2 * slots), checks: new Int32Array(slots) };
}

function withNote(note: string | undefined): { note?: string } {
  return note === undefined ? {} : { note };
}

function methodsOf(a: Side<RouteRow>, b: Side<RouteRow>): HttpMethod[] {
  return [...new Set<HttpMethod>([...a.table.methods, ...b.table.methods].map((m) => m.method))];
}

/** One change per thing: rows that are one endpoint for several methods (REST `*`) give the same change. */
function dedupe(changes: Change[]): Change[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const k = `${c.type}\u0000${c.subject}\u0000${c.before}\u0000${c.after}\u0000${c.impact}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
