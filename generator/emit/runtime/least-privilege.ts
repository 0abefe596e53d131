/**
 * Least privilege for a workload (copied by `generator/emit/least-privilege.ts` into the package as
 * `gitlab/runtime/least-privilege.ts` and `forgejo/runtime/least-privilege.ts`): given what each
 * request needs from one kind of token (a `RequestVerdict`), the smallest grant that lets every
 * grantable request through, and the requests that kind of token cannot make.
 *
 * It does not know any page: each token kind turns a request into a verdict with its own lookup
 * (the job-token route matcher, the classic-scope readings, Forgejo's route rules, the fine-grained
 * REST matcher) and this file combines the verdicts. Self-contained: no imports.
 *
 * The grant (deterministic, README "Least privilege"):
 * 1. A request whose verdict has a single alternative forces it (every id in it is needed).
 * 2. The other requests are satisfied by the subset of the remaining candidate ids with the least
 *    total weight (weights say how much a grant allows: `read:issue` weighs less than
 *    `write:issue`, `read_api` less than `api`), then the fewest ids, then the first sorted list.
 *    With positive weights this set is minimal: no id can be dropped without denying a request.
 * 3. Past `EXACT_SUBSET_LIMIT` subsets, a greedy choice is made and then every id that is not
 *    needed is dropped (minimal, maybe not of least weight); `method` says which.
 */

/** One input of the workload. `line` and `text` are where it was read (for the report); they do not change the answer. */
export type LeastPrivilegeRequest =
  | { readonly kind: 'rest'; readonly method: string; readonly path: string; readonly line?: number; readonly text?: string }
  | { readonly kind: 'operation'; readonly operation: string; readonly target: string; readonly line?: number; readonly text?: string }
  | GraphqlWorkloadRequest;

/**
 * One requirement of a GraphQL operation, as `requiredPermissionsForOperation` (gitlab/graphql)
 * found it: an operation needs every one of its requirements, so each is one input of the workload
 * (built by `graphqlLeastPrivilegeRequests`, not by hand). Any one of `alternatives` satisfies it;
 * none when the page does not grant it (strict mode); one empty alternative when the operation
 * needs nothing at all.
 */
export interface GraphqlWorkloadRequest {
  readonly kind: 'graphql';
  /** `query GetProject` (`(anonymous)` for an unnamed operation). */
  readonly operation: string;
  /** What needs the permissions: `CiRunner`, `Project.runners`, `RunnerUpdate`. */
  readonly subject: string;
  /** `type`, `field`, `mutation`, `unlisted-type`, `unknown-mutation`, `none` (the operation needs nothing), or `invalid` (the schema rejects the document; `subject` is the first error). */
  readonly reason: string;
  /** Schema coordinates of the selected fields that need it (`Query.project`). */
  readonly fields: readonly string[];
  readonly alternatives: readonly (readonly string[])[];
  /** Boundaries of the page rows behind it. */
  readonly boundaries: readonly string[];
  /** `file:line:column` of the page rows behind it. */
  readonly source: readonly string[];
  readonly line?: number;
  readonly text?: string;
}

/**
 * What one request needs from one kind of token.
 * - `needs`: any one of `alternatives` (each a set of ids that are all needed) lets it through;
 * - `always`: no permission is needed (fine-grained "always accessible" endpoints);
 * - `default-access`: listed, but the kind's permissions do not control it: the token's default access decides (job-token `None` rows);
 * - `unavailable`: the page says this kind of token cannot make it;
 * - `unknown`: the page does not list it for this kind: denied.
 */
export type RequestVerdict =
  | {
      readonly status: 'needs';
      readonly alternatives: readonly (readonly string[])[];
      /** The page lines behind each alternative (same order), when they differ per alternative; `source` holds them all. */
      readonly alternativeSources?: readonly (readonly string[])[];
      readonly boundaries?: readonly string[];
      readonly why: string;
      readonly source: readonly string[];
    }
  | { readonly status: 'always' | 'default-access' | 'unavailable' | 'unknown'; readonly why: string; readonly source: readonly string[] };

/** A request and its verdict, with its index in the input. */
export interface RequestAnswer<R extends LeastPrivilegeRequest = LeastPrivilegeRequest> {
  readonly index: number;
  readonly request: R;
  readonly verdict: RequestVerdict;
  /** For a `needs` verdict let through by the grant: the alternative it is let through with, and the page lines behind it. */
  readonly grantedWith?: { readonly ids: readonly string[]; readonly source: readonly string[] };
}

