/**
 * One folder per case under test/fixtures/forgejo-page/<case>/: `input.md` (extractor cases, the
 * page's Markdown) or `input.txt` (code-viewer scrape cases), and `expected.json`, written by hand,
 * with the exact severity, rule id, position and message of every diagnostic.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { itMatchesDiagnosticFixtures } from '../helpers/diagnostic-fixtures.ts';
import { extractFixture, fixturesDir } from './pipeline.ts';
import { recoverScrapedText } from '../../generator/read/code-viewer-scrape.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';


describe('Forgejo scope page: diagnostic fixtures', () => {
  itMatchesDiagnosticFixtures(fixturesDir, [
      'valid',
      'scope-category-missing',
      'scope-level-unknown',
      'scope-duplicate',
      'category-duplicate',
      'category-incomplete',
      'name-invalid',
      'level-missing',
      'level-method-unknown',
      'table-cell-count',
      'table-empty',
      'gitea-write-admin-extra-cell',
      'scrape-valid',
      'scrape-line-count',
      'scrape-gutter',
      'scrape-banner',
    ], extractFixture);
});

describe('Forgejo scope page: what the fixtures extract', () => {
  it("reads Gitea's write:admin row despite its extra empty cell (README.md in the fixture says where the page comes from)", () => {
    const { model } = extractFixture('gitea-write-admin-extra-cell');
    // Counted on input.md: `grep -c '^| \*\*[a-z]*\*\* |'` gives 9 categories,
    // `grep -c '^| &nbsp;&nbsp;&nbsp; \*\*\(read\|write\):'` gives 18 scopes.
    expect(model?.categories).toHaveLength(9);
    expect(model?.categories.flatMap((c) => c.scopes)).toHaveLength(18);
    const admin = model?.categories.find((c) => c.name === 'admin');
    expect(admin?.scopes.map((s) => [s.name, s.description, s.position.line])).toEqual([
      ['read:admin', 'Grants read access for admin operations, such as getting cron jobs or registered user emails.', 17],
      ['write:admin', 'Grants read/write/delete access for admin operations, such as running cron jobs or updating user accounts.', 18],
    ]);
  });

  it('reads a valid page: levels, no-scope row, category routes, scopes', () => {
    const { model } = extractFixture('valid');
    expect(model?.levels.map((l) => [l.level, l.methods, l.position.line, l.position.column])).toEqual([
      ['read', ['GET'], 7, 3],
      ['write', ['POST', 'PUT', 'PATCH', 'DELETE', 'GET'], 8, 3],
    ]);
    expect(model?.noScope).toEqual({ text: '(no scope)', description: 'Not supported. A scope is required even for public repositories.', position: { file: 'input.md', line: 12, column: 1 } });
    expect(model?.categories).toEqual([
      {
        name: 'issue',
        description: 'issues/*, labels/* API routes: Issue-related operations.',
        routes: ['issues/*', 'labels/*'],
        except: [],
        position: { file: 'input.md', line: 13, column: 1 },
        scopes: [
          { name: 'read:issue', level: 'read', description: 'Grants read access for issues operations.', position: { file: 'input.md', line: 14, column: 1 } },
          { name: 'write:issue', level: 'write', description: 'Grants read/write/delete access for issues operations.', position: { file: 'input.md', line: 15, column: 1 } },
        ],
      },
    ]);
  });

  it('keeps the valid rows next to rejected ones', () => {
    expect(extractFixture('scope-level-unknown').model?.categories.map((c) => c.scopes.map((s) => s.name))).toEqual([['read:issue', 'write:issue']]);
    expect(extractFixture('category-incomplete').model?.categories.map((c) => [c.name, c.routes, c.scopes.length])).toEqual([
      ['issue', ['issues/*', 'labels/*'], 2],
      ['misc', [], 1],
    ]);
    // An unknown method is left out, the others kept.
    expect(extractFixture('level-method-unknown').model?.levels[1]?.methods).toEqual(['POST', 'PATCH', 'DELETE', 'GET']);
  });

  it('recovers a scrape: 2 gutter lines between lines, 2 more per empty line, 1 after the last', () => {
    const report = new Reporter();
    const text = readFileSync(path.join(fixturesDir, 'scrape-valid/input.txt'), 'utf8');
    const recovered = recoverScrapedText(text, 'input.txt', report);
    expect(recovered.text).toBe('# Title\n\nSome text.\n\n\n- item');
    expect(recovered.pageLine).toEqual([6, 9, 11, 14, 16, 18]);
    expect(report.diagnostics).toEqual([]);
    const { doc } = extractFixture('scrape-valid');
    expect(doc.blocks.map((b) => [b.type, b.position.line, b.position.column])).toEqual([
      ['heading', 6, 1],
      ['paragraph', 11, 1],
      ['list', 18, 1],
    ]);
  });

  it('reads a scrape whose file starts with an empty line', () => {
    const report = new Reporter();
    const recovered = recoverScrapedText('1 line\n1 B\nMarkdown\n|\n|\nText\n|', 'p.txt', report);
    expect(recovered).toEqual({ text: '\nText', pageLine: [4, 6] });
    expect(report.diagnostics.map((d) => d.ruleId)).toEqual(['scrape-line-count']);
  });
});
