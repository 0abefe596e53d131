/**
 * One route compiler for every endpoint table: a table of documented routes (method + Grape path
 * pattern + the doc line) prepared for matching: every row's alternatives, and per method the
 * candidates (alternatives) most specific first. The compiled matchers (emit), the overlap/shadow
 * rules (validate) and `permgen match` (cli) all start from this one preparation, whatever page the
 * table comes from; `route-tables.ts` lists the tables (one registry entry per page kind).
 */
import type { HttpMethod } from './catalog.ts';
import type { PathPattern } from './path-pattern.ts';
import type { SourcePosition } from './position.ts';
import { HTTP_METHODS } from './http-methods.ts';
import { alternativeNames, expandAlternatives, rankCandidates, type RouteAlternative, type RouteCandidate, type SegmentToken } from './route-alternatives.ts';
import { apiRelativePath, canonicalizePath, formatSuffixAt, formatSuffixReading, startsWithApiSegment, captureRouteParams, type RouteToken, type RouteTokenData } from '../emit/runtime/route-path.ts';

/** What the route compiler needs of a row, whatever the page. */
export interface RouteRow {
  /** `METHOD /path` as the page writes it (the route's name in generated types). */
  text: string;
  method: HttpMethod;
  /** The path pattern as written. */
  path: string;
  pattern: PathPattern;
  /** Start of the table row. */
  position: SourcePosition;
  /** Start of the path cell (for diagnostics about the pattern). */
  pathPosition: SourcePosition;
  /** A catch-all row for every method (the REST page's `* /*path`, one row per method): no route of GitLab's own. */
  anyMethod?: boolean;
}

export interface PreparedRoute<R extends RouteRow = RouteRow> {
  endpoint: R;
  /** Row index in the model (page order). */
  index: number;
  /** Empty when the pattern is unsupported (see `unsupported`): such a route never matches. */
  alternatives: RouteAlternative[];
}

export interface PreparedMethod<R extends RouteRow = RouteRow> {
  method: HttpMethod;
  /** Most specific first (`rankCandidates`). */
  candidates: RouteCandidate<PreparedRoute<R>>[];
}

export interface PreparedRouteTable<R extends RouteRow = RouteRow> {
  routes: PreparedRoute<R>[];
  unsupported: { route: PreparedRoute<R>; message: string }[];
  /** Methods that have routes (that compile), in `HTTP_METHODS` order. */
  methods: PreparedMethod<R>[];
}

const preparedTables = new WeakMap<readonly RouteRow[], PreparedRouteTable<any>>();

/**
 * The table for a list of rows, prepared once per list object: the route rules (validate) and the
 * matcher emitters get the same row arrays from the catalog (`source.endpoints`, `restRouteRows`), so
 * a full generate expands and ranks each page once. Nothing changes a prepared table or its rows
 * after this returns.
 */
export function prepareRouteTable<R extends RouteRow>(endpoints: readonly R[]): PreparedRouteTable<R> {
  let table = preparedTables.get(endpoints) as PreparedRouteTable<R> | undefined;
  if (!table) preparedTables.set(endpoints, (table = prepareUncached(endpoints)));
  return table;
}

function prepareUncached<R extends RouteRow>(endpoints: readonly R[]): PreparedRouteTable<R> {
  const routes: PreparedRoute<R>[] = [];
  const unsupported: PreparedRouteTable<R>['unsupported'] = [];
  endpoints.forEach((endpoint, index) => {
    const result = expandAlternatives(endpoint.pattern);
    const route: PreparedRoute<R> = { endpoint, index, alternatives: 'error' in result ? [] : result.alternatives };
    if ('error' in result) unsupported.push({ route, message: result.error });
    routes.push(route);
  });
  const methods: PreparedMethod<R>[] = [];
  for (const method of HTTP_METHODS) {
    const own = routes.filter((r) => r.endpoint.method === method && r.alternatives.length > 0);
    if (own.length === 0) continue;
    methods.push({ method, candidates: rankCandidates(own.map((r) => ({ route: r, alternatives: r.alternatives }))) });
  }
  return { routes, unsupported, methods };
}

/**
 * The candidate lists a request method searches, in order: its own routes, and for `HEAD` then
 * the `GET` routes (a documented `HEAD` route wins over any `GET` route). Methods outside
 * `HTTP_METHODS` (including lower-case spellings) search nothing.
 */
export function methodsSearched<R extends RouteRow>(table: PreparedRouteTable<R>, method: string): PreparedMethod<R>[] {
  const own = table.methods.find((m) => m.method === method);
  const get = method === 'HEAD' ? table.methods.find((m) => m.method === 'GET') : undefined;
  return [own, get].filter((m): m is PreparedMethod<R> => m !== undefined);
}

