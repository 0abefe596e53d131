/**
 * Silent misreads of slightly changed pages (bug hunt, /tmp/hunt-layout): a blank line or an HTML
 * comment inside a pipe table ends it in GFM, and the `|` lines after it became a paragraph that
 * every extractor skipped. Each test is a real page of `sources/` with the hunter's edit; the
 * error must name the lines, the table they follow and where it ended. Line numbers were read off
 * the unedited page with `grep -n` (quoted at each case) and shifted by the lines the edit inserts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import type { Diagnostic } from '../../generator/diagnostics/diagnostic.ts';
import { plainTextExportReader } from '../../generator/read/plain-text-export.ts';
import { markdownReader } from '../../generator/read/markdown.ts';
import { flattenedTableTextReader } from '../../generator/read/flattened-table-text.ts';
import { TABLE_SPLIT_HINT } from '../../generator/read/stray-table-rows.ts';
import { projectRoot } from '../helpers/build.ts';
import { readEdited, replaceOnce } from './page-edit.ts';

const brief = (ds: readonly Diagnostic[]) => ds.map((d) => [d.severity, d.ruleId, d.line, d.column, d.message]);

describe('table-split: rows cut off from their table are an error, never dropped', () => {
  it.each([
    'gitlab-pat-rest-permissions',
    'gitlab-job-token-permissions',
    'gitlab-graphql-fine-grained-permissions',
    'gitlab-pat-other-operations',
    'gitlab-token-scopes',
    'forgejo-token-scopes',
    'buildkite-api-access-token-scopes',
  ])('the real page %s reads with no diagnostic', (id) => {
    const { diagnostics, model } = readEdited(id);
    expect(brief(diagnostics)).toEqual([]);
    expect(model).toBeDefined();
  });

  it('REST page: a blank line before `POST /runners` in `Unavailable endpoints` (repro1)', () => {
    // grep -n: `## Unavailable endpoints` 4020, its header `| Method | Path | Reason |` 4026, the
    // `POST /runners` row 4249 and the table's last row 4259 (11 rows from 4249). The blank line
    // goes at 4249: the table now ends at 4248 and the 11 rows sit at 4250–4260.
    const { diagnostics } = readEdited('gitlab-pat-rest-permissions', (t) => replaceOnce(t, '| `POST` | `/runners` | Runner token |', '\n| `POST` | `/runners` | Runner token |'));
    expect(brief(diagnostics)).toEqual([
      [
        'error',
        'table-split',
        4250,
        1,
        'Lines 4250–4260 look like table rows but are in no table (11 lines, the first `| `POST` | `/runners` | Runner token |`): the table `| Method | Path | Reason |` at line 4026 under `## Unavailable endpoints` ended at line 4248.',
      ],
    ]);
    expect(diagnostics[0]!.hint).toBe(TABLE_SPLIT_HINT);
  });

  it('job-token page: an HTML comment before the `badges/render` row (repro2)', () => {
    // grep -n: `### Badges endpoints` 68, header 70, `Retrieve a badge preview` 76, last row 77.
    // The comment takes line 76; the two rows after it move to 77–78.
    const { diagnostics } = readEdited('gitlab-job-token-permissions', (t) =>
      replaceOnce(t, '| Retrieve a badge preview for a project |', '<!-- markdownlint-disable MD044 -->\n| Retrieve a badge preview for a project |'),
    );
    expect(brief(diagnostics)).toEqual([
      [
        'error',
        'table-split',
        77,
        1,
        'Lines 77–78 look like table rows but are in no table (2 lines, the first `| Retrieve a badge preview for a project | `GET /projects/:id/badges/render` | `…`): the table `| Permission | API endpoint | Permission name | Scope |` at line 70 under `### Badges endpoints` ended at line 75.',
      ],
    ]);
  });

  it('GraphQL page: an HTML comment before the `MergeRequest.findingReportsComparer` Field row (repro4)', () => {
    // grep -n: `#### Vulnerability` 68, header 72, the Field row 78, last row 83 (6 rows from 78).
    const { diagnostics } = readEdited('gitlab-graphql-fine-grained-permissions', (t) =>
      replaceOnce(t, '| Read | Project | Field | `MergeRequest.findingReportsComparer` |', '<!-- vale gitlab_base.Spelling = NO -->\n| Read | Project | Field | `MergeRequest.findingReportsComparer` |'),
    );
    expect(brief(diagnostics)).toEqual([
      [
        'error',
        'table-split',
        79,
        1,
        'Lines 79–84 look like table rows but are in no table (6 lines, the first `| Read | Project | Field | `MergeRequest.findingReportsComparer` |`): the table `| Action | Access | Kind | Name |` at line 72 under `#### Vulnerability` ended at line 77.',
      ],
    ]);
  });

  it('operations page: a blank line inside the feeds table (repro5 case 5c)', () => {
    // grep -n: `## RSS and calendar feeds` 84, header `| Feed …` 89, `| Project commits` 94, last row 99 (6 rows from 94).
    const { diagnostics } = readEdited('gitlab-pat-other-operations', (t) => replaceOnce(t, '| Project commits', '\n| Project commits'));
    expect(brief(diagnostics)).toEqual([
      [
        'error',
        'table-split',
        95,
        1,
        'Lines 95–100 look like table rows but are in no table (6 lines, the first `| Project commits                               | Code                  | Read  …`): the table `| Feed | Resource | Permission | Access |` at line 89 under `## RSS and calendar feeds` ended at line 93.',
      ],
    ]);
  });

  it('flattened scopes page: a blank line before `k8s_proxy` (repro5 case 5d)', () => {
    // grep -n: header `ScopeToken availabilityDescription` 18, `k8s_proxy…` 31, the last row `read_user…` 35
    // (5 rows from 31). After the blank line: the table ends at 30, the rows are 32–36.
    const { diagnostics } = readEdited('gitlab-token-scopes', (t) => replaceOnce(t, '\nk8s_proxy', '\n\nk8s_proxy'));
    expect(brief(diagnostics)).toEqual([
      [
        'error',
        'table-split',
        32,
        1,
        'Lines 32–36 look like table rows but are in no table (5 lines, the first `k8s_proxyPersonal, group, projectGrants permission to perform Kubernetes API cal…`): the table `| Scope | Token availability | Description |` at line 18 ended at line 30.',
      ],
    ]);
  });

  it('flattened scopes page: prose after the table that does not split as a scope row is not an error', () => {
    // The paragraph after the table (`If you have turned on external authorization, …`) moved up into the table's end.
    const { diagnostics } = readEdited('gitlab-token-scopes', (t) => replaceOnce(t, '\nk8s_proxy', '\n\nIf a scope is missing, see the English page.\nk8s_proxy'));
    expect(brief(diagnostics).map((d) => d.slice(0, 4))).toEqual([['error', 'table-split', 33, 1]]);
  });

  it('Forgejo page (code-viewer scrape): an empty line of the file inside its table', () => {
    // An empty line of the file is two more gutter lines (`|`) after the line before it; the banner's
    // line count goes from 43 to 44 with it. grep -n '^| \*\*': 28 rows, `write:activitypub` at 64,
    // `admin` at 67 and the last, `write:user`, at 136: 24 rows from `admin`, each 2 lines down after the edit.
    const { diagnostics } = readEdited('forgejo-token-scopes', (t) =>
      replaceOnce(replaceOnce(t, '6.3 KiB\nMarkdown\n43 lines\n', '6.3 KiB\nMarkdown\n44 lines\n'), '|\n|\n| **admin** |', '|\n|\n|\n|\n| **admin** |'),
    );
    expect(brief(diagnostics).map((d) => d.slice(0, 4))).toEqual([['error', 'table-split', 69, 1]]);
    expect(diagnostics[0]!.message).toMatch(/^Lines 69–138 look like table rows but are in no table \(24 lines, the first `\| \*\*admin\*\* \|/);
  });

  it('the plain-text export: a blank line inside a table; the rows after it are an error, not a warning', () => {
    // grep -n '^|' on the seed export: the second table's header is line 16, its rows 18–24; a blank
    // line before `| Read | Project | Type | Vulnerability |` (20) leaves 18–19 in the table and moves
    // 20–24 (5 rows) to 21–25.
    const file = 'test/fixtures/seeds/gitlab-graphql-fine-grained-permissions.export.txt';
    const page = readFileSync(path.join(projectRoot, file), 'utf8');
    const report = new Reporter();
    plainTextExportReader.read(replaceOnce(page, '| Read | Project | Type | Vulnerability |', '\n| Read | Project | Type | Vulnerability |'), file, report);
    expect(brief(report.diagnostics)).toEqual([
      ['error', 'table-split', 21, 1, 'Lines 21–25 look like table rows but are in no table (5 lines, the first `| Read | Project | Type | Vulnerability |`): the table `| Action | Access | Kind | Name |` at line 16 ended at line 19.'],
    ]);
  });
});

describe('table-split: what is and is not a stray row', () => {
  const read = (text: string) => {
    const report = new Reporter();
    const doc = markdownReader.read(text, 'page.md', report);
    return { doc, diagnostics: brief(report.diagnostics) };
  };

  it('one line, under no heading and after no table', () => {
    expect(read('Intro\n\n| a | b |\n').diagnostics).toEqual([['error', 'table-split', 3, 1, 'Line 3 looks like a table row but is in no table (`| a | b |`).']]);
  });

  it('a heading between the table and the rows: the table is not named', () => {
    expect(read('| a |\n| - |\n| b |\n\n# Next\n\n| c |\n').diagnostics).toEqual([['error', 'table-split', 7, 1, 'Line 7 looks like a table row but is in no table (`| c |`).']]);
  });

  it('an indented row keeps its column', () => {
    expect(read('| a |\n| - |\n\n  | c |\n').diagnostics).toEqual([['error', 'table-split', 4, 3, 'Line 4 looks like a table row but is in no table (`| c |`): the table `| a |` at line 1 ended at line 2.']]);
  });

  it('rows in code blocks, raw HTML blocks (comments, <pre>), front matter and tables are not stray', () => {
    const text = ['---', 'title: "| a |"', '---', '', '```', '| a |', '```', '', '    | b |', '', '<!--', '| c |', '-->', '', '<pre>', '| f |', '</pre>', '', '| d |', '| - |', '| e |', ''].join('\n');
    expect(read(text).diagnostics).toEqual([]);
  });

  it('a table swallowed by a <div> or <details> block (no blank line after the tag) is stray: its rows would be lost', () => {
    expect(read('<div>\n| c |\n</div>\n').diagnostics).toEqual([['error', 'table-split', 2, 1, 'Line 2 looks like a table row but is in no table (`| c |`).']]);
    const details = ['# T', '', '<details>', '| Scope | Description |', '|---|---|', '| `api` | Grants all. |', '</details>', ''].join('\n');
    expect(read(details).diagnostics.map((d) => [d[1], d[2]])).toEqual([['table-split', 4]]);
  });

  it('`|` lines that do not end with `|` and a lone `|` are not rows', () => {
    expect(read('Intro\n\n| a | b\n|\n').diagnostics).toEqual([]);
  });

  it('a line continuing a paragraph is found too', () => {
    expect(read('Some text\n| a | b |\n').diagnostics).toEqual([['error', 'table-split', 2, 1, 'Line 2 looks like a table row but is in no table (`| a | b |`).']]);
  });

  it('a table inside a callout, a list item or a footnote is an error at the table (it would be dropped)', () => {
    expect(read('# T\n\n> [!note]\n> | a | b |\n> | - | - |\n> | c | d |\n> | e | f |\n').diagnostics).toEqual([
      ['error', 'table-nested', 4, 3, 'A table inside a block quote (2 rows) is not read: tables are read at the top level of a page only.'],
    ]);
    expect(read('- item\n\n  | a |\n  | - |\n  | b |\n').diagnostics).toEqual([
      ['error', 'table-nested', 3, 3, 'A table inside a list item (1 row) is not read: tables are read at the top level of a page only.'],
    ]);
  });

  it('flattened table without availability: a cut-off `<scope><Description>` line is an error, prose is not', () => {
    const report = new Reporter();
    flattenedTableTextReader.read('Scopes\n\nScopeDescription\napiGrants all.\n\nread_apiGrants read.\niPhone users need api.\nmacros are not scopes.\n', 'page.txt', report);
    expect(brief(report.diagnostics)).toEqual([
      ['error', 'table-split', 6, 1, 'Line 6 looks like a table row but is in no table (`read_apiGrants read.`): the table `| Scope | Description |` at line 3 ended at line 4.'],
    ]);
  });
});
