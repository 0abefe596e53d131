/**
 * Forgejo route-prefix matching runtime. It is the same whatever the page says, so it lives here as
 * real, type-checked TypeScript; `generator/emit/forgejo-routes.ts` copies it (with the generated-file
 * header) into the package as `forgejo/runtime/forgejo-route-match.ts`, next to `route-path.ts`, whose
 * canonicalization it reuses (the GitLab matcher's rules: README, "Route matching"). `permgen match
 * forgejo` runs this same file. No regular expression touches a request path; nothing here throws on
 * any input.
 *
 * Semantics (notes: forgejo-routes.md):
 * - The path is canonicalized first (unreserved escapes decoded, `%2F` kept encoded inside its
 *   segment); a path that cannot be is denied, and so is a path with a `.` or `..` segment, which
 *   Forgejo's router does not resolve (`hasDotSegment`).
 * - A leading `/api/v1` (Forgejo's API base) is removed; a path without it is taken as already relative
 *   to the base. A path that starts with the base but leaves it through `..` is denied.
 * - Rules are tried in the order given (most specific first, sorted by the generator); the first rule
 *   that matches and whose exclusions do not, wins.
 * - `%2F`: routers disagree on whether an encoded slash separates segments, so the path is judged both
 *   ways (kept encoded, and decoded to `/`); unless both give the same rule, the request is denied.
 */
import { canonicalizePath } from './route-path.js';

/** A segment of a rule's shape: `[0, 'repos']` a literal segment, `[1, 'owner']` any one segment. */
export type ForgejoSegment = readonly [kind: 0 | 1, text: string];

/** A route shape: its segments, and whether it also covers every path below them (`/*`). */
export interface ForgejoShape {
  readonly segments: readonly ForgejoSegment[];
  readonly prefix: boolean;
}

/** A rule as the matcher sees it: a shape, and shapes it does not cover (the page's `except`). */
export interface ForgejoRuleShape extends ForgejoShape {
  readonly excludes: readonly ForgejoShape[];
}

/** Forgejo's API base: `/api/v1`. */
const BASE = ['api', 'v1'] as const;

/** The segments of a canonical path (`/` → none). Canonical paths have no empty segments. */
function segmentsOf(canonical: string): string[] {
  return canonical === '/' ? [] : canonical.slice(1).split('/');
}

function shapeMatches(shape: ForgejoShape, segments: readonly string[]): boolean {
  const n = shape.segments.length;
  if (shape.prefix ? segments.length < n : segments.length !== n) return false;
  for (let i = 0; i < n; i++) {
    const [kind, text] = shape.segments[i]!;
    if (kind === 0 && segments[i] !== text) return false;
  }
  return true;
}

/** Index of the first rule that covers the segments, or -1. */
function firstRule(rules: readonly ForgejoRuleShape[], segments: readonly string[]): number {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (!shapeMatches(rule, segments)) continue;
    let excluded = false;
    for (const e of rule.excludes) {
      if (shapeMatches(e, segments)) {
        excluded = true;
        break;
      }
    }
    if (!excluded) return i;
  }
  return -1;
}

/**
 * Whether the raw path, read before its dot segments are resolved, starts with `/api/v1`: its first
 * two segments other than empty and `.` ones are `api` and `v1` (escapes of unreserved characters
 * decoded) with no `..` before them. Looks at no more than those segments.
 */
function startsWithBase(raw: string): boolean {
  let found = 0;
  let start = 1;
  for (;;) {
    let end = start;
    while (end < raw.length) {
      const c = raw.charCodeAt(end);
      if (c === 0x2f || c === 0x3f || c === 0x23) break;
      end++;
    }
    const one = canonicalizePath(`/${raw.slice(start, end)}`);
    if (one === undefined) return false; // `..` (above this segment's root) or an invalid segment
    if (one !== '/') {
      if (one !== `/${BASE[found]}`) return false;
      if (++found === BASE.length) return true;
    }
    if (end >= raw.length || raw.charCodeAt(end) !== 0x2f) return false;
    start = end + 1;
  }
}

/** Segments relative to the API base, or `undefined` when the path leaves the base it starts with. */
function apiSegments(canonical: string, declaredBase: boolean): string[] | undefined {
  const segments = segmentsOf(canonical);
  const hasBase = segments.length >= BASE.length && segments[0] === BASE[0] && segments[1] === BASE[1];
  if (declaredBase && !hasBase) return undefined;
  return hasBase ? segments.slice(BASE.length) : segments;
}

/** The outcome of matching one request path. */
export interface ForgejoPathMatch {
  /** Index of the winning rule. */
  readonly rule: number;
  /** The canonical path relative to the API base (`/repos/o/r/issues`). */
  readonly apiPath: string;
}

