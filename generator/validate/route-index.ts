/**
 * What the route rules (route-overlap, route-shadowed) share so that they do not compare every pair
 * of a method's candidates (the REST page: 965 GET alternatives, 465,000 pairs, of which about
 * 1,200 pass `mayIntersect`):
 * - the prepared tables, built once per catalog for both rules (`prepareRouteTable` expands and
 *   ranks every pattern);
 * - an index of candidates by *shape*: the first literal segment (`null` for a parameter, splat or
 *   compound), the segment count (`'*'` when the alternative has a splat, so any count) and, without
 *   a splat, the last literal segment.
 *
 * The index only leaves out pairs that `mayIntersect` rejects anyway: different first literals
 * (`firstLiteral`, the rules' existing key) or, with no splat on either side, different segment
 * counts (`mayIntersect`'s first test) or different last literals (its segment-by-segment test
 * compares every segment when neither side has a splat). Every pair it returns still goes through the same checks as
 * before, so the rules' answers and their order do not change.
 */
import type { Catalog } from '../model/catalog.ts';
import { prepareRouteTable, type PreparedRouteTable } from '../model/route-table.ts';
import { routeTablesIn, type RouteTableKind } from '../model/route-tables.ts';
import { isSplatToken, type SegmentToken } from '../model/route-alternatives.ts';
import { firstLiteral } from '../model/route-language.ts';
import type { RouteRow } from '../model/route-table.ts';

export interface PreparedTableOf {
  kind: RouteTableKind<any>;
  rows: readonly RouteRow[];
  table: PreparedRouteTable;
}

const prepared = new WeakMap<Catalog, PreparedTableOf[]>();

/** `routeTablesIn(catalog)` with each table prepared, once per catalog object (the rules do not change it). */
export function preparedRouteTables(catalog: Catalog): PreparedTableOf[] {
  let tables = prepared.get(catalog);
  if (!tables) {
    tables = routeTablesIn(catalog).map(({ kind, rows }) => ({ kind, rows, table: prepareRouteTable(rows) }));
    prepared.set(catalog, tables);
  }
  return tables;
}

/** Segment count, or `'*'` when a splat lets the alternative span any number of segments. */
type Length = number | '*';

export interface Shape {
  /** The first segment when it is a literal (`firstLiteral`), else `null`. */
  first: string | null;
  length: Length;
  /** Without a splat, the last segment when it is a literal, else `null`; with a splat, `'*'` (any). */
  last: string | null;
}

export function shapeOf(segments: readonly SegmentToken[]): Shape {
  let splat = false;
  for (const t of segments) if (isSplatToken(t)) splat = true;
  const end = segments[segments.length - 1];
  return {
    first: firstLiteral(segments) ?? null,
    length: splat ? '*' : segments.length,
    last: splat ? '*' : end?.kind === 'literal' ? end.text : null,
  };
}

/** Items (in insertion order within a bucket) filed under their shape. */
export class ShapeIndex<T> {
  private readonly byFirst = new Map<string | null, Map<Length, Map<string | null, T[]>>>();

  add(shape: Shape, item: T): void {
    let byLength = this.byFirst.get(shape.first);
    if (!byLength) this.byFirst.set(shape.first, (byLength = new Map()));
    let byLast = byLength.get(shape.length);
    if (!byLast) byLength.set(shape.length, (byLast = new Map()));
    const bucket = byLast.get(shape.last);
    if (bucket) bucket.push(item);
    else byLast.set(shape.last, [item]);
  }

  /**
   * Every item whose shape may share a path with `shape`: same first literal or either without one;
   * same segment count or either with a splat; without splats, same last literal or either without
   * one. Bucket by bucket (not in any global order): callers sort.
   */
  *compatible(shape: Shape): Generator<T> {
    const firsts = shape.first === null ? [...this.byFirst.values()] : [this.byFirst.get(shape.first), this.byFirst.get(null)];
    for (const byLength of firsts) {
      if (!byLength) continue;
      const lengths = shape.length === '*' ? [...byLength.values()] : [byLength.get(shape.length), byLength.get('*')];
      for (const byLast of lengths) {
        if (!byLast) continue;
        if (shape.last === null || shape.last === '*') {
          for (const bucket of byLast.values()) yield* bucket;
        } else {
          for (const key of [shape.last, null, '*'] as const) {
            const bucket = byLast.get(key);
            if (bucket) yield* bucket;
          }
        }
      }
    }
  }
}
