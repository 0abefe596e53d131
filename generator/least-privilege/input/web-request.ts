/**
 * A request as a web server logged it (method + target) → a workload item: GitLab's REST API
 * (`/api/v4/…`, passed on as sent), Git over HTTP (smart HTTP and LFS), or an RSS / calendar feed.
 * Anything else (web UI pages, assets) is not something a token's permissions are documented for:
 * it is reported, not answered.
 */
import { HTTP_METHODS } from '../../model/http-methods.ts';
import { canonicalizePath } from '../../emit/runtime/route-path.ts';
import { feedOperation } from './feed-paths.ts';
import { targetPath, targetQuery, type LineResult } from './workload.ts';

/** `apiBase`: GitLab's `/api/v4`, Forgejo's `/api/v1`. */
export function webRequestItem(method: string, target: string, line: number, text: string, apiBase: string): LineResult {
  if (!(HTTP_METHODS as readonly string[]).includes(method))
    return { error: `Unknown request method \`${method}\`.`, ruleId: 'workload-method', hint: 'Methods are upper case: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS.' };
  const path = targetPath(target);
  if (path === undefined) return { error: `Cannot read the request target \`${target}\`.`, ruleId: 'workload-target', hint: 'The target must be a path (`/api/v4/…`) or an absolute URL.' };
  // GitLab's GraphQL API takes tokens too, but what a request needs is in its body (the operation), which an
  // access log does not hold: an error (with `--require`, the run fails), never a warning that drops it.
  // Decided on the path as GitLab routes it, canonical (`/api/v4/../graphql` is `/api/graphql`), as sent when it has none.
  const graphql = GRAPHQL_ENDPOINTS.get(apiBase);
  const canonical = canonicalizePath(path);
  if (graphql !== undefined && isUnder(canonical ?? path, graphql))
    return {
      error: `\`${method} ${path}\` is a GraphQL API request: what it needs depends on its operation, which the log does not hold; not answered.`,
      ruleId: 'workload-graphql-request',
      hint: 'Answer the operations themselves: `permgen least-privilege operations.graphql --schema schema.graphql` (see README, "Least privilege").',
    };
  // An API request when the path, as sent or canonicalized (`/%61pi/v4/…`, `//api/v4/…`), is under the base. It is
  // passed on as sent: the library places it as the package's matchers do (canonicalize, then remove the base once),
  // so `/api/v4/api/v4/…` is denied there as by `is…RequestAllowed`, and `/api/v4/../v4/…` answered like `/api/v4/…`.
  if (isUnder(path, apiBase) || isUnder(canonical, apiBase)) return { kind: 'rest', method, path, line, text };
  const git = gitOperation(method, path, targetQuery(target));
  if (git !== undefined) return { kind: 'operation', operation: git.operation, target: git.target, line, text };
  if (/\.(atom|ics)$/.test(path) && (method === 'GET' || method === 'HEAD')) {
    const feed = feedOperation(path);
    if (feed !== undefined) return { kind: 'operation', operation: feed, target: path, line, text };
  }
  return {
    error: `\`${method} ${path}\` is not a REST API (${apiBase}), Git-over-HTTP or feed request: no token page documents it; not answered.`,
    ruleId: 'workload-not-api',
    hint: 'Filter the log to API, Git and feed requests, or list the requests in the plain list format.',
    severity: 'warning',
  };
}

/** The GraphQL endpoint beside a REST API base: GitLab's `/api/graphql` (Forgejo has none). */
const GRAPHQL_ENDPOINTS: ReadonlyMap<string, string> = new Map([['/api/v4', '/api/graphql']]);

/** `path` is `base` or below it (`/api/v4`, `/api/v4/…`; not `/api/v4x`). */
function isUnder(path: string | undefined, base: string): boolean {
  return path !== undefined && path.startsWith(base) && (path.length === base.length || path.charCodeAt(base.length) === 0x2f);
}

/**
 * Git smart HTTP and LFS, as GitLab routes them under the repository path (gitlab-org/gitlab,
 * `config/routes/git_http.rb`):
 * - `get '/info/refs'` with `?service=git-upload-pack` and `post '/git-upload-pack'`: pull (clone, fetch);
 *   `?service=git-receive-pack` and `post '/git-receive-pack'`: push.
 * - "GitLab LFS object storage", `scope(path: 'gitlab-lfs/objects/*oid', constraints: { oid: /[a-f0-9]{64}/ })`:
 *   `get '/'` (`lfs_storage#download`) is `lfs-download` (Rails answers `HEAD` with a `get` route);
 *   `put '/*size'` (`upload_finalize`) and `put '/*size/authorize'` (`upload_authorize`), `size: /[0-9]+/`,
 *   are `lfs-upload`. A path outside those constraints has no route: reported, not answered.
 * - "Git LFS API (metadata)", `info/lfs/objects`: `post :batch` says in its body, not its path, whether
 *   it downloads or uploads, so it is reported, not answered; `post '/'` and `get '/*oid'` are
 *   `lfs_api#deprecated` (501 "Server supports batch API only", no access check, nothing transferred),
 *   so they need no permission and are reported, not answered (reading them as a transfer would grant
 *   what no request used).
 * `<repo>` ending in `.wiki` is a wiki, `…/snippets/<id>` a snippet.
 */
function gitOperation(method: string, path: string, query: string): { operation: string; target: string } | undefined {
  const m = /^\/(.+?)\.git(\/.*)$/.exec(path);
  if (!m) return undefined;
  const repo = m[1]!;
  const rest = m[2]!;
  const lfs = /^\/gitlab-lfs\/objects\/[a-f0-9]{64}(?:\/([0-9]+)(\/authorize)?)?$/.exec(rest);
  if (lfs) {
    const sized = lfs[1] !== undefined;
    if (!sized && (method === 'GET' || method === 'HEAD')) return { operation: 'lfs-download', target: repo };
    if (sized && method === 'PUT') return { operation: 'lfs-upload', target: repo };
    return undefined;
  }
  const service = /(?:^|&)service=(git-upload-pack|git-receive-pack)(?:&|$)/.exec(query)?.[1];
  let direction: 'pull' | 'push' | undefined;
  // `get '/info/refs'` only (Rails answers `HEAD` with a `get` route): a `POST` or `OPTIONS` to it has no route.
  if (rest === '/info/refs') direction = method !== 'GET' && method !== 'HEAD' ? undefined : service === 'git-receive-pack' ? 'push' : service === 'git-upload-pack' ? 'pull' : undefined;
  else if (rest === '/git-upload-pack' && method === 'POST') direction = 'pull';
  else if (rest === '/git-receive-pack' && method === 'POST') direction = 'push';
  if (direction === undefined) return undefined;
  return { operation: gitOperationName(direction, repo), target: repo };
}

/** `git-pull` / `git-push`, `-wiki` for `<x>.wiki`, `-snippet` for `snippets/<id>` or `<project>/snippets/<id>`. */
export function gitOperationName(direction: 'pull' | 'push', repo: string): string {
  const base = `git-${direction}`;
  if (/\.wiki$/.test(repo)) return `${base}-wiki`;
  if (/(^|\/)snippets\/[0-9]+$/.test(repo)) return `${base}-snippet`;
  return base;
}
