/**
 * Route-matching runtime shared by every generated route matcher: request-path canonicalization and
 * parameter capture. It is the same whatever the pages say, so it lives here as real, type-checked
 * TypeScript; the emitter copies it verbatim (with the generated-file header) into the package next
 * to the emitted route tables. It must stay self-contained: no imports, no dependencies.
 *
 * Semantics (README, "Route matching"): the matcher works on the raw, still-encoded path; `%2F`
 * stays inside one segment. Anything that cannot be canonicalized safely is denied (`undefined`).
 */

/** Longest path (characters before `?`/`#`) accepted; longer paths are denied, not truncated. */
export const MAX_PATH_LENGTH = 8192;

/**
 * Most items a check reads from a `granted` iterable (`is…RequestAllowed`): an endless or absurdly
 * long one is denied rather than read forever. Far above any real grant (a few hundred permissions
 * exist) and cheap to reach (well under a millisecond).
 */
export const MAX_GRANTED_ITEMS = 65_536;

// Character classes of the raw path (ASCII; every other code unit is denied). 0: denied.
/** RFC 3986 pchar other than `%` and `.`: unreserved, sub-delims, `:` and `@`. */
const PLAIN = 1;
const SLASH = 2;
const PERCENT = 3;
const DOT = 4;
/** `?` or `#`: the path ends here. */
const END = 5;

const CLASS = /* @__PURE__ */ (() => {
  const t = new Uint8Array(128);
  const plain = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_~!$&'()*+,;=:@";
  for (let i = 0; i < plain.length; i++) t[plain.charCodeAt(i)] = PLAIN;
  t[0x2f] = SLASH;
  t[0x25] = PERCENT;
  t[0x2e] = DOT;
  t[0x3f] = END;
  t[0x23] = END;
  return t;
})();

/**
 * 1 for an ASCII character that a canonical path segment cannot hold as it is (`%`, `?`, `#`, `/`,
 * and every character `canonicalizePath` denies); 0 for the rest (pchar other than `%`, and `.`).
 * `walkNode` reads it while scanning each segment.
 */
export const RAW_CHARS: Uint8Array = /* @__PURE__ */ (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) t[c] = CLASS[c] === PLAIN || CLASS[c] === DOT ? 0 : 1;
  return t;
})();

/** Bytes that `%xx` is decoded to (unreserved: ALPHA DIGIT - . _ ~); every other escape stays encoded. */
const UNRESERVED = /* @__PURE__ */ (() => {
  const t = new Uint8Array(128);
  const s = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
  for (let i = 0; i < s.length; i++) t[s.charCodeAt(i)] = 1;
  return t;
})();

