/**
 * Cell shapes the job-token page does not use, read before as something else without a word (bug
 * hunt, repro5 cases 5a and 5b). The real page and the beta seed write one code span per endpoint
 * cell and `` `A`, `B` `` for a row that needs two permissions (line 87 of the page, `Create a
 * deployment`: grep -n '`ADMIN_DEPLOYMENTS`, `ADMIN_ENVIRONMENTS`'), and still read without errors.
 * Lines and columns from the page: grep -n 'badges` |' → the `GET /projects/:id/badges` row is line
 * 72, `POST /projects/:id/badges` line 74; awk index() gives the columns quoted below.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../generator/diagnostics/diagnostic.ts';
import type { JobTokenEndpointsModel } from '../../generator/model/catalog.ts';
import { readEdited, replaceOnce } from '../read/page-edit.ts';

const ID = 'gitlab-job-token-permissions';
const brief = (ds: readonly Diagnostic[]) => ds.map((d) => [d.severity, d.ruleId, d.line, d.column, d.message]);

describe('job-token endpoint table: cell shapes that are errors', () => {
  it('the real page reads with no diagnostic, `ADMIN_DEPLOYMENTS`, `ADMIN_ENVIRONMENTS` both required', () => {
    const { diagnostics, model } = readEdited(ID);
    expect(diagnostics).toEqual([]);
    const create = (model as JobTokenEndpointsModel).endpoints.find((e) => e.text === 'POST /projects/:id/deployments');
    expect(create?.permissions).toEqual(['ADMIN_DEPLOYMENTS', 'ADMIN_ENVIRONMENTS']);
  });

  it('5a: an endpoint cell with two code spans is an error at the second, naming both', () => {
    // The cell's `|` is column 33 of line 72, its first backtick 35; the second span's text starts at
    // 35 + 30 (`` `GET /projects/:id/badges/zzz` ``) + 4 (`<br>`) + 1 = 70.
    const { diagnostics, model } = readEdited(ID, (t) => replaceOnce(t, '| `GET /projects/:id/badges` |', '| `GET /projects/:id/badges/zzz`<br>`GET /projects/:id/badges` |'));
    expect(brief(diagnostics)).toEqual([
      ['error', 'endpoint-cell', 72, 70, 'The endpoint cell holds 2 code spans (`GET /projects/:id/badges/zzz`, `GET /projects/:id/badges`); permgen reads one `METHOD /path` per row.'],
    ]);
    expect((model as JobTokenEndpointsModel).endpoints.some((e) => e.path === '/projects/:id/badges/zzz' || (e.method === 'GET' && e.path === '/projects/:id/badges'))).toBe(false);
  });

  it.each([
    ['`ADMIN_BADGES` or `ADMIN_JOBS`', 'The permission cell `ADMIN_BADGES or ADMIN_JOBS` joins its names with `or`: permgen reads names separated by commas only, every one of them required.'],
    ['`ADMIN_BADGES` and `ADMIN_JOBS`', 'The permission cell `ADMIN_BADGES and ADMIN_JOBS` joins its names with `and`: permgen reads names separated by commas only, every one of them required.'],
    ['`ADMIN_BADGES`<br>`ADMIN_JOBS`', 'The permission cell `ADMIN_BADGES<br>ADMIN_JOBS` joins its names with `<br>`: permgen reads names separated by commas only, every one of them required.'],
    ['`ADMIN_BADGES` `ADMIN_JOBS`', 'The permission cell `ADMIN_BADGES ADMIN_JOBS` runs its names together: permgen reads names separated by commas only, every one of them required.'],
    ['`ADMIN_BADGES` (or `ADMIN_JOBS`)', 'The permission cell `ADMIN_BADGES (or ADMIN_JOBS)` joins its names with `(or`: permgen reads names separated by commas only, every one of them required.'],
  ])('5b: %s is an error at the cell (line 74, its `|` at column 62)', (cell, message) => {
    const { diagnostics } = readEdited(ID, (t) => replaceOnce(t, '| `POST /projects/:id/badges` | `ADMIN_BADGES` |', `| \`POST /projects/:id/badges\` | ${cell} |`));
    expect(brief(diagnostics)).toEqual([['error', 'permission-name-list', 74, 62, message]]);
  });

  it('5b: a comma-separated list (the page\'s form) still reads, both names required', () => {
    const { diagnostics, model } = readEdited(ID, (t) => replaceOnce(t, '| `POST /projects/:id/badges` | `ADMIN_BADGES` |', '| `POST /projects/:id/badges` | `ADMIN_BADGES`, `ADMIN_JOBS` |'));
    expect(diagnostics).toEqual([]);
    expect((model as JobTokenEndpointsModel).endpoints.find((e) => e.text === 'POST /projects/:id/badges')?.permissions).toEqual(['ADMIN_BADGES', 'ADMIN_JOBS']);
  });
});