/** One id of the grant and the requests it is there for (in input order). */
export interface GrantedId<R extends LeastPrivilegeRequest = LeastPrivilegeRequest> {
  readonly id: string;
  /** Union of the boundaries (`project`, `group`, `user`, `instance`) of the requests that need it; empty when the kind has no boundaries. */
  readonly boundaries: readonly string[];
  /**
   * What the grant must cover: each set is the boundaries one request takes the id at (any one of
   * them is enough for that request), and every set must be covered. `[['project'], ['group']]`: at
   * the project and at the group; `[['group', 'project']]`: at either. A set that holds another is
   * left out (covering the smaller one covers it); sorted; empty when the kind has no boundaries.
   */
  readonly boundarySets: readonly (readonly string[])[];
  /** The requests whose chosen alternative contains this id. */
  readonly neededBy: readonly RequestAnswer<R>[];
}

/** The answer for one kind of token. */
export interface TokenKindAnswer<K extends string = string, R extends LeastPrivilegeRequest = LeastPrivilegeRequest> {
  readonly kind: K;
  /** The minimal grant, sorted. */
  readonly grant: readonly string[];
  readonly ids: readonly GrantedId<R>[];
  /** How the grant was chosen (see the file's comment). */
  readonly method: 'exact' | 'greedy';
  /** Requests that need nothing (`always`). */
  readonly free: readonly RequestAnswer<R>[];
  /** Requests the grant does not let through: `default-access`, `unavailable`, `unknown`. */
  readonly notGranted: readonly RequestAnswer<R>[];
  /** True when every request is let through by `grant` (or needs nothing). */
  readonly complete: boolean;
  /** Every request with its verdict, in input order. */
  readonly requests: readonly RequestAnswer<R>[];
}

/** 2^16 subsets of the remaining candidates at most: milliseconds; real workloads are decided by step 1 almost entirely. */
export const EXACT_SUBSET_LIMIT: number = 1 << 16;

/** Requirements checked by the exact search, and again by the greedy one, before each gives way (about a second each, at worst). */
const SEARCH_WORK_LIMIT: number = 10_000_000;

/** The least grant of one token kind for `requests`, given each request's verdict. `weight` defaults to 1 for every id. */
export function leastGrant<K extends string, R extends LeastPrivilegeRequest>(
  kind: K,
  requests: readonly R[],
  verdictOf: (request: R) => RequestVerdict,
  weight: (id: string) => number = () => 1,
): TokenKindAnswer<K, R> {
  requests = readRequests(requests);
  const needs = (v: RequestVerdict): v is Extract<RequestVerdict, { status: 'needs' }> => v.status === 'needs' && v.alternatives.length > 0;
  // Verdicts are interned: requests with equal verdicts (a log's requests of one route, whatever their
  // ids) share one frozen verdict, and its alternatives are deduplicated and sorted once; the search
  // and the report below read the same lists. A log of 100,000 requests kept a verdict and its strings
  // per request and kind (2.8 KB per request), now one per distinct verdict.
  const interned = new Map<string, { verdict: RequestVerdict; alternatives: string[][] | undefined }>();
  const verdicts: RequestVerdict[] = [];
  const normalized: (string[][] | undefined)[] = [];
  for (const request of requests) {
    const v = safeVerdict(verdictOf, request);
    const key = JSON.stringify(v);
    let hit = interned.get(key);
    if (hit === undefined) {
      hit = { verdict: deepFreezeVerdict(v), alternatives: needs(v) ? v.alternatives.map((alt) => [...new Set(alt)].sort(compare)) : undefined };
      interned.set(key, hit);
    }
    verdicts.push(hit.verdict);
    normalized.push(hit.alternatives);
  }
  const requirements = [...new Set(normalized)].filter((alts): alts is string[][] => alts !== undefined);
  const { ids: grant, method } = leastWeightSet(requirements, weight);
  const chosen = new Set(grant);
  const byId = new Map<string, { sets: Set<readonly string[]>; neededBy: RequestAnswer<R>[] }>(grant.map((id) => [id, { sets: new Set(), neededBy: [] }]));
  // Per interned list of alternatives: the one the grant satisfies with the least weight (the one its
  // requests are reported under), as the answers' shared `grantedWith`.
  const grantedWith = new Map<string[][], { ids: readonly string[]; source: readonly string[] } | undefined>();
  const answers: RequestAnswer<R>[] = requests.map((request, index) => {
    const verdict = verdicts[index]!;
    const alternatives = normalized[index];
    if (!needs(verdict) || alternatives === undefined) return Object.freeze({ index, request, verdict });
    if (!grantedWith.has(alternatives)) {
      const k = alternatives
        .map((alt, i) => ({ alt, i }))
        .filter(({ alt }) => alt.every((id) => chosen.has(id)))
        .sort((x, y) => totalWeight(x.alt, weight) - totalWeight(y.alt, weight) || x.alt.length - y.alt.length || compare(x.alt.join(' '), y.alt.join(' ')))[0];
      grantedWith.set(alternatives, k === undefined ? undefined : Object.freeze({ ids: Object.freeze(k.alt), source: verdict.alternativeSources?.[k.i] ?? verdict.source }));
    }
    const granted = grantedWith.get(alternatives);
    if (granted === undefined) return Object.freeze({ index, request, verdict });
    const answer: RequestAnswer<R> = Object.freeze({ index, request, verdict, grantedWith: granted });
    for (const id of granted.ids) {
      const entry = byId.get(id)!;
      entry.neededBy.push(answer);
      // The interned verdict's own list: one entry per distinct verdict, not per request.
      if (verdict.boundaries !== undefined && verdict.boundaries.length > 0) entry.sets.add(verdict.boundaries);
    }
    return answer;
  });
  const notGranted = answers.filter((a) => a.verdict.status !== 'needs' && a.verdict.status !== 'always');
  const emptyNeeds = answers.filter((a) => a.verdict.status === 'needs' && a.verdict.alternatives.length === 0);
  return Object.freeze({
    kind,
    grant: Object.freeze([...grant]),
    ids: Object.freeze(grant.map((id) => { const entry = byId.get(id)!; return Object.freeze({ id, boundaries: Object.freeze([...new Set([...entry.sets].flat())].sort(compare)), boundarySets: smallestSets(entry.sets), neededBy: Object.freeze(entry.neededBy) }); })),
    method,
    free: Object.freeze(answers.filter((a) => a.verdict.status === 'always')),
    // A `needs` verdict with no alternative cannot be satisfied: reported with the others, never dropped.
    notGranted: Object.freeze([...notGranted, ...emptyNeeds].sort((x, y) => x.index - y.index)),
    complete: notGranted.length === 0 && emptyNeeds.length === 0,
    requests: Object.freeze(answers),
  });
}