const HEX_DIGITS = '0123456789ABCDEF';

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * The canonical form of a request path, or `undefined` to deny:
 * drops `?query` and `#fragment`; denies paths that do not start with `/`, are longer than
 * `MAX_PATH_LENGTH`, or contain a character outside RFC 3986 `pchar` (controls, space, `\`, `"`,
 * `<`, `>`, `^`, `` ` ``, `{`, `|`, `}`, `[`, `]`, any non-ASCII code unit), an invalid `%`
 * escape, an encoded control (`%00`–`%1F`, `%7F`), or `..` above the root. Then upper-cases
 * `%xx`, decodes escapes of unreserved characters (`%70` → `p`, `%2e` → `.`) and only those
 * (`%2F`, `%40`, `%25` stay encoded), drops empty and `.` segments, resolves `..`, and drops a
 * trailing `/`. The root is `/`. A path that needs none of this is returned as is (no allocation).
 */
export function canonicalizePath(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const n = raw.length;
  if (n === 0 || raw.charCodeAt(0) !== 0x2f) return undefined;
  let end = n;
  let slow = false;
  let segment = 1;
  // Scans at most one character past the limit, so a 100 KB path costs no more than an 8 KiB one.
  const stop = n > MAX_PATH_LENGTH ? MAX_PATH_LENGTH + 1 : n;
  for (let i = 1; i < stop; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 128) return undefined;
    const k = CLASS[c]!;
    if (k === PLAIN || k === DOT) continue;
    if (k === SLASH) {
      const len = i - segment;
      if (len === 0 || (len <= 2 && isDots(raw, segment, i))) slow = true;
      segment = i + 1;
    } else if (k === PERCENT) slow = true;
    else if (k === END) {
      end = i;
      break;
    } else return undefined;
  }
  if (end > MAX_PATH_LENGTH) return undefined;
  const last = end - segment;
  if ((last === 0 && end > 1) || (last > 0 && last <= 2 && isDots(raw, segment, end))) slow = true;
  if (!slow) return end === n ? raw : raw.slice(0, end);
  return canonicalizeSlow(raw, end);
}

/**
 * A canonical path relative to an API root (`prefix`, `/api/v4` for GitLab): `/api/v4/…` is `/…`
 * (the prefix is removed once), `/api/v4` is `/`, and the result is denied (`undefined`) when its
 * first segment starts like the prefix's (`/api/v4/api/…`). Any other path is returned as is: the
 * pages' paths are relative to the root, except a few rooted elsewhere (`/api/scim/…`), so a path
 * whose first segment starts like the prefix's (`/api/v3/…`, `/apiv4/…`) is left to the caller,
 * which accepts it only for a route that names that segment literally (`startsWithApiSegment`).
 */
export function apiRelativePath(c: string | undefined, prefix: string): string | undefined {
  if (c === undefined) return undefined;
  const n = prefix.length;
  let r: string;
  if (c.length === n && c === prefix) r = '/';
  else if (c.length > n && c.charCodeAt(n) === 0x2f && c.startsWith(prefix)) r = c.slice(n);
  else return c;
  return startsWithApiSegment(r, prefix) ? undefined : r;
}

/**
 * Grape's format suffix. GitLab's API is JSON, and Grape then adds `(.json)` to every route, so a
 * request for `/projects/1/labels/promote.json` is served by `/projects/:id/labels/promote`, while a
 * pattern match reads it as `/projects/:id/labels/:name` with `name` = `promote.json` (another
 * permission). Grape tries routes in the order they are declared, which the pages do not give. So
 * for a canonical path whose last segment ends in `.json`, the matchers also read the path without
 * it, and deny when the two readings pick different rows. Returns where the suffix starts; -1 when
 * there is none; -2 when what is left of the segment is empty, `.` or `..` (denied: no reading).
 */
export function formatSuffixAt(p: string): number {
  const n = p.length;
  if (n < 6 || p.charCodeAt(n - 1) !== 0x6e || !p.endsWith('.json')) return -1;
  const cut = n - 5;
  const s = p.lastIndexOf('/', cut - 1) + 1;
  const len = cut - s;
  if (len === 0 || (len <= 2 && p.charCodeAt(s) === 0x2e && (len === 1 || p.charCodeAt(s + 1) === 0x2e))) return -2;
  return cut;
}

/**
 * Grape's `.json` rule on the two readings of a path that `formatSuffixAt` cut at `cut` (not -1: a path
 * without the suffix has one reading, which callers answer without asking): `written` is
 * the row the path as written reaches, `bare` the row the path without `.json` reaches (undefined
 * when none, or only the page's catch-all: no route of GitLab's), compared by identity. 0: answer the
 * path as written (one row either way); 1: answer the path without `.json` (only the
 * page's catch-all takes it as written, and GitLab's own catch-all, `route :any, '*path'`, mounted
 * last, is tried after every route); -1: deny (two rows, or nothing left of the segment). The one
 * rule the emitted matchers, `interpretRoute` (`permgen match`) and `permgen diff` apply.
 */
export function formatSuffixReading<T>(cut: number, written: T, bare: T | undefined, writtenIsCatchAll: boolean): number {
  if (cut === -2) return -1;
  if (bare === undefined || bare === written) return 0;
  return writtenIsCatchAll ? 1 : -1;
}

/** Whether the first segment of `p` starts with the first segment of `prefix` (`/api…`). */
export function startsWithApiSegment(p: string, prefix: string): boolean {
  // Most paths differ at their first character (`/projects/…`): no search in `prefix` then.
  if (p.charCodeAt(1) !== prefix.charCodeAt(1)) return prefix.length <= 1 || prefix.charCodeAt(1) === 47;
  let k = prefix.indexOf('/', 1);
  if (k < 0) k = prefix.length;
  for (let i = 1; i < k; i++) if (p.charCodeAt(i) !== prefix.charCodeAt(i)) return false;
  return true;
}

/**
 * True when the segments around `[from, to)` of `s` are already canonical: valid characters, no
 * `%`, `?` or `#`, no empty, `.` or `..` segment. The span is widened to whole segments (a
 * parameter's literal prefix and suffix share its segment).
 *
 * This lets a matcher try the raw path first and canonicalize only when needed: on a raw path, a
 * route can only match if every literal segment matched literal text exactly (which is canonical by
 * construction), so whatever canonicalization would change must lie in what a parameter or splat
 * took. A match whose spans all pass this check was a match on a canonical path; any other outcome
 * (no match, or a span that fails) is decided again on `canonicalizePath(path)`.
 */
export function isCanonicalSpan(s: string, from: number, to: number): boolean {
  const n = s.length;
  let start = from;
  while (start > 0 && s.charCodeAt(start - 1) !== 0x2f) start--;
  let end = to;
  while (end < n && s.charCodeAt(end) !== 0x2f) end++;
  let segment = start;
  for (let i = start; i <= end; i++) {
    const c = i === end ? 0x2f : s.charCodeAt(i);
    if (c === 0x2f) {
      const len = i - segment;
      if (len === 0 || (len <= 2 && isDots(s, segment, i))) return false;
      segment = i + 1;
    } else if (c >= 128) return false;
    else {
      const k = CLASS[c];
      if (k !== PLAIN && k !== DOT) return false;
    }
  }
  return true;
}

/**
 * False when a walk of `canonicalizePath(s)` cannot find a route that the walk of `s` did not: when
 * canonicalization would return `s` itself or deny it, for a string that starts with `/` and is
 * within the length limit (no `%`, `?`, `#`, `//`, `/.` (which covers `.` and `..` segments) and no
 * trailing `/`). A matcher that found no route on the raw path needs no second attempt then (invalid
 * characters are denied either way), and this loop is cheaper than canonicalizing. True may be a
 * false alarm (the caller then canonicalizes: always safe).
 *
 * When `s` is the path the last walk took (`walkRouteTrie`), the segments that walk scanned or
 * found equal to a canonical literal edge are not read again: it noted how far from the start they
 * reach without a gap and each canonical as it is (`walkFar`, at a `/` or the end; not canonical: `%`, `?`, `#`, a
 * character outside `pchar`, an empty, `.` or `..` segment); only the rest is scanned here.
 *
 * And when that walk read nothing past them (`walkRead`: e.g. `/nope/…`, whose first segment no
 * route takes), what canonicalization could do to the rest cannot change its answer, unless a `..`
 * segment removes one of them: the canonical path is the same segments, then the rest with empty
 * segments and a trailing `/` dropped and cut at `?` or `#` (or it is denied), so a walk of it reads
 * the same characters up to `walkFar`, where a `/` or the end of the path stands in both. A `..`
 * needs a `.` or a `%` escape, and two native searches for those cost a fraction of this loop over a
 * long path. Tests: `test/routes/miss-check.test.ts` (a differential over generated paths and tries).
 */
export function mayCanonicalizationChange(s: string): boolean {
  const n = s.length;
  let afterSlash = true;
  let from = 1;
  if (s === walkPath) {
    if (walkFar >= n) return false; // every segment scanned and canonical, none empty (so no trailing `/`)
    if (walkRead <= walkFar && s.indexOf('%', walkFar) < 0 && s.indexOf('.', walkFar) < 0) return false;
    from = walkFar + 1;
  }
  for (let i = from; i < n; i++) {
    const c = s.charCodeAt(i);
    // Letters, digits and most other characters first: one comparison for most of a path.
    if (c > 0x2f) {
      if (c === 0x3f) return true;
      afterSlash = false;
    } else if (c === 0x2f) {
      if (afterSlash) return true;
      afterSlash = true;
    } else if (c === 0x25 || c === 0x23 || (afterSlash && c === 0x2e)) return true;
    else afterSlash = false;
  }
  return n > 1 && afterSlash;
}

/**
 * Whether what the parameters of a match took is canonical: `checks[k]` 0 means the matcher saw
 * that parameter k's segment is, 1 that it is not, -1 that the span `[bounds[2k], bounds[2k+1])`
 * is to be checked here (`isCanonicalSpan`).
 */
export function areSpansCanonical(s: string, bounds: Int32Array, checks: Int32Array, count: number): boolean {
  for (let k = 0; k < count; k++) {
    const v = checks[k]!;
    if (v === 0) continue;
    if (v > 0 || !isCanonicalSpan(s, bounds[2 * k]!, bounds[2 * k + 1]!)) return false;
  }
  return true;
}

/** `.` or `..` between `from` and `to` (1 or 2 characters). */
function isDots(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (s.charCodeAt(i) !== 0x2e) return false;
  return to > from;
}

function canonicalizeSlow(raw: string, end: number): string | undefined {
  const segments: string[] = [];
  let segment = '';
  for (let i = 1; i <= end; i++) {
    const c = i === end ? 0x2f : raw.charCodeAt(i);
    if (c === 0x2f) {
      if (segment === '..') {
        if (segments.length === 0) return undefined;
        segments.pop();
      } else if (segment !== '' && segment !== '.') segments.push(segment);
      segment = '';
    } else if (c === 0x25) {
      if (i + 2 >= end) return undefined; // fewer than two characters before the end of the path
      const hi = hexValue(raw.charCodeAt(i + 1));
      const lo = hexValue(raw.charCodeAt(i + 2));
      if (hi < 0 || lo < 0) return undefined;
      const byte = hi * 16 + lo;
      if (byte < 0x20 || byte === 0x7f) return undefined;
      segment += byte < 128 && UNRESERVED[byte] === 1 ? String.fromCharCode(byte) : `%${HEX_DIGITS[hi]}${HEX_DIGITS[lo]}`;
      i += 2;
    } else segment += raw[i];
  }
  return segments.length === 0 ? '/' : `/${segments.join('/')}`;
}

/**
 * A route token as data: `[kind, prefix, suffix, name]`; kind 0 = literal (`prefix` holds the whole
 * segment), 1 = `:param` (one or more characters other than `/` between prefix and suffix), 2 =
 * `*splat` (one or more characters, `/` included); 3 = a segment with several parameters or splats,
 * its pieces in `parts` (literal text, or `[1 | 2, name]`).
 */
export type RouteToken =
  | readonly [kind: 0 | 1 | 2, prefix: string, suffix: string, name: string]
  | readonly [kind: 3, prefix: string, suffix: string, name: string, parts: readonly (string | readonly [1 | 2, string])[]];

/**
 * An alternative (or the tail of one) as the element list `matchElements` reads: literal text
 * (`/` between segments included) as strings, a parameter as 1, a splat as 2.
 */
export type RouteElements = readonly (string | 1 | 2)[];

/** Scratch of `matchElements`, grown on demand: row i, column x says elements i… match from x to the end. */
let reachable = new Uint8Array(4096);

/**
 * Whether `p.slice(from, to)` is exactly the elements `els` (literal text; 1: one or more characters
 * other than `/`; 2: one or more characters): when it is, the boundaries of variable k (counting
 * from `slot`) are written to `bounds[2k]`, `bounds[2k + 1]` and `checks[k]` is set to -1 (the span
 * is to be checked for canonical form by the caller when `p` is a raw path).
 * Values are taken left to right, each as long as the rest still matches: the values of a JavaScript
 * regular expression with greedy `([^/]+)` and `(.+)`. Linear time: one table of which element can
 * start where (computed right to left), then one pass to read the values; no backtracking.
 */
export function matchElements(p: string, from: number, to: number, els: RouteElements, bounds: Int32Array, checks: Int32Array, slot: number): boolean {
  const len = to - from;
  if (len < 0) return false;
  const m = els.length;
  const w = len + 1;
  const size = (m + 1) * w;
  if (reachable.length < size) reachable = new Uint8Array(Math.max(size, reachable.length * 2));
  const ok = reachable;
  const last = m * w;
  ok.fill(0, last, last + w);
  ok[last + len] = 1;
  for (let i = m - 1; i >= 0; i--) {
    const e = els[i]!;
    const row = i * w;
    const next = row + w;
    if (typeof e === 'string') {
      const k = e.length;
      for (let x = 0; x <= len; x++) ok[row + x] = x + k <= len && ok[next + x + k] === 1 && p.startsWith(e, from + x) ? 1 : 0;
    } else {
      // One or more characters (no `/` for a parameter), then elements i + 1… from there.
      ok[row + len] = 0;
      let any = 0;
      for (let x = len - 1; x >= 0; x--) {
        if (e === 1 && p.charCodeAt(from + x) === 47) {
          any = 0;
          ok[row + x] = 0;
          continue;
        }
        any |= ok[next + x + 1]!;
        ok[row + x] = any;
      }
    }
  }
  if (ok[0] !== 1) return false;
  let x = 0;
  let k = slot;
  for (let i = 0; i < m; i++) {
    const e = els[i]!;
    if (typeof e === 'string') {
      x += e.length;
      continue;
    }
    const next = (i + 1) * w;
    let y = len;
    if (e === 1) {
      y = x;
      while (y < len && p.charCodeAt(from + y) !== 47) y++;
    }
    while (y > x && ok[next + y] !== 1) y--;
    bounds[2 * k] = from + x;
    bounds[2 * k + 1] = from + y;
    checks[k] = -1;
    k++;
    x = y;
  }
  return true;
}

/**
 * How `matchTail` matches a tail (`TrieNode.tails`) without `matchElements`' table, for the shapes
 * it takes (`tailPlan`): optional literal text, a splat, more splats each after literal text only,
 * then a rest without splats. The rest's start is fixed by the path's end (no search): a parameter
 * takes no `/`, so the rest spans exactly `slashes` of them (its literal text's), and when its
 * first element is literal text with a `/` at `lead`, that `/` is the `slashes`-th from the end.
 * Each splat before it then ends at the last place its following text fits (`lastIndexOf`).
 */
export interface TailPlan {
  /** Literal text before the first splat, or ''. */
  readonly head: string;
  /** The literal text between one splat and the next, in order (none with one splat). */
  readonly mids: readonly string[];
  /**
   * Where the rest after the last splat starts: 0 no rest (the last splat takes the path to its
   * end), 1 the rest is one literal text (at the end), 2 the `slashes`-th `/` from the end, less `lead`.
   */
  readonly restKind: 0 | 1 | 2;
  /** The rest's elements: literal text, or 1 for a parameter. */
  readonly rest: readonly (string | 1)[];
  readonly slashes: number;
  readonly lead: number;
  /** restKind 2: the rest's last element when it is literal text (checked first, at the end), else ''. */
  readonly last: string;
  /**
   * For a parameter at `rest[j]`: how many characters of the element after it come before the end
   * of their segment (up to its first `/`; all of it when it is the last element; 0 when the
   * parameter is last). The parameter ends that many characters before the segment's end.
   */
  readonly cuts: readonly number[];
  /** Variables (splats and parameters). */
  readonly vars: number;
}

/** Scratch of `matchTail` (two boundaries per variable, copied to `bounds` on a match), grown by `tailPlan`. */
let tailBounds = new Int32Array(32);

/**
 * The plan of `matchTail` for an element list, or `undefined` when it has another shape (a
 * parameter before or between splats, two splats or two parameters without literal text between
 * them, a rest whose first element has no `/` and that is not one literal text): `matchElements`
 * then.
 */
export function tailPlan(els: RouteElements): TailPlan | undefined {
  let i = 0;
  let head = '';
  if (typeof els[0] === 'string') {
    head = flatText(els[0]);
    i = 1;
  }
  if (els[i] !== 2) return undefined;
  i++;
  const mids: string[] = [];
  while (i + 1 < els.length && typeof els[i] === 'string' && els[i + 1] === 2) {
    mids.push(flatText(els[i] as string));
    i += 2;
  }
  const rest: (string | 1)[] = [];
  for (; i < els.length; i++) {
    const e = els[i]!;
    if (e === 2) return undefined;
    rest.push(typeof e === 'string' ? flatText(e) : e);
  }
  let restKind: 0 | 1 | 2 = 2;
  let slashes = 0;
  let lead = 0;
  const cuts: number[] = rest.map(() => 0);
  if (rest.length === 0) restKind = 0;
  else if (rest.length === 1 && typeof rest[0] === 'string') restKind = 1;
  else {
    const first = rest[0]!;
    if (typeof first !== 'string' || first.indexOf('/') < 0) return undefined;
    lead = first.indexOf('/');
    for (let j = 0; j < rest.length; j++) {
      const e = rest[j]!;
      if (typeof e === 'string') {
        for (let x = 0; x < e.length; x++) if (e.charCodeAt(x) === 47) slashes++;
        continue;
      }
      const next = rest[j + 1];
      if (next === undefined) continue;
      if (typeof next !== 'string') return undefined;
      const slash = next.indexOf('/');
      if (slash >= 0) cuts[j] = slash;
      else if (j + 1 === rest.length - 1) cuts[j] = next.length;
      else return undefined; // two parameters in one segment
    }
  }
  const vars = countVars(els);
  if (tailBounds.length < 2 * vars) tailBounds = new Int32Array(2 * vars);
  const end = rest[rest.length - 1];
  const last = restKind === 2 && typeof end === 'string' ? end : '';
  return { head, mids, restKind, rest, slashes, lead, last, cuts, vars };
}

/**
 * `matchElements(p, from, to, els, …)` for the `els` of `plan` (`tailPlan(els)`): the same answer,
 * and on a match the same `bounds` and `checks` (the values of greedy `(.+)` and `([^/]+)`: a
 * match of these shapes is unique once the rest is placed, and each splat ends at the last place
 * the text after it fits). Time linear in what it reads: the rest, the splats' text searched
 * backwards for `mids`; no table, no allocation. `bounds` and `checks` are written only on a match.
 */
export function matchTail(p: string, from: number, to: number, plan: TailPlan, bounds: Int32Array, checks: Int32Array, slot: number): boolean {
  const head = plan.head;
  const start = from + head.length;
  if (start >= to || from < 0 || to > p.length) return false;
  if (head !== '' && !textAt(p, from, head)) return false;
  const t = tailBounds;
  const mids = plan.mids;
  // The end of the last splat: where the rest starts.
  let q = to;
  const kind = plan.restKind;
  if (kind === 1) {
    const r = plan.rest[0] as string;
    q = to - r.length;
    if (q <= start || !textAt(p, q, r)) return false;
  } else if (kind === 2) {
    // Literal text at the end first: most tails that do not match fail here.
    const last = plan.last;
    if (last !== '' && (to - last.length <= start || !textAt(p, to - last.length, last))) return false;
    let c = plan.slashes;
    let i = to - 1;
    for (; i > start; i--) if (p.charCodeAt(i) === 47 && --c === 0) break;
    if (c !== 0) return false;
    q = i - plan.lead;
    if (q <= start) return false;
    const rest = plan.rest;
    const cuts = plan.cuts;
    const n = rest.length;
    let w = 2 * (mids.length + 1);
    let x = q;
    for (let j = 0; j < n; j++) {
      const e = rest[j]!;
      if (typeof e === 'string') {
        const len = e.length;
        // The last element, when literal text, was compared at the end above: it must start there.
        if (j === n - 1 && last !== '') {
          if (x + len !== to) return false;
        } else if (x + len > to || !textAt(p, x, e)) return false;
        x += len;
        continue;
      }
      let y = x;
      while (y < to && p.charCodeAt(y) !== 47) y++;
      y -= cuts[j]!;
      if (y <= x) return false;
      t[w++] = x;
      t[w++] = y;
      x = y;
    }
    if (x !== to) return false;
  }
  // The splats, last first: each ends where the text after it last fits before the next splat's (non-empty) value.
  let end = q;
  for (let j = mids.length - 1; j >= 0; j--) {
    const mid = mids[j]!;
    const c0 = mid.charCodeAt(0);
    let y = end - 1 - mid.length;
    while (y > start && !(p.charCodeAt(y) === c0 && textAt(p, y, mid))) y--;
    if (y <= start) return false;
    t[2 * j + 2] = y + mid.length;
    t[2 * j + 3] = end;
    end = y;
  }
  t[0] = start;
  t[1] = end;
  const vars = plan.vars;
  for (let k = 0; k < vars; k++) {
    bounds[2 * (slot + k)] = t[2 * k]!;
    bounds[2 * (slot + k) + 1] = t[2 * k + 1]!;
    checks[slot + k] = -1;
  }
  return true;
}

/** Whether `text` is at `x` in `p` (the caller keeps `x + text.length` within the span; past the string's end, no). */
function textAt(p: string, x: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (p.charCodeAt(x + i) !== text.charCodeAt(i)) return false;
  return true;
}

/** The element list of tokens (segments joined by `/`, after the `/` that starts the first one). */
export function routeElements(tokens: readonly RouteToken[]): (string | 1 | 2)[] {
  const out: (string | 1 | 2)[] = [];
  const text = (t: string) => {
    if (t === '') return;
    if (typeof out[out.length - 1] === 'string') out[out.length - 1] += t;
    else out.push(t);
  };
  tokens.forEach((t, i) => {
    if (i > 0) text('/');
    if (t[0] === 0) text(t[1]);
    else if (t[0] === 3) for (const part of t[4]) typeof part === 'string' ? text(part) : out.push(part[0]);
    else {
      text(t[1]);
      out.push(t[0]);
      text(t[2]);
    }
  });
  return out;
}

/**
 * Matches a canonical path against one alternative and returns its parameters (raw, still
 * encoded), or `undefined` when it does not match. Values are taken left to right, each as long as
 * the rest still matches (`matchElements`). The compiled matcher decides which route matches; this
 * answers `permgen match` and the generator's rules.
 */
export function captureRouteParams(path: string, tokens: readonly RouteToken[]): Record<string, string> | undefined {
  if (typeof path !== 'string' || path.length === 0 || path.charCodeAt(0) !== 0x2f) return undefined;
  const names: string[] = [];
  for (const t of tokens) {
    if (t[0] === 1 || t[0] === 2) names.push(t[3]);
    else if (t[0] === 3) for (const part of t[4]) if (typeof part !== 'string') names.push(part[1]);
  }
  const bounds = new Int32Array(2 * names.length);
  const checks = new Int32Array(names.length);
  // The root path `/` is the alternative with no segment.
  if (tokens.length === 0) return path === '/' ? (Object.create(null) as Record<string, string>) : undefined;
  if (!matchElements(path, 1, path.length, routeElements(tokens), bounds, checks, 0)) return undefined;
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  names.forEach((name, k) => (params[name] = path.slice(bounds[2 * k]!, bounds[2 * k + 1]!)));
  return params;
}

// ---------------------------------------------------------------- the route table as data, walked by one function

/**
 * One token of a route alternative as emitted data: a literal segment as its text; `1` a parameter
 * and `2` a splat that are the whole segment, `[1, prefix, suffix]` a parameter, `[2, prefix,
 * suffix]` a splat with literal text around it (the rest of the alternative from here is
 * matched by `matchElements`); `[3, elements, splat]` a segment with several parameters or splats.
 */
export type RouteTokenData = string | 1 | 2 | readonly [1 | 2, string, string] | readonly [3, RouteElements, 0 | 1];

interface ParamEdge {
  prefix: string;
  suffix: string;
  /** No prefix, no suffix, one parameter: the whole segment is the value (the common case, no comparison). */
  plain: boolean;
  /** Set for a segment with several parameters (`matchElements`); its number of variables in `vars`. */
  els: RouteElements | undefined;
  vars: number;
  node: TrieNode;
}

interface TailEdge {
  els: RouteElements;
  candidate: number;
  /**
   * What any match of `els` needs, checked before `matchElements` builds its table: at least
   * `minLength` characters, ending with `last` (its last element when that is literal text, else '')
   * and starting with `first` (likewise). Most tails that do not match fail here in a comparison.
   */
  minLength: number;
  first: string;
  last: string;
  /** `els` is a lone splat (`*path` to the end): the rest of the path, without `matchElements`. */
  lone: boolean;
  /** How `matchTail` matches `els` without `matchElements`' table (`tailPlan`), or null for a shape it does not take. */
  plan: TailPlan | null;
}

interface LiteralEdge {
  text: string;
  node: TrieNode;
}

/** A node of a method's trie (`RouteTrie.root`), built on the first walk. */
export interface TrieNode {
  /** The candidate whose alternative ends here, or -1. */
  end: number;
  /**
   * Literal children in an open-addressing table built when the node is prepared, four entries per
   * slot in one array: `[key, at, child, meta]` (-1 as the key of an empty slot), probed
   * linearly from `key & mask`. The key is the text's first character (`radix`: no more than
   * `RADIX_MAX_SHARED` children share one), so the walk finds a literal child by the path's
   * character at the segment's start and compares the edge's text along the path, without scanning
   * or hashing the segment; else (many children alike) it is `segmentHash` of the text's first
   * segment & `HASH_MASK`, which the walk computes in the pass that validates the segment.
   * `at` is where the text's UTF-16 code units start in `units`; `meta` is the text's length × 2,
   * plus 1 when the text is canonical as it is (`isCanonicalSpan`): a path segment equal to it then
   * is too (`walkFar`). One flat array of small integers and child nodes (not edge objects or strings) because on a
   * large table every dependent load is a likely cache miss.
   */
  table: (number | TrieNode)[];
  mask: number;
  /** How `table` is keyed: by first character (true), by the first segment's hash (false). */
  radix: boolean;
  /** No parameter children and no tails: a literal child is the node's last alternative (the walk steps into it without recursing). */
  last: boolean;
  /** Literal children while building (`indexLiterals` fills `table` from them). */
  literals: LiteralEdge[];
  /** Parameter children, most specific first. */
  params: ParamEdge[];
  /** The child of the node's only parameter edge when that edge is plain (`params` is then not read), else null. */
  param: TrieNode | null;
  /** Candidates from a splat on: the rest of the path against their elements, most specific first. */
  tails: TailEdge[];
  /**
   * False until the walk first reaches the node (`prepareNode`): its candidates are then sorted into
   * its children (`pending`, tokens from `depth` on) and its literal children indexed, so a first
   * match builds the nodes on its way and their children, not the whole trie.
   */
  ready: boolean;
  /** Candidates not yet sorted into children, in candidate order; `undefined` once sorted. */
  pending: PendingCandidate[] | undefined;
  depth: number;
  /** The trie's literal texts (`CodePool.units`), shared by all its nodes. */
  units: Uint16Array;
  codes: CodePool;
}

/**
 * The text of every literal edge of one trie, as UTF-16 code units one after another
 * (`TrieNode.table` says where each starts), filled as walks prepare nodes. The walk compares a
 * path with it one unit at a time: an element of a typed array is a plain load, where `charCodeAt`
 * on a string read from a mixed array checks the string's kind and representation on every call
 * (measured: 4-6% of a job-token match). One pool per trie adds no object per edge (a typed array
 * per edge measured 18% slower on the 10,000-route table: one more dependent load per edge) and
 * goes away with its trie (one pool for all tries measured the same, but kept every trie's texts).
 *
 * `units` never grows, so every node holds it directly (reading it through this object measured
 * 1.5% slower): `growTrie` sizes it for the texts of every candidate's literal segments, each
 * with a `/`, which bounds the edges' texts: an edge is one or more whole literal segments, joined
 * by `/`, that every candidate through it has; the edges one candidate goes through are different
 * segments of it; so charging each edge to its first candidate charges no candidate more than its
 * own segments.
 */
interface CodePool {
  readonly units: Uint16Array;
  used: number;
}

/** A candidate waiting in a node: its number and its tokens (the node sorts it by `tokens[depth]`). */
interface PendingCandidate {
  candidate: number;
  tokens: readonly RouteTokenData[];
}

/**
 * One candidate of a method's list as emitted: the number of its row, whose `path` gives the tokens
 * (`patternTokens`, the common case: a pattern without optional groups), or `[row, ...tokens]` with
 * the alternative's tokens written out (an alternative of a pattern with optional groups).
 */
export type RouteCandidateData = number | readonly [number, ...RouteTokenData[]];

/**
 * A compiled route table of one method: its candidates as data, and the trie grown from them node by
 * node as walks reach the nodes (`walkRouteTrie`), so that importing a table costs no trie.
 */
export interface RouteTrie {
  readonly candidates: readonly RouteCandidateData[];
  readonly base: number;
  readonly rows: readonly { readonly path: string }[];
  root: TrieNode | undefined;
}

const NO_TABLE: (number | TrieNode)[] = [];

/** The bits of a segment hash kept in a table (a small integer: stored in the array as is). */
const HASH_MASK = 0x3fffffff;

/** At most this many literal children of a node share a first character for the node to key them by it. */
const RADIX_MAX_SHARED = 4;

/** The hash of `text` the walk computes while scanning a segment (`h * 31 + c`, 32-bit). */
function segmentHash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

const newTrieNode = (depth: number, codes: CodePool): TrieNode => ({ end: -1, table: NO_TABLE, mask: 0, radix: true, last: false, literals: [], params: [], param: null, tails: [], ready: false, pending: [], depth, units: codes.units, codes });

/**
 * The same text as a flat, sequential string: texts sliced from a row's path or joined with `+=`
 * are views or ropes in V8, and every comparison would follow the indirection. A property key
 * comes back as the engine's internalized (flat) copy.
 */
function flatText(text: string): string {
  return Object.keys({ [text]: 0 })[0]!;
}

/** Appends `text` to `codes`; returns where it starts. */
function poolText(codes: CodePool, text: string): number {
  const at = codes.used;
  const need = at + text.length;
  // Never happens (see `CodePool`); if it did, a text cut short would compare wrong: the matcher denies instead.
  if (need > codes.units.length) throw new Error('A route trie\'s texts outgrew their pool.');
  for (let x = 0; x < text.length; x++) codes.units[at + x] = text.charCodeAt(x);
  codes.used = need;
  return at;
}

/**
 * Fills the table of a node's literal children (`TrieNode.table`), once the trie is built,
 * after joining chains: a literal child whose node has no end, no parameters, no tails and one
 * literal child of its own is merged with that child (`packages` → `conan` → `v1` becomes one
 * edge `packages/conan/v1`), so the walk compares the chain's text once instead of hashing and
 * looking up each segment; the nodes it skips offered no alternative to backtrack into. The edge is
 * found by its first character, or by the hash of its first segment (`TrieNode.table`).
 */
function indexLiterals(node: TrieNode): void {
  const lits = node.literals;
  for (const lit of lits) {
    let next = lit.node;
    for (;;) {
      if (next.pending !== undefined) sortPending(next);
      if (!(next.end < 0 && next.params.length === 0 && next.tails.length === 0 && next.literals.length === 1)) break;
      lit.text += `/${next.literals[0]!.text}`;
      next = next.literals[0]!.node;
    }
    lit.node = next;
  }
  if (lits.length > 0) {
    let size = 2;
    while (size < lits.length * 2) size *= 2;
    // Keyed by the first character when few children share one (a probe then reads the path where the
    // comparison starts), else by the first segment's hash (many children alike: `deploy0` … `deploy99`).
    const byFirst = new Map<number, number>();
    for (const lit of lits) byFirst.set(lit.text.charCodeAt(0), (byFirst.get(lit.text.charCodeAt(0)) ?? 0) + 1);
    let radix = true;
    for (const count of byFirst.values()) if (count > RADIX_MAX_SHARED) radix = false;
    const table: (number | TrieNode)[] = [];
    for (let j = 0; j < size; j++) table.push(-1, 0, node, 0);
    for (const lit of lits) {
      const text = lit.text;
      const slash = text.indexOf('/');
      const key = radix ? text.charCodeAt(0) : segmentHash(slash < 0 ? text : text.slice(0, slash)) & HASH_MASK;
      let j = key & (size - 1);
      while (table[4 * j] !== -1) j = (j + 1) & (size - 1);
      table[4 * j] = key;
      table[4 * j + 1] = poolText(node.codes, text);
      table[4 * j + 2] = lit.node;
      table[4 * j + 3] = 2 * text.length + (isCanonicalSpan(text, 0, text.length) ? 1 : 0);
    }
    node.table = table;
    node.mask = size - 1;
    node.radix = radix;
  }
  if (node.params.length === 1 && node.params[0]!.plain) node.param = node.params[0]!.node;
  node.last = node.params.length === 0 && node.tails.length === 0;
}

/** Makes a node walkable: its candidates sorted into children, its literal children indexed (the children themselves wait for the walk). */
function prepareNode(node: TrieNode): void {
  if (node.pending !== undefined) sortPending(node);
  indexLiterals(node);
  node.ready = true;
}

/** `1` and `2` as the `[kind, prefix, suffix]` form they abbreviate. */
function expandToken(t: RouteTokenData): Exclude<RouteTokenData, number> {
  return t === 1 || t === 2 ? [t, '', ''] : t;
}

function tokenElements(token: RouteTokenData): (string | 1 | 2)[] {
  const t = expandToken(token);
  if (typeof t === 'string') return [t];
  if (t[0] === 3) return [...t[1]];
  const out: (string | 1 | 2)[] = [];
  if (t[1] !== '') out.push(t[1]);
  out.push(t[0]);
  if (t[2] !== '') out.push(t[2]);
  return out;
}

function tailElements(tokens: readonly RouteTokenData[]): (string | 1 | 2)[] {
  const out: (string | 1 | 2)[] = [];
  tokens.forEach((t, i) => {
    for (const e of i === 0 ? tokenElements(t) : ['/', ...tokenElements(t)]) {
      if (typeof e === 'string' && typeof out[out.length - 1] === 'string') out[out.length - 1] += e;
      else out.push(e);
    }
  });
  return out;
}

const countVars = (els: RouteElements) => els.reduce<number>((k, e) => k + (typeof e === 'string' ? 0 : 1), 0);

/**
 * The tokens of a path pattern without optional groups, as the generator compiles them
 * (`RouteTokenData`): `/`-separated segments, `:name` a parameter and `*name` a splat, `\\x` the
 * literal `x`, literal text merged; a trailing `/` adds nothing (the root `/` has no segment).
 * `undefined` for anything else (`(`, `)`, an empty, `.` or `..` segment, `:` or `*` without a
 * name, an escaped `/`): the generator then writes the tokens out. The generator checks, for every
 * candidate it emits as a row number, that this gives exactly its tokens (and tests do too).
 */
export function patternTokens(path: string): RouteTokenData[] | undefined {
  const n = path.length;
  if (n === 0 || path.charCodeAt(0) !== 47) return undefined;
  const out: RouteTokenData[] = [];
  let parts: (string | 1 | 2)[] = [];
  let text = '';
  for (let i = 1; i <= n; i++) {
    const c = i === n ? 47 : path.charCodeAt(i);
    if (c === 47) {
      if (text !== '') parts.push(text);
      text = '';
      if (parts.length === 0) {
        if (i === n) break; // a trailing `/`, or the root
        return undefined;
      }
      const token = segmentToken(parts);
      if (token === undefined) return undefined;
      out.push(token);
      parts = [];
    } else if (c === 92) {
      const d = path.charCodeAt(i + 1);
      if (!(d > 32 && d < 127) || d === 47) return undefined;
      text += path[i + 1];
      i++;
    } else if (c === 58 || c === 42) {
      let j = i + 1;
      if (!(j < n && isNameChar(path.charCodeAt(j)) && !(path.charCodeAt(j) >= 48 && path.charCodeAt(j) <= 57))) return undefined;
      while (j < n && isNameChar(path.charCodeAt(j))) j++;
      if (text !== '') parts.push(text);
      text = '';
      parts.push(c === 58 ? 1 : 2);
      i = j - 1;
    } else if (c === 40 || c === 41) return undefined;
    else {
      // A run of plain literal characters, taken in one slice.
      let j = i + 1;
      for (; j < n; j++) {
        const d = path.charCodeAt(j);
        if (d === 47 || d === 92 || d === 58 || d === 42 || d === 40 || d === 41) break;
      }
      text += path.slice(i, j);
      i = j - 1;
    }
  }
  return out;
}

/** `[A-Za-z0-9_]`. */
function isNameChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
}

