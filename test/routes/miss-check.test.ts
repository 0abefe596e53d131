/**
 * A miss on the raw path is final only when canonicalization cannot change the path
 * (`mayCanonicalizationChange`). After a walk, that check reads only what the walk did not scan
 * (issue 14, speed): these paths put the part canonicalization would change before, inside and after
 * what the walk scanned, behind a literal edge of several segments, and in a path other than the one
 * walked. Expectations are from the rules of `canonicalizePath` (README, "Route matching"): `%xx`,
 * `//`, `.` and `..` segments and a trailing `/` are rewritten; anything else is kept as is.
 */
import { describe, expect, it } from 'vitest';
import { buildRouteTrie, canonicalizePath, mayCanonicalizationChange, walkRouteTrie } from '../../generator/emit/runtime/route-path.ts';

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
});
