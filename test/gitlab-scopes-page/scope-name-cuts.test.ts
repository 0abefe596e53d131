/**
 * `scopeNameCuts` decides in constant time per cut which prefixes of a lower-case run are scope
 * names; it must give exactly the cuts the scope-name pattern gives (checked against the pattern
 * itself, written out here as on the page's scope names: `read_api`, `k8s_proxy`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scopeNameCuts } from '../../generator/extract/gitlab-scope-table.ts';

const NAME = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

describe('scopeNameCuts', () => {
  it('gives the cuts at which a prefix is a scope name, longest first', () => {
    expect([...scopeNameCuts('read_api_')]).toEqual([8, 7, 6, 4, 3, 2, 1]);
    expect([...scopeNameCuts('k8s__proxy')]).toEqual([3, 2, 1]);
  });

  it('agrees with the scope-name pattern on every prefix of random runs', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9_]{0,30}$/), (run) => {
        const expected: number[] = [];
        for (let cut = run.length; cut > 0; cut--) if (NAME.test(run.slice(0, cut))) expected.push(cut);
        expect([...scopeNameCuts(run)]).toEqual(expected);
      }),
      { numRuns: 2_000, seed: 20_261_207 },
    );
  });
});