/** One segment's pieces (literal text merged; 1 a parameter, 2 a splat) as a token. */
function segmentToken(parts: readonly (string | 1 | 2)[]): RouteTokenData | undefined {
  let vars = 0;
  let at = -1;
  for (let k = 0; k < parts.length; k++) if (typeof parts[k] !== 'string') (vars++, (at = k));
  if (vars === 0) {
    const t = parts[0] as string;
    return t === '.' || t === '..' ? undefined : t;
  }
  if (vars > 1) return [3, parts, parts.indexOf(2) >= 0 ? 1 : 0];
  const kind = parts[at] as 1 | 2;
  if (parts.length === 1) return kind;
  return [kind, at > 0 ? (parts[0] as string) : '', at < parts.length - 1 ? (parts[parts.length - 1] as string) : ''];
}

/**
 * A method's candidates, most specific first (the generator's order: lexicographic over segment
 * tokens, so the children of every node appear in the order the walk must try them), as a table
 * whose trie grows as walks reach its nodes. Candidate k answers as `base + k`; a candidate given as a
 * row number takes its tokens from `rows[row].path` (`patternTokens`).
 */
export function buildRouteTrie(candidates: readonly RouteCandidateData[], base: number, rows: readonly { readonly path: string }[]): RouteTrie {
  return { candidates, base, rows, root: undefined };
}

