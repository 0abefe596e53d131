import type { ValidationRule } from '../rule.ts';
import { prepareRouteTable, routeToken, type PreparedRoute } from '../../model/route-table.ts';
import { routeTablesIn } from '../../model/route-tables.ts';
import { explainOrder } from '../../model/route-alternatives.ts';
import { firstLiteral, intersectionWitness, mayIntersect } from '../../model/route-language.ts';
import { captureRouteParams } from '../../emit/runtime/route-path.ts';

/**
 * Two routes of one method that share a path but need different permissions: the matcher answers
 * with the more specific one for every such path. Reported once per pair, as a warning at the row
 * of the route that loses, with a path both match (found on the pattern automata, so exact) and
 * the step of the specificity order that decides.
 */
export const routeOverlap: ValidationRule = {
  id: 'route-overlap',
  description: 'Routes of one method (in any endpoint table) whose patterns overlap while their permissions differ.',
  check(catalog, report) {
    for (const { kind, rows } of routeTablesIn(catalog)) {
      const table = prepareRouteTable(rows);
      for (const m of table.methods) {
        const rank = new Map(m.candidates.map((c, i) => [c, i]));
        const routes = table.routes.filter((r) => r.endpoint.method === m.method && r.alternatives.length > 0);
        const byRoute = new Map<PreparedRoute, (typeof m.candidates)[number][]>();
        for (const c of m.candidates) byRoute.set(c.route, [...(byRoute.get(c.route) ?? []), c]);
        const candidatesOf = (r: PreparedRoute) => byRoute.get(r) ?? [];
        // First literal segments of each route's alternatives (`null` for a parameter or splat): two
        // routes can only overlap when they share one, or one of them has `null`.
        const keys = new Map(routes.map((r) => [r, new Set(candidatesOf(r).map((c) => firstLiteral(c.alternative.segments) ?? null))]));
        const mayShare = (a: PreparedRoute, b: PreparedRoute) => {
          const x = keys.get(a)!;
          const y = keys.get(b)!;
          if (x.has(null) || y.has(null)) return true;
          for (const k of x) if (y.has(k)) return true;
          return false;
        };
        for (let i = 0; i < routes.length; i++) {
          for (let j = i + 1; j < routes.length; j++) {
            const a = routes[i]!;
            const b = routes[j]!;
            if (!mayShare(a, b) || kind.sameAccess(a.endpoint, b.endpoint)) continue;
            let witness: string | undefined;
            for (const ca of candidatesOf(a)) {
              for (const cb of candidatesOf(b)) {
                if (!mayIntersect(ca.alternative.segments, cb.alternative.segments)) continue;
                if ((witness = intersectionWitness(ca.alternative.segments, cb.alternative.segments))) break;
              }
              if (witness) break;
            }
            if (witness === undefined) continue;
            const path = witness;
            // On the witness, each route's best matching alternative; the better of the two wins.
            const best = (r: PreparedRoute) => candidatesOf(r).find((c) => captureRouteParams(path, c.alternative.segments.map(routeToken)) !== undefined)!;
            const [win, lose] = [best(a), best(b)].sort((x, y) => rank.get(x)! - rank.get(y)!) as [typeof m.candidates[number], typeof m.candidates[number]];
            const why = explainOrder(win.alternative.segments, lose.alternative.segments);
            report.warn(
              'route-overlap',
              `\`${lose.route.endpoint.text}\` (${kind.describe(lose.route.endpoint)}) overlaps \`${win.route.endpoint.text}\` (line ${win.route.endpoint.position.line}, ${kind.describe(win.route.endpoint)}): both match \`${path}\`. The matcher picks \`${win.route.endpoint.text}\` for such paths: ${why}.`,
              lose.route.endpoint.position,
              `Check that GitLab routes such requests to the more specific route too; if not, report it upstream. \`permgen match ${kind.name} ${win.route.endpoint.method} <path>\` shows the decision for any path.`,
            );
          }
        }
      }
    }
  },
};
