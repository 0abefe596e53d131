/**
 * The route rules' shape index (generator/validate/route-index.ts) may only leave out pairs of
 * alternatives that `mayIntersect` rejects: otherwise route-overlap or route-shadowed would miss an
 * overlap. Checked on every pair of every method of the real job-token and REST tables, and on
 * random patterns (literals, parameters with prefixes and suffixes, splats, compound segments, the
 * root path).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realCatalog } from '../helpers/build.ts';
import { ShapeIndex, preparedRouteTables, shapeOf } from '../../generator/validate/route-index.ts';
import { mayIntersect } from '../../generator/model/route-language.ts';
import type { SegmentToken } from '../../generator/model/route-alternatives.ts';

/** Indices of `list` that `mayIntersect` accepts with `list[i]` but the index does not return. */
function missed(list: readonly (readonly SegmentToken[])[]): [number, number][] {
  const index = new ShapeIndex<number>();
  list.forEach((segments, i) => index.add(shapeOf(segments), i));
  const out: [number, number][] = [];
  for (let i = 0; i < list.length; i++) {
    const found = new Set(index.compatible(shapeOf(list[i]!)));
    for (let j = 0; j < list.length; j++) if (!found.has(j) && mayIntersect(list[i]!, list[j]!)) out.push([i, j]);
  }
  return out;
}

describe('route shape index', () => {
  it('keeps every pair mayIntersect accepts, on the real tables, and prunes most of the others', async () => {
    const { catalog } = await realCatalog();
    let pairs = 0;
    let kept = 0;
    for (const { table } of preparedRouteTables(catalog)) {
      for (const m of table.methods) {
        const list = m.candidates.map((c) => c.alternative.segments);
        expect(missed(list)).toEqual([]);
        const index = new ShapeIndex<number>();
        list.forEach((s, i) => index.add(shapeOf(s), i));
        for (const s of list) kept += [...index.compatible(shapeOf(s))].length;
        pairs += list.length * list.length;
      }
    }
    // The REST page alone has 965 GET alternatives; without the index every rule compared them all.
    expect(pairs).toBeGreaterThan(1_000_000);
    // 85,445 of 1,432,063 ordered pairs on 2026-12-07 (first literal, segment count and last literal).
    expect(kept).toBeLessThan(pairs / 10);
  });

  it('prepares each catalog once for both rules', async () => {
    const { catalog } = await realCatalog();
    expect(preparedRouteTables(catalog)).toBe(preparedRouteTables(catalog));
  });

  const literal = fc.constantFrom('a', 'b', 'ab', '-').map((text): SegmentToken => ({ kind: 'literal', text }));
  const affix = fc.constantFrom('', 'a', 'b.', '.json');
  const param = fc.record({ prefix: affix, suffix: affix }).map(({ prefix, suffix }): SegmentToken => ({ kind: 'param', name: 'p', prefix, suffix }));
  const splat = fc.record({ prefix: affix, suffix: affix }).map(({ prefix, suffix }): SegmentToken => ({ kind: 'splat', name: 's', prefix, suffix }));
  const compound = fc.boolean().map(
    (isSplat): SegmentToken => ({
      kind: 'compound',
      splat: isSplat,
      parts: [
        { type: 'literal', value: 'f(' },
        { type: isSplat ? 'splat' : 'param', name: 'x' },
        { type: 'literal', value: ')' },
      ],
    }),
  );
  const pattern = fc.array(fc.oneof({ weight: 4, arbitrary: literal }, { weight: 2, arbitrary: param }, { weight: 1, arbitrary: splat }, { weight: 1, arbitrary: compound }), { maxLength: 4 });

  it('keeps every pair mayIntersect accepts, on random patterns', () => {
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 12 }), (list) => {
        expect(missed(list)).toEqual([]);
      }),
      { seed: 20261207, numRuns: 400 },
    );
  });
});