/** The row of every candidate of `tries`, in order (the candidates of one table are numbered across its methods). */
export function candidateRows(tries: readonly RouteTrie[]): number[] {
  const out: number[] = [];
  for (const t of tries) for (const c of t.candidates) out.push(typeof c === 'number' ? c : c[0]);
  return out;
}

/** The tokens of one candidate (a row's path, or written out). */
function candidateTokens(trie: RouteTrie, c: RouteCandidateData): readonly RouteTokenData[] | undefined {
  if (typeof c !== 'number') return c.slice(1) as RouteTokenData[];
  // The generator writes out every alternative this does not parse: `undefined` (no candidate) never happens for its tables.
  const row = trie.rows[c];
  return row === undefined ? undefined : patternTokens(row.path);
}

function growTrie(trie: RouteTrie): TrieNode {
  const pending: PendingCandidate[] = [];
  let size = 0;
  trie.candidates.forEach((c, k) => {
    const tokens = candidateTokens(trie, c);
    if (tokens === undefined) return;
    pending.push({ candidate: trie.base + k, tokens });
    for (const t of tokens) if (typeof t === 'string') size += t.length + 1;
  });
  const root = newTrieNode(0, { units: new Uint16Array(size), used: 0 });
  root.pending = pending;
  trie.root = root;
  return root;
}

