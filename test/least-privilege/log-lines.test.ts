/**
 * Access-log lines a bug hunt found misread: Git LFS transfers (GitLab's `gitlab-lfs/objects` routes)
 * and the column of a diagnostic when the user field is quoted. Log lines and expectations written
 * by hand; the routes from gitlab-org/gitlab `config/routes/git_http.rb`:
 *   scope(path: 'gitlab-lfs/objects/*oid', controller: :lfs_storage, constraints: { oid: /[a-f0-9]{64}/ }) do
 *     get '/', action: :download
 *     constraints(size: /[0-9]+/) do
 *       put '/*size/authorize', action: :upload_authorize
 *       put '/*size', action: :upload_finalize
 * and, under `info/lfs/objects` (lfs_api): `post :batch` (the operation is in the body), `post '/'` and
 * `get '/*oid'` (both `deprecated`: 501, no access check, nothing transferred).
 */
import { describe, expect, it } from 'vitest';
import { readWorkload } from '../../generator/least-privilege/input/index.ts';

const OID = 'a'.repeat(64);
const clf = (request: string) => `10.0.0.1 - - [07/Dec/2026:10:00:00 +0000] "${request}" 200 0`;
const read = (lines: string[]) => readWorkload(`${lines.join('\n')}\n`, 'x.log', '/api/v4', 'clf');
const items = (w: ReturnType<typeof readWorkload>) => w.items.map((i) => (i.kind === 'rest' ? [i.line, i.method, i.path] : [i.line, i.operation, i.target]));
const diagnostics = (w: ReturnType<typeof readWorkload>) => w.diagnostics.map((d) => [d.line, d.column, d.severity, d.ruleId]);

describe('Git LFS transfers (gitlab-lfs/objects)', () => {
  const w = read([
    /* 1 */ clf(`PUT /acme/app.git/gitlab-lfs/objects/${OID}/1024 HTTP/1.1`),
    /* 2 */ clf(`GET /acme/app.git/gitlab-lfs/objects/${OID} HTTP/1.1`),
    /* 3 */ clf(`HEAD /acme/app.git/gitlab-lfs/objects/${OID} HTTP/1.1`),
    /* 4 */ clf(`PUT /acme/app.git/gitlab-lfs/objects/${OID}/1024/authorize HTTP/1.1`),
    /* 5 */ clf(`GET /acme/sub/app.git/gitlab-lfs/objects/${OID} HTTP/1.1`),
    /* 6 */ clf(`GET https://gitlab.example.com/acme/app.git/gitlab-lfs/objects/${OID}?x=1 HTTP/1.1`),
    // No route: refused at their line, never guessed.
    /* 7 */ clf(`GET /acme/app.git/gitlab-lfs/objects/${OID}/1024 HTTP/1.1`), // a size is only on PUT
    /* 8 */ clf(`PUT /acme/app.git/gitlab-lfs/objects/${OID} HTTP/1.1`), // PUT needs the size
    /* 9 */ clf(`PUT /acme/app.git/gitlab-lfs/objects/${OID}/12x HTTP/1.1`), // size: /[0-9]+/
    /* 10 */ clf(`GET /acme/app.git/gitlab-lfs/objects/${'A'.repeat(64)} HTTP/1.1`), // oid: /[a-f0-9]{64}/
    /* 11 */ clf(`GET /acme/app.git/gitlab-lfs/objects/${'a'.repeat(63)} HTTP/1.1`),
    /* 12 */ clf(`DELETE /acme/app.git/gitlab-lfs/objects/${OID} HTTP/1.1`),
    /* 13 */ clf(`POST /acme/app.git/gitlab-lfs/objects/${OID}/1024 HTTP/1.1`),
    // The LFS API: the batch request names its operation in its body; the others are `deprecated` (501, nothing transferred).
    /* 14 */ clf('POST /acme/app.git/info/lfs/objects/batch HTTP/1.1'),
    /* 15 */ clf(`GET /acme/app.git/info/lfs/objects/${OID} HTTP/1.1`),
    /* 16 */ clf('POST /acme/app.git/info/lfs/objects HTTP/1.1'),
    /* 17 */ clf(`PUT /acme/app.git/info/lfs/objects/${OID} HTTP/1.1`),
  ]);

  it('reads downloads and uploads as the routes state', () => {
    expect(items(w)).toEqual([
      [1, 'lfs-upload', 'acme/app'],
      [2, 'lfs-download', 'acme/app'],
      [3, 'lfs-download', 'acme/app'],
      [4, 'lfs-upload', 'acme/app'],
      [5, 'lfs-download', 'acme/sub/app'],
      [6, 'lfs-download', 'acme/app'],
    ]);
  });

  it('reports every other LFS path as not answered, at the request line (column 44: the quote is at 43, `awk \'{print index($0, "\\"")}\'`)', () => {
    expect(diagnostics(w)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17].map((line) => [line, 44, 'warning', 'workload-not-api']));
  });
});

