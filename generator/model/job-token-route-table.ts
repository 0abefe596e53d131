/**
 * The job-token endpoint table prepared for matching: the generic route table
 * (`route-table.ts`) with the job-token page's rows. Kept as a module so that callers that only
 * know the job-token page read naturally.
 */
import type { JobTokenEndpoint } from './catalog.ts';
import { prepareRouteTable as prepareGeneric, type PreparedMethod as Method, type PreparedRoute as Route, type PreparedRouteTable as Table } from './route-table.ts';

export { interpretRoute, methodsSearched, routeToken, type InterpretedMatch, type Interpretation } from './route-table.ts';

export type PreparedRoute = Route<JobTokenEndpoint>;
export type PreparedMethod = Method<JobTokenEndpoint>;
export type PreparedRouteTable = Table<JobTokenEndpoint>;

export function prepareRouteTable(endpoints: readonly JobTokenEndpoint[]): PreparedRouteTable {
  return prepareGeneric(endpoints);
}