/**
 * Sorts a node's waiting candidates into its children by their token at the node's depth, in
 * candidate order (most specific first): literal children by text, parameter children by shape,
 * splat tails, and the node's own end (the first candidate that ends here).
 */
function sortPending(node: TrieNode): void {
  const pending = node.pending!;
  node.pending = undefined;
  const i = node.depth;
  let byText: Map<string, LiteralEdge> | undefined;
  for (const { candidate, tokens } of pending) {
    if (i === tokens.length) {
      if (node.end < 0) node.end = candidate;
      continue;
    }
    const t = expandToken(tokens[i]!);
    if (typeof t === 'string') {
      byText ??= new Map();
      let hit = byText.get(t);
      if (!hit) {
        node.literals.push((hit = { text: t, node: newTrieNode(i + 1, node.codes) }));
        byText.set(t, hit);
      }
      hit.node.pending!.push({ candidate, tokens });
    } else if (t[0] === 1 || (t[0] === 3 && t[2] === 0)) {
      const els = t[0] === 3 ? t[1] : undefined;
      const prefix = t[0] === 1 ? t[1] : '';
      const suffix = t[0] === 1 ? t[2] : '';
      const key = els === undefined ? undefined : JSON.stringify(els);
      let edge = node.params.find((p) => (els === undefined ? p.els === undefined && p.prefix === prefix && p.suffix === suffix : p.els !== undefined && JSON.stringify(p.els) === key));
      if (!edge) node.params.push((edge = { prefix, suffix, plain: els === undefined && prefix === '' && suffix === '', els, vars: els === undefined ? 1 : countVars(els), node: newTrieNode(i + 1, node.codes) }));
      edge.node.pending!.push({ candidate, tokens });
    } else {
      const els = tailElements(tokens.slice(i));
      const minLength = els.reduce<number>((m, x) => m + (typeof x === 'string' ? x.length : 1), 0);
      const first = typeof els[0] === 'string' ? els[0] : '';
      const last = els.length > 1 && typeof els[els.length - 1] === 'string' ? (els[els.length - 1] as string) : '';
      node.tails.push({ els, candidate, minLength, first, last, lone: els.length === 1 && els[0] === 2, plan: tailPlan(els) ?? null });
    }
  }
}

