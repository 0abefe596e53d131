/**
 * The request target as GitLab receives it: with the `/api/v4` prefix or without it (the page's
 * paths are relative to it); any other prefix is denied (README, "Route matching"). Expectations
 * are written by hand from the page's rows (line numbers as in cases.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRoutes, type RoutesModule } from './helpers.ts';
import { apiRelativePath, startsWithApiSegment } from '../../generator/emit/runtime/route-path.ts';

let m: RoutesModule;
beforeAll(async () => {
  m = (await loadRoutes()).module;
});

const RELEASES = 'GET /projects/:id/releases';

describe('matchJobTokenRoute with and without /api/v4', () => {
  it.each([
    ['unprefixed', '/projects/1/releases', '/projects/1/releases'],
    ['prefixed (what a gateway passes as req.url)', '/api/v4/projects/1/releases', '/projects/1/releases'],
    ['prefixed, with a query', '/api/v4/projects/1/releases?per_page=5', '/projects/1/releases'],
    ['prefixed, %2F in the id', '/api/v4/projects/group%2Fproject/releases', '/projects/group%2Fproject/releases'],
    ['prefixed, needs canonicalizing', '/api/v4//projects/./1/releases/', '/projects/1/releases'],
    ['the prefix revealed by canonicalization', '/%61pi/v4/projects/1/releases', '/projects/1/releases'],
    ['the prefix reached through ..', '/x/../api/v4/projects/1/releases', '/projects/1/releases'],
  ])('%s: %s', (_name, path, canonicalPath) => {
    const got = m.matchJobTokenRoute('GET', path);
    expect(got?.route).toBe(RELEASES);
    expect(got?.canonicalPath).toBe(canonicalPath);
    expect({ ...got?.params }).toEqual({ id: canonicalPath.split('/')[2] });
    expect(m.jobTokenRouteFor('GET', path)?.route).toBe(RELEASES);
    expect(m.isJobTokenRequestAllowed(['READ_RELEASES'], 'GET', path)).toBe(true);
  });

  it.each([
    ['another version', '/api/v3/projects/1/releases'],
    ['no slash after api', '/apiv4/projects/1/releases'],
    ['api alone', '/api/projects/1/releases'],
    ['the prefix twice', '/api/v4/api/v4/projects/1/releases'],
    ['upper case', '/API/V4/projects/1/releases'],
    ['prefix glued to the path', '/api/v4projects/1/releases'],
    ['.. out of the prefix', '/api/v4/../projects/1/releases'],
    ['the prefix alone', '/api/v4'],
    ['absolute URL', 'https://gitlab.example.com/api/v4/projects/1/releases'],
  ])('denies %s: %s', (_name, path) => {
    expect(m.matchJobTokenRoute('GET', path)).toBeUndefined();
    expect(m.jobTokenRouteFor('GET', path)).toBeUndefined();
    expect(m.isJobTokenRequestAllowed(['READ_RELEASES'], 'GET', path)).toBe(false);
  });
});

describe('apiRelativePath (runtime)', () => {
  it.each([
    ['/api/v4/projects', '/projects'],
    ['/api/v4', '/'],
    ['/projects', '/projects'],
    ['/api/v4/api/v4/x', undefined],
    ['/api/v4/apis', undefined],
    // Left to the caller, which accepts them only for routes rooted there (`/api/scim/…`).
    ['/api/v3/x', '/api/v3/x'],
    ['/apiv4', '/apiv4'],
    [undefined, undefined],
  ])('%s → %s', (input, want) => {
    expect(apiRelativePath(input, '/api/v4')).toBe(want);
  });

  it('tells paths outside the API root by their first segment', () => {
    expect(startsWithApiSegment('/api/v3/x', '/api/v4')).toBe(true);
    expect(startsWithApiSegment('/apiv4', '/api/v4')).toBe(true);
    expect(startsWithApiSegment('/ap', '/api/v4')).toBe(false);
    expect(startsWithApiSegment('/', '/api/v4')).toBe(false);
    expect(startsWithApiSegment('/projects', '/api/v4')).toBe(false);
  });
});
