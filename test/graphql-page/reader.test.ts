/**
 * The plain-text export reader: block structure and positions recovered line by line. Lines and
 * columns are read off the seed export, test/fixtures/seeds/gitlab-graphql-fine-grained-permissions.export.txt, by hand.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainTextExportReader } from '../../generator/read/plain-text-export.ts';
import { markdownReader } from '../../generator/read/markdown.ts';
import { detectReader } from '../../generator/read/registry.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import type { TableBlock } from '../../generator/read/document.ts';
import { projectRoot } from '../helpers/build.ts';
import { SEED_PAGE as PAGE } from './pipeline.ts';

const text = readFileSync(path.join(projectRoot, PAGE), 'utf8');
const at = (line: number, column: number) => ({ file: PAGE, line, column });

function read(input: string, file = PAGE) {
  const report = new Reporter();
  return { doc: plainTextExportReader.read(input, file, report), diagnostics: report.diagnostics };
}

describe('plain-text export reader', () => {
  it('is chosen for the seed GraphQL export, and not for a Markdown page', () => {
    expect(plainTextExportReader.detect(text)).toBe(0.9);
    expect(detectReader(text)?.name).toBe('plain-text-export');
    const md = readFileSync(path.join(projectRoot, 'test/fixtures/seeds/gitlab-ci-job-token-fine-grained-permissions.md'), 'utf8');
    expect(plainTextExportReader.detect(md)).toBeLessThan(markdownReader.detect(md));
    expect(plainTextExportReader.detect('Just a line\nand another\n')).toBe(0);
    expect(plainTextExportReader.detect('Title\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nText\n')).toBe(0.3);
  });

  it('reads the lead lines as paragraphs and the `- ` lines as one list, at their real positions', () => {
    const { doc, diagnostics } = read(text);
    expect(diagnostics).toEqual([]);
    expect(doc.format).toBe('plain-text-export');
    expect(doc.frontmatter).toEqual({});
    expect(doc.blocks.slice(0, 4)).toEqual([
      { type: 'paragraph', text: 'Fine-grained permissions for personal access tokens in the GraphQL API', code: [], position: at(1, 1) },
      {
        type: 'list',
        ordered: false,
        position: at(2, 1),
        items: [
          { type: 'paragraph', text: 'Tier: Free, Premium, Ultimate', code: [], position: at(2, 3) },
          { type: 'paragraph', text: 'Offering: GitLab.com, GitLab Self-Managed, GitLab Dedicated', code: [], position: at(3, 3) },
          { type: 'paragraph', text: 'Status: Beta', code: [], position: at(4, 3) },
        ],
      },
      {
        type: 'paragraph',
        text: 'Fine-grained personal access tokens scope access to specific permissions in the GraphQL API. To create a fine-grained personal access token, see Fine-grained permissions for personal access tokens.',
        code: [],
        position: at(5, 1),
      },
      { type: 'paragraph', text: 'Available fine-grained permissions', code: [], position: at(6, 1) },
    ]);
  });

  it('finds the 59 tables and every line between them as its own block', () => {
    const { doc } = read(text);
    const tables = doc.blocks.filter((b): b is TableBlock => b.type === 'table');
    expect(tables).toHaveLength(59);
    // 505 lines: 59 × (header + delimiter) + 251 rows are table lines; the other 136 are blocks
    // (the three list lines form one list block).
    expect(tables.reduce((n, t) => n + t.rows.length, 0)).toBe(251);
    expect(doc.blocks).toHaveLength(59 + 136 - 2);
    expect(doc.blocks.filter((b) => b.type === 'paragraph').map((b) => b.position.line).slice(0, 9)).toEqual([1, 5, 6, 7, 8, 9, 10, 14, 15]);
  });

  it('gives table rows and cells the page line (first table at line 11, the last row is line 505 without a newline)', () => {
    const { doc } = read(text);
    const tables = doc.blocks.filter((b): b is TableBlock => b.type === 'table');
    const first = tables[0]!;
    expect(first.position).toEqual(at(11, 1));
    expect(first.header.map((c) => c.text)).toEqual(['Action', 'Access', 'Kind', 'Name']);
    expect(first.rows).toHaveLength(1);
    expect(first.rows[0]!.position).toEqual(at(13, 1));
    // `| Read | Project | Type | DependencyLocation |`: cells start at their leading pipe.
    expect(first.rows[0]!.cells.map((c) => [c.text, c.position.column])).toEqual([
      ['Read', 1],
      ['Project', 8],
      ['Type', 18],
      ['DependencyLocation', 25],
    ]);
    const last = tables.at(-1)!;
    expect(last.position).toEqual(at(496, 1));
    expect(last.rows.at(-1)!.position).toEqual(at(505, 1));
    expect(last.rows.at(-1)!.cells.map((c) => c.text)).toEqual(['Read', 'User', 'Type', 'UserCore']);
  });

  it('keeps the same positions with CRLF line ends, indentation and blank lines', () => {
    const input = ['Title', '', '  Indented line', '- item', '| A | B |', '|---|---|', '| 1 | 2 |', 'After'].join('\r\n');
    const { doc, diagnostics } = read(input, 'x.txt');
    expect(diagnostics).toEqual([]);
    expect(doc.blocks).toEqual([
      { type: 'paragraph', text: 'Title', code: [], position: { file: 'x.txt', line: 1, column: 1 } },
      { type: 'paragraph', text: 'Indented line', code: [], position: { file: 'x.txt', line: 3, column: 3 } },
      { type: 'list', ordered: false, position: { file: 'x.txt', line: 4, column: 1 }, items: [{ type: 'paragraph', text: 'item', code: [], position: { file: 'x.txt', line: 4, column: 3 } }] },
      {
        type: 'table',
        position: { file: 'x.txt', line: 5, column: 1 },
        header: [
          { text: 'A', code: [], codePositions: [], strong: [], position: { file: 'x.txt', line: 5, column: 1 } },
          { text: 'B', code: [], codePositions: [], strong: [], position: { file: 'x.txt', line: 5, column: 5 } },
        ],
        rows: [
          {
            position: { file: 'x.txt', line: 7, column: 1 },
            cells: [
              { text: '1', code: [], codePositions: [], strong: [], position: { file: 'x.txt', line: 7, column: 1 } },
              { text: '2', code: [], codePositions: [], strong: [], position: { file: 'x.txt', line: 7, column: 5 } },
            ],
            // The row as written (end trimmed), for the malformed-row rule (extract/row-cells.ts).
            text: '| 1 | 2 |',
          },
        ],
      },
      { type: 'paragraph', text: 'After', code: [], position: { file: 'x.txt', line: 8, column: 1 } },
    ]);
  });

  it('takes bare lines literally (a plain-text export has no inline markup)', () => {
    const { doc } = read('Grants *all* `code` and <b>html</b>', 'x.txt');
    expect(doc.blocks).toEqual([{ type: 'paragraph', text: 'Grants *all* `code` and <b>html</b>', code: [], position: { file: 'x.txt', line: 1, column: 1 } }]);
  });

  it('reports `|` lines that look like rows of no table as an error (their rows would be lost), and keeps them as a paragraph', () => {
    const { doc, diagnostics } = read('Intro\n| A | B |\n| 1 | 2 |\nAfter', 'x.txt');
    expect(diagnostics.map(({ hint: _h, ...d }) => d)).toEqual([
      { severity: 'error', ruleId: 'table-split', file: 'x.txt', line: 2, column: 1, message: 'Lines 2–3 look like table rows but are in no table (2 lines, the first `| A | B |`).' },
    ]);
    expect(doc.blocks.map((b) => [b.type, b.position.line])).toEqual([
      ['paragraph', 1],
      ['paragraph', 2],
      ['paragraph', 4],
    ]);
  });

  it('still warns about a run of `|` lines that are not a table and do not look like rows', () => {
    const { diagnostics } = read('Intro\n| A | B\n| 1 | 2\nAfter', 'x.txt');
    expect(diagnostics.map(({ hint: _h, ...d }) => d)).toEqual([
      { severity: 'warning', ruleId: 'pipe-table-malformed', file: 'x.txt', line: 2, column: 1, message: 'Lines 2–3 start with `|` but are not a table.' },
    ]);
  });
});
