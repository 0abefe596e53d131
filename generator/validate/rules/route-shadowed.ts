import type { ValidationRule } from '../rule.ts';
import { routeToken, type PreparedRoute } from '../../model/route-table.ts';
import { tokenShape, type SegmentToken } from '../../model/route-alternatives.ts';
import { captureRouteParams } from '../../emit/runtime/route-path.ts';
import { intersectionWitness, mayIntersect, uncoveredWitness } from '../../model/route-language.ts';
import { preparedRouteTables, ShapeIndex, shapeOf } from '../route-index.ts';

/**
 * A route (of any endpoint table) that the matcher can never answer with: every path it matches is matched by a
 * more specific route of another row (or an equally specific one listed earlier). Decided exactly:
 * for each alternative, the paths it matches must all be matched by higher-ranked candidates of
 * other rows (inclusion in a union, on the pattern automata).
 */
export const routeShadowed: ValidationRule = {
  id: 'route-shadowed',
  description: 'Routes (in any endpoint table) that more specific routes always win against.',
  check(catalog, report) {
    for (const { table } of preparedRouteTables(catalog)) {
      for (const m of table.methods) {
        // Candidates by shape (first literal segment, segment count; route-index.ts): a candidate is
        // only compared with the higher-ranked ones whose shape may share a path with its own, taken in
        // rank order as before.
        const index = new ShapeIndex<number>();
        const shapes = m.candidates.map((c) => shapeOf(c.alternative.segments));
        const ranksOf = new Map<PreparedRoute, number[]>();
        const tokens = m.candidates.map((c) => c.alternative.segments.map(routeToken));
        for (const [rank, c] of m.candidates.entries()) {
          index.add(shapes[rank]!, rank);
          const own = ranksOf.get(c.route);
          if (own) own.push(rank);
          else ranksOf.set(c.route, [rank]);
        }
        const comparable = (rank: number): number[] => {
          const out: number[] = [];
          for (const r of index.compatible(shapes[rank]!)) if (r < rank) out.push(r);
          return out.sort((x, y) => x - y);
        };
        for (const route of table.routes) {
          if (route.endpoint.method !== m.method || route.alternatives.length === 0) continue;
          const winners = new Map<number, string>();
          let shadowed = true;
          for (const rank of ranksOf.get(route) ?? []) {
            const c = m.candidates[rank]!;
            const candidateRanks = comparable(rank).filter((r) => m.candidates[r]!.route !== route && mayIntersect(c.alternative.segments, m.candidates[r]!.alternative.segments));
            const candidates = candidateRanks.map((r) => m.candidates[r]!);
            // Most rows are settled by one path of their own that no candidate above matches: no automata then.
            const sample = samplePath(c.alternative.segments);
            if (captureRouteParams(sample, tokens[rank]!) && !candidateRanks.some((r) => captureRouteParams(sample, tokens[r]!))) {
              shadowed = false;
              break;
            }
            const above = candidates.filter((o) => intersectionWitness(c.alternative.segments, o.alternative.segments) !== undefined);
            if (uncoveredWitness(c.alternative.segments, above.map((o) => o.alternative.segments)) !== undefined) {
              shadowed = false;
              break;
            }
            for (const o of above) winners.set(o.route.endpoint.position.line, `\`${o.route.endpoint.text}\` (line ${o.route.endpoint.position.line})`);
          }
          if (!shadowed) continue;
          report.warn(
            'route-shadowed',
            `\`${route.endpoint.text}\` can never be selected: every path it matches is matched by a more specific route (or an equally specific one listed earlier): ${[...winners].sort(([a], [b]) => a - b).map(([, text]) => text).join(', ')}.`,
            route.endpoint.position,
            'Requests for this row get the other route\'s permissions. Check the page: a duplicate row, or a pattern that needs a more specific literal.',
          );
        }
      }
    }
  },
};

/**
 * A canonical path an alternative matches: each parameter and splat takes `~~` (a sufficient check
 * only). `tokenShape` writes every variable as `\u0000`, which no literal holds.
 */
function samplePath(segments: readonly SegmentToken[]): string {
  return `/${segments.map((t) => tokenShape(t).replaceAll('\u0000', '~~')).join('/')}`;
}
