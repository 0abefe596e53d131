/**
 * The endpoint tables the route compiler knows: one entry per page kind that documents routes. A new
 * endpoint table is an extractor, a model kind and an entry here (plus its emitter for the public
 * API); the alternatives, the specificity order, the overlap/shadow rules, the compiled matcher and
 * `permgen match` come from the shared route engine (`route-table.ts`).
 */
import type { JobTokenEndpoint, SourceModel } from './catalog.ts';
import type { RouteRow } from './route-table.ts';

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
  /** What a row requires, in words, for messages. */
  describe(row: R): string;
  /** `permgen match`: what the row requires, one line, after `permissions: `. */
  explain(row: R): string;
  /** `permgen match --json`: the row's answer (`route` and `source` are added). */
  json(row: R): Record<string, unknown>;
  /** `permgen match`: no page of this kind was read. */
  missing: string;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((p, i) => p === y[i]);
}

export const jobTokenRouteTable: RouteTableKind<JobTokenEndpoint> = {
  name: 'gitlab-job-token',
  apiPrefix: GITLAB_API_PREFIX,
  rows: (source) => (source.kind === 'gitlab-job-token-endpoints' ? source.endpoints : undefined),
  sameAccess: (a, b) => a.controlled === b.controlled && sameSet(a.permissions, b.permissions),
  describe: (e) => (e.controlled ? e.permissions.join(' + ') : 'None: not controlled by fine-grained permissions'),
  explain: (e) =>
    e.controlled
      ? `${e.permissions.join(' + ')} (${e.labels}); all are required`
      : 'None: fine-grained permissions cannot control this endpoint (the job token\'s default access applies; isJobTokenRequestAllowed returns false)',
  json: (e) => ({ permissions: e.permissions, controlled: e.controlled, description: e.description }),
  missing: 'no GitLab job-token page was read',
};

/** Every endpoint table, in the order `permgen match` lists them. */
export const ROUTE_TABLES: readonly RouteTableKind<any>[] = Object.freeze([
  // GitLab CI/CD job-token page.
  jobTokenRouteTable,
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
