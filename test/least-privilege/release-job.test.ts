/**
 * End to end: a release job's access log (fixtures/release-job.access.log: list the project's
 * releases, upload a generic package, create a release, push a tag over Git) through
 * `permgen least-privilege`, answered by the generated package in generated/.
 *
 * The expected grants are written by hand from the pages:
 * - job token (sources/gitlab-ci-job-token-fine-grained-permissions.md): `GET /projects/:id/releases`
 *   READ_RELEASES (line 242), `PUT /projects/:id/packages/generic/…` ADMIN_PACKAGES (line 164),
 *   `POST /projects/:id/releases` ADMIN_RELEASES (line 234); the page lists no Git operation, so the
 *   push (log lines 4 and 5) is denied.
 * - classic (sources/gitlab-access-token-scopes.ja.flattened.txt): the three REST requests need
 *   `api` (line 19; `read_api` would do for the GET, line 20, but `api` is needed anyway); the push
 *   needs `write_repository` (line 22) or, for a personal access token only, `api` (footnote 1, line
 *   41): personal → `api`; project → `api` + `write_repository`.
 * - fine-grained (gitlab-pat-fine-grained-rest.0739b8b.md lines 1959, 1691, 1956;
 *   gitlab-pat-fine-grained-other-operations.3f07355.md line 40): `read_release`,
 *   `create_package`, `create_release`, `push_code`, all at the project boundary: the REST matcher
 *   and the operations table are both compiled into the package.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLeastPrivilege as run } from './helpers.ts';

const LOG = 'test/least-privilege/fixtures/release-job.access.log';
/** The job-token page compiled today (sources.json), and the line of an endpoint on it, found by its text (the current page's layout or the seed's: lines 164, 234, 242 in the seed page). */
const JOB_TOKEN_PAGE = `sources/${(JSON.parse(readFileSync(new URL('../../sources/sources.json', import.meta.url), 'utf8')) as { sources: { id: string; file: string }[] }).sources.find((s) => s.id === 'gitlab-job-token-permissions')!.file}`;
const jobTokenLine = (endpoint: string) => readFileSync(new URL(`../../${JOB_TOKEN_PAGE}`, import.meta.url), 'utf8').split('\n').findIndex((l) => l.includes(`\`${endpoint}\``)) + 1;
const PUT_PACKAGE = jobTokenLine('PUT /projects/:id/packages/generic/:package_name/*package_version/(*path/):file_name');
const POST_RELEASE = jobTokenLine('POST /projects/:id/releases');
const GET_RELEASES = jobTokenLine('GET /projects/:id/releases');
const SCOPES_PAGE = 'sources/gitlab-access-token-scopes.ja.flattened.txt';
const REST_PAGE = 'sources/gitlab-pat-fine-grained-rest.0739b8b.md';
const OPS_PAGE = 'sources/gitlab-pat-fine-grained-other-operations.3f07355.md';

interface JsonKind {
  kind: string;
  complete: boolean;
  grant: string[];
  ids: { id: string; boundaries: string[]; neededBy: { line: number; source: string[] }[] }[];
  notGranted: { line: number; status: string; source: string[] }[];
}

