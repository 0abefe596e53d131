/**
 * GitLab token-scopes page → what each classic scope lets a request through with.
 *
 * The page describes scopes in prose ("Grants read access to the API", "Uses Git-over-HTTP"). Turning
 * a sentence into "GET requests to any API path" is interpretation, so every reading is data here,
 * with the page line it reads, the words on that line it rests on (checked against the page by
 * `checkClassicScopeRules` at generation time and by test/least-privilege/classic-scope-rules.test.ts),
 * and why. `generator/emit/least-privilege.ts` emits them as `classicScopeRules`; the README
 * ("Least privilege") lists them and what the page is silent about. A request no reading covers is
 * denied for classic tokens: the page is not stretched.
 *
 * Lines are those of `sources/gitlab-access-token-scopes.ja.flattened.txt` (a flattened export: one
 * scope per line, `<name><availability><description>`, footnotes at the end).
 */
import type { ClassicScopeGrant } from '../emit/runtime/least-privilege-gitlab.ts';
import type { GitlabTokenScopesModel, TokenType } from '../model/catalog.ts';
import type { Reporter } from '../diagnostics/reporter.ts';
import { position } from '../model/position.ts';

export interface ClassicScopeReading {
  scope: string;
  /** Page line: the scope's row, or a footnote line. */
  line: number;
  /** Words on that line, exactly as written. */
  quote: string;
  grants: ClassicScopeGrant;
  tokenTypes: readonly TokenType[];
  alsoRequires: readonly string[];
  why: string;
}

const ALL: readonly TokenType[] = ['personal', 'group', 'project'];
const GIT_PULL = ['git-pull', 'git-pull-wiki', 'git-pull-snippet', 'lfs-download'];
const GIT_PUSH = ['git-push', 'git-push-wiki', 'git-push-snippet', 'lfs-upload'];

export const CLASSIC_SCOPE_READINGS: readonly ClassicScopeReading[] = Object.freeze([
  {
    scope: 'api',
    line: 19,
    quote: 'Grants complete read and write access to the API',
    grants: { kind: 'rest', methods: ['*'], paths: ['**'] },
    tokenTypes: ALL,
    alsoRequires: [],
    why: '"complete read and write access to the API": every REST request, any method.',
  },
  {
    scope: 'api',
    line: 19,
    quote: 'Includes the container registry, the dependency proxy, and the package registry.',
    grants: { kind: 'operation', operations: ['registry-pull', 'registry-push', 'registry-delete', 'dependency-proxy-pull'] },
    tokenTypes: ALL,
    alsoRequires: [],
    why: 'The container registry and the dependency proxy are included (read and write); the package registry is REST API, covered above.',
  },
  {
    scope: 'api',
    line: 41,
    quote: 'For a personal access token, api also grants complete read and write access to the registry and repository through Git-over-HTTP.',
    grants: { kind: 'operation', operations: [...GIT_PULL, ...GIT_PUSH] },
    tokenTypes: ['personal'],
    alsoRequires: [],
    why: 'Footnote 1: Git over HTTP, pull and push, for personal access tokens only ("Group and project access tokens do not include this Git-over-HTTP clause"). Git LFS is read as part of Git over HTTP.',
  },
  {
    scope: 'read_api',
    line: 20,
    quote: 'Grants read access to the API',
    grants: { kind: 'rest', methods: ['GET'], paths: ['**'] },
    tokenTypes: ALL,
    alsoRequires: [],
    why: '"read access to the API" read as GET (and HEAD) requests to any API path. The page does not list endpoints; a GET that changes state would still be allowed by GitLab or not, the page does not say.',
  },
  {
    scope: 'read_api',
    line: 20,
    quote: 'For a personal access token, includes the container registry and the package registry',
    grants: { kind: 'operation', operations: ['registry-pull'] },
    tokenTypes: ['personal'],
    alsoRequires: [],
    why: 'Read access includes the container registry for personal access tokens: pulling images. Group and project tokens get "the package registry only" (REST, covered above).',
  },
  {
    scope: 'read_repository',
    line: 21,
    quote: 'Uses Git-over-HTTP or the repository files API.',
    grants: { kind: 'operation', operations: GIT_PULL },
    tokenTypes: ALL,
    alsoRequires: [],
    why: '"read access (pull) to repositories … Uses Git-over-HTTP": clone, pull and fetch of any Git repository of the target (project, wiki, snippet) and LFS downloads.',
  },
  {
    scope: 'read_repository',
    line: 21,
    quote: 'Uses Git-over-HTTP or the repository files API.',
    grants: { kind: 'rest', methods: ['GET'], paths: ['/projects/:id/repository/files/*'] },
    tokenTypes: ALL,
    alsoRequires: [],
    why: '"or the repository files API": GET requests under /projects/:id/repository/files (read: the scope is read access).',
  },
  {
    scope: 'write_repository',
    line: 22,
    quote: 'Grants read and write access (pull and push) to repositories',
    grants: { kind: 'operation', operations: [...GIT_PULL, ...GIT_PUSH] },
    tokenTypes: ALL,
    alsoRequires: [],
    why: 'Pull and push over Git-over-HTTP ("Uses Git-over-HTTP. Does not support API authentication": no REST request).',
  },
  {
    scope: 'read_registry',
    line: 23,
    quote: 'Grants read access (pull) to container registry images',
    grants: { kind: 'operation', operations: ['registry-pull'] },
    tokenTypes: ALL,
    alsoRequires: [],
    why: 'Pulling container images.',
  },
  {
    scope: 'write_registry',
    line: 24,
    quote: 'Grants write access (push) to container registry images.',
    grants: { kind: 'operation', operations: ['registry-push'] },
    tokenTypes: ['personal'],
    alsoRequires: [],
    why: 'Pushing container images. The page does not say it also allows pulling or deleting.',
  },
  {
    scope: 'write_registry',
    line: 24,
    quote: 'For group and project access tokens, you must also include the read_registry scope to push images.',
    grants: { kind: 'operation', operations: ['registry-push'] },
    tokenTypes: ['group', 'project'],
    alsoRequires: ['read_registry'],
    why: 'Group and project access tokens push only with read_registry as well.',
  },
  {
    scope: 'read_virtual_registry',
    line: 26,
    quote: 'Grants read access (pull) to container images through the dependency proxy.',
    grants: { kind: 'operation', operations: ['dependency-proxy-pull'] },
    tokenTypes: ['personal', 'group'],
    alsoRequires: [],
    why: 'Pulling images through the dependency proxy (footnote 2: for personal tokens only when the project is private and authorization is required).',
  },
  {
    scope: 'write_virtual_registry',
    line: 27,
    quote: 'Grants read and write access (pull, push, and delete) to container images through the dependency proxy.',
    grants: { kind: 'operation', operations: ['dependency-proxy-pull'] },
    tokenTypes: ['personal', 'group'],
    alsoRequires: [],
    why: 'Includes pulling through the dependency proxy.',
  },
  {
    scope: 'read_user',
    line: 35,
    quote: 'through the /user API endpoint',
    grants: { kind: 'rest', methods: ['GET'], paths: ['/user'] },
    tokenTypes: ['personal'],
    alsoRequires: [],
    why: 'Read-only: GET /user.',
  },
  {
    scope: 'read_user',
    line: 35,
    quote: 'Also grants access to read-only API endpoints under /users.',
    grants: { kind: 'rest', methods: ['GET'], paths: ['/users/*'] },
    tokenTypes: ['personal'],
    alsoRequires: [],
    why: '"read-only API endpoints under /users": GET requests to /users and below.',
  },
]);