/**
 * The most specific candidate for path `p` (raw or canonical) in a trie, or -1; the boundaries of
 * its parameters are left in `bounds` (two per parameter, in order) and whether each is canonical in
 * `checks` (0 yes, 1 no, -1 to be checked: `areSpansCanonical`). A depth-first walk over path
 * segments: at each node a literal child (exact text), then parameter children, then the splat
 * tails, in that order, the first that leads to a match wins: the order of `compareAlternatives`.
 * Backtracks only from a literal child into its siblings; tails are matched in linear time.
 * A walk builds the nodes it is the first to reach (`prepareNode`).
 */
export function walkRouteTrie(trie: RouteTrie, p: string, bounds: Int32Array, checks: Int32Array): number {
  const n = p.length;
  walkPath = p;
  // A table passes the same scratch arrays every time: comparing is cheaper than storing (a pointer
  // store into the module's scope pays a write barrier; measured 2% of a job-token match).
  if (walkBounds !== bounds) walkBounds = bounds;
  if (walkChecks !== checks) walkChecks = checks;
  walkFar = 0;
  walkRead = 0;
  return walkNode(trie.root ?? growTrie(trie), n === 1 ? 1 : 0, 0);
}

/**
 * `walkRouteTrie` on `first`, then on `then` when `first` has no match (a table's `HEAD` routes,
 * then its `GET` routes). What the miss check reads after a walk (`walkFar`, `walkRead`) then covers
 * both walks: a miss is final only when neither read past the canonical prefix (the `GET` walk alone
 * may stop early where a `HEAD` route would have read on, and its canonical path match).
 */