/** Why a path matched no rule: for explanations (`permgen match`); the matcher itself only denies. */
export type ForgejoPathDenial =
  | { readonly reason: 'not-canonical' }
  | { readonly reason: 'leaves-api-base'; readonly canonicalPath: string }
  | { readonly reason: 'dot-segment' }
  | { readonly reason: 'no-rule'; readonly apiPath: string }
  | { readonly reason: 'encoded-slash-ambiguous'; readonly apiPath: string; readonly rule: number; readonly decodedPath: string | undefined; readonly decodedRule: number };

/**
 * The rule a raw request path falls under, or why none does. `rules` must be sorted most specific
 * first. Never throws; anything unexpected is a denial.
 */
export function explainForgejoPath(rules: readonly ForgejoRuleShape[], raw: unknown): ForgejoPathMatch | ForgejoPathDenial {
  try {
    const canonical = canonicalizePath(raw);
    if (canonical === undefined || typeof raw !== 'string') return { reason: 'not-canonical' };
    const declared = startsWithBase(raw);
    const segments = apiSegments(canonical, declared);
    if (segments === undefined) return { reason: 'leaves-api-base', canonicalPath: canonical };
    // A path canonicalization leaves as it is has no dot segment (it would have removed it): no second scan then.
    if (canonical !== raw && hasDotSegment(raw)) return { reason: 'dot-segment' };
    const apiPath = `/${segments.join('/')}`;
    const rule = firstRule(rules, segments);
    if (canonical.indexOf('%2F') >= 0) {
      // Judged again with every `%2F` as a separator; the decoded path is canonicalized afresh (new
      // `..` segments may appear) and must stay inside the base it declared.
      const decoded = canonicalizePath(canonical.split('%2F').join('/'));
      const decodedSegments = decoded === undefined ? undefined : apiSegments(decoded, declared);
      const decodedRule = decodedSegments === undefined ? -1 : firstRule(rules, decodedSegments);
      if (decodedRule !== rule && (rule >= 0 || decodedRule >= 0)) {
        const decodedPath = decodedSegments === undefined ? undefined : `/${decodedSegments.join('/')}`;
        return { reason: 'encoded-slash-ambiguous', apiPath, rule, decodedPath, decodedRule };
      }
    }
    if (rule < 0) return { reason: 'no-rule', apiPath };
    return { rule, apiPath };
  } catch {
    return { reason: 'not-canonical' };
  }
}

/**
 * Whether a raw path (which starts with `/`) has a `.` or `..` segment before its query or
 * fragment, `%2E` counting as a dot. Forgejo's router does not resolve them: it routes on the path
 * as sent, with `//` collapsed and a trailing `/` dropped only, and handlers clean the paths they
 * take themselves, so `/repos/o/r/contents/x/../../issues` is a file of `o/r` (`/repos/*`,
 * repository), not its issues. Resolving the dots, as GitLab's Workhorse does, would judge it under
 * the issue scope; reading them as plain segments would guess how each handler cleans. Neither is
 * safe, so such a path is denied. Linear, one pass.
 */
function hasDotSegment(raw: string): boolean {
  // Dots in the current segment so far; -1 once it has anything else.
  let dots = 0;
  for (let i = 1; i <= raw.length; i++) {
    const c = i === raw.length ? 0x2f : raw.charCodeAt(i);
    if (c === 0x3f || c === 0x23) return dots === 1 || dots === 2;
    if (c === 0x2f) {
      if (dots === 1 || dots === 2) return true;
      dots = 0;
    } else if (dots < 0) continue;
    else if (c === 0x2e) dots++;
    else if (c === 0x25 && raw.charCodeAt(i + 1) === 0x32 && (raw.charCodeAt(i + 2) | 0x20) === 0x65) {
      dots++;
      i += 2;
    } else dots = -1;
  }
  return false;
}

/**
 * How one rule relates to a canonical API-relative path (`explainForgejoPath().apiPath`): its shape
 * covers it, covers it but an exclusion applies, or does not cover it. For explanations.
 */
export function ruleCoverage(rule: ForgejoRuleShape, apiPath: string): 'covers' | 'excluded' | 'no' {
  const segments = segmentsOf(apiPath);
  if (!shapeMatches(rule, segments)) return 'no';
  for (const e of rule.excludes) if (shapeMatches(e, segments)) return 'excluded';
  return 'covers';
}

/** The winning rule for a raw request path, or `undefined` (deny). Never throws. */
export function matchForgejoPath(rules: readonly ForgejoRuleShape[], raw: unknown): ForgejoPathMatch | undefined {
  const result = explainForgejoPath(rules, raw);
  return 'rule' in result && !('reason' in result) ? result : undefined;
}