/** The token as emitted data (`RouteToken` of the runtime). */
export function routeToken(t: SegmentToken): RouteToken {
  if (t.kind === 'compound') return [3, '', '', '', t.parts.map((p) => (p.type === 'literal' ? p.value : ([p.type === 'param' ? 1 : 2, p.name] as const)))];
  return t.kind === 'literal' ? [0, t.text, '', ''] : [t.kind === 'param' ? 1 : 2, t.prefix, t.suffix, t.name];
}

export interface InterpretedMatch<R extends RouteRow = RouteRow> {
  candidate: RouteCandidate<PreparedRoute<R>>;
  method: HttpMethod;
  params: Record<string, string>;
}

export interface Interpretation<R extends RouteRow = RouteRow> {
  /** `undefined` when the path is denied before matching. */
  canonicalPath: string | undefined;
  /** Every candidate that matches, best first (the first is the answer, unless `formatConflict` is set). */
  matches: InterpretedMatch<R>[];
  /**
   * Set when the canonical path ends in `.json` and the path without it (Grape's format suffix,
   * `formatSuffixAt`) is another row's: the request is denied. `match` is undefined when what is
   * left of the last segment is empty, `.` or `..`.
   */
  formatConflict?: { bare: string; match: InterpretedMatch<R> | undefined };
  /**
   * Set when the path as written ends in `.json` and reaches only the page's catch-all: it is
   * answered as the path without `.json` (`canonicalPath`), which is how GitLab serves it; this is
   * the path as written.
   */
  formatSuffixOf?: string;
}

/**
 * Matches by trying every candidate in rank order: slow and plain, for explanations (`permgen match`)
 * and cross-checks. Same semantics as the compiled matcher (`apiPrefix` included).
 */
export function interpretRoute<R extends RouteRow>(table: PreparedRouteTable<R>, method: string, path: string, apiPrefix: string): Interpretation<R> {
  const canonicalPath = apiRelativePath(canonicalizePath(path), apiPrefix);
  if (canonicalPath === undefined) return { canonicalPath, matches: [] };
  const matches = matchesOf(table, method, canonicalPath, apiPrefix);
  const winner = matches[0];
  const cut = winner ? formatSuffixAt(canonicalPath) : -1;
  if (cut === -1) return { canonicalPath, matches };
  const bare = cut === -2 ? canonicalPath : canonicalPath.slice(0, cut);
  // The path without `.json`: its best match, as the compiled matcher takes it, unless that is the page's
  // catch-all (no route of Grape's).
  const bareMatches = cut === -2 ? [] : matchesOf(table, method, bare, apiPrefix);
  const other = bareMatches[0]?.candidate.route.endpoint.anyMethod === true ? undefined : bareMatches[0];
  const reading = formatSuffixReading(cut, winner!.candidate.route, other?.candidate.route, winner!.candidate.route.endpoint.anyMethod === true);
  if (reading === 0) return { canonicalPath, matches };
  if (reading === 1) return { canonicalPath: bare, matches: bareMatches, formatSuffixOf: canonicalPath };
  return { canonicalPath, matches, formatConflict: { bare, match: other } };
}

/** Every candidate of `method`'s search that matches canonical `path`, best first. */
function matchesOf<R extends RouteRow>(table: PreparedRouteTable<R>, method: string, path: string, apiPrefix: string): InterpretedMatch<R>[] {
  const matches: InterpretedMatch<R>[] = [];
  // A path outside the API root (`/api/v3/…`): only routes that name its first segment literally.
  const rootedOnly = startsWithApiSegment(path, apiPrefix);
  for (const m of methodsSearched(table, method)) {
    for (const candidate of m.candidates) {
      if (rootedOnly && candidate.alternative.segments[0]?.kind !== 'literal') continue;
      const params = captureRouteParams(path, candidate.alternative.segments.map(routeToken));
      if (params) matches.push({ candidate, method: m.method, params });
    }
  }
  return matches;
}

/** How many parameters the walk's scratch arrays must hold for `candidates` (the most any of them has; at least one). */
export function scratchSlots(candidates: readonly { readonly alternative: { readonly segments: readonly SegmentToken[] } }[]): number {
  // A loop, not Math.max(...all): a table of 100,000 alternatives would overflow the call stack.
  let most = 1;
  for (const c of candidates) most = Math.max(most, alternativeNames(c.alternative.segments).length);
  return most;
}

/** A token as the runtime's trie data (`RouteTokenData`). */
export function tokenData(t: SegmentToken): RouteTokenData {
  if (t.kind === 'literal') return t.text;
  if (t.kind === 'compound') return [3, t.parts.map((p) => (p.type === 'literal' ? p.value : p.type === 'param' ? 1 : 2)), t.splat ? 1 : 0];
  const kind = t.kind === 'param' ? 1 : 2;
  // A parameter or splat that is the whole segment (most of them) is its kind alone: `1`, not `[1,"",""]`.
  return t.prefix === '' && t.suffix === '' ? kind : [kind, t.prefix, t.suffix];
}
