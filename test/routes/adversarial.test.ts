/** The matcher never throws and terminates on hostile input; it denies what it cannot canonicalize. No timing asserts. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRoutes, type RoutesModule } from './helpers.ts';
import { endlessGrant } from '../helpers/endless.ts';

let m: RoutesModule;
beforeAll(async () => {
  m = (await loadRoutes()).module;
});

describe('adversarial input', () => {
  const denied: [string, unknown, unknown][] = [
    ['100 KB path', 'GET', `/projects/1/releases/${'a'.repeat(100_000)}`],
    ['100 KB of one segment under a splat route', 'GET', `/packages/npm/${'a'.repeat(100_000)}`],
    ['10,000 slashes', 'GET', '/'.repeat(10_000)],
    ['10,000 slashes after a route prefix', 'GET', `/projects/1/releases${'/'.repeat(10_000)}`],
    ['a long run of %', 'GET', `/projects/${'%'.repeat(5_000)}`],
    ['a long run of %25', 'GET', `/projects/1/${'%25'.repeat(2_000)}`],
    ['a %2e%2e chain above the root', 'GET', `/${'%2e%2e/'.repeat(2_000)}projects/1/releases`],
    ['a ../ chain above the root', 'GET', `/a/${'../'.repeat(3_000)}projects/1/releases`],
    ['number path', 'GET', 42],
    ['null path', 'GET', null],
    ['undefined path', 'GET', undefined],
    ['object path', 'GET', { toString: () => '/projects/1/releases' }],
    ['throwing toString', 'GET', { toString: () => { throw new Error('boom'); } }],
    ['symbol path', 'GET', Symbol('p')],
    ['String object', 'GET', new String('/projects/1/releases')],
    ['number method', 7, '/projects/1/releases'],
    ['null method', null, '/projects/1/releases'],
    ['method with spaces', ' GET', '/projects/1/releases'],
    ['empty path', 'GET', ''],
    ['lone surrogate', 'GET', '/projects/\ud800/releases'],
  ];

  it.each(denied)('%s: returns undefined without throwing', (_name, method, path) => {
    expect(() => m.matchJobTokenRoute(method, path)).not.toThrow();
    expect(m.matchJobTokenRoute(method, path)).toBeUndefined();
  });

  it('a splat route still answers for many segments within the limit', () => {
    const path = `/packages/npm/${'a/'.repeat(3_000)}b`;
    expect(m.matchJobTokenRoute('GET', path)?.route).toBe('GET /packages/npm/*package_name');
  });

  it('a two-splat route answers at the limit, with the first splat as long as possible', () => {
    const name = Array.from({ length: 1_000 }, () => 'a/-').join('/');
    const got = m.matchJobTokenRoute('GET', `/projects/1/packages/npm/${name}/b`);
    expect(got?.route).toBe('GET /projects/:id/packages/npm/*package_name/-/*file_name');
    expect(got?.params.file_name).toBe('b');
  });

  it('8 KiB of segments ending in `-` under the two-splat route: its scan finds nothing, the one-splat route answers', () => {
    const got = m.matchJobTokenRoute('GET', `/projects/1/packages/npm/${'a/'.repeat(4_000)}-`);
    expect(got?.route).toBe('GET /projects/:id/packages/npm/*package_name');
  });

  it('a deep ../ chain that stays inside the root resolves', () => {
    const path = `/${'a/'.repeat(1_000)}${'../'.repeat(1_000)}projects/1/releases`;
    expect(m.matchJobTokenRoute('GET', path)?.canonicalPath).toBe('/projects/1/releases');
  });

  it('isJobTokenRequestAllowed never throws either', () => {
    for (const [, method, path] of denied) expect(m.isJobTokenRequestAllowed(['READ_RELEASES'], method, path)).toBe(false);
  });

  it('isJobTokenRequestAllowed stops reading an endless grant (false, not a hang), and still finds a permission within the first 65,536 items', () => {
    expect(m.isJobTokenRequestAllowed(endlessGrant('READ_RELEASES', -1), 'GET', '/projects/1/releases')).toBe(false);
    expect(m.isJobTokenRequestAllowed(endlessGrant('READ_RELEASES', 65_535), 'GET', '/projects/1/releases')).toBe(true);
    expect(m.isJobTokenRequestAllowed(endlessGrant('READ_RELEASES', 65_536), 'GET', '/projects/1/releases')).toBe(false);
  });
});
