/**
 * Runtime of the GraphQL guard (copied verbatim by `generator/emit/graphql-guard.ts` into the
 * generated package as `gitlab/graphql/runtime/graphql-hitting-set.ts`): the smallest set of
 * permissions that satisfies every requirement, where a requirement is a list of alternatives and
 * an alternative a set of permissions that are all needed.
 *
 * Rule (deterministic, documented in the README):
 * 1. Requirements with a single alternative force it.
 * 2. Among the other permissions, subsets are tried by size, and within a size in lexicographic
 *    order of their sorted ids: the first that satisfies the rest wins. The answer is a minimum-size
 *    set, and among those the one whose sorted list of ids sorts first.
 * 3. When that search would try more than `exactLimit` subsets, a greedy choice is made instead (the
 *    alternative satisfying the most remaining requirements per added permission, ties broken by
 *    fewer added permissions and then by ids), then every permission that is not needed is dropped,
 *    last id first. The answer is then minimal (nothing can be removed) but maybe not minimum.
 */

export interface HittingSet {
  /** Sorted permission ids. */
  readonly permissions: readonly string[];
  readonly method: 'exact' | 'greedy';
}

/**
 * 2^16 subsets of up to ~16 remaining candidates, each checked against every requirement: a few
 * milliseconds at most. GitLab's page gives almost every name a single permission, so real
 * operations are decided by step 1 and never come near this.
 */
export const EXACT_SUBSET_LIMIT: number = 1 << 16;

export function minimumHittingSet(requirements: readonly (readonly (readonly string[])[])[], exactLimit: number = EXACT_SUBSET_LIMIT): HittingSet {
  const reqs = requirements.filter((alternatives) => alternatives.length > 0).map((alternatives) => alternatives.map((a) => [...new Set(a)].sort(compare)));
  const forced = new Set<string>();
  for (const alternatives of reqs) if (distinct(alternatives).length === 1) for (const p of alternatives[0]!) forced.add(p);
  const rest = reqs.filter((alternatives) => !satisfies(alternatives, forced));
  const candidates = [...new Set(rest.flatMap((alternatives) => alternatives.flat()))].filter((p) => !forced.has(p)).sort(compare);

  const exact = exactSearch(rest, forced, candidates, exactLimit);
  if (exact) return { permissions: Object.freeze([...forced, ...exact].sort(compare)), method: 'exact' };
  return { permissions: Object.freeze(greedy(rest, forced)), method: 'greedy' };
}

function exactSearch(rest: readonly (readonly string[])[][], forced: ReadonlySet<string>, candidates: readonly string[], limit: number): string[] | undefined {
  let budget = limit;
  const chosen = new Set(forced);
  const pick: string[] = [];
  // Depth-first over combinations of `size` candidates in lexicographic order.
  const search = (start: number, left: number): boolean => {
    if (left === 0) {
      budget--;
      return rest.every((alternatives) => satisfies(alternatives, chosen));
    }
    for (let i = start; i <= candidates.length - left; i++) {
      if (budget <= 0) return false;
      const p = candidates[i]!;
      chosen.add(p);
      pick.push(p);
      if (search(i + 1, left - 1)) return true;
      pick.pop();
      chosen.delete(p);
    }
    return false;
  };
  for (let size = 0; size <= candidates.length; size++) {
    if (search(0, size)) return pick;
    if (budget <= 0) return undefined;
  }
  return undefined;
}

function greedy(rest: readonly (readonly string[])[][], forced: ReadonlySet<string>): string[] {
  const chosen = new Set(forced);
  let open = rest.filter((alternatives) => !satisfies(alternatives, chosen));
  while (open.length > 0) {
    let best: { added: string[]; gain: number } | undefined;
    for (const alternative of distinct(open.flat())) {
      const added = alternative.filter((p) => !chosen.has(p));
      const trial = new Set([...chosen, ...added]);
      const gain = open.filter((alternatives) => satisfies(alternatives, trial)).length;
      if (!best || better({ added, gain }, best)) best = { added, gain };
    }
    for (const p of best!.added) chosen.add(p);
    open = open.filter((alternatives) => !satisfies(alternatives, chosen));
  }
  // Forced permissions are needed by requirements no longer in `rest`: never drop them.
  for (const p of [...chosen].filter((q) => !forced.has(q)).sort(compare).reverse()) {
    chosen.delete(p);
    if (!rest.every((alternatives) => satisfies(alternatives, chosen))) chosen.add(p);
  }
  return [...chosen].sort(compare);
}

function better(a: { added: string[]; gain: number }, b: { added: string[]; gain: number }): boolean {
  // Compare gain per added permission without dividing: a.gain / a.n > b.gain / b.n.
  const left = a.gain * Math.max(b.added.length, 1);
  const right = b.gain * Math.max(a.added.length, 1);
  if (left !== right) return left > right;
  if (a.added.length !== b.added.length) return a.added.length < b.added.length;
  return compare(a.added.join('\u0000'), b.added.join('\u0000')) < 0;
}

function satisfies(alternatives: readonly (readonly string[])[], chosen: ReadonlySet<string>): boolean {
  return alternatives.some((a) => a.every((p) => chosen.has(p)));
}

function distinct(alternatives: readonly (readonly string[])[]): (readonly string[])[] {
  const seen = new Map<string, readonly string[]>();
  for (const a of alternatives) seen.set(a.join('\u0000'), a);
  return [...seen.values()];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