/** The distinct sets (each deduplicated and sorted), without any set that holds another one, sorted (by size, then text): frozen. */
function smallestSets(lists: Iterable<readonly string[]>): readonly (readonly string[])[] {
  const sets = [...lists].map((list) => [...new Set(list)].sort(compare));
  const distinct = [...new Map(sets.map((set) => [set.join(' '), set])).values()].sort((x, y) => x.length - y.length || compare(x.join(' '), y.join(' ')));
  const kept: string[][] = [];
  for (const set of distinct) if (!kept.some((k) => k.every((b) => set.includes(b)))) kept.push(set);
  return Object.freeze(kept.map((set) => Object.freeze(set)));
}

/**
 * The most requests of one workload that are read. A longer one (a hostile sparse array of length
 * 2^32 − 1 once crashed V8 with an invalid-size error) is answered for its first
 * `MAX_WORKLOAD_REQUESTS` requests plus one denied input that says the rest were not read, so the
 * answer is never `complete`. A real access log of a million API requests is answered in seconds;
 * larger ones are better deduplicated first.
 */
export const MAX_WORKLOAD_REQUESTS: number = 1_000_000;

/** The input standing for the requests past `MAX_WORKLOAD_REQUESTS`: denied by `safeVerdict`. */
const NOT_READ: object = Object.freeze({ kind: 'not-read' });

/**
 * The requests as a plain array, read once: a hole or an element whose getter throws becomes
 * `undefined` (denied as "not a request object"), and anything that is not an array is one such input,
 * so the answer is never `complete` for a workload that could not be read.
 */
function readRequests<R>(requests: readonly R[]): R[] {
  let n: number;
  try {
    // A revoked Proxy throws on Array.isArray, a length getter may throw: not a workload that can be read.
    if (!Array.isArray(requests)) return [undefined as R];
    n = requests.length;
  } catch {
    return [undefined as R];
  }
  const out: R[] = [];
  for (let i = 0; i < n && i < MAX_WORKLOAD_REQUESTS; i++) {
    try {
      out.push(requests[i] as R);
    } catch {
      out.push(undefined as R);
    }
  }
  if (n > MAX_WORKLOAD_REQUESTS) out.push(NOT_READ as R);
  return out;
}

