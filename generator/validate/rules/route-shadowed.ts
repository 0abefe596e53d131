import type { ValidationRule } from '../rule.ts';
import { prepareRouteTable, routeToken } from '../../model/route-table.ts';
import type { SegmentToken } from '../../model/route-alternatives.ts';
import { captureRouteParams } from '../../emit/runtime/route-path.ts';
import { routeTablesIn } from '../../model/route-tables.ts';
import { firstLiteral, intersectionWitness, mayIntersect, uncoveredWitness } from '../../model/route-language.ts';

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
    for (const { rows } of routeTablesIn(catalog)) {
      const table = prepareRouteTable(rows);
      for (const m of table.methods) {
        // Candidates by first literal segment (`null`: a parameter or splat, comparable with all), with their rank.
        const buckets = new Map<string | null, number[]>();
        for (const [rank, c] of m.candidates.entries()) {
          const k = firstLiteral(c.alternative.segments) ?? null;
          const bucket = buckets.get(k);
          if (bucket) bucket.push(rank);
          else buckets.set(k, [rank]);
        }
        const comparable = (rank: number, key: string | null): number[] =>
          key === null ? [...Array(rank).keys()] : [...(buckets.get(key) ?? []), ...(buckets.get(null) ?? [])].filter((r) => r < rank).sort((x, y) => x - y);
        for (const route of table.routes) {
          if (route.endpoint.method !== m.method || route.alternatives.length === 0) continue;
          const winners = new Map<number, string>();
          let shadowed = true;
          for (const [rank, c] of m.candidates.entries()) {
            if (c.route !== route) continue;
            const candidates = comparable(rank, firstLiteral(c.alternative.segments) ?? null)
              .map((r) => m.candidates[r]!)
              .filter((o) => o.route !== route && mayIntersect(c.alternative.segments, o.alternative.segments));
            // Most rows are settled by one path of their own that no candidate above matches: no automata then.
            const sample = samplePath(c.alternative.segments);
            const own = c.alternative.segments.map(routeToken);
            if (captureRouteParams(sample, own) && !candidates.some((o) => captureRouteParams(sample, o.alternative.segments.map(routeToken)))) {
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

/** A canonical path an alternative matches: each parameter and splat takes `~~` (a sufficient check only). */
function samplePath(segments: readonly SegmentToken[]): string {
  if (segments.length === 0) return '/';
  const value = '~~';
  return `/${segments
    .map((t) => (t.kind === 'literal' ? t.text : t.kind === 'compound' ? t.parts.map((p) => (p.type === 'literal' ? p.value : value)).join('') : `${t.prefix}${value}${t.suffix}`))
    .join('/')}`;
}
