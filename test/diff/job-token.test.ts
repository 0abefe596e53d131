/**
 * Change reports on real history: the seed job-token page against a copy of it with edits a docs
 * change could make, and the seed page against GitLab's current page (what really changed upstream);
 * every expected change is written by hand.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../generator/build-catalog.ts';
import { compareCatalogs } from '../../generator/diff/compare-catalogs.ts';
import { projectRoot } from '../helpers/build.ts';
import { jobTokenProject } from '../generate/helpers.ts';
import { jobTokenSeedProject } from '../helpers/job-token-seed.ts';
import { diff, sourcesWith } from './helpers.ts';

const exec = promisify(execFile);

async function edit(root: string, edits: [string, string][]): Promise<void> {
  const file = path.join(root, 'sources/job-token.md');
  let text = await readFile(file, 'utf8');
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`fixture edit does not apply: ${from}`);
    text = text.replace(from, to);
  }
  await writeFile(file, text);
}

const EDITS: [string, string][] = [
  // 1. Listing releases no longer controllable: widened.
  ['| Releases: Read | `READ_RELEASES` | `GET /projects/:id/releases` | List Releases |', '| None |  | `GET /projects/:id/releases` | List Releases |'],
  // 2. Creating a deployment needs one permission instead of two: widened.
  ['| Deployments: Read and write, Environments: Read and write | `ADMIN_DEPLOYMENTS`, `ADMIN_ENVIRONMENTS` | `POST /projects/:id/deployments` |', '| Deployments: Read and write | `ADMIN_DEPLOYMENTS` | `POST /projects/:id/deployments` |'],
  // 3. Deleting a release needs read instead of admin: widened.
  ['| Releases: Read and write | `ADMIN_RELEASES` | `DELETE /projects/:id/releases/:tag_name` |', '| Releases: Read | `READ_RELEASES` | `DELETE /projects/:id/releases/:tag_name` |'],
  // 4. Listing secure files now needs admin instead of read: a token holding only ADMIN_SECURE_FILES passes now and
  //    failed before (the package requires every listed permission, ADMIN_x does not imply READ_x), so widened,
  //    and its note says what narrowed (a token holding only READ_SECURE_FILES fails now).
  ['| Secure files: Read | `READ_SECURE_FILES` | `GET /projects/:id/secure_files` |', '| Secure files: Read and write | `ADMIN_SECURE_FILES` | `GET /projects/:id/secure_files` |'],
  // 5. An endpoint dropped from the page: job tokens can no longer reach it (narrowed).
  ['| Jobs: Read | `READ_JOBS` | `GET /jobs/:id/artifacts` | Download the artifacts file for job |\n', ''],
  // 6. A new endpoint with a permission: its requests matched no route before (denied), so widened.
  ['| Releases: Read | `READ_RELEASES` | `GET /projects/:id/repository/changelog` |', '| Releases: Read | `READ_RELEASES` | `GET /projects/:id/releases/:tag_name/evidence` | List evidence |\n| Releases: Read | `READ_RELEASES` | `GET /projects/:id/repository/changelog` |'],
];

describe('permgen diff on the job-token page', () => {
  it('classifies each edit', async () => {
    const oldRoot = await jobTokenProject();
    const newRoot = await jobTokenProject();
    await edit(newRoot, EDITS);
    const [a, b] = await Promise.all([buildCatalog({ root: oldRoot }), buildCatalog({ root: newRoot })]);
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const report = compareCatalogs(a.catalog, b.catalog);
    expect(report.changes.map((c) => `${c.impact} ${c.type} ${c.subject}: ${c.before ?? '∅'} → ${c.after ?? '∅'}`).sort()).toEqual([
      'narrowed endpoint-removed GET /jobs/:id/artifacts: READ_JOBS → ∅',
      'widened endpoint-added GET /projects/:id/releases/:tag_name/evidence: ∅ → READ_RELEASES',
      'widened endpoint-permissions DELETE /projects/:id/releases/:tag_name: ADMIN_RELEASES → READ_RELEASES',
      'widened endpoint-permissions GET /projects/:id/releases: READ_RELEASES → None: not controlled by fine-grained permissions',
      'widened endpoint-permissions GET /projects/:id/secure_files: READ_SECURE_FILES → ADMIN_SECURE_FILES',
      'widened endpoint-permissions POST /projects/:id/deployments: ADMIN_DEPLOYMENTS + ADMIN_ENVIRONMENTS → ADMIN_DEPLOYMENTS',
    ]);
    expect(report.changes.find((c) => c.subject === 'GET /projects/:id/secure_files')?.note).toBe(
      'a token holding only ADMIN_SECURE_FILES passes now (READ_SECURE_FILES no longer required); also narrows: a token holding only READ_SECURE_FILES fails now (ADMIN_SECURE_FILES now required)',
    );
    expect(report.changes.find((c) => c.type === 'endpoint-added')?.example).toBe('GET /projects/x/releases/x/evidence');
  });

  it('prints Markdown for a pull request and fails on widened changes', async () => {
    const oldRoot = await jobTokenProject();
    const newRoot = await jobTokenProject();
    await edit(newRoot, EDITS);
    const bin = path.join(projectRoot, 'bin/permgen.js');
    const r = await exec(process.execPath, [bin, 'diff', path.join(oldRoot, 'sources'), newRoot, '--fail-on', 'widened']).catch((e) => e);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('**5 widened** (the new docs require less: review these first)');
    expect(r.stdout).toContain('| `gitlab-job-token-permissions` | endpoint-permissions | `GET /projects/:id/releases` | `READ_RELEASES` | `None: not controlled by fine-grained permissions` | `sources/job-token.md`:');
    expect(r.stdout).toContain('**1 narrowed**');
    // A widened change that also narrows says so in the `why` column.
    expect(r.stdout).toContain(
      '| `gitlab-job-token-permissions` | endpoint-permissions | `GET /projects/:id/secure_files` | `READ_SECURE_FILES` | `ADMIN_SECURE_FILES` | `sources/job-token.md`:248 | a token holding only ADMIN\\_SECURE\\_FILES passes now \\(READ\\_SECURE\\_FILES no longer required\\); also narrows: a token holding only READ\\_SECURE\\_FILES fails now \\(ADMIN\\_SECURE\\_FILES now required\\) |',
    );
    expect(r.stdout).toContain('| `GET /projects/x/releases/x/evidence`: denied → granted by permissions. answered before by no route, now by GET /projects/:id/releases/:tag\\_name/evidence |');
    const same = await exec(process.execPath, [bin, 'diff', oldRoot, oldRoot, '--fail-on', 'any']);
    expect(same.stdout.trim()).toBe('## Token permission changes\n\nNo permission changes.');
  });
});

/** A project whose only source is the job-token entry of the real manifest: the page sources/ compiles today. */