describe('permgen least-privilege on a release job', () => {
  it('finds the three endpoints on the job-token page', () => {
    expect([PUT_PACKAGE, POST_RELEASE, GET_RELEASES].every((l) => l > 0)).toBe(true);
  });

  it('prints the three answers and their reasons', async () => {
    const r = await run(LOG);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`${LOG}: 5 input(s) read as clf.`);
    expect(r.stdout).toContain(
      [
        'CI/CD job token: cannot grant 2 of 5 input(s)',
        '  grant: ADMIN_PACKAGES, ADMIN_RELEASES, READ_RELEASES',
        '  ADMIN_PACKAGES: 1 input(s)',
        `    line 2    PUT /api/v4/projects/42/packages/generic/app/1.4.0/app-linux-amd64.tar.gz  ${JOB_TOKEN_PAGE}:${PUT_PACKAGE}:1`,
        '  ADMIN_RELEASES: 1 input(s)',
        `    line 3    POST /api/v4/projects/42/releases  ${JOB_TOKEN_PAGE}:${POST_RELEASE}:1`,
        '  READ_RELEASES: 1 input(s)',
        `    line 1    GET /api/v4/projects/42/releases  ${JOB_TOKEN_PAGE}:${GET_RELEASES}:1`,
        '  not granted: 2 input(s)',
        '    unknown: The job-token page lists REST API endpoints only; it does not say whether a job token can make this operation: denied.',
        '      line 4    git-push acme/app',
        '      line 5    git-push acme/app',
      ].join('\n'),
    );
    expect(r.stdout).toContain(
      [
        'Classic access token scopes (personal access token): grants every input',
        '  grant: api',
        '  api: 5 input(s)',
        `    line 1    GET /api/v4/projects/42/releases  ${SCOPES_PAGE}:19`,
      ].join('\n'),
    );
    expect(r.stdout).toContain(
      [
        'Fine-grained personal access token: grants every input',
        '  grant: create_package, create_release, push_code, read_release',
        '  create_package (at project): 1 input(s)',
        `    line 2    PUT /api/v4/projects/42/packages/generic/app/1.4.0/app-linux-amd64.tar.gz  ${REST_PAGE}:1691:1`,
        '  create_release (at project): 1 input(s)',
        `    line 3    POST /api/v4/projects/42/releases  ${REST_PAGE}:1956:1`,
        '  push_code (at project): 2 input(s)',
        `    line 4    git-push acme/app  ${OPS_PAGE}:40:1`,
        `    line 5    git-push acme/app  ${OPS_PAGE}:40:1`,
        '  read_release (at project): 1 input(s)',
        `    line 1    GET /api/v4/projects/42/releases  ${REST_PAGE}:1959:1`,
      ].join('\n'),
    );
  });

  it('JSON: the grants written by hand from the pages', async () => {
    const r = await run(LOG, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { format: string; inputs: number; kinds: JsonKind[] };
    expect(out.format).toBe('clf');
    expect(out.inputs).toBe(5);
    const kind = (k: string) => out.kinds.find((x) => x.kind === k)!;

    const job = kind('job-token');
    expect(job.grant).toEqual(['ADMIN_PACKAGES', 'ADMIN_RELEASES', 'READ_RELEASES']);
    expect(job.ids.map((i) => [i.id, i.neededBy.map((n) => n.line)])).toEqual([
      ['ADMIN_PACKAGES', [2]],
      ['ADMIN_RELEASES', [3]],
      ['READ_RELEASES', [1]],
    ]);
    expect(job.notGranted.map((n) => [n.line, n.status])).toEqual([
      [4, 'unknown'],
      [5, 'unknown'],
    ]);

    const classic = kind('classic');
    expect(classic.grant).toEqual(['api']);
    expect(classic.complete).toBe(true);
    // The push is let through by footnote 1 (line 41) for a personal access token.
    expect(classic.ids[0]!.neededBy.filter((n) => n.line >= 4).map((n) => n.source)).toEqual([[`${SCOPES_PAGE}:41:1`], [`${SCOPES_PAGE}:41:1`]]);

    const fine = kind('fine-grained');
    const { fineGrainedLookupsCompiled } = (await import('../../generated/gitlab/least-privilege.js')) as { fineGrainedLookupsCompiled: { rest: boolean; operations: boolean } };
    // Both lookups are compiled into the package (generated/gitlab/rest-routes.ts, operation-permissions.ts).
    expect(fineGrainedLookupsCompiled).toEqual({ rest: true, operations: true });
    expect(fine.complete).toBe(true);
    expect(fine.grant).toEqual(['create_package', 'create_release', 'push_code', 'read_release']);
    expect(fine.ids.map((i) => [i.id, i.boundaries, i.neededBy.map((n) => [n.line, n.source])])).toEqual([
      ['create_package', ['project'], [[2, [`${REST_PAGE}:1691:1`]]]],
      ['create_release', ['project'], [[3, [`${REST_PAGE}:1956:1`]]]],
      ['push_code', ['project'], [4, 5].map((l) => [l, [`${OPS_PAGE}:40:1`]])],
      ['read_release', ['project'], [[1, [`${REST_PAGE}:1959:1`]]]],
    ]);
    expect(fine.notGranted).toEqual([]);
  });

  it('a project access token needs write_repository for the push (footnote 1 is for personal tokens only)', async () => {
    const out = JSON.parse((await run(LOG, '--json', '--token-type', 'project')).stdout) as { kinds: JsonKind[] };
    expect(out.kinds.find((k) => k.kind === 'classic')!.grant).toEqual(['api', 'write_repository']);
  });

  it('--require exits 1 when the named kind cannot grant some input, 0 when it can', async () => {
    const job = await run(LOG, '--require', 'job-token');
    expect(job.code).toBe(1);
    expect(job.stderr).toBe('permgen least-privilege: CI/CD job token cannot grant 2 input(s) (--require job-token).\n');
    expect((await run(LOG, '--require', 'classic')).code).toBe(0);
    expect((await run(LOG, '--require', 'forgejo')).code).toBe(2);
  });

  it('an inherited name as a provider or format is a usage error, not a crash (bug hunt)', async () => {
    for (const args of [['--format', 'constructor'], ['--format', '__proto__'], ['--provider', 'toString', '--require', 'x'], ['--provider', 'constructor']]) {
      const r = await run(LOG, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^permgen least-privilege: unknown (provider|format) `/);
    }
  });

  it('reports unreadable lines on stderr, and with --require they fail the run', async () => {
    const r = await run('test/least-privilege/fixtures/input/list.txt', '--require', 'classic');
    expect(r.stderr).toContain('test/least-privilege/fixtures/input/list.txt:19:1 error Unknown Git command `git rebase`.');
    expect(r.code).toBe(1);
  });

  it('a row the job-token page lists as unavailable is denied as unavailable, said as such', async () => {
    // Both tag rows are under the GA page's `## Unavailable API endpoints` ("CI/CD job tokens cannot access the following endpoints").
    const DELETE_TAG = jobTokenLine('DELETE /projects/:id/registry/repositories/:repository_id/tags/:tag_name');
    const GET_TAG = jobTokenLine('GET /projects/:id/registry/repositories/:repository_id/tags/:tag_name');
    const r = await run('test/least-privilege/fixtures/registry-cleanup.list', '--json');
    const out = JSON.parse(r.stdout) as { kinds: JsonKind[] };
    const job = out.kinds.find((k) => k.kind === 'job-token')!;
    expect(job.grant).toEqual([]);
    expect(job.notGranted.map((n) => [n.line, n.status, n.source])).toEqual([
      [2, 'unavailable', [`${JOB_TOKEN_PAGE}:${GET_TAG}:1`]],
      [3, 'unavailable', [`${JOB_TOKEN_PAGE}:${DELETE_TAG}:1`]],
      [4, 'unknown', []],
    ]);
    // Classic: the GET by read_api (line 20), the DELETE only by api (line 19), the pull by api too (line 19) or read_registry (line 23): api alone weighs less than api + read_registry.
    expect(out.kinds.find((k) => k.kind === 'classic')!.grant).toEqual(['api']);
    const text = (await run('test/least-privilege/fixtures/registry-cleanup.list')).stdout;
    expect(text).toContain("unavailable: Listed among the endpoints CI/CD job tokens cannot access (the page's unavailable section): no job token can make this request; denied.");
  });

  it('Forgejo: write:issue rather than write:repository, read:user; an unlisted route denied (page lines 76, 130)', async () => {
    const r = await run('test/least-privilege/fixtures/forgejo-triage-bot.list', '--provider', 'forgejo', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { kinds: JsonKind[] };
    expect(out.kinds.map((k) => [k.kind, k.grant, k.ids.map((i) => [i.id, i.neededBy.map((n) => n.line)]), k.notGranted.map((n) => n.line)])).toEqual([
      [
        'forgejo',
        ['read:user', 'write:issue'],
        [
          ['read:user', [5]],
          ['write:issue', [2, 3, 4]],
        ],
        [6],
      ],
    ]);
  });
});
