/**
 * The job-token endpoint table prepared for matching: every row's alternatives, and per method the
 * candidates (alternatives) most specific first. The compiled matcher, the overlap/shadow rules and
 * `permgen match` all start from this one preparation.
 */
import type { HttpMethod, JobTokenEndpoint } from './catalog.ts';
import { HTTP_METHODS } from './http-methods.ts';
import { expandAlternatives, rankCandidates, type RouteAlternative, type RouteCandidate, type SegmentToken } from './route-alternatives.ts';
import { canonicalizePath, captureRouteParams, type RouteToken } from '../emit/runtime/route-path.ts';

export interface PreparedRoute {
  endpoint: JobTokenEndpoint;
  /** Row index in the model (page order). */
  index: number;
  /** Empty when the pattern is unsupported (see `unsupported`): such a route never matches. */
  alternatives: RouteAlternative[];
}

export interface PreparedMethod {
  method: HttpMethod;
  /** Most specific first (`rankCandidates`). */
  candidates: RouteCandidate<PreparedRoute>[];
}

export interface PreparedRouteTable {
  routes: PreparedRoute[];
  unsupported: { route: PreparedRoute; message: string }[];
  /** Methods that have routes (that compile), in `HTTP_METHODS` order. */
  methods: PreparedMethod[];
}

export function prepareRouteTable(endpoints: readonly JobTokenEndpoint[]): PreparedRouteTable {
  const routes: PreparedRoute[] = [];
  const unsupported: PreparedRouteTable['unsupported'] = [];
  endpoints.forEach((endpoint, index) => {
    const result = expandAlternatives(endpoint.pattern);
    const route: PreparedRoute = { endpoint, index, alternatives: 'error' in result ? [] : result.alternatives };
    if ('error' in result) unsupported.push({ route, message: result.error });
    routes.push(route);
  });
  const methods: PreparedMethod[] = [];
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
export function methodsSearched(table: PreparedRouteTable, method: string): PreparedMethod[] {
  const own = table.methods.find((m) => m.method === method);
  const get = method === 'HEAD' ? table.methods.find((m) => m.method === 'GET') : undefined;
  return [own, get].filter((m): m is PreparedMethod => m !== undefined);
}

/** The token as emitted data (`RouteToken` of the runtime). */
export function routeToken(t: SegmentToken): RouteToken {
  return t.kind === 'literal' ? [0, t.text, '', ''] : [t.kind === 'param' ? 1 : 2, t.prefix, t.suffix, t.name];
}

export interface InterpretedMatch {
  candidate: RouteCandidate<PreparedRoute>;
  method: HttpMethod;
  params: Record<string, string>;
}

export interface Interpretation {
  /** `undefined` when the path is denied before matching. */
  canonicalPath: string | undefined;
  /** Every candidate that matches, best first (the first is the answer). */
  matches: InterpretedMatch[];
}

/**
 * Matches by trying every candidate in rank order: slow and plain, for explanations (`permgen match`)
 * and cross-checks. Same semantics as the compiled matcher.
 */
export function interpretRoute(table: PreparedRouteTable, method: string, path: string): Interpretation {
  const canonicalPath = canonicalizePath(path);
  const matches: InterpretedMatch[] = [];
  if (canonicalPath === undefined) return { canonicalPath, matches };
  for (const m of methodsSearched(table, method)) {
    for (const candidate of m.candidates) {
      const params = captureRouteParams(canonicalPath, candidate.alternative.segments.map(routeToken));
      if (params) matches.push({ candidate, method: m.method, params });
    }
  }
  return { canonicalPath, matches };
}