/**
 * The routes of the current page that the seed page does not have (none go the other way):
 *   comm -13 <(grep -o '`[A-Z]* /[^`]*`' test/fixtures/seeds/gitlab-ci-job-token-fine-grained-permissions.md | sort) \
 *            <(grep -o '`[A-Z]* /[^`]*`' sources/gitlab-job-token-fine-grained-permissions.008551b.md | sort)   → 28 lines
 * (`comm -23` on the same lists prints nothing: no route was removed.)
 */
const ADDED = [
  'DELETE /projects/:id/badges/:badge_id',
  'GET /projects/:id/badges',
  'GET /projects/:id/badges/:badge_id',
  'GET /projects/:id/badges/render',
  'GET /projects/:id/issues',
  'GET /projects/:id/issues/:issue_iid',
  'GET /projects/:id/jobs',
  'GET /projects/:id/jobs/:job_id/artifacts/tree',
  'GET /projects/:id/merge_requests',
  'GET /projects/:id/merge_requests/:merge_request_iid',
  'GET /projects/:id/merge_requests/:noteable_id/notes',
  'GET /projects/:id/merge_requests/:noteable_id/notes/:note_id',
  'GET /projects/:id/packages/:package_id/package_files/:package_file_id/download',
  'GET /projects/:id/pipelines',
  'GET /projects/:id/pipelines/:pipeline_id',
  'GET /projects/:id/pipelines/:pipeline_id/bridges',
  'GET /projects/:id/pipelines/:pipeline_id/jobs',
  'GET /projects/:id/pipelines/:pipeline_id/trigger_jobs',
  'GET /projects/:id/repository/branches',
  'GET /projects/:id/repository/commits/:sha',
  'GET /projects/:id/repository/commits/:sha/merge_requests',
  'GET /projects/:id/repository/files/:file_path/raw',
  'GET /projects/:id/repository/tags',
  'GET /projects/:id/repository/tags/:tag_name',
  'POST /projects/:id/badges',
  'POST /token_exchange',
  'PUT /projects/:id/badges/:badge_id',
  'PUT /projects/:id/packages/npm/:package_name/authorize',
];

