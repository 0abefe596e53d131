/**
 * The endpoint tables the route compiler knows: one entry per page kind that documents routes. A new
 * endpoint table is an extractor, a model kind and an entry here (plus its emitter for the public
 * API); the alternatives, the specificity order, the overlap/shadow rules, the compiled matcher and
 * `permgen match` come from the shared route engine (`route-table.ts`).
 */
import type { GitlabRestPermissionsModel, JobTokenEndpoint, RestEndpoint, SourceModel } from './catalog.ts';
import { HTTP_METHODS } from './http-methods.ts';
import type { RouteRow } from './route-table.ts';
import { sameSet } from './sets.ts';

/** The root GitLab's REST paths are relative to; both GitLab matchers accept requests with it or without it. */
export const GITLAB_API_PREFIX = '/api/v4';

export interface RouteTableKind<R extends RouteRow = RouteRow> {
  /** The table's name on the command line: `permgen match <name> METHOD path`. */
  name: string;
  /** The API root the page's paths are relative to (README, "Route matching"). */
  apiPrefix: string;
  /** The rows of a source model of this table's kind, or `undefined` for any other model. */
  rows(source: SourceModel): readonly R[] | undefined;
  /** Whether two rows give every request the same answer (their overlap is then not worth a warning). */
  sameAccess(a: R, b: R): boolean;
  /** What a row gives a request, as sets (for `permgen diff`: judged with one rule for every table). */
  access(row: R): RouteAccess;
  /** What a row requires, in words, for messages. */
  describe(row: R): string;
  /** `permgen match`: what the row requires, one line, after `permissions: `. */
  explain(row: R): string;
  /** `permgen match --json`: the row's answer (`route` and `source` are added). */
  json(row: R): Record<string, unknown>;
  /** `permgen match`: no page of this kind was read. */
  missing: string;
}

/**
 * What a matched row gives a request, whatever the page: `rank` 0 denied (unavailable, or no row), 1
 * granted to a token that holds every one of `permissions` at one of `boundaries`, 2 open without a
 * fine-grained permission (always accessible; a job-token `None` row, where the token's default access
 * governs). `public`: the permissions are not needed when the target resource is public. `note`: any
 * other words of the row (an unavailable row's reason), which change no answer.
 */
export interface RouteAccess {
  rank: 0 | 1 | 2;
  permissions: readonly string[];
  boundaries: readonly string[];
  public: boolean;
  note?: string;
}

/** Whether two answers give every token the same access (sets compared; `note` is words only). */
export function sameRouteAccess(a: RouteAccess, b: RouteAccess): boolean {
  return a.rank === b.rank && a.public === b.public && sameSet(a.permissions, b.permissions) && sameSet(a.boundaries, b.boundaries);
}

/**
 * What a job-token row gives a request. A row of the per-resource page's `Unavailable API endpoints`
 * ("CI/CD job tokens cannot access the following endpoints") is denied; a single-table `None` row is
 * open (the token's default access applies).
 */
function jobTokenAccess(e: JobTokenEndpoint): RouteAccess {
  return { rank: e.controlled ? 1 : unavailable(e) ? 0 : 2, permissions: e.permissions, boundaries: [], public: false };
}

/** A row of the job-token page's unavailable section (per-resource layout): job tokens cannot call it. */
function unavailable(e: JobTokenEndpoint): boolean {
  return e.section?.kind === 'unavailable';
}

export const jobTokenRouteTable: RouteTableKind<JobTokenEndpoint> = {
  name: 'gitlab-job-token',
  apiPrefix: GITLAB_API_PREFIX,
  rows: (source) => (source.kind === 'gitlab-job-token-endpoints' ? source.endpoints : undefined),
  // One rule: the same access means the same answer for every token (`jobTokenAccess`).
  sameAccess: (a, b) => sameRouteAccess(jobTokenAccess(a), jobTokenAccess(b)),
  access: jobTokenAccess,
  describe: (e) => (e.controlled ? e.permissions.join(' + ') : unavailable(e) ? 'unavailable: CI/CD job tokens cannot access it' : 'None: not controlled by fine-grained permissions'),
  explain: (e) =>
    e.controlled
      ? `${e.permissions.join(' + ')} (${e.labels}); all are required`
      : unavailable(e)
        ? `unavailable: CI/CD job tokens cannot access this endpoint (listed under ${e.section!.heading}; isJobTokenRequestAllowed returns false)`
        : 'None: fine-grained permissions cannot control this endpoint (the job token\'s default access applies; isJobTokenRequestAllowed returns false)',
  json: (e) => ({ permissions: e.permissions, controlled: e.controlled, description: e.description }),
  missing: 'no GitLab job-token page was read',
};

/**
 * A row of the REST page's table as the route compiler sees it: one per endpoint and method (the
 * unavailable section's `*` method is every method but HEAD, which GET rows answer: its catch-all
 * `* /*path` is six rows).
 */
