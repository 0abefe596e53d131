/**
 * `mayIntersect` and `firstLiteral` only skip work the overlap rules would otherwise do: they must
 * never say "no" where the automata find a shared path. Checked on every pair of alternatives of
 * the real page, and on hand-written pairs.
 */
import { describe, expect, it } from 'vitest';
import { seedCatalog as realCatalog } from '../helpers/job-token-seed.ts';
import { prepareRouteTable } from '../../generator/model/route-table.ts';
import { firstLiteral, intersectionWitness, mayIntersect } from '../../generator/model/route-language.ts';
import type { JobTokenEndpointsModel } from '../../generator/model/catalog.ts';
import type { SegmentToken } from '../../generator/model/route-alternatives.ts';

const lit = (text: string): SegmentToken => ({ kind: 'literal', text });
const param = (prefix = '', suffix = ''): SegmentToken => ({ kind: 'param', name: 'p', prefix, suffix });
const splat = (prefix = '', suffix = ''): SegmentToken => ({ kind: 'splat', name: 's', prefix, suffix });

describe('mayIntersect', () => {
  it('is sound on every pair of alternatives of the real job-token page', async () => {
    const { catalog } = await realCatalog();
    const model = catalog.sources.find((s): s is JobTokenEndpointsModel => s.kind === 'gitlab-job-token-endpoints')!;
    const alternatives = prepareRouteTable(model.endpoints).routes.flatMap((r) => r.alternatives.map((a) => a.segments));
    let overlapping = 0;
    let skipped = 0;
    for (let i = 0; i < alternatives.length; i++) {
      for (let j = i + 1; j < alternatives.length; j++) {
        const a = alternatives[i]!;
        const b = alternatives[j]!;
        const shared = intersectionWitness(a, b) !== undefined;
        if (shared) {
          overlapping++;
          expect(mayIntersect(a, b)).toBe(true);
          const [x, y] = [firstLiteral(a), firstLiteral(b)];
          expect(x === undefined || y === undefined || x === y).toBe(true);
        } else if (!mayIntersect(a, b)) skipped++;
      }
    }
    expect(overlapping).toBeGreaterThan(0);
    // Most disjoint pairs are settled without the automata.
    expect(skipped).toBeGreaterThan(alternatives.length * 10);
  });

  it.each([
    ['different literal', [lit('a'), lit('b')], [lit('a'), lit('c')], false],
    ['different length, no splat', [lit('a')], [lit('a'), lit('b')], false],
    ['literal fits a parameter with a suffix', [lit('v1.info')], [param('', '.info')], true],
    ['literal too short for prefix + suffix', [lit('.info')], [param('', '.info')], false],
    ['splat in the middle, tails differ', [lit('a'), splat(), lit('x')], [lit('a'), splat(), lit('y')], false],
    ['splat on one side, tails agree', [lit('a'), splat(), lit('x')], [lit('a'), lit('b'), lit('x')], true],
    ['parameters with incompatible suffixes', [param('', '.mod')], [param('', '.zip')], false],
  ] as const)('%s', (_name, a, b, expected) => {
    expect(mayIntersect(a as readonly SegmentToken[], b as readonly SegmentToken[])).toBe(expected);
    if (!expected) expect(intersectionWitness(a as readonly SegmentToken[], b as readonly SegmentToken[])).toBeUndefined();
  });
});
