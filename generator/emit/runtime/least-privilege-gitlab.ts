/**
 * GitLab's token kinds as least-privilege verdicts (copied by `generator/emit/least-privilege.ts`
 * into the package as `gitlab/runtime/least-privilege-gitlab.ts`). Each function turns one request
 * into what one kind of token needs for it, from a lookup the package compiled from a page; the
 * lookups are parameters, so a kind whose page is not compiled is answered `unknown` (denied) and
 * tests can pass small hand-made tables.
 */
import { apiRelativePath, canonicalizePath, formatSuffixAt, startsWithApiSegment } from './route-path.js';
import { copyLists, copyStrings, patternCovers, type GraphqlWorkloadRequest, type LeastPrivilegeRequest, type RequestVerdict } from './least-privilege.js';

/** GitLab's REST API base; the pages write routes relative to it. */
export const GITLAB_API_BASE = '/api/v4';

/**
 * The methods a classic scope's `*` stands for: those of GitLab's API routes. `OPTIONS` is not one
 * (no route of the REST pages takes it, and a CORS preflight carries no token): like the matchers,
 * an answer for it is `unknown`, not `api`.
 */
const CLASSIC_REST_METHODS: readonly string[] = Object.freeze(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

// ---------------------------------------------------------------- CI/CD job token

/** The fields of a job-token route row (`JobTokenRouteInfo`) the answer reads. */
export interface JobTokenRowLike {
  readonly permissions: readonly string[];
  readonly controlled: boolean;
  readonly source: string;
  /** The row's page line. */
  readonly line: number;
}

const NO_LINES: ReadonlySet<number> = new Set();

/**
 * What a CI/CD job token needs for a request, from the job-token page's route matcher
 * (`jobTokenRouteFor`); `unavailableLines` are the page lines of the rows its unavailable section
 * lists (the other uncontrolled rows are a single-table page's `None` rows: default access).
 */
export function jobTokenVerdict(request: LeastPrivilegeRequest, routeFor: (method: string, path: string) => JobTokenRowLike | undefined, unavailableLines: ReadonlySet<number> = NO_LINES): RequestVerdict {
  if (request.kind !== 'rest')
    return { status: 'unknown', why: 'The job-token page lists REST API endpoints only; it does not say whether a job token can make this operation: denied.', source: [] };
  // The path as sent: the job-token matcher takes it with or without `/api/v4` and strips the prefix once (as `fineGrainedVerdict`).
  const row = routeFor(request.method, request.path);
  if (row === undefined) return { status: 'unknown', why: 'No endpoint of the job-token page matches: job tokens cannot make this request (denied).', source: [] };
  // A row of the page's unavailable section: "CI/CD job tokens cannot access the following endpoints".
  if (!row.controlled && unavailableLines.has(row.line))
    return { status: 'unavailable', why: 'Listed among the endpoints CI/CD job tokens cannot access (the page\'s unavailable section): no job token can make this request; denied.', source: [row.source] };
  if (!row.controlled || row.permissions.length === 0)
    return {
      status: 'default-access',
      why: 'Listed with no fine-grained permission (`None` / unavailable): permissions cannot grant or restrict it; the job token\'s default access decides.',
      source: [row.source],
    };
  return { status: 'needs', alternatives: [row.permissions], why: 'The endpoint\'s row on the job-token page: every permission listed is needed.', source: [row.source] };
}

// ---------------------------------------------------------------- classic scopes

/** What a classic scope lets through, as read from the token-scopes page (`classicScopeRules`). */
export type ClassicScopeGrant =
  /** REST requests: `methods` (`*` any), to paths covered by one of `paths` (`**` any; see `patternCovers`), relative to `/api/v4`. */
  | { readonly kind: 'rest'; readonly methods: readonly string[]; readonly paths: readonly string[] }
  /** Git and other operations, by short name (`workloadOperationNames`). */
  | { readonly kind: 'operation'; readonly operations: readonly string[] };

/** One reading of the token-scopes page's prose: the scope, what it grants, for which token types, and the line it reads. */
export interface ClassicScopeRule {
  readonly scope: string;
  readonly grants: ClassicScopeGrant;
  /** Token types the reading holds for (`personal`, `group`, `project`). */
  readonly tokenTypes: readonly string[];
  /** Scopes also needed with this one (the page's "you must also include"). */
  readonly alsoRequires: readonly string[];
  /** Words of the page line the reading rests on, as written. */
  readonly quote: string;
  /** Why the words are read this way. */
  readonly why: string;
  /** `file:line` of the page line. */
  readonly source: string;
}

/** What a classic (personal, group or project) access token of `tokenType` needs for a request: any one of the scopes the readings let it through with. */
export function classicScopeVerdict(
  request: LeastPrivilegeRequest,
  rules: readonly ClassicScopeRule[],
  tokenType: string,
  isAvailable: (scope: string, tokenType: string) => boolean,
): RequestVerdict {
  // The page says which scopes reach "the API" but not which of them GraphQL requests need: not read, denied (README, "Least privilege").
  if (request.kind === 'graphql') return { status: 'unknown', why: 'The token-scopes page does not say which scope a GraphQL request needs: denied for classic tokens.', source: [] };
  if (request.kind !== 'rest' && request.kind !== 'operation') return { status: 'unknown', why: 'Not a REST request, an operation or a GraphQL requirement: denied.', source: [] };
  let canonical: string | undefined;
  let jsonStem: string | undefined;
  if (request.kind === 'rest') {
    if (!CLASSIC_REST_METHODS.includes(request.method))
      return { status: 'unknown', why: 'Not a method of GitLab\'s API routes (upper case: GET, HEAD, POST, PUT, PATCH, DELETE): denied.', source: [] };
    // Where the route matchers place a path: canonicalized, then `/api/v4` removed once; a path still
    // under `/api…` (`/api/v3/…`, `/api/v4/api/v4/…`, `/api/internal/…`) is outside what the page calls the API.
    canonical = apiRelativePath(canonicalizePath(request.path), GITLAB_API_BASE);
    if (canonical === undefined || startsWithApiSegment(canonical, GITLAB_API_BASE))
      return { status: 'unknown', why: 'The path cannot be canonicalized safely, or is not under the API root `/api/v4`: denied.', source: [] };
    // Grape's format suffix (`formatSuffixAt`): `/user.json` is served by `GET /user`, `/users.json` by
    // `GET /users`. A reading covering the path without `.json` covers the route Grape serves it by.
    const cut = formatSuffixAt(canonical);
    if (cut > 0) jsonStem = canonical.slice(0, cut);
  }
  const matching = rules.filter((r) => {
    if (!r.tokenTypes.includes(tokenType) || !isAvailable(r.scope, tokenType) || !r.alsoRequires.every((s) => isAvailable(s, tokenType))) return false;
    if (request.kind === 'operation') return r.grants.kind === 'operation' && r.grants.operations.includes(request.operation);
    if (r.grants.kind !== 'rest') return false;
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    return (r.grants.methods.includes('*') || r.grants.methods.includes(method)) && r.grants.paths.some((p) => patternCovers(p, canonical!) || (jsonStem !== undefined && patternCovers(p, jsonStem)));
  });
  if (matching.length === 0)
    return { status: 'unknown', why: `The token-scopes page states no scope that lets a ${tokenType} access token make this request (or it is silent about it): denied.`, source: [] };
  const alternatives = matching.map((r) => [r.scope, ...r.alsoRequires]);
  return {
    status: 'needs',
    alternatives,
    alternativeSources: matching.map((r) => [r.source]),
    why: matching.map((r) => `\`${r.scope}\`: ${r.why}`).join(' '),
    source: [...new Set(matching.map((r) => r.source))],
  };
}

// ---------------------------------------------------------------- fine-grained personal access token

/**
 * The fields of a fine-grained REST route match (`matchFineGrainedRestRoute`) the answer reads:
 * `granted` rows need every id of `permissions` at one of `boundaries`; `always` rows need nothing;
 * `unavailable` rows cannot be called with a fine-grained token.
 */
export interface FineGrainedRestMatchLike {
  readonly access: 'granted' | 'always' | 'unavailable';
  readonly permissions: readonly string[];
  readonly boundaries: readonly string[];
  readonly source?: string | readonly string[];
  readonly reason?: string;
  readonly public?: boolean;
}

/**
 * The fields of an operation of the Git-and-other-operations page (`gitlabOperationPermissions`,
 * keyed by operation id) the answer reads: every id of `permissions` is needed, at one of
 * `boundaries`.
 */
export interface GitlabOperationPermissionLike {
  /** The operation id: `git-operations:push-to-a-project-repository`. */
  readonly operation: string;
  /** The Operation (or Feed) cell as written. */
  readonly name: string;
  /** The heading of the row's section. */
  readonly section: string;
  /** Permission ids in the fine-grained vocabulary (`push_code`): all of them are needed. */
  readonly permissions: readonly string[];
  readonly boundaries: readonly string[];
  /** The footnotes the row cites, as written. */
  readonly footnotes?: readonly string[];
  /** `file:line:column` of the row. */
  readonly source?: string;
}

/**
 * A short operation name of a workload (`git-push`) and the operation of the Git-and-other-operations
 * page it stands for. `Id` is the page's operation-id union when the package has it, so a name that
 * points at no row is a type error in the package (and a generation error before that).
 */
export interface WorkloadOperationName<Id extends string = string> {
  /** The operation id on the Git-and-other-operations page (`git-operations:push-to-a-project-repository`); absent when the page says fine-grained tokens cannot do it. */
  readonly operation?: Id;
  /** Set when the page says fine-grained tokens cannot make the operation: its words and line. */
  readonly unavailable?: { readonly quote: string; readonly source: string };
  /**
   * Set when a footnote of the page says which boundary a target takes (snippets: "Project snippets
   * use the project boundary and personal snippets use the user boundary"): `personal` for a target
   * `snippets/<id>`, `project` for `<project>/snippets/<id>`, with the footnote's line. The row lists
   * both boundaries; a target of either form takes its own only.
   */
  readonly snippetBoundaries?: { readonly personal: string; readonly project: string; readonly source: string };
}

/** The boundary a snippet target takes (`snippetBoundaries`), or undefined when the target has neither form. */
function snippetBoundary(target: unknown, b: NonNullable<WorkloadOperationName['snippetBoundaries']>): string | undefined {
  if (typeof target !== 'string') return undefined;
  if (/^snippets\/[0-9]+$/.test(target)) return b.personal;
  if (/^[^/].*\/snippets\/[0-9]+$/.test(target)) return b.project;
  return undefined;
}

function sources(s: string | readonly string[] | undefined): readonly string[] {
  return s === undefined ? [] : typeof s === 'string' ? [s] : s;
}

/**
 * What a fine-grained personal access token needs for a request: REST requests through the REST
 * matcher, operations through the operations table. A lookup that is `undefined` (its page is not
 * compiled into this package) answers `unknown`: denied.
 */
export function fineGrainedVerdict(
  request: LeastPrivilegeRequest,
  matchRest: ((method: string, path: string) => FineGrainedRestMatchLike | undefined) | undefined,
  operations: Readonly<Record<string, GitlabOperationPermissionLike>> | undefined,
  names: Readonly<Record<string, WorkloadOperationName>>,
  /** The fine-grained permission vocabulary (`isGitlabFineGrainedPermission`); GraphQL inputs are denied without it. */
  isPermission?: (id: string) => boolean,
): RequestVerdict {
  if (request.kind === 'rest') {
    if (matchRest === undefined)
      return { status: 'unknown', why: 'This package was generated without the fine-grained REST page: no answer for REST requests (denied).', source: [] };
    // The path as sent: the REST matcher takes it with or without `/api/v4` and strips the prefix once. Stripping it here as
    // well would answer `/api/v4/api/v4/…` from the row of `/api/v4/…`, a request the package's own check denies.
    const m = matchRest(request.method, request.path);
    if (m === undefined) return { status: 'unknown', why: 'No row of the fine-grained REST page matches: denied.', source: [] };
    if (m.access === 'always') return { status: 'always', why: 'Always accessible: no authentication, no permission checks.', source: sources(m.source) };
    if (m.access === 'unavailable')
      return { status: 'unavailable', why: `Fine-grained tokens cannot call this endpoint${m.reason ? `: ${m.reason}` : '.'}`, source: sources(m.source) };
    if (m.permissions.length === 0) return { status: 'unknown', why: 'The row names no permission: denied.', source: sources(m.source) };
    const also = m.permissions.length > 1 ? ` (also requires ${m.permissions.slice(1).map((p) => `\`${p}\``).join(', ')})` : '';
    const pub = m.public ? ' Not needed when the target resource is public.' : '';
    return { status: 'needs', alternatives: [m.permissions], boundaries: m.boundaries, why: `\`${m.permissions[0]}\`${also} at ${m.boundaries.join(' or ')}.${pub}`, source: sources(m.source) };
  }
  if (request.kind === 'graphql') return graphqlVerdict(request, isPermission);
  if (request.kind !== 'operation') return { status: 'unknown', why: 'Not a REST request, an operation or a GraphQL requirement: denied.', source: [] };
  // A string only (an object's `toString` could answer differently per read), and own properties only: a request
  // naming `constructor` or `__proto__` is not an operation.
  if (typeof request.operation !== 'string') return { status: 'unknown', why: 'Not an operation name: denied.', source: [] };
  const name = hasOwn(names, request.operation) ? names[request.operation] : undefined;
  if (name === undefined) return { status: 'unknown', why: `Unknown operation \`${request.operation}\`: denied.`, source: [] };
  if (name.unavailable !== undefined) return { status: 'unavailable', why: name.unavailable.quote, source: [name.unavailable.source] };
  if (operations === undefined)
    return { status: 'unknown', why: 'This package was generated without the Git-and-other-operations page: no answer for operations (denied).', source: [] };
  const row = name.operation !== undefined && hasOwn(operations, name.operation) ? operations[name.operation] : undefined;
  if (row === undefined) return { status: 'unknown', why: `The operations page has no operation \`${name.operation ?? request.operation}\`: denied.`, source: [] };
  if (row.permissions.length === 0) return { status: 'unknown', why: `The operations page names no permission for \`${row.name}\`: denied.`, source: sources(row.source) };
  let boundaries = [...new Set(row.boundaries.map((b) => b.toLowerCase()))];
  const footnotes = row.footnotes !== undefined && row.footnotes.length > 0 ? ` ${row.footnotes.join(' ')}` : '';
  // A footnote that ties the boundary to the target (snippets): the target's own boundary only, with the footnote's line.
  const own = name.snippetBoundaries !== undefined ? snippetBoundary(request.target, name.snippetBoundaries) : undefined;
  const narrowed = own !== undefined && boundaries.includes(own);
  if (narrowed) boundaries = [own];
  return {
    status: 'needs',
    // Every permission of the row is needed (one alternative holding them all).
    alternatives: [[...new Set(row.permissions)]],
    boundaries,
    why: `${row.section}: ${row.name} needs ${row.permissions.map((p) => `\`${p}\``).join(' and ')} at ${boundaries.join(' or ')}${narrowed ? ` (for \`${String(request.target)}\`)` : ''}.${footnotes}`,
    source: narrowed ? [...sources(row.source), name.snippetBoundaries!.source] : sources(row.source),
  };
}

/** The boundaries a fine-grained permission is granted at (the model's `Boundary`, generator/model/catalog.ts). */
const FINE_GRAINED_BOUNDARIES: readonly string[] = Object.freeze(['project', 'group', 'user', 'instance']);

/**
 * A GraphQL requirement: the alternatives `requiredPermissionsForOperation` found on the GraphQL page.
 * A hand-made input is read as far as it names the package's vocabulary: an id that is not a
 * fine-grained permission, or a boundary that is not one of `FINE_GRAINED_BOUNDARIES`, is denied (such
 * ids were granted, and thousands of made-up ones made the least-grant search take seconds).
 */
function graphqlVerdict(request: GraphqlWorkloadRequest, isPermission: ((id: string) => boolean) | undefined): RequestVerdict {
  // A hand-made input can hold anything: its lists are copied once, index by index (`copyLists`), and every
  // check below reads the copies, which are what the answer keeps (`['']` is not an empty alternative).
  let alternatives: string[][];
  try {
    alternatives = request.alternatives === undefined ? [] : copyLists(request.alternatives);
  } catch {
    return { status: 'unknown', why: `${request.operation}: its alternatives are not lists of permission ids: denied.`, source: [] };
  }
  // `null`: not a list of strings (denied below, after the alternatives' own verdicts, as before).
  let boundaries: string[] | undefined | null;
  try {
    boundaries = request.boundaries === undefined ? undefined : copyStrings(request.boundaries);
  } catch {
    boundaries = null;
  }
  let fields: string[] | undefined;
  try {
    fields = copyStrings(request.fields);
  } catch {
    fields = undefined;
  }
  const at = `${request.operation}: ${fields !== undefined ? fields.join(', ') : request.subject}`;
  if (alternatives.some((a) => a.length === 0)) return { status: 'always', why: `${request.operation} needs no fine-grained permission.`, source: [] };
  if (alternatives.length > 0 && isPermission === undefined)
    return { status: 'unknown', why: 'This package was generated without the fine-grained permission vocabulary: GraphQL inputs cannot be checked (denied).', source: [] };
  const unknownId = alternatives.flat().find((p) => !isPermission!(p));
  if (unknownId !== undefined) return { status: 'unknown', why: `${request.operation}: \`${unknownId}\` is not a fine-grained permission: denied.`, source: [] };
  if (boundaries === null || (boundaries !== undefined && !boundaries.every((b) => FINE_GRAINED_BOUNDARIES.includes(b))))
    return { status: 'unknown', why: `${request.operation}: its boundaries are not fine-grained boundaries (${FINE_GRAINED_BOUNDARIES.join(', ')}): denied.`, source: [] };
  if (request.reason === 'invalid') return { status: 'unknown', why: `${request.operation} is not valid against the schema (${request.subject}): no token can run it; denied.`, source: [] };
  if (alternatives.length === 0) {
    const what = request.reason === 'unknown-mutation' ? `the mutation \`${request.subject}\`` : `the object type \`${request.subject}\``;
    return { status: 'unknown', why: `The GraphQL page does not list ${what} (strict mode): no fine-grained token can run ${at}; denied.`, source: request.source };
  }
  const options = alternatives.map((a) => a.map((p) => `\`${p}\``).join(' + ')).join(' or ');
  return { status: 'needs', alternatives, ...(boundaries ? { boundaries } : {}), why: `${at} needs ${request.subject}: ${options}.`, source: request.source };
}

function hasOwn<T extends object>(record: T, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}
