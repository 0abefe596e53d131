/**
 * Properties of the emitted forgejo/routes module on generated requests:
 * - it agrees with a hand-written reference (below: the page's categories and the notes' decisions
 *   written as a plain `switch`, canonicalization from test/routes/reference-matcher.ts), so a result is
 *   undefined or the scope of the category whose prefix covers the path;
 * - the hierarchy: `write:X` allows every request `read:X` allows, and adding scopes never denies.
 * A fixed seed always, and a random one per run (printed by fast-check on failure).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { refCanonicalize } from '../routes/reference-matcher.ts';
import { loadForgejoRoutes, type ForgejoRoutesModule } from './helpers.ts';

const SEED = 20_260_611;
const NUM_RUNS = 20_000;
const CATEGORIES = ['activitypub', 'admin', 'issue', 'misc', 'notification', 'organization', 'package', 'repository', 'user'];
const LEVEL: Record<string, 'read' | 'write'> = { GET: 'read', HEAD: 'read', POST: 'write', PUT: 'write', PATCH: 'write', DELETE: 'write' };

let m: ForgejoRoutesModule;
beforeAll(async () => {
  m = (await loadForgejoRoutes()).module;
});

/** The rule (category and shape) for API-relative segments, written by hand from the page and the notes. */
function refRule(s: string[]): [category: string, shape: string] | undefined {
  switch (s[0]) {
    case 'activitypub':
      return ['activitypub', '/activitypub/*'];
    case 'admin':
      return ['admin', '/admin/*'];
    case 'notifications':
      return ['notification', '/notifications/*'];
    case 'orgs':
      return ['organization', '/orgs/*'];
    case 'teams':
      return ['organization', '/teams/*'];
    case 'packages':
      return ['package', '/packages/*'];
    case 'user':
      return ['user', '/user/*'];
    case 'users':
      return ['user', '/users/*'];
    case 'settings':
      return ['misc', '/settings/*'];
    case 'markup':
      return ['misc', '/markup/*'];
    case 'markdown':
      return ['misc', '/markdown/*'];
    case 'label':
      return s[1] === 'templates' ? ['misc', '/label/templates/*'] : undefined;
    case 'gitignore':
      return s[1] === 'templates' ? ['misc', '/gitignore/templates/*'] : undefined;
    case 'repos':
      if (s.length >= 4 && s[3] === 'issues') return ['issue', '/repos/{owner}/{repo}/issues/*'];
      if (s.length >= 4 && s[3] === 'labels') return ['issue', '/repos/{owner}/{repo}/labels/*'];
      if (s.length >= 4 && s[3] === 'milestones') return ['issue', '/repos/{owner}/{repo}/milestones/*'];
      if (s.length >= 4 && s[3] === 'notifications') return ['notification', '/repos/{owner}/{repo}/notifications/*'];
      if (s[1] === 'issues') return s.length === 3 && s[2] === 'search' ? ['issue', '/repos/issues/search'] : undefined;
      return ['repository', '/repos/*'];
    default:
      return undefined;
  }
}

