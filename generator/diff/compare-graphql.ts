import type { GraphqlGrant, GraphqlKind, GraphqlPermissionsModel } from '../model/catalog.ts';
import type { Change } from './change.ts';
import { mutationFieldName } from '../emit/runtime/graphql-guard-lookup.ts';
import { sameSet } from '../model/sets.ts';
import { judge } from './impact.ts';

/** One way to satisfy a name: a boundary and the permissions a row needs there (its own and its footnotes' `Also requires`). */
interface Alternative {
  boundary: string;
  permissions: readonly string[];
}

interface GrantEntry {
  grant: GraphqlGrant;
  alternatives: Map<string, Alternative>;
}

/**
 * Grants reported by `(kind, name, permission)`, judged per name as the guard enforces it: a name
 * needs any one of its rows, each row its permission and its `Also requires` at its boundary. A
 * change widens when some row of the new side asks for no superset of what some row of the old side
 * asked at that boundary (a grant added, a boundary added, a footnote dropped), and narrows in the
 * mirror case. A name with no rows at all:
 * - a Field is covered by its parent type alone, so a field losing its last Field row is widened and
 *   one gaining its first is narrowed;
 * - a Type or Mutation is denied in strict mode and allowed in lax mode, so gaining a first row or
 *   losing the last one is widened either way round, the note saying which mode narrows.
 */
export function compareGraphql(source: string, before: GraphqlPermissionsModel, after: GraphqlPermissionsModel): Change[] {
  const changes: Change[] = [];
  const old = index(before);
  const now = index(after);
  const names = new Set([...now.keys(), ...old.keys()]);
  for (const name of names) {
    const o = old.get(name) ?? new Map<string, GrantEntry>();
    const n = now.get(name) ?? new Map<string, GrantEntry>();
    const oldAlternatives = [...o.values()].flatMap((e) => [...e.alternatives.values()]);
    const newAlternatives = [...n.values()].flatMap((e) => [...e.alternatives.values()]);
    const kind = ([...n.values()][0] ?? [...o.values()][0])!.grant.kind;
    for (const key of new Set([...n.keys(), ...o.keys()])) {
      const a = o.get(key);
      const b = n.get(key);
      const before = a ? [...a.alternatives.keys()] : [];
      const after = b ? [...b.alternatives.keys()] : [];
      if (before.length === after.length && before.every((k) => b!.alternatives.has(k))) continue;
      const wider: string[] = [];
      const narrower: string[] = [];
      if (b) {
        const added = [...b.alternatives.entries()].filter(([k]) => !a?.alternatives.has(k)).map(([, alt]) => alt);
        if (oldAlternatives.length === 0) firstOrLast(kind, 'first', wider, narrower);
        else for (const alt of added) if (!oldAlternatives.some((p) => covers(p, alt))) wider.push(`a token with ${holding(alt)} now passes`);
      }
      if (a) {
        const dropped = [...a.alternatives.entries()].filter(([k]) => !b?.alternatives.has(k)).map(([, alt]) => alt);
        if (newAlternatives.length === 0) firstOrLast(kind, 'last', wider, narrower);
        else for (const alt of dropped) if (!newAlternatives.some((p) => covers(p, alt))) narrower.push(`a token with ${holding(alt)} no longer passes`);
      }
      const { impact, note } = judge(wider, narrower);
      const type = !a ? 'grant-added' : !b ? 'grant-removed' : sameBoundaries(a, b) ? 'grant-also-requires' : 'grant-boundaries';
      const entry = (b ?? a)!;
      changes.push({
        source,
        type,
        impact,
        // The name as the page writes it (the key of a Mutation is its schema field name).
        subject: `${entry.grant.kind} ${entry.grant.name} ← ${entry.grant.permission}`,
        ...(a ? { before: describe([...a.alternatives.values()], a.grant.permission) } : {}),
        ...(b ? { after: describe([...b.alternatives.values()], b.grant.permission) } : {}),
        ...(note ? { note } : {}),
        position: entry.grant.position,
      });
    }
  }
  return changes;
}

/** `Kind Name` → grant key → its alternatives. */
function index(m: GraphqlPermissionsModel): Map<string, Map<string, GrantEntry>> {
  const map = new Map<string, Map<string, GrantEntry>>();
  for (const c of m.categories)
    for (const r of c.resources)
      for (const g of r.grants) {
        // A Mutation by the schema field the guard keys it by (`VulnerabilityCreate` and `vulnerabilityCreate` are one).
        const name = `${g.kind} ${g.kind === 'Mutation' ? mutationFieldName(g.name) : g.name}`;
        let grants = map.get(name);
        if (!grants) map.set(name, (grants = new Map()));
        let entry = grants.get(g.permission);
        if (!entry) grants.set(g.permission, (entry = { grant: g, alternatives: new Map() }));
        const permissions = [...new Set([g.permission, ...g.alsoRequires])].sort();
        entry.alternatives.set(`${g.boundary}\u0000${permissions.join('\u0000')}`, { boundary: g.boundary, permissions });
      }
  return map;
}

/** Whether `old` asks for no more than `alt`: same boundary, a subset of its permissions. */
function covers(old: Alternative, alt: Alternative): boolean {
  return old.boundary === alt.boundary && old.permissions.every((p) => alt.permissions.includes(p));
}

function firstOrLast(kind: GraphqlKind, which: 'first' | 'last', wider: string[], narrower: string[]): void {
  if (kind === 'Field') {
    if (which === 'first') narrower.push('its first Field row: the field now needs it on top of its parent type');
    else wider.push('its last Field row: the field is now covered by its parent type alone');
  } else if (which === 'first') {
    wider.push(`its first row: strict mode denied this ${kind} before`);
    narrower.push('lax mode allowed it without a permission before');
  } else {
    wider.push(`its last row: lax mode now allows this ${kind} without a permission`);
    narrower.push('strict mode now denies it');
  }
}

function sameBoundaries(a: GrantEntry, b: GrantEntry): boolean {
  const boundaries = (e: GrantEntry) => [...e.alternatives.values()].map((v) => v.boundary);
  return sameSet(boundaries(a), boundaries(b));
}

/** `group, instance, project`, with `(also requires …)` after a boundary whose row needs more than its permission. */
function describe(alternatives: readonly Alternative[], permission: string): string {
  return alternatives
    .map((alt) => {
      const extra = alt.permissions.filter((p) => p !== permission);
      return extra.length ? `${alt.boundary} (also requires ${extra.join(', ')})` : alt.boundary;
    })
    .sort()
    .join(', ');
}

function holding(alt: Alternative): string {
  return `${alt.permissions.join(' + ')} at ${alt.boundary}`;
}
