import { alternativeNames, type SegmentToken } from '../../model/route-alternatives.ts';
import { stringLiteral } from './identifier.ts';

/**
 * The type of a route's `params`: every name its alternatives capture, in order of first
 * appearance; required when every alternative has it, optional when an optional group can leave it out.
 */
export function routeParamsType(alternatives: readonly (readonly SegmentToken[])[]): string {
  const names: string[] = [];
  const counts = new Map<string, number>();
  for (const segments of alternatives) {
    // Alternatives that capture each name (a name counts once per alternative).
    for (const name of new Set(alternativeNames(segments))) {
      if (!counts.has(name)) names.push(name);
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  if (names.length === 0) return 'Record<never, never>';
  return `{ ${names.map((name) => `readonly ${stringLiteral(name)}${counts.get(name) === alternatives.length ? '' : '?'}: string`).join('; ')} }`;
}