/** The raw path's first two segments that are not empty or `.`, before `..` is resolved, are `api`, `v1`. */
function refDeclaresBase(raw: string): boolean {
  const cut = raw.search(/[?#]/);
  const seen: string[] = [];
  for (const seg of (cut < 0 ? raw : raw.slice(0, cut)).split('/').slice(1)) {
    const one = refCanonicalize(`/${seg}`);
    if (one === undefined) return false;
    if (one === '/') continue;
    seen.push(one.slice(1));
    if (seen.length === 2) break;
  }
  return seen[0] === 'api' && seen[1] === 'v1';
}

function refApiSegments(canonical: string, declared: boolean): string[] | undefined {
  const s = canonical === '/' ? [] : canonical.slice(1).split('/');
  const hasBase = s[0] === 'api' && s[1] === 'v1';
  if (declared && !hasBase) return undefined;
  return hasBase ? s.slice(2) : s;
}

/** A `.` or `..` segment (dots written as `.` or `%2E`) before the query or fragment: Forgejo does not resolve them, so the package denies. */
function refHasDotSegment(raw: string): boolean {
  const cut = raw.search(/[?#]/);
  return (cut < 0 ? raw : raw.slice(0, cut)).split('/').some((seg) => /^(?:\.|%2e){1,2}$/i.test(seg));
}

function reference(method: string, raw: string): { scope: string; category: string; interpretation: string; apiPath: string } | undefined {
  const level = Object.hasOwn(LEVEL, method) ? LEVEL[method] : undefined;
  const canonical = refCanonicalize(raw);
  if (!level || canonical === undefined || refHasDotSegment(raw)) return undefined;
  const declared = refDeclaresBase(raw);
  const segments = refApiSegments(canonical, declared);
  if (!segments) return undefined;
  const rule = refRule(segments);
  if (canonical.includes('%2F')) {
    const decoded = refCanonicalize(canonical.replaceAll('%2F', '/'));
    const decodedSegments = decoded === undefined ? undefined : refApiSegments(decoded, declared);
    const decodedRule = decodedSegments && refRule(decodedSegments);
    if (decodedRule?.[1] !== rule?.[1]) return undefined;
  }
  if (!rule) return undefined;
  return { scope: `${level}:${rule[0]}`, category: rule[0], interpretation: rule[1], apiPath: `/${segments.join('/')}` };
}

/** Whether `shape` (`/repos/{owner}/{repo}/issues/*`) covers an API path: checked with a regular expression here, in the test only. */
function shapeCovers(shape: string, apiPath: string): boolean {
  const prefix = shape.endsWith('/*');
  const body = (prefix ? shape.slice(0, -2) : shape).replace(/\{[a-z]+\}/g, '[^/]+');
  return new RegExp(`^${body}${prefix ? '(?:/.*)?' : ''}$`).test(apiPath);
}

const word = fc.constantFrom(
  'repos', 'issues', 'labels', 'milestones', 'search', 'orgs', 'teams', 'user', 'users', 'admin', 'notifications', 'notification',
  'packages', 'activitypub', 'settings', 'label', 'gitignore', 'templates', 'markup', 'markdown', 'api', 'v1', 'v2', 'o', 'r', 'x',
  '..', '.', '%2e%2E', '%2E.', '', 'issue_templates', 'Repos', 'ADMIN', '%72epos', '%61pi', 'a%2Fb', 'issues%2Fsearch', '..%2F..', '%2F',
  '%2f', '%00', 'é', '%zz', '?', '#', 'a b',
);
const separator = fc.constantFrom('/', '/', '/', '/', '//', '%2F', '/./', '/../');
const parts = fc.array(fc.tuple(separator, word), { minLength: 0, maxLength: 7 }).map((ps) => ps.map(([sep, w]) => sep + w).join(''));
/** Words at random, or a repository route (`/repos/<w>/<w>/<w>…`) with words at random: the issue shapes need four segments. */
const body = fc.oneof(parts, fc.tuple(word, word, word, parts).map(([o, r, w, rest]) => `/repos/${o}/${r}/${w}${rest}`));
const path = fc
  .tuple(fc.boolean(), body, fc.constantFrom('', '', '/', '?a=../x', '#f'))
  .map(([base, b, tail]) => `${base ? '/api/v1' : ''}${b}${tail}`);
const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'get', 'Post', 'TRACE', '');

function runs(seed: number | undefined, numRuns: number) {
  return seed === undefined ? { numRuns } : { seed, numRuns };
}

describe.each([
  ['fixed seed', SEED, NUM_RUNS],
  ['random seed', undefined, NUM_RUNS / 4],
] as const)('forgejo/routes properties (%s)', (_label, seed, numRuns) => {
  it('agrees with the hand-written reference; a result is the scope of the category whose shape covers the path', () => {
    fc.assert(
      fc.property(method, path, (mt, p) => {
        const got = m.requiredForgejoScope(mt, p);
        const want = reference(mt, p);
        expect(got === undefined ? undefined : { scope: got.scope, category: got.category, interpretation: got.interpretation, apiPath: got.apiPath }).toEqual(want);
        if (got) {
          expect(got.scope).toBe(`${LEVEL[mt]}:${got.category}`);
          expect(shapeCovers(got.interpretation, got.apiPath)).toBe(true);
        }
      }),
      runs(seed, numRuns),
    );
  });

  it('write:X allows every request read:X allows; more scopes never deny', () => {
    const granted = fc.subarray(CATEGORIES.flatMap((c) => [`read:${c}`, `write:${c}`]));
    fc.assert(
      fc.property(method, path, fc.constantFrom(...CATEGORIES), granted, granted, (mt, p, category, g, more) => {
        if (m.isForgejoRequestAllowed([`read:${category}`], mt, p)) expect(m.isForgejoRequestAllowed([`write:${category}`], mt, p)).toBe(true);
        const allowed = m.isForgejoRequestAllowed(g, mt, p);
        if (allowed) expect(m.isForgejoRequestAllowed([...g, ...more], mt, p)).toBe(true);
        // Allowed exactly when the required scope, or the write scope of its category, is granted.
        const required = m.requiredForgejoScope(mt, p);
        expect(allowed).toBe(required !== undefined && (g.includes(required.scope) || g.includes(`write:${required.category}`)));
      }),
      runs(seed, numRuns),
    );
  });
});

describe('the generators reach every outcome', () => {
  it('hits every category, each level, and denials, on the fixed seed', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(method, path, (mt, p) => {
        const got = m.requiredForgejoScope(mt, p);
        seen.add(got ? got.scope : 'denied');
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
    for (const c of CATEGORIES) {
      expect(seen, c).toContain(`read:${c}`);
      expect(seen, c).toContain(`write:${c}`);
    }
    expect(seen).toContain('denied');
  });
});
