/**
 * `permgen diff --fail-on widened` on the endpoint tables, one test per finding of the diff bug hunt
 * (findings 5–8, REST and job-token parts): each builds an old and a new sources folder holding one real
 * page (`sources/`), the new one with the one edit the hunter made, runs `permgen diff --json --fail-on
 * widened` (in process), and checks the exit code and every change. Expectations are written by hand from the page
 * (line numbers below are the current pages'; `grep -n` them) and from the README's matching rules.
 */
import { describe, expect, it } from 'vitest';
import type { Change } from '../../generator/diff/change.ts';
import { diff, diffEdit, JOB, jobTokenRows, line, REST } from './helpers.ts';

const CATCH_ALL = 'unavailable to fine-grained tokens: Catch-all fallback'; // REST page line 4028: `* /*path`

/**
 * The changes other than the `.json` narrowings a broad new row brings: a request `…/<x>.json` that only
 * the catch-all takes as written is served by the `<x>` row (GitLab tries its catch-all last); a new row
 * taking it as written makes two rows, so it is denied now (narrowed, `→ no route`, a `.json` example).
 */
function withoutJsonNarrowings(changes: Change[]): Change[] {
  return changes.filter((c) => !(c.impact === 'narrowed' && c.type === 'endpoint-requests' && c.after === undefined && c.example?.endsWith('.json') === true));
}

