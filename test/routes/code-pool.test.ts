/**
 * The route walk compares literal edges with their texts' code units, kept in one pool per trie
 * (`CodePool` in `generator/emit/runtime/route-path.ts`) that is sized once, when the trie is
 * grown, from its candidates' literal segments. These tables share prefixes and chains of
 * single-child segments (joined into one edge) in every arrangement fast-check finds: every route
 * is found by its own path, no prefix or extension of one is found unless it is a route, and
 * preparing every node never outgrows the pool (the runtime throws if it would).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRouteTrie, walkRouteTrie } from '../../generator/emit/runtime/route-path.ts';

const SEGMENTS = ['a', 'b', 'ab', 'packages', 'conan', 'v1', 'x.y', '-'];
const B = new Int32Array(8);
const V = new Int32Array(4);

const routeSet = fc.uniqueArray(fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 6 }).map((segs) => `/${segs.join('/')}`), { minLength: 1, maxLength: 40 });

describe('literal edges compared from the trie pool', () => {
  it('finds every route by its own path and nothing else', () => {
    fc.assert(
      fc.property(routeSet, (paths) => {
        const rows = paths.map((path) => ({ path }));
        const trie = buildRouteTrie([...rows.keys()], 0, rows);
        const isRoute = new Set(paths);
        for (const [i, path] of paths.entries()) {
          expect(walkRouteTrie(trie, path, B, V)).toBe(i);
          // A path one segment shorter or longer, or with the last character changed: a route only if it is one.
          for (const other of [path.slice(0, path.lastIndexOf('/')) || '/', `${path}/a`, `${path.slice(0, -1)}z`]) {
            const found = walkRouteTrie(trie, other, B, V);
            expect(found).toBe(isRoute.has(other) ? paths.indexOf(other) : -1);
          }
        }
        // Outgrowing the pool would have thrown in one of these walks (`poolText`): that is the check.
      }),
      { numRuns: 300 },
    );
  });

  it('holds the joined text of a chain once', () => {
    const rows = [{ path: '/packages/conan/v1/users' }, { path: '/packages/conan/v1/ping' }];
    const trie = buildRouteTrie([0, 1], 0, rows);
    expect(walkRouteTrie(trie, '/packages/conan/v1/ping', B, V)).toBe(1);
    expect(walkRouteTrie(trie, '/packages/conan/v2/ping', B, V)).toBe(-1);
    expect(walkRouteTrie(trie, '/packages/conan/v1/users', B, V)).toBe(0);
    // `packages/conan/v1` (17 units), `users` (5) and `ping` (4), each once.
    expect(trie.root!.codes.used).toBe(26);
  });
});