/**
 * A plain copy of a request's own fields (never inherited ones), each read once: the verdicts read `kind`, `method` and
 * `path` more than once, and a getter that answered differently on a later read (`kind` 'rest' for
 * the method check, then 'operation') once turned `OPTIONS /api/graphql` into `api`. Throws when a
 * field cannot be read (`safeVerdict` denies the request then).
 */
function snapshotRequest(request: object): Record<string, unknown> {
  const r = request as Record<string, unknown>;
  // Own fields only: a `method` or `kind` someone set on `Object.prototype` is not the request's.
  const own = (key: string): unknown => (Object.hasOwn(r, key) ? r[key] : undefined);
  const kind = own('kind');
  const fields = kind === 'rest' ? REST_FIELDS : kind === 'operation' ? OPERATION_FIELDS : kind === 'graphql' ? GRAPHQL_FIELDS : NO_FIELDS;
  // No prototype: a field the request lacks reads `undefined`, never an `Object.prototype` value.
  const copy = Object.create(null) as Record<string, unknown>;
  copy.kind = kind;
  for (const f of fields) {
    const value = own(f);
    if (value !== undefined) copy[f] = value;
  }
  return Object.freeze(copy);
}

const NO_FIELDS: readonly string[] = Object.freeze(['line', 'text']);
const REST_FIELDS: readonly string[] = Object.freeze(['method', 'path', 'line', 'text']);
const OPERATION_FIELDS: readonly string[] = Object.freeze(['operation', 'target', 'line', 'text']);
const GRAPHQL_FIELDS: readonly string[] = Object.freeze(['operation', 'subject', 'reason', 'fields', 'alternatives', 'boundaries', 'source', 'line', 'text']);

/**
 * A lookup that throws on a malformed request (not an object, a path that is not a string, …) denies
 * it instead; the lookup sees a plain copy of the request (`snapshotRequest`). The exported
 * one-request verdicts (`jobTokenRequestVerdict`, …) go through it too. A `needs` verdict is copied with its lists checked (arrays of strings: a hand-made
 * GraphQL input can hold anything), so nothing read later can throw.
 */
export function safeVerdict<R>(verdictOf: (request: R) => RequestVerdict, request: R): RequestVerdict {
  try {
    if (request === NOT_READ) return { status: 'unknown', why: `The workload has more than ${MAX_WORKLOAD_REQUESTS} requests; those past it were not read: denied.`, source: [] };
    if (request === null || typeof request !== 'object') return { status: 'unknown', why: 'Not a request object: denied.', source: [] };
    const v = verdictOf(snapshotRequest(request) as R);
    if (v.status !== 'needs') return { status: v.status, why: String(v.why), source: copyStrings(v.source) };
    const checked: RequestVerdict = { status: 'needs', alternatives: copyLists(v.alternatives), why: String(v.why), source: copyStrings(v.source) };
    return {
      ...checked,
      ...(v.alternativeSources !== undefined ? { alternativeSources: copyLists(v.alternativeSources) } : {}),
      ...(v.boundaries !== undefined ? { boundaries: copyStrings(v.boundaries) } : {}),
    };
  } catch {
    return { status: 'unknown', why: 'The request could not be read (malformed fields): denied.', source: [] };
  }
}

/** `v` and every array in it, frozen: interned verdicts are shared by the answers of many requests. */
function deepFreezeVerdict(v: RequestVerdict): RequestVerdict {
  for (const value of Object.values(v)) {
    if (!Array.isArray(value)) continue;
    for (const item of value) if (Array.isArray(item)) Object.freeze(item);
    Object.freeze(value);
  }
  return Object.freeze(v);
}

/**
 * A copy of an array of strings, each index read once by a plain loop (never the caller's own `map`,
 * `every` or `flat`, which a hand-made input can replace); throws on anything else, a hole included
 * (`safeVerdict` denies the request then).
 */
export function copyStrings(value: unknown): string[] {
  if (!Array.isArray(value)) throw new TypeError('not a list');
  const n = value.length;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const x: unknown = value[i];
    if (typeof x !== 'string') throw new TypeError('not a string');
    out.push(x);
  }
  return out;
}

/** A copy of an array of arrays of strings (`copyStrings` for each); throws on anything else. */
export function copyLists(value: unknown): string[][] {
  if (!Array.isArray(value)) throw new TypeError('not a list');
  const n = value.length;
  const out: string[][] = [];
  for (let i = 0; i < n; i++) out.push(copyStrings(value[i]));
  return out;
}

