/**
 * A miss on the raw path is final only when canonicalization cannot change the path
 * (`mayCanonicalizationChange`). After a walk, that check reads only what the walk did not scan
 * (issue 14, speed): these paths put the part canonicalization would change before, inside and after
 * what the walk scanned, behind a literal edge of several segments, and in a path other than the one
 * walked. Expectations are from the rules of `canonicalizePath` (README, "Route matching"): `%xx`,
 * `//`, `.` and `..` segments and a trailing `/` are rewritten; anything else is kept as is.
 * A walk that read nothing past its canonical segments (it stopped at a segment no route takes) is
 * final unless a `.` or `%` in the rest may make a `..` segment: a trailing `/`, `//` or `?` there
 * cannot bring a route back, so the check says "no change" although the path changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRouteTrie, canonicalizePath, mayCanonicalizationChange, walkRouteTrie, walkRouteTries, type TrieNode } from '../../generator/emit/runtime/route-path.ts';
import { handRoutesModule } from './helpers.ts';

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
    // The walk read only `nope` (no route's first segment): what canonicalization does after it
    // cannot bring a route back, except a `..` (which needs a `.` or an escape).
    ['/nope/a/b/', false, false],
    ['/nope//a', false, false],
    ['/nope/a?x=1', false, false],
    ['/nope/a#x', false, false],
    ['/nope/../projects/1/badges', false, true],
    ['/nope/%2e%2e/projects/1/badges', false, true],
    ['/nope/a.json/', false, true], // a `.` in the rest: the full check, which sees the trailing `/`
    // A literal edge of several segments read past the first one: not decided by `packages` alone.
    ['/packages/conan/v1/users?x', false, true],
    ['/packages/conan/v1/users/', false, true],
    ['/packages/conan/v1/users//', false, true],
    ['/.well-known/a', false, false], // a segment starting with `.` is canonical
    ['/projects/1/badges?x=%41', false, true],
    ['/projects/1/badges#%41', false, true],
  ];
  for (const [path, found, changes] of cases) {
    it(path, () => {
      const t = trie();
      expect(walkRouteTrie(t, path, B, V) >= 0).toBe(found);
      expect(mayCanonicalizationChange(path)).toBe(changes);
      // The claim checked against canonicalization itself: false means a walk of the canonical path
      // misses too (or the path is denied); true that the path changes.
      const c = canonicalizePath(path);
      if (!changes) expect(c === undefined || walkRouteTrie(t, c, B, V)).toBe(c === undefined ? true : -1);
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

  it('counts what a failed comparison along a literal edge of several segments read', () => {
    // `a/b` is one edge: `/a///b` fails the comparison at its third character, past the first
    // segment, although the edge's end (position 4) holds a `/`. Its canonical form `/a/b` is a hit.
    const t = buildRouteTrie([0], 0, [{ path: '/a/b' }]);
    expect(walkRouteTrie(t, '/a///b', B, V)).toBe(-1);
    expect(mayCanonicalizationChange('/a///b')).toBe(true);
    expect(walkRouteTrie(t, canonicalizePath('/a///b')!, B, V)).toBe(0);
  });

  it('counts the segment a plain parameter looped into (the end of the path read by the child)', () => {
    // `/aab/?`: `aab` is no literal, `:x` takes it and loops into its child, which finds the end
    // of the path past `/` (an empty segment) and has no answer there; `:x/:y/a` needs more. The
    // canonical `/aab` is `/:x`. Found by the review's exhaustive search with that note removed.
    const t = buildRouteTrie([0, 1, 2], 0, [{ path: '/a' }, { path: '/:x' }, { path: '/:x/:y/a' }]);
    expect(walkRouteTrie(t, '/aab/?', B, V)).toBe(-1);
    expect(mayCanonicalizationChange('/aab/?')).toBe(true);
    expect(walkRouteTrie(t, canonicalizePath('/aab/?')!, B, V)).toBe(1);
  });

  it('covers both walks of a HEAD request (HEAD routes, then GET routes)', () => {
    // The GET walk stops at `a` (no GET route there); the HEAD walk read on to `/b`. What the check
    // learns must be both walks', or `HEAD /a/b/` would be denied although `/a/b` is a HEAD route.
    const rows = [{ path: '/x' }, { path: '/a/b' }];
    const get = buildRouteTrie([0], 0, rows);
    const head = buildRouteTrie([1], 1, rows);
    for (const path of ['/a//b', '/a/b/', '/a/b?x', '/a/b#f']) {
      expect(walkRouteTries(head, get, path, B, V)).toBe(-1);
      expect([path, mayCanonicalizationChange(path)]).toEqual([path, true]);
      expect(walkRouteTries(head, get, canonicalizePath(path)!, B, V)).toBe(1);
    }
    // A hit on the first trie is its answer; a miss on both with nothing to rewrite stays final.
    expect(walkRouteTries(head, get, '/a/b', B, V)).toBe(1);
    expect(walkRouteTries(head, get, '/x', B, V)).toBe(0);
    expect(walkRouteTries(head, get, '/y/z', B, V)).toBe(-1);
    expect(mayCanonicalizationChange('/y/z')).toBe(false);
  });

  it('a generated matcher with its own HEAD route answers a HEAD request on its canonical path', async () => {
    // End to end: a job-token table of `GET /x` and `HEAD /a/b` (rows built by hand, the page's
    // other fields kept), emitted and imported as a consumer would.
    const m = await handRoutesModule([['GET', '/x'], ['HEAD', '/a/b']]);
    for (const path of ['/a/b', '/a/b/', '/a//b', '/a/b?x=1', '/api/v4/a/b/', '/a/%62/', '/a/./b/']) expect([path, m.jobTokenRouteFor('HEAD', path)?.route]).toEqual([path, 'HEAD /a/b']);
    expect(m.jobTokenRouteFor('HEAD', '/x/')?.route).toBe('GET /x');
    expect(m.jobTokenRouteFor('HEAD', '/a/c/')).toBeUndefined();
  }, 60_000);

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

describe('a final miss is final on the canonical path too (differential)', () => {
  // Tries from generated routes (literal segments from a small alphabet, so paths share prefixes,
  // parameters with and without literal text around them, splats in the middle and at the end),
  // paths from the same pieces plus everything canonicalization rewrites. Whenever the walk of the
  // raw path misses and the check says it is final, the walk of the canonical path must miss too.
  const word = fc.constantFrom('a', 'b', 'ab', 'projects', 'p', 'x.y');
  const segment = fc.oneof(
    { weight: 4, arbitrary: word },
    { weight: 2, arbitrary: fc.constantFrom(':id', ':name') },
    { weight: 1, arbitrary: fc.constantFrom('v:id', ':id.json', '*rest', 'a*rest') },
  );
  const route = fc.array(segment, { minLength: 1, maxLength: 4 }).map((segs) => `/${segs.join('/')}`);
  const piece = fc.oneof(
    { weight: 6, arbitrary: word },
    { weight: 1, arbitrary: fc.constantFrom('', '.', '..', '%2e', '%2E%2e', '%61', 'a%2Fb', 'a?b', '#', 'q?', '%', '.x') },
  );
  const path = fc.array(piece, { minLength: 0, maxLength: 6 }).chain((segs) => fc.constantFrom(`/${segs.join('/')}`, `/${segs.join('/')}/`));
  it('over 3,000 tries and paths', () => {
    fc.assert(
      fc.property(fc.uniqueArray(route, { minLength: 1, maxLength: 6 }), fc.array(path, { minLength: 1, maxLength: 8 }), (routes, paths) => {
        const rows = routes.map((r) => ({ path: r }));
        const t = buildRouteTrie(rows.map((_, i) => i), 0, rows);
        for (const p of paths) {
          if (walkRouteTrie(t, p, B, V) !== -1 || mayCanonicalizationChange(p)) continue;
          const c = canonicalizePath(p);
          if (c !== undefined) expect([p, c, walkRouteTrie(t, c, B, V)]).toEqual([p, c, -1]);
        }
      }),
      { numRuns: 3000, seed: 14 },
    );
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
      // The root's only child, `d`, keyed by its first character (the root is radix: one child).
      expect(root.radix).toBe(true);
      const slot = root.table.findIndex((x, i) => i % 4 === 0 && x === 'd'.charCodeAt(0));
      const d = root.table[slot + 2] as TrieNode;
      expect(d.radix).toBe(count <= 4);
    });
  }
});