export function walkRouteTries(first: RouteTrie, then: RouteTrie, p: string, bounds: Int32Array, checks: Int32Array): number {
  const i = walkRouteTrie(first, p, bounds, checks);
  if (i >= 0) return i;
  const far = walkFar;
  const read = walkRead;
  const j = walkRouteTrie(then, p, bounds, checks);
  if (far > walkFar) walkFar = far;
  if (read > walkRead) walkRead = read;
  return j;
}

// The walk's path and scratch arrays, set by `walkRouteTrie` (fewer arguments per recursive call).
let walkPath = '';
let walkBounds: Int32Array = new Int32Array(0);
let walkChecks: Int32Array = new Int32Array(0);
// What the walk of `walkPath` saw, for `mayCanonicalizationChange`: the end of the segments it scanned
// or matched to a literal edge whose text is canonical, without a gap from the start, each canonical
// as it is.
let walkFar = 0;
// After a walk without a match: the furthest position of `walkPath` it read or compared with the
// path's length (a segment's end, a literal edge's end; the whole path once a splat tail is tried),
// noted on each way out without a match (a match notes nothing). A miss that read nothing past
// `walkFar` is decided by those segments alone (`mayCanonicalizationChange`).
let walkRead = 0;

function walkNode(node: TrieNode, cursor: number, k: number): number {
  const p = walkPath;
  const n = p.length;
  const bounds = walkBounds;
  const checks = walkChecks;
  // A step into a child that is the node's last alternative (`TrieNode.last`) loops instead of recursing.
  step: for (;;) {
    if (!node.ready) prepareNode(node);
    // Every child needs at least one character: at the end of the path only the node itself can answer.
    if (cursor >= n) {
      walkRead = n;
      return node.end;
    }
    const s = cursor + 1;
    const table = node.table;
    let e = s;
    let raw = 0;
    if (node.radix) {
      if (table.length !== 0) {
        // A literal child by its first character, then its text compared along the path (radix style):
        // the segments it covers are neither scanned nor hashed, and they are canonical when its text is.
        const c0 = p.charCodeAt(s);
        const mask = node.mask;
        for (let j = c0 & mask; ; j = (j + 1) & mask) {
          const key = table[4 * j] as number;
          if (key === -1) break;
          if (key !== c0) continue;
          const meta = table[4 * j + 3] as number;
          // The edge's text (one or more whole segments) at `s`, then `/` or the end of the path.
          const len = meta >> 1;
          const end = s + len;
          // A failed comparison notes how far it read (`walkRead`); a match leaves that to the child.
          if (end > n || (end !== n && p.charCodeAt(end) !== 47)) {
            if (end > walkRead) walkRead = end;
            continue;
          }
          const at = table[4 * j + 1] as number;
          const pool = node.units;
          let x = 1;
          while (x < len && pool[at + x] === p.charCodeAt(s + x)) x++;
          if (x !== len) {
            if (end > walkRead) walkRead = end;
            continue;
          }
          if (cursor <= walkFar && end > walkFar && (meta & 1) === 1) walkFar = end;
          if (node.last) {
            node = table[4 * j + 2] as TrieNode;
            cursor = end;
            continue step;
          }
          const found = walkNode(table[4 * j + 2] as TrieNode, end, k);
          if (found >= 0) return found;
          break; // a segment equals at most one literal
        }
      }
      // Past the literal children: one pass over the segment, where it ends and whether it is canonical as it is.
      for (; e < n; e++) {
        const ch = p.charCodeAt(e);
        if (ch === 47) break;
        raw |= ch < 128 ? RAW_CHARS[ch]! : 1;
      }
    } else {
      // Many literal children alike: one pass over the segment (its end, whether it is canonical, its hash), then the hash table.
      let h = 0;
      for (; e < n; e++) {
        const ch = p.charCodeAt(e);
        if (ch === 47) break;
        raw |= ch < 128 ? RAW_CHARS[ch]! : 1;
        h = (Math.imul(h, 31) + ch) | 0;
      }
      if (e > s) {
        const mask = node.mask;
        const hk = h & HASH_MASK;
        for (let j = hk & mask; ; j = (j + 1) & mask) {
          const key = table[4 * j] as number;
          if (key === -1) break;
          if (key !== hk) continue;
          const meta = table[4 * j + 3] as number;
          const len = meta >> 1;
          const end = s + len;
          if (end !== n && p.charCodeAt(end) !== 47) {
            if (end > walkRead) walkRead = end;
            continue;
          }
          const at = table[4 * j + 1] as number;
          const pool = node.units;
          let x = 0;
          while (x < len && pool[at + x] === p.charCodeAt(s + x)) x++;
          if (x !== len) {
            if (end > walkRead) walkRead = end;
            continue;
          }
          if (cursor <= walkFar && end > walkFar && (meta & 1) === 1) walkFar = end;
          if (node.last) {
            node = table[4 * j + 2] as TrieNode;
            cursor = end;
            continue step;
          }
          const found = walkNode(table[4 * j + 2] as TrieNode, end, k);
          if (found >= 0) return found;
          break; // a segment equals at most one literal
        }
      }
    }
    if (e - s <= 2 && p.charCodeAt(s) === 46 && (e - s === 1 || p.charCodeAt(s + 1) === 46)) raw = 1;
    if (e > walkFar && cursor <= walkFar && raw === 0 && e > s) walkFar = e;
    const param = node.param;
    if (param !== null) {
      // The only parameter edge, plain: the whole segment.
      if (e === s) return tailsAfter(node, s, e, k);
      bounds[2 * k] = s;
      bounds[2 * k + 1] = e;
      checks[k] = raw;
      if (node.tails.length === 0) {
        node = param;
        cursor = e;
        k++;
        continue;
      }
      const found = walkNode(param, e, k + 1);
      return found >= 0 ? found : tailsAfter(node, s, e, k);
    }
    const params = node.params;
    for (let j = 0; j < params.length; j++) {
      const edge = params[j]!;
      if (edge.plain) {
        if (e === s) continue;
        bounds[2 * k] = s;
        bounds[2 * k + 1] = e;
        checks[k] = raw;
      } else if (edge.els === undefined) {
        if (e - s <= edge.prefix.length + edge.suffix.length) continue;
        if ((edge.prefix !== '' && !p.startsWith(edge.prefix, s)) || (edge.suffix !== '' && !p.endsWith(edge.suffix, e))) continue;
        bounds[2 * k] = s + edge.prefix.length;
        bounds[2 * k + 1] = e - edge.suffix.length;
        checks[k] = raw;
      } else if (!matchElements(p, s, e, edge.els, bounds, checks, k)) continue;
      const found = walkNode(edge.node, e, k + edge.vars);
      if (found >= 0) return found;
    }
    return tailsAfter(node, s, e, k);
  }
}

