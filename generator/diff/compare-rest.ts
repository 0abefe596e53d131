import type { GitlabRestPermissionsModel } from '../model/catalog.ts';
import { gitlabRestRouteTable, restRouteRows } from '../model/route-tables.ts';
import type { Change } from './change.ts';
import { compareRouteTables } from './compare-routes.ts';

/** The REST page's endpoint table (one route row per method of a `*` endpoint), judged by what requests get (`compare-routes.ts`). */
export function compareRest(source: string, before: GitlabRestPermissionsModel, after: GitlabRestPermissionsModel): Change[] {
  return compareRouteTables(source, gitlabRestRouteTable, restRouteRows(before), restRouteRows(after));
}