/**
 * The seed page's `None` rows (beta single-table layout: the token's default access applies, open) that the
 * current page lists under `Unavailable API endpoints` ("CI/CD job tokens cannot access the following
 * endpoints": denied):
 *   comm -12 <(awk '/^## Unavailable API endpoints/{u=1} u' sources/gitlab-job-token-fine-grained-permissions.008551b.md | grep -o '`[A-Z]* /[^`]*`' | sort) \
 *            <(grep '^| None' test/fixtures/seeds/gitlab-ci-job-token-fine-grained-permissions.md | grep -o '`[A-Z]* /[^`]*`' | sort)   → 29 lines
 * (the unavailable section has 30 routes: the 30th, `POST /token_exchange`, is new).
 */
const NOW_UNAVAILABLE = 29;

describe('permgen diff from the seed job-token page to the current one', () => {
  it('reports the 28 added endpoints (26 reach requests no route answered before) and the 29 `None` rows now unavailable, narrowed', async () => {
    const { code, changes } = await diff(await jobTokenSeedProject(), await sourcesWith('gitlab-job-token-permissions'));
    expect(code).toBe(1);
    // + 1: Grape's `.json` suffix. `GET /projects/x/jobs/x/artifacts/tree.json` was the seed's `*artifact_path` row with and
    // without the suffix; on the current page `…/artifacts/tree` is the new tree row (line 112): two rows, denied. Narrowed.
    expect(changes).toHaveLength(28 + NOW_UNAVAILABLE + 1);
    expect(changes.filter((c) => c.type === 'endpoint-requests').map((c) => [c.impact, c.subject, c.example])).toEqual([
      ['narrowed', 'GET /projects/:id/jobs/:job_id/artifacts/*artifact_path → no route', 'GET /projects/x/jobs/x/artifacts/tree.json'],
    ]);
    expect(changes.every((c) => c.source === 'gitlab-job-token-permissions')).toBe(true);
    const added = changes.filter((c) => c.type === 'endpoint-added');
    expect(added.every((c) => c.before === undefined)).toBe(true);
    expect(added.map((c) => c.subject).sort()).toEqual([...ADDED].sort());
    // Every added route but two answers requests the seed page's table denied (no route matched them): a token
    // can do more, widened. The exceptions: `GET /projects/:id/jobs/:job_id/artifacts/tree` (line 112 of the current
    // page, READ_JOBS) takes requests the seed's `GET /projects/:id/jobs/:job_id/artifacts/*artifact_path` (its
    // line 104) answered with READ_JOBS too; `POST /token_exchange` is listed under `Unavailable API endpoints`:
    // denied, as it was when no route matched. Same answers, neutral.
    expect(added.filter((c) => c.impact === 'neutral').map((c) => c.subject)).toEqual(['GET /projects/:id/jobs/:job_id/artifacts/tree', 'POST /token_exchange']);
    expect(added.filter((c) => c.impact === 'widened')).toHaveLength(26);
    expect(changes.find((c) => c.subject === 'POST /token_exchange')).toMatchObject({ impact: 'neutral', after: 'unavailable: CI/CD job tokens cannot access it' });
    // The seed's `None` rows were open (the job token's default access); the current page denies them.
    const permissions = changes.filter((c) => c.type === 'endpoint-permissions');
    expect(permissions).toHaveLength(NOW_UNAVAILABLE);
    expect(permissions.every((c) => c.impact === 'narrowed' && c.before === 'None: not controlled by fine-grained permissions' && c.after === 'unavailable: CI/CD job tokens cannot access it')).toBe(true);
  });
});