/**
 * `tailsOf` where the walk of a node may end without a match, having scanned its segment to `e`:
 * notes that in `walkRead` first. Every way out of `walkNode` without a match notes the furthest
 * position it read (a child that fails notes one past the parent's reads), so a match notes nothing.
 */
function tailsAfter(node: TrieNode, s: number, e: number, k: number): number {
  if (e > walkRead) walkRead = e;
  return tailsOf(node, s, k);
}

/** The first of a node's splat tails that takes the rest of the path from `s`, or -1. */
function tailsOf(node: TrieNode, s: number, k: number): number {
  const tails = node.tails;
  if (tails.length === 0) return -1;
  const p = walkPath;
  const n = p.length;
  walkRead = n;
  const bounds = walkBounds;
  const checks = walkChecks;
  for (let j = 0; j < tails.length; j++) {
    const tail = tails[j]!;
    if (n - s < tail.minLength) continue;
    // A lone splat (`*path` to the end: catch-alls) takes the rest of the path.
    if (tail.lone) {
      if (n === s) continue; // one or more characters (a trailing `/` leaves none)
      bounds[2 * k] = s;
      bounds[2 * k + 1] = n;
      checks[k] = -1;
      return tail.candidate;
    }
    // `matchTail` compares the literal text at both ends itself, first.
    const plan = tail.plan;
    if (plan !== null) {
      if (matchTail(p, s, n, plan, bounds, checks, k)) return tail.candidate;
      continue;
    }
    const last = tail.last;
    if (last !== '' && !p.endsWith(last, n)) continue;
    const first = tail.first;
    if (first !== '' && !p.startsWith(first, s)) continue;
    if (matchElements(p, s, n, tail.els, bounds, checks, k)) return tail.candidate;
  }
  return -1;
}