describe('finding 5: route-shape changes are judged by what requests get', () => {
  it('rest-param-rename-weaker: `:tag_name` → `:tag` with read instead of delete is one renamed row, widened', async () => {
    // REST line 1958, the Releases resource of the Projects category.
    const { code, changes } = await diffEdit(REST, ['| Delete | Project | `DELETE` | `/projects/:id/releases/:tag_name` |', '| Read | Project | `DELETE` | `/projects/:id/releases/:tag` |']);
    expect(code).toBe(1);
    expect(changes.map(line)).toEqual(['widened endpoint-permissions DELETE /projects/:id/releases/:tag: delete_release at project → read_release at project']);
    expect(changes[0]!.note).toContain('renamed from DELETE /projects/:id/releases/:tag_name');
    expect([changes[0]!.beforePosition?.line, changes[0]!.position?.line]).toEqual([1958, 1958]);
  });

  it('job-param-rename-weaker: the same on the job-token page', async () => {
    // Job-token line 247.
    const { code, changes } = await diffEdit(JOB, [
      '| Delete a release | `DELETE /projects/:id/releases/:tag_name` | `ADMIN_RELEASES` | Read and write |',
      '| Delete a release | `DELETE /projects/:id/releases/:tag` | `READ_RELEASES` | Read |',
    ]);
    expect(code).toBe(1);
    expect(changes.map(line)).toEqual(['widened endpoint-permissions DELETE /projects/:id/releases/:tag: ADMIN_RELEASES → READ_RELEASES']);
  });

  it('rest-shadow-new-route: a new literal route takes `latest` from the `:tag_name` route with a weaker permission, widened', async () => {
    const { code, changes } = await diffEdit(REST, [
      '| Delete | Project | `DELETE` | `/projects/:id/releases/:tag_name` |',
      '| Delete | Project | `DELETE` | `/projects/:id/releases/:tag_name` |\n| Read | Project | `DELETE` | `/projects/:id/releases/latest` |',
    ]);
    expect(code).toBe(1);
    expect(changes.map(line)).toEqual([
      'widened endpoint-added DELETE /projects/:id/releases/latest: delete_release at project → read_release at project',
      // Grape's `.json` suffix: `…/latest.json` was `:tag_name` both with and without the suffix; now the two readings are two rows: denied.
      'narrowed endpoint-requests DELETE /projects/:id/releases/:tag_name → no route: delete_release at project → ∅',
    ]);
    expect(changes[0]).toMatchObject({ example: 'DELETE /projects/x/releases/latest', beforePosition: { line: 1958 }, position: { line: 1959 } });
  });

  it('job-shadow-new-route: the same on the job-token page', async () => {
    const row = '| Delete a release | `DELETE /projects/:id/releases/:tag_name` | `ADMIN_RELEASES` | Read and write |';
    const { code, changes } = await diffEdit(JOB, [row, `${row}\n| Delete a release | \`DELETE /projects/:id/releases/latest\` | \`READ_RELEASES\` | Read |`]);
    expect(code).toBe(1);
    expect(changes.map(line)).toEqual([
      'widened endpoint-added DELETE /projects/:id/releases/latest: ADMIN_RELEASES → READ_RELEASES',
      'narrowed endpoint-requests DELETE /projects/:id/releases/:tag_name → no route: ADMIN_RELEASES → ∅',
    ]);
    expect(changes[0]!.example).toBe('DELETE /projects/x/releases/latest');
  });

  it('rest-literal-to-param: `releases` becomes `:resource`: requests the catch-all denied are granted now, widened', async () => {
    const { code, changes } = await diffEdit(REST, ['| Delete | Project | `DELETE` | `/projects/:id/releases/:tag_name` |', '| Delete | Project | `DELETE` | `/projects/:id/:resource/:tag_name` |']);
    expect(code).toBe(1);
    expect(withoutJsonNarrowings(changes).map(line)).toEqual([
      `widened endpoint-added DELETE /projects/:id/:resource/:tag_name: ${CATCH_ALL} → delete_release at project`,
      // DELETE /projects/x/releases/x now goes to the new row, which asks the same: nothing lost.
      'neutral endpoint-removed DELETE /projects/:id/releases/:tag_name: delete_release at project → ∅',
    ]);
    expect(withoutJsonNarrowings(changes)[0]!.example).toBe('DELETE /projects/x/x/x');
  });

  it('job-literal-to-param: the same on the job-token page, where no route matched before', async () => {
    const { code, changes } = await diffEdit(JOB, [
      '| Delete a release | `DELETE /projects/:id/releases/:tag_name` | `ADMIN_RELEASES` | Read and write |',
      '| Delete a release | `DELETE /projects/:id/:x/:tag_name` | `ADMIN_RELEASES` | Read and write |',
    ]);
    expect(code).toBe(1);
    expect(changes.map(line)).toEqual(['widened endpoint-added DELETE /projects/:id/:x/:tag_name: ∅ → ADMIN_RELEASES', 'neutral endpoint-removed DELETE /projects/:id/releases/:tag_name: ADMIN_RELEASES → ∅']);
  });

  it('rest-optional-group: `(/releases)` adds `DELETE /projects/:id/:tag_name`, which the catch-all denied, widened', async () => {
    const { code, changes } = await diffEdit(REST, ['| Delete | Project | `DELETE` | `/projects/:id/releases/:tag_name` |', '| Delete | Project | `DELETE` | `/projects/:id(/releases)/:tag_name` |']);
    expect(code).toBe(1);
    expect(withoutJsonNarrowings(changes).map(line)).toEqual([
      `widened endpoint-added DELETE /projects/:id(/releases)/:tag_name: ${CATCH_ALL} → delete_release at project`,
      'neutral endpoint-removed DELETE /projects/:id/releases/:tag_name: delete_release at project → ∅',
    ]);
    expect(withoutJsonNarrowings(changes)[0]!.example).toBe('DELETE /projects/x/x');
  });

  it('rest-splat: `DELETE /projects/:id/*rest` grants what the catch-all denied, widened', async () => {
    const { code, changes } = await diffEdit(REST, ['| Read | Group | `GET` | `/groups/:id/releases` |', '| Read | Group | `GET` | `/groups/:id/releases` |\n| Read | Project | `DELETE` | `/projects/:id/*rest` |']);
    expect(code).toBe(1);
    expect(withoutJsonNarrowings(changes).map(line)).toEqual([`widened endpoint-added DELETE /projects/:id/*rest: ${CATCH_ALL} → read_release at project`]);
    expect(withoutJsonNarrowings(changes)[0]!.example).toBe('DELETE /projects/x/a/b');
  });
});

