/**
 * A miss on the raw path is final only when canonicalization cannot change the path
 * (`mayCanonicalizationChange`). After a walk, that check reads only what the walk did not scan
 * (issue 14, speed): these paths put the part canonicalization would change before, inside and after
 * what the walk scanned, behind a literal edge of several segments, and in a path other than the one
 * walked. Expectations are from the rules of `canonicalizePath` (README, "Route matching"): `%xx`,
 * `//`, `.` and `..` segments and a trailing `/` are rewritten; anything else is kept as is.
 */
import { describe, expect, it } from 'vitest';
import { buildRouteTrie, canonicalizePath, mayCanonicalizationChange, walkRouteTrie, type TrieNode } from '../../generator/emit/runtime/route-path.ts';

const rows = [{ path: '/projects/:id/badges' }, { path: '/packages/conan/v1/users' }, { path: '/projects/:id/files/*file_path' }];
const trie = () => buildRouteTrie([0, 1, 2], 0, rows);
const B = new Int32Array(8);
const V = new Int32Array(4);

describe('mayCanonicalizationChange after a walk', () => {
  const cases: [path: string, found: boolean, changes: boolean][] = [
    ['/projects/1/badges/x', false, false],
    ['/projects/1/badges/%78', false, true], // an escape after the scanned segments
    ['/projects/1/badges/', false, true], // a trailing `/` after them
    ['/projects/1//badges', false, true], // an empty segment among them
    ['/projects/1/./badges', false, true],
    ['/projects/1/x/../badges', false, true],
    ['/projects/%31/badge%73', false, true], // escapes in scanned segments
    ['/packages/conan/v1/users/x%41', false, true], // after a literal edge of three segments (compared, not scanned)
    ['/packages/conan/v1/users/x', false, false],
    ['/packages/conan/v1/user%73', false, true],
    ['/nope/a/b/%63', false, true], // the walk stops at the first segment
    ['/nope/a/b/c', false, false],
    ['/.well-known/a', false, false], // a segment starting with `.` is canonical
    ['/projects/1/badges?x=%41', false, true],
    ['/projects/1/badges#%41', false, true],
  ];
  for (const [path, found, changes] of cases) {
    it(path, () => {
      const t = trie();
      expect(walkRouteTrie(t, path, B, V) >= 0).toBe(found);
      expect(mayCanonicalizationChange(path)).toBe(changes);
      // The claim checked against canonicalization itself: false means the same path (or denied).
      const c = canonicalizePath(path);
      if (!changes) expect(c === path || c === undefined).toBe(true);
      else expect(c).not.toBe(path);
    });
  }

  it('does not reuse what a walk saw for another path', () => {
    const t = trie();
    expect(walkRouteTrie(t, '/projects/1/badges/x', B, V)).toBe(-1);
    expect(mayCanonicalizationChange('/projects/1/badges/%78')).toBe(true);
    expect(mayCanonicalizationChange('/projects/1/badges/')).toBe(true);
    // The same text in another string: what the walk saw holds for it.
    expect(mayCanonicalizationChange(['/projects/1', 'badges/x'].join('/'))).toBe(false);
  });

  it('does not count a literal edge whose text is not canonical as canonical', () => {
    // A literal segment holding an escape (`%41` is `A` once canonical): the raw path equals the edge's
    // text, so the walk follows the edge, but the path still changes under canonicalization.
    const t = buildRouteTrie([0, 1], 0, [{ path: '/raw/a%41b/x' }, { path: '/raw/aAb/y' }]);
    expect(walkRouteTrie(t, '/raw/a%41b/y', B, V)).toBe(-1);
    expect(mayCanonicalizationChange('/raw/a%41b/y')).toBe(true);
    expect(canonicalizePath('/raw/a%41b/y')).toBe('/raw/aAb/y');
    expect(walkRouteTrie(t, '/raw/aAb/y', B, V)).toBe(1);
  });
});

describe('literal children keyed by first character or by hash', () => {
  // Up to 4 literal children sharing a first character are keyed by it, more by their hash
  // (`RADIX_MAX_SHARED`): 3 and 6 children under `d…` here, each with its own row.
  for (const count of [3, 6]) {
    it(`${count} children starting with the same character`, () => {
      const paths = Array.from({ length: count }, (_, i) => `/d/deploy${i}/x`);
      const t = buildRouteTrie([...paths.keys(), count], 0, [...paths.map((path) => ({ path })), { path: '/d/:name/x' }]);
      for (let i = 0; i < count; i++) expect(walkRouteTrie(t, `/d/deploy${i}/x`, B, V)).toBe(i);
      // Not a literal child: the parameter takes it (prefixes and extensions of a literal included).
      for (const seg of ['deploy', 'deploy00', `deploy${count}`, 'd', 'e']) expect(walkRouteTrie(t, `/d/${seg}/x`, B, V)).toBe(count);
      expect(walkRouteTrie(t, '/d/deploy0/y', B, V)).toBe(-1);
      expect(walkRouteTrie(t, '/d/deploy0', B, V)).toBe(-1);
      expect(walkRouteTrie(t, '/d/', B, V)).toBe(-1);
      expect(walkRouteTrie(t, '/d/deploy1/x/%41', B, V)).toBe(-1);
      expect(mayCanonicalizationChange('/d/deploy1/x/%41')).toBe(true);
      expect(walkRouteTrie(t, '/d/deploy1/x/z', B, V)).toBe(-1);
      expect(mayCanonicalizationChange('/d/deploy1/x/z')).toBe(false);
      // A guard on this test: the node under `d` is keyed as the title says.
      const root = t.root!;
      const d = root.table[root.table.indexOf('d') + 1] as TrieNode;
      expect(d.radix).toBe(count <= 4);
    });
  }
});
