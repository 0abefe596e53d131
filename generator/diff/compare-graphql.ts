import type { GraphqlGrant, GraphqlPermissionsModel } from '../model/catalog.ts';
import type { Change } from './change.ts';

/**
 * Grants by `(kind, name, permission)`. Adding a grant lets one more permission cover a name
 * (widened); removing one narrows; a change of the boundaries it is granted at is a move,
 * widened when boundaries were only added, narrowed when only removed.
 */
export function compareGraphql(source: string, before: GraphqlPermissionsModel, after: GraphqlPermissionsModel): Change[] {
  const changes: Change[] = [];
  const index = (m: GraphqlPermissionsModel) => {
    const map = new Map<string, { grant: GraphqlGrant; boundaries: Set<string> }>();
    for (const c of m.categories)
      for (const r of c.resources)
        for (const g of r.grants) {
          const k = `${g.kind} ${g.name} ← ${g.permission}`;
          const entry = map.get(k) ?? { grant: g, boundaries: new Set<string>() };
          entry.boundaries.add(g.boundary);
          map.set(k, entry);
        }
    return map;
  };
  const old = index(before);
  const now = index(after);
  const list = (s: Set<string>) => [...s].sort().join(', ');
  for (const [k, n] of now) {
    const o = old.get(k);
    if (!o) {
      changes.push({ source, type: 'grant-added', impact: 'widened', subject: k, after: list(n.boundaries), position: n.grant.position });
    } else if (list(o.boundaries) !== list(n.boundaries)) {
      const added = [...n.boundaries].some((b) => !o.boundaries.has(b));
      const removed = [...o.boundaries].some((b) => !n.boundaries.has(b));
      changes.push({ source, type: 'grant-boundaries', impact: added && !removed ? 'widened' : removed && !added ? 'narrowed' : 'neutral', subject: k, before: list(o.boundaries), after: list(n.boundaries), position: n.grant.position });
    }
  }
  for (const [k, o] of old) {
    if (!now.has(k)) changes.push({ source, type: 'grant-removed', impact: 'narrowed', subject: k, before: list(o.boundaries), position: o.grant.position });
  }
  return changes;
}
