/**
 * `permgen diff --fail-on widened` against four inputs a review found it let through (exit 0), one test per
 * finding (F1–F4), each on a copy of a real page with the reviewer's edit, or on a small job-token page in
 * the beta single-table layout. Expectations are written by hand from the pages (line numbers are the
 * current pages'; `grep -n` them) and the README's rule (widened when some token can do something after
 * that it could not before).
 */
import { describe, expect, it } from 'vitest';
import { diff, diffEdit, JOB, jobTokenRows, REST } from './helpers.ts';

/** A row of the single-table job-token page: `None`, or one Releases permission. */
const row = (permission: 'None' | 'READ_RELEASES' | 'ADMIN_RELEASES', route: string) =>
  permission === 'None' ? `| None |  | \`${route}\` | d |` : `| Releases: ${permission === 'ADMIN_RELEASES' ? 'Read and write' : 'Read'} | \`${permission}\` | \`${route}\` | d |`;

describe('F1: a new splat route takes requests longer than every fixed-length row', () => {
  it('`GET /projects/:id/templates/*path` after line 1084: `…/templates/a/b/c` went to the catch-all (denied), now read_template: widened', async () => {
    // REST lines 1083-1084: `GET /projects/:id/templates/:type` and `…/:type/:name` take the splat's one- and
    // two-segment requests with read_template, the permission the new row asks: only a longer one shows it.
    const templates = '| Read | Project | `GET` | `/projects/:id/templates/:type/:name` |';
    const { code, lines, changes } = await diffEdit(REST, [templates, `${templates}\n| Read | Project | \`GET\` | \`/projects/:id/templates/*path\` |`]);
    expect(code).toBe(1);
    // Line 4028, `* /*path`: the catch-all, unavailable.
    expect(lines).toEqual(['widened endpoint-added GET /projects/:id/templates/*path: unavailable to fine-grained tokens: Catch-all fallback → read_template at project']);
    // The witness: the splat with more segments than any GET row without a splat has (at least three).
    expect(changes[0]!.example).toMatch(/^GET \/projects\/x\/templates\/a\/b(\/b)+$/);
    expect(changes[0]!.position?.line).toBe(1085);
  });

  it('a splat route whose two-segment requests a two-parameter row takes still shows its one-segment requests', async () => {
    const files = row('READ_RELEASES', 'GET /files/:ref/:name');
    const { code, lines, changes } = await diff(await jobTokenRows([files]), await jobTokenRows([files, row('None', 'GET /files/*path')]));
    expect(code).toBe(1);
    expect(lines).toEqual(['widened endpoint-added GET /files/*path: ∅ → None: not controlled by fine-grained permissions']);
    expect(changes[0]!.example).toBe('GET /files/a');
  });
});

describe('F2: the plain value of a parameter is no literal of another row there', () => {
  it('old `GET /things/x` (ADMIN_RELEASES), new adds `GET /things/:id` (None): `/things/x0` was denied and is open now, widened', async () => {
    const x = row('ADMIN_RELEASES', 'GET /things/x');
    const { code, lines, changes } = await diff(await jobTokenRows([x]), await jobTokenRows([x, row('None', 'GET /things/:id')]));
    expect(code).toBe(1);
    expect(lines).toEqual(['widened endpoint-added GET /things/:id: ∅ → None: not controlled by fine-grained permissions']);
    expect(changes[0]!.example).toBe('GET /things/x0');
  });
});

describe('F3: rows that tie are answered by page order', () => {
  const splat = row('ADMIN_RELEASES', 'GET /r/latest(/*suffix)');
  const plain = row('READ_RELEASES', 'GET /r/latest');

  it('swapping `GET /r/latest(/*suffix)` (ADMIN_RELEASES) and `GET /r/latest` (READ_RELEASES): `/r/latest` goes to the other row, widened (and narrowed)', async () => {
    const { code, lines, changes } = await diff(await jobTokenRows([splat, plain]), await jobTokenRows([plain, splat]));
    expect(code).toBe(1);
    expect(lines).toEqual(['widened endpoint-requests GET /r/latest(/*suffix) → GET /r/latest: ADMIN_RELEASES → READ_RELEASES']);
    expect(changes[0]!.example).toBe('GET /r/latest');
    expect(changes[0]!.note).toBe(
      'a token holding only READ_RELEASES passes now (ADMIN_RELEASES no longer required); also narrows: a token holding only ADMIN_RELEASES fails now (READ_RELEASES now required). answered before by GET /r/latest(/*suffix), now by GET /r/latest',
    );
  });

  it('the same rows in the same order: nothing', async () => {
    const { code, lines } = await diff(await jobTokenRows([splat, plain]), await jobTokenRows([splat, plain]));
    expect([code, lines]).toEqual([0, []]);
  });
});

describe('F4: job-token rows of `Unavailable API endpoints` are denied', () => {
  it('moving `DELETE /projects/:id/registry/repositories/:repository_id` (line 300) into the Work items section with READ_WORK_ITEMS is widened', async () => {
    // Lines 292-300 of the GA page: the last Work items row, the unavailable section's heading, lead and table head, its first row.
    const from = [
      '| Retrieve a project issue | `GET /projects/:id/issues/:issue_iid` | `READ_WORK_ITEMS` | Read |',
      '',
      '## Unavailable API endpoints',
      '',
      'CI/CD job tokens cannot access the following endpoints:',
      '',
      '| Permission | API endpoint |',
      '| ---------- | ------------ |',
      '| Delete registry repository | `DELETE /projects/:id/registry/repositories/:repository_id` |',
      '',
    ].join('\n');
    const to = [
      '| Retrieve a project issue | `GET /projects/:id/issues/:issue_iid` | `READ_WORK_ITEMS` | Read |',
      '| Delete registry repository | `DELETE /projects/:id/registry/repositories/:repository_id` | `READ_WORK_ITEMS` | Read |',
      '',
      '## Unavailable API endpoints',
      '',
      'CI/CD job tokens cannot access the following endpoints:',
      '',
      '| Permission | API endpoint |',
      '| ---------- | ------------ |',
      '',
    ].join('\n');
    const { code, lines } = await diffEdit(JOB, [from, to]);
    expect(code).toBe(1);
    expect(lines).toEqual(['widened endpoint-permissions DELETE /projects/:id/registry/repositories/:repository_id: unavailable: CI/CD job tokens cannot access it → READ_WORK_ITEMS']);
  });

  it('a `None` row of the single-table layout stays open: giving it a permission is narrowed', async () => {
    const { code, lines } = await diff(await jobTokenRows([row('None', 'GET /things/:id')]), await jobTokenRows([row('READ_RELEASES', 'GET /things/:id')]));
    expect(code).toBe(0);
    expect(lines).toEqual(['narrowed endpoint-permissions GET /things/:id: None: not controlled by fine-grained permissions → READ_RELEASES']);
  });
});