describe('finding 6: removing an unavailable REST row', () => {
  it('rest-unavailable-row-removed: its requests fall through to a granted route, widened', async () => {
    // Line 4228 (unavailable) is removed; `PUT /projects/:id/packages/maven/*path/:file_name` (line 1692, Create
    // under Packages: create_package) matches `/projects/x/packages/maven/a/b/authorize` too.
    const { code, changes } = await diffEdit(REST, ['| `PUT` | `/projects/:id/packages/maven/*path/:file_name/authorize` | Workhorse pre-authorization |\n', '']);
    expect(code).toBe(1);
    expect(changes.map(line)).toEqual([
      'widened endpoint-removed PUT /projects/:id/packages/maven/*path/:file_name/authorize: unavailable to fine-grained tokens: Workhorse pre-authorization → create_package at project',
      // Grape's `.json` suffix: `…/authorize.json` was denied (without the suffix it is the removed row, with it
      // `:file_name` = `authorize.json`: two rows); now both readings are line 1692's.
      'widened endpoint-requests no route → PUT /projects/:id/packages/maven/*path/:file_name: ∅ → create_package at project',
    ]);
    expect(changes[0]).toMatchObject({ example: 'PUT /projects/x/packages/maven/a/b/x/authorize', position: { line: 1692 }, beforePosition: { line: 4228 } });
  });
});

describe('finding 7: a permission that is not a superset of the old one', () => {
  it('rest-update-to-read: update_release → read_release is widened (and says it narrowed too)', async () => {
    // Line 1964.
    const { code, changes } = await diffEdit(REST, ['| Update | Project | `PUT` | `/projects/:id/releases/:tag_name` |', '| Read | Project | `PUT` | `/projects/:id/releases/:tag_name` |']);
    expect(code).toBe(1);
    expect(changes.map(line)).toEqual(['widened endpoint-permissions PUT /projects/:id/releases/:tag_name: update_release at project → read_release at project']);
    expect(changes[0]!.note).toBe(
      'a token holding only read_release passes now (update_release no longer required); also narrows: a token holding only update_release fails now (read_release now required)',
    );
  });
});

describe('finding 8: wider on one axis, narrower on another', () => {
  it('rest-footnote-removed: read_merge_request is no longer required (wider), and the route is no longer public (narrower): widened', async () => {
    // Line 300 loses its footnote (303: also requires Read Merge Request); the publicly accessible row (3846) still
    // lists both permissions, so it no longer matches the permission row and the endpoint is not public any more.
    const { code, changes } = await diffEdit(REST, [
      '| Read <sup>1</sup> | Project | `GET` | `/projects/:id/deployments/:deployment_id/merge_requests` |',
      '| Read | Project | `GET` | `/projects/:id/deployments/:deployment_id/merge_requests` |',
    ]);
    expect(code).toBe(1);
    expect(changes.map(line)).toEqual([
      'widened endpoint-permissions GET /projects/:id/deployments/:deployment_id/merge_requests: read_deployment + read_merge_request at project, or public → read_deployment at project',
    ]);
    expect(changes[0]!.note).toBe(
      'a token holding only read_deployment passes now (read_merge_request no longer required); also narrows: public resources need the permissions now',
    );
  });
});

describe('witnesses fill a parameter with the literals other routes have there', () => {
  it('shows a request that a removed row gave up to another row: only `/projects/x/jobs/latest` shows it', async () => {
    const latest = '| Releases: Read | `READ_RELEASES` | `GET /projects/:id/:kind/latest` | Latest of a kind |';
    const old = await jobTokenRows(['| Jobs: Read | `READ_JOBS` | `GET /projects/:id/jobs/:job_id` | Get a job |', latest]);
    const now = await jobTokenRows(['| Jobs: Read | `READ_JOBS` | `GET /projects/:id/jobs/first` | Get the first job |', latest]);
    const { changes } = await diff(old, now);
    // Before, `GET /projects/x/jobs/latest` went to `jobs/:job_id` (a literal `jobs` beats the parameter `:kind`):
    // READ_JOBS. Now `jobs/first` does not match it and `:kind/latest` takes it: READ_RELEASES, so a token holding
    // only READ_RELEASES passes now: widened. The plain witnesses (`/projects/x/jobs/x`, `/projects/x/x/latest`,
    // `/projects/x/jobs/first`) do not show it; `:kind` filled with `jobs` (the old row's literal there) does.
    expect(changes.map((c) => `${line(c)} (${c.example ?? ''})`)).toEqual([
      'narrowed endpoint-removed GET /projects/:id/jobs/:job_id: READ_JOBS → ∅ (GET /projects/x/jobs/x)',
      'widened endpoint-removed GET /projects/:id/jobs/:job_id: READ_JOBS → READ_RELEASES (GET /projects/x/jobs/latest)',
      'neutral endpoint-added GET /projects/:id/jobs/first: ∅ → READ_JOBS ()',
    ]);
  });
});