/**
 * How much each scope allows, to choose between alternatives (`read_api` + `read_repository` rather
 * than `api`). Reviewed: `api` allows every request any reading gives, `read_api` every API read,
 * the `write_*` scopes their `read_*` plus writes.
 */
export const CLASSIC_SCOPE_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  api: 16,
  read_api: 4,
  write_repository: 2,
  read_repository: 1,
  write_registry: 2,
  read_registry: 1,
  write_virtual_registry: 2,
  read_virtual_registry: 1,
  read_user: 1,
});

/**
 * Scopes the page describes without naming a request permgen can recognise: never granted by a
 * reading (listed in the README; a request they might allow is denied for classic tokens).
 */
export const CLASSIC_SCOPES_WITHOUT_READING: readonly { scope: string; line: number; why: string }[] = Object.freeze([
  { scope: 'self_rotate', line: 25, why: '"rotate this token": the page names no endpoint.' },
  { scope: 'create_runner', line: 28, why: '"create runners": the page names no endpoint.' },
  { scope: 'manage_runner', line: 29, why: '"manage runners": the page names no endpoint.' },
  { scope: 'ai_features', line: 30, why: 'GitLab Duo / Code Suggestions APIs: the page names no endpoint.' },
  { scope: 'k8s_proxy', line: 31, why: 'Kubernetes API calls through the agent: not REST API requests of GitLab.' },
  { scope: 'admin_mode', line: 32, why: 'Adds to other scopes when Admin Mode is on; grants no request by itself.' },
  { scope: 'read_service_ping', line: 33, why: '"download the Service Ping payloads": the page names no endpoint.' },
  { scope: 'sudo', line: 34, why: 'Acting as another user: adds to other scopes; grants no request by itself.' },
]);

/**
 * Checks every reading against the page: the line is the scope's row (or a footnote the scope's row
 * refers to) and contains the quoted words. A reading that no longer matches is dropped (the
 * requests only it let through are denied for classic tokens) with a warning: the page changed, the
 * reading must be reviewed again (`--strict` makes it an error).
 */
export function checkClassicScopeRules(model: GitlabTokenScopesModel, report: Reporter): ClassicScopeReading[] {
  const valid: ClassicScopeReading[] = [];
  const at = (line: number) => position(model.source.file, line, 1);
  const noSuchScope = (scope: string, line: number) =>
    report.warn('least-privilege-classic-reading', `Classic-scope reading for \`${scope}\` (line ${line}): the page has no such scope.`, at(line), 'Review generator/least-privilege/classic-scope-rules.ts against the page.');
  for (const r of CLASSIC_SCOPE_READINGS) {
    const row = model.scopes.find((s) => s.name === r.scope);
    if (row === undefined) {
      noSuchScope(r.scope, r.line);
      continue;
    }
    const footnote = model.footnotes.find((f) => f.position.line === r.line);
    const text = row.position.line === r.line ? `${row.name}${row.availabilityText}${row.description}` : footnote !== undefined && row.footnotes.includes(footnote.id) ? footnote.text : undefined;
    if (text === undefined || !text.includes(r.quote)) {
      report.warn(
        'least-privilege-classic-reading',
        `Classic-scope reading for \`${r.scope}\` rests on "${r.quote}" at line ${r.line}, which the page no longer says there (the scope's row is at line ${row.position.line}).`,
        at(r.line),
        'The token-scopes page changed: review generator/least-privilege/classic-scope-rules.ts (line and quote) before trusting the classic-scope answer.',
      );
      continue;
    }
    valid.push(r);
  }
  // The scopes a reading also requires must be on the page too (checked after the readings, in reading order).
  for (const r of CLASSIC_SCOPE_READINGS) for (const scope of r.alsoRequires) if (!model.scopes.some((s) => s.name === scope)) noSuchScope(scope, r.line);
  return valid;
}