/** The set of least total weight that satisfies every requirement (a list of alternatives, each a set of ids all needed). */
export function leastWeightSet(
  requirements: readonly (readonly (readonly string[])[])[],
  weight: (id: string) => number = () => 1,
  exactLimit: number = EXACT_SUBSET_LIMIT,
): { ids: readonly string[]; method: 'exact' | 'greedy' } {
  // Identical requirements (a log repeats the same request) are checked once.
  const seen = new Set<string>();
  const reqs = requirements.filter((alts) => {
    const key = JSON.stringify(alts);
    if (alts.length === 0 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const forced = new Set<string>();
  for (const alts of reqs) if (alts.length === 1) for (const id of alts[0]!) forced.add(id);
  const rest = reqs.filter((alts) => !satisfied(alts, forced));
  const candidates = [...new Set(rest.flatMap((alts) => alts.flat()))].filter((id) => !forced.has(id)).sort(compare);
  if (rest.length === 0) return { ids: [...forced].sort(compare), method: 'exact' };

  // Work budgets (requirements checked) keep hand-made inputs (thousands of distinct alternatives:
  // real pages give a few dozen) from taking minutes: past one, the next method takes over.
  let budget = SEARCH_WORK_LIMIT;
  if (candidates.length < 31 && 2 ** candidates.length <= exactLimit) {
    let best: string[] | undefined;
    let bestWeight = Infinity;
    let mask = 1;
    for (; mask < 1 << candidates.length && budget > 0; mask++) {
      const picked = candidates.filter((_, k) => (mask & (1 << k)) !== 0);
      const w = totalWeight(picked, weight);
      if (w > bestWeight) continue;
      const set = new Set([...forced, ...picked]);
      budget -= rest.length;
      if (!rest.every((alts) => satisfied(alts, set))) continue;
      if (best === undefined || w < bestWeight || picked.length < best.length || (picked.length === best.length && compare(picked.join(' '), best.join(' ')) < 0)) {
        best = picked;
        bestWeight = w;
      }
    }
    // Every subset tried (a stop on the budget is not exact, even with a grant found: the greedy search decides).
    if (best !== undefined && mask === 1 << candidates.length) return { ids: [...forced, ...best].sort(compare), method: 'exact' };
  }

  // Greedy: the alternative that satisfies the most open requirements per unit of added weight.
  // Out of budget: each open requirement's lightest alternative (still a grant that satisfies all;
  // the pass below then drops what is not needed).
  budget = SEARCH_WORK_LIMIT;
  const set = new Set(forced);
  let open = rest.filter((alts) => !satisfied(alts, set));
  while (open.length > 0) {
    let pick: readonly string[] | undefined;
    let score = -1;
    const addedWeight = (alt: readonly string[]) => totalWeight(alt.filter((id) => !set.has(id)), weight);
    if (budget <= 0) pick = open[0]!.reduce((x, y) => (addedWeight(y) < addedWeight(x) ? y : x));
    else {
      // Out of budget mid-way: the best alternative so far is still one an open requirement needs.
      search: for (const alts of open) {
        for (const alt of alts) {
          if (budget <= 0 && pick !== undefined) break search;
          budget -= open.length;
          const trial = new Set([...set, ...alt]);
          const covered = open.filter((a) => satisfied(a, trial)).length;
          const s = covered / Math.max(addedWeight(alt), 1e-9);
          if (s > score) {
            score = s;
            pick = alt;
          }
        }
      }
    }
    for (const id of pick!) set.add(id);
    open = open.filter((alts) => !satisfied(alts, set));
  }
  for (const id of [...set].sort(compare).reverse()) {
    if (forced.has(id)) continue;
    set.delete(id);
    if (!rest.every((alts) => satisfied(alts, set))) set.add(id);
  }
  return { ids: [...set].sort(compare), method: 'greedy' };
}

function satisfied(alternatives: readonly (readonly string[])[], set: ReadonlySet<string>): boolean {
  return alternatives.some((alt) => alt.every((id) => set.has(id)));
}

function totalWeight(ids: readonly string[], weight: (id: string) => number): number {
  let w = 0;
  for (const id of ids) w += weight(id);
  return w;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether a path pattern covers a canonical path (no query): literal segments, `:name` any one
 * segment, a trailing `*` this path and every path below it, `**` alone any path.
 */
export function patternCovers(pattern: string, canonicalPath: string): boolean {
  if (pattern === '**') return true;
  const want = pattern.split('/').slice(1);
  const have = canonicalPath.split('/').slice(1);
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    if (w === '*' && i === want.length - 1) return true;
    const h = have[i];
    if (h === undefined || h === '') return false;
    if (w.startsWith(':')) continue;
    if (w !== h) return false;
  }
  return have.length === want.length;
}
