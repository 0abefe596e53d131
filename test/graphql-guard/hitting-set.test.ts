/**
 * The choice among alternatives (runtime/graphql-hitting-set.ts): fixed cases written by hand, and a
 * property against a brute-force reference that tries every subset by size, then by sorted ids.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { minimumHittingSet } from '../../generator/emit/runtime/graphql-hitting-set.ts';

type Family = string[][][];

describe('minimumHittingSet: fixed cases', () => {
  it.each<[string, Family, string[]]>([
    ['nothing needed', [], []],
    ['single alternatives are forced', [[['b']], [['a']]], ['a', 'b']],
    ['ties go to the alphabetically first id', [[['read_work_item'], ['read_release']]], ['read_release']],
    ['a forced permission that also satisfies another requirement wins over its alphabetically first alternative', [[['read_release'], ['read_work_item']], [['read_work_item']]], ['read_work_item']],
    ['one permission shared by two requirements beats one each', [[['a'], ['c']], [['b'], ['c']]], ['c']],
    ['a single permission beats a pair of footnote permissions', [[['a', 'b'], ['z']]], ['z']],
    ['a pair is taken when nothing smaller works', [[['a', 'b']], [['a'], ['c']]], ['a', 'b']],
  ])('%s', (_, family, expected) => {
    expect(minimumHittingSet(family)).toEqual({ permissions: expected, method: 'exact' });
  });

  it('falls back to a greedy, still minimal answer past the search limit', () => {
    const family: Family = [[['a'], ['c']], [['b'], ['c']], [['d'], ['e']]];
    expect(minimumHittingSet(family, 0)).toEqual({ permissions: ['c', 'd'], method: 'greedy' });
  });
});

/** Reference: every subset of the ids, by size, then by sorted list; the first that satisfies all. */
function bruteForce(family: Family): string[] {
  const ids = [...new Set(family.flat(2))].sort();
  const subsets: string[][] = [];
  for (let mask = 0; mask < 1 << ids.length; mask++) subsets.push(ids.filter((_, i) => mask & (1 << i)));
  subsets.sort((a, b) => a.length - b.length || (a.join(' ') < b.join(' ') ? -1 : a.join(' ') > b.join(' ') ? 1 : 0));
  return subsets.find((s) => satisfiesAll(family, s))!;
}

function satisfiesAll(family: Family, chosen: readonly string[]): boolean {
  return family.every((alternatives) => alternatives.some((a) => a.every((p) => chosen.includes(p))));
}

const id = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
const family = fc.array(fc.array(fc.uniqueArray(id, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }), { maxLength: 6 });

describe('minimumHittingSet: properties', () => {
  it('the exact search returns the minimum set that sorts first', () => {
    fc.assert(
      fc.property(family, (f) => {
        expect(minimumHittingSet(f).permissions).toEqual(bruteForce(f));
      }),
      { seed: 20240611, numRuns: 500, verbose: true },
    );
  });

  let greedyRuns = 0;
  it('the greedy fallback returns a set that satisfies everything and from which nothing can be dropped', () => {
    fc.assert(
      fc.property(family, (f) => {
        const { permissions, method } = minimumHittingSet(f, 0);
        if (method === 'greedy') greedyRuns++;
        // When forced permissions settle everything, the size-0 subset answers before the limit matters.
        expect(['exact', 'greedy']).toContain(method);
        expect(satisfiesAll(f, permissions)).toBe(true);
        for (const p of permissions) expect(satisfiesAll(f, permissions.filter((q) => q !== p))).toBe(false);
      }),
      { seed: 20240611, numRuns: 500, verbose: true },
    );
    expect(greedyRuns).toBeGreaterThan(100);
  });
});
