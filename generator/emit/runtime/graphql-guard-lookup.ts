/**
 * Runtime of the GraphQL guard map, copied verbatim by `generator/emit/graphql-guard.ts` into the
 * generated package as `gitlab/runtime/graphql-guard-lookup.ts`. It is the same whatever the page
 * says (the data lives in `gitlab/graphql-guard-map.ts`), so it is a real, type-checked file here
 * rather than emitted text. It must stay dependency-free: `token-permissions/gitlab` imports it.
 */

/** The three kinds of rows of the page. */
export type GuardKind = 'Type' | 'Mutation' | 'Field';

/** What the lookup needs of a grant; the generated map's grants carry more (action, resource, …). */
export interface GuardGrantShape {
  readonly permission: string;
  readonly alsoRequires: readonly string[];
  readonly kind: GuardKind;
  readonly name: string;
}

/** One documented name with every row that covers it. */
export interface GuardEntryShape<G extends GuardGrantShape> {
  readonly kind: GuardKind;
  /** As the page writes it: `CiRunner`, `RunnerUpdate`, `Project.runners`. */
  readonly name: string;
  /** The name a schema uses: the Mutation field `runnerUpdate` for `RunnerUpdate`; the same as `name` otherwise. */
  readonly schemaName: string;
  readonly grants: readonly G[];
}

/** `(kind, name)` → the grants that cover it (frozen), or `undefined` when the page lists no such name. */
export type GuardLookup<G extends GuardGrantShape> = (kind: GuardKind, name: string) => readonly G[] | undefined;

/**
 * The Mutation field a documented mutation name is exposed as. GitLab's schema exposes the mutation
 * `RunnerUpdate` as `Mutation.runnerUpdate` (first letter lowered, the rest as is); a few rows are
 * written in lower camel case already (`createContainerProtectionTagRule`) and map to themselves.
 */
export function mutationFieldName(name: string): string {
  return /^[A-Z]/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

/** Freezes the entries, their grant lists and every grant, so no caller can widen a permission. */
export function freezeGuardEntries<G extends GuardGrantShape>(entries: readonly GuardEntryShape<G>[]): readonly GuardEntryShape<G>[] {
  for (const entry of entries) {
    for (const grant of entry.grants) {
      Object.freeze(grant.alsoRequires);
      Object.freeze(grant);
    }
    Object.freeze(entry.grants);
    Object.freeze(entry);
  }
  return Object.freeze(entries);
}

/**
 * Builds the lookup. Keys live in `Map`s (never object properties), so a schema name such as
 * `constructor` or `__proto__` can never hit something the page did not list. Mutations are keyed by
 * their schema field name, so `RunnerUpdate` and `runnerUpdate` find the same rows; two documented
 * names that map to one field (`FooBar`, `fooBar`) share their grants, any one of which covers it.
 */
export function createGuardLookup<G extends GuardGrantShape>(entries: readonly GuardEntryShape<G>[]): GuardLookup<G> {
  const byKind: Record<GuardKind, Map<string, readonly G[]>> = { Type: new Map(), Mutation: new Map(), Field: new Map() };
  for (const entry of entries) {
    const map = byKind[entry.kind];
    const key = entry.kind === 'Mutation' ? mutationFieldName(entry.name) : entry.name;
    const known = map.get(key);
    map.set(key, Object.freeze(known ? [...known, ...entry.grants] : [...entry.grants]));
  }
  return (kind, name) => {
    if (kind !== 'Type' && kind !== 'Mutation' && kind !== 'Field') return undefined;
    if (typeof name !== 'string') return undefined;
    return byKind[kind].get(kind === 'Mutation' ? mutationFieldName(name) : name);
  };
}
