import type { JobTokenEndpointsModel } from '../model/catalog.ts';
import { jobTokenRouteTable } from '../model/route-tables.ts';
import type { Change } from './change.ts';
import { compareRouteTables } from './compare-routes.ts';

/** The job-token page's endpoint table, judged by what requests get (`compare-routes.ts`). */
export function compareJobToken(source: string, before: JobTokenEndpointsModel, after: JobTokenEndpointsModel): Change[] {
  return compareRouteTables(source, jobTokenRouteTable, before.endpoints, after.endpoints);
}