export interface RestRouteRow extends RouteRow {
  endpoint: RestEndpoint;
  /** Index of `endpoint` in the model's `endpoints` (the emitted table's order). */
  endpointIndex: number;
  /** The `*` method: a catch-all for every method. */
  anyMethod: boolean;
}

const restRows = new WeakMap<GitlabRestPermissionsModel, RestRouteRow[]>();

/** The REST model's endpoints as route rows (computed once per model, so rows are stable objects). */
export function restRouteRows(model: GitlabRestPermissionsModel): RestRouteRow[] {
  let rows = restRows.get(model);
  if (rows) return rows;
  rows = model.endpoints.flatMap((endpoint, endpointIndex) =>
    // `*` is every method but HEAD: a HEAD request searches its own rows, then the GET rows, which include the catch-all.
    (endpoint.method === '*' ? HTTP_METHODS.filter((m) => m !== 'HEAD') : [endpoint.method]).map((method) => ({
      text: `${endpoint.method} ${endpoint.path}`,
      method,
      path: endpoint.path,
      pattern: endpoint.pattern,
      position: endpoint.position,
      pathPosition: endpoint.pathPosition,
      endpoint,
      endpointIndex,
      anyMethod: endpoint.method === '*',
    })),
  );
  restRows.set(model, rows);
  return rows;
}

function describeRest(e: RestEndpoint): string {
  if (e.access === 'always') return 'always accessible: no authentication';
  if (e.access === 'unavailable') return `unavailable to fine-grained tokens${e.reason ? `: ${e.reason}` : ''}`;
  return `${e.permissions.join(' + ')} at ${e.boundaries.join(' or ')}${e.public ? ', or public' : ''}`;
}

export const gitlabRestRouteTable: RouteTableKind<RestRouteRow> = {
  name: 'gitlab-rest',
  apiPrefix: GITLAB_API_PREFIX,
  rows: (source) => (source.kind === 'gitlab-rest-permissions' ? restRouteRows(source) : undefined),
  // The catch-all (`* /*path`, unavailable) overlaps every route on purpose: the more specific row wins.
  sameAccess: (a, b) =>
    a.endpoint === b.endpoint ||
    a.anyMethod ||
    b.anyMethod ||
    (a.endpoint.access === b.endpoint.access && a.endpoint.public === b.endpoint.public && sameSet(a.endpoint.permissions, b.endpoint.permissions)),
  access: ({ endpoint: e }) => ({
    rank: e.access === 'granted' ? 1 : e.access === 'always' ? 2 : 0,
    permissions: e.permissions,
    boundaries: e.boundaries,
    public: e.public,
    ...(e.reason === undefined ? {} : { note: e.reason }),
  }),
  describe: (r) => describeRest(r.endpoint),
  explain: (r) => {
    const e = r.endpoint;
    if (e.access === 'granted') {
      return `granted: ${e.permissions.join(' + ')} (all are required), at ${e.boundaries.join(' or ')}${e.public ? '; not needed when the target resource is public (publicly accessible endpoint)' : ''}`;
    }
    return e.access === 'always' ? 'always: no authentication, no permission check' : `unavailable: fine-grained tokens cannot call it${e.reason ? ` (${e.reason})` : ''}`;
  },
  json: (r) => ({ access: r.endpoint.access, permissions: r.endpoint.permissions, boundaries: r.endpoint.boundaries, public: r.endpoint.public, ...(r.endpoint.reason === undefined ? {} : { reason: r.endpoint.reason }) }),
  missing: 'no GitLab fine-grained REST page was read',
};

/** Every endpoint table, in the order `permgen match` lists them. */
export const ROUTE_TABLES: readonly RouteTableKind<any>[] = Object.freeze([
  // GitLab CI/CD job-token page.
  jobTokenRouteTable,
  // GitLab fine-grained PAT REST page.
  gitlabRestRouteTable,
]);

/** Every endpoint table of a catalog with its kind, in source order. */
export function routeTablesIn(catalog: { sources: readonly SourceModel[] }): { kind: RouteTableKind<any>; rows: readonly RouteRow[] }[] {
  const out: { kind: RouteTableKind<any>; rows: readonly RouteRow[] }[] = [];
  for (const source of catalog.sources) {
    for (const kind of ROUTE_TABLES) {
      const rows = kind.rows(source);
      if (rows) out.push({ kind, rows });
    }
  }
  return out;
}

/** The sources of the GitLab endpoint tables (those of `ROUTE_TABLES` under `/api/v4`): their matchers share `gitlab/runtime/route-path.ts`, whose header names them all. */
export function gitlabRouteSources(catalog: { sources: readonly SourceModel[] }): SourceModel['source'][] {
  const gitlab = ROUTE_TABLES.filter((kind) => kind.apiPrefix === GITLAB_API_PREFIX);
  return catalog.sources.filter((s) => gitlab.some((kind) => kind.rows(s) !== undefined)).map((s) => s.source);
}
