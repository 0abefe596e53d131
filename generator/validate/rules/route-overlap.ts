import type { ValidationRule } from '../rule.ts';
import { routeToken, type PreparedRoute } from '../../model/route-table.ts';
import { explainOrder, type RouteCandidate } from '../../model/route-alternatives.ts';
import { intersectionWitness, mayIntersect } from '../../model/route-language.ts';
import { preparedRouteTables, ShapeIndex, shapeOf, type Shape } from '../route-index.ts';
import { captureRouteParams } from '../../emit/runtime/route-path.ts';

/**
 * Two routes of one method that share a path but need different permissions: the matcher answers
 * with the more specific one for every such path. Reported once per pair, as a warning at the row
 * of the route that loses, with a path both match (found on the pattern automata, so exact) and
 * the step of the specificity order that decides.
 */
type Candidate = RouteCandidate<PreparedRoute>;

export const routeOverlap: ValidationRule = {
  id: 'route-overlap',
  description: 'Routes of one method (in any endpoint table) whose patterns overlap while their permissions differ.',
  check(catalog, report) {
    for (const { kind, table } of preparedRouteTables(catalog)) {
      for (const m of table.methods) {
        const rank = new Map(m.candidates.map((c, i) => [c, i]));
        const routes = table.routes.filter((r) => r.endpoint.method === m.method && r.alternatives.length > 0);
        const byRoute = new Map<PreparedRoute, Candidate[]>();
        for (const c of m.candidates) {
          const own = byRoute.get(c.route);
          if (own) own.push(c);
          else byRoute.set(c.route, [c]);
        }
        const candidatesOf = (r: PreparedRoute) => byRoute.get(r) ?? [];
        // Routes by the shapes of their alternatives (first literal segment, segment count): two routes
        // can only overlap when an alternative of one has a shape compatible with one of the other
        // (route-index.ts), so each route is compared with those routes only, in page order as before.
        const index = new ShapeIndex<number>();
        const shapes = new Map<Candidate, Shape>();
        for (const [i, r] of routes.entries()) {
          for (const c of candidatesOf(r)) {
            const shape = shapeOf(c.alternative.segments);
            shapes.set(c, shape);
            index.add(shape, i);
          }
        }
        for (let i = 0; i < routes.length; i++) {
          const a = routes[i]!;
          const partners = new Set<number>();
          for (const ca of candidatesOf(a)) for (const j of index.compatible(shapes.get(ca)!)) if (j > i) partners.add(j);
          for (const j of [...partners].sort((x, y) => x - y)) {
            const b = routes[j]!;
            // The cheap test first: most partners share no path (then whether their access differs does not matter).
            if (!candidatesOf(a).some((ca) => candidatesOf(b).some((cb) => mayIntersect(ca.alternative.segments, cb.alternative.segments)))) continue;
            if (kind.sameAccess(a.endpoint, b.endpoint)) continue;
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
            const [win, lose] = [best(a), best(b)].sort((x, y) => rank.get(x)! - rank.get(y)!) as [Candidate, Candidate];
            const why = explainOrder(win.alternative.segments, lose.alternative.segments);
            report.warn(
              'route-overlap',
              `\`${lose.route.endpoint.text}\` (${kind.describe(lose.route.endpoint)}) overlaps \`${win.route.endpoint.text}\` (line ${win.route.endpoint.position.line}, ${kind.describe(win.route.endpoint)}): both match \`${path}\`. The matcher picks \`${win.route.endpoint.text}\` for such paths: ${why}.`,
              lose.route.endpoint.position,
              `Check that GitLab routes such requests to the more specific route too (then accept the warning in sources/reviewed-warnings.json, with the reason); if not, report it upstream. \`permgen match ${kind.name} ${win.route.endpoint.method} <path>\` shows the decision for any path.`,
              [lose.route.endpoint.text, win.route.endpoint.text],
            );
          }
        }
      }
    }
  },
};