describe('CLF diagnostic columns', () => {
  it('point into the request line when the user field is quoted', () => {
    // /tmp/hunt-lp/column.log's line: `awk '{print index($0, "\"get")}'` gives the request's quote at 23, so the method is at 24.
    const w = read(['1.2.3.4 - "us er" [x] "get /api/v4/projects/1 HTTP/1.1" 200 1']);
    expect(diagnostics(w)).toEqual([[1, 24, 'error', 'workload-method']]);
  });

  it('a quoted user holding a quote-like field and a garbled request', () => {
    // The request's quote: `1.2.3.4 - "a [b] c" [x] ` is 24 characters, so the quote is at 25 and the request at 26.
    const w = read(['1.2.3.4 - "a [b] c" [x] "GARBLED" 400 0']);
    expect(diagnostics(w)).toEqual([[1, 26, 'error', 'workload-clf-request']]);
  });
});

describe('Git smart HTTP info/refs (`get \'/info/refs\'` only)', () => {
  // A bug hunt: `POST …/info/refs?service=git-receive-pack` was read as a push (and so granted push_code).
  const w = read([
    /* 1 */ clf('GET /acme/app.git/info/refs?service=git-receive-pack HTTP/1.1'),
    /* 2 */ clf('HEAD /acme/app.git/info/refs?service=git-upload-pack HTTP/1.1'),
    /* 3 */ clf('POST /acme/app.git/info/refs?service=git-receive-pack HTTP/1.1'),
    /* 4 */ clf('DELETE /acme/app.git/info/refs?service=git-receive-pack HTTP/1.1'),
    /* 5 */ clf('OPTIONS /acme/app.git/info/refs?service=git-receive-pack HTTP/1.1'),
    /* 6 */ clf('PUT /acme/app.git/info/refs?service=git-upload-pack HTTP/1.1'),
  ]);

  it('reads GET and HEAD as the service names them', () => {
    expect(items(w)).toEqual([
      [1, 'git-push', 'acme/app'],
      [2, 'git-pull', 'acme/app'],
    ]);
  });

  it('reports any other method as not answered (no route), never as a transfer', () => {
    expect(diagnostics(w).map(([line, , severity, rule]) => [line, severity, rule])).toEqual([3, 4, 5, 6].map((line) => [line, 'warning', 'workload-not-api']));
  });
});

describe('GitLab GraphQL API requests in a log (a bug hunt: they were warnings, so --require passed)', () => {
  it('reports POST /api/graphql (any method, with a query, an absolute URL, or a path that canonicalizes to it) as an error: the operation is in the body', () => {
    const w = read([
      /* 1 */ clf('GET /api/v4/projects/42/releases HTTP/1.1'),
      /* 2 */ clf('POST /api/graphql HTTP/1.1'),
      /* 3 */ clf('GET /api/graphql?query=%7Bcurrent_user%7Bid%7D%7D HTTP/1.1'),
      /* 4 */ clf('POST https://gitlab.example.com/api/graphql HTTP/1.1'),
      /* 5 */ clf('POST /api/v4/../graphql HTTP/1.1'),
      // Not GitLab's GraphQL endpoint: web requests, reported as before.
      /* 6 */ clf('POST /api/graphqlx HTTP/1.1'),
      /* 7 */ clf('GET /-/graphql-explorer HTTP/1.1'),
    ]);
    expect(items(w)).toEqual([[1, 'GET', '/api/v4/projects/42/releases']]);
    expect(diagnostics(w)).toEqual([
      [2, 44, 'error', 'workload-graphql-request'],
      [3, 44, 'error', 'workload-graphql-request'],
      [4, 44, 'error', 'workload-graphql-request'],
      [5, 44, 'error', 'workload-graphql-request'],
      [6, 44, 'warning', 'workload-not-api'],
      [7, 44, 'warning', 'workload-not-api'],
    ]);
  });

  it('leaves /api/graphql to the web-request warning for Forgejo, which has no GraphQL API', () => {
    const w = readWorkload(`${clf('POST /api/graphql HTTP/1.1')}\n`, 'x.log', '/api/v1', 'clf');
    expect(diagnostics(w)).toEqual([[1, 44, 'warning', 'workload-not-api']]);
  });
});
