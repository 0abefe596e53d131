/**
 * GitLab token scope tables in every layout GitLab has published, read through `buildCatalog` from
 * test/fixtures/gitlab-scope-layouts/<case>/sources/ (a manifest and `page.md`) with `expected.json`
 * (every diagnostic, by hand). Counts are read off the fixture pages with grep, written next to each
 * expectation. The flattened layout has its own fixtures in ../fixtures/gitlab-scopes-page/.
 *
 * - personal-access-tokens: real (README.md there): `Scope | Access`, space-padded, a malformed last row.
 * - project-access-tokens: real (README.md there): `| Scope              |  Description |`.
 * - extra-empty-cell: today's `Scope | Token availability | Description` in Markdown, one row with a trailing `| |`.
 * - token-type-from-manifest / token-type-missing / token-type-conflict: where a page's token type comes from.
 * - columns-unknown: first column `Scope` with code spans but a column permgen does not read.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { itMatchesDiagnosticFixtures } from '../helpers/diagnostic-fixtures.ts';
import { buildCatalog } from '../../generator/build-catalog.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { Overrides } from '../../generator/config/overrides.ts';
import { readFlattenedText } from '../../generator/read/flattened-table-text.ts';
import { gitlabScopeExtractor } from '../../generator/extract/gitlab-scope-table.ts';
import type { GitlabTokenScopesModel, SourceInfo } from '../../generator/model/catalog.ts';
import { importGenerated, writePackage } from '../helpers/build.ts';
import { markdownReader } from '../../generator/read/markdown.ts';

const dir = path.join(import.meta.dirname, '../fixtures/gitlab-scope-layouts');
const build = (name: string) => buildCatalog({ root: path.join(dir, name) });
const scopesOf = async (name: string): Promise<GitlabTokenScopesModel | undefined> =>
  (await build(name)).catalog.sources.find((s): s is GitlabTokenScopesModel => s.kind === 'gitlab-token-scopes');
const at = (line: number, column: number, file = 'sources/page.md') => ({ file, line, column });

describe('GitLab token scope layouts: diagnostic fixtures', () => {
  itMatchesDiagnosticFixtures(
    dir,
    ['personal-access-tokens', 'project-access-tokens', 'extra-empty-cell', 'token-type-from-manifest', 'token-type-missing', 'token-type-conflict', 'columns-unknown'],
    build,
  );
});

describe('GitLab token scope layouts: what each reads', () => {
  it('`Scope | Access` (the real personal access tokens page): every row, the malformed last one included, as personal', async () => {
    const model = await scopesOf('personal-access-tokens');
    // grep -c '^| `' sources/page.md → 13 rows, lines 19–31.
    expect(model?.scopes.map((s) => [s.name, s.position.line])).toEqual([
      ['api', 19],
      ['read_user', 20],
      ['read_api', 21],
      ['read_repository', 22],
      ['write_repository', 23],
      ['read_registry', 24],
      ['write_registry', 25],
      ['sudo', 26],
      ['admin_mode', 27],
      ['create_runner', 28],
      ['ai_features', 29],
      ['k8s_proxy', 30],
      ['read_service_ping', 31],
    ]);
    expect(new Set(model?.scopes.map((s) => JSON.stringify([s.availability, s.availabilityText])))).toEqual(new Set([JSON.stringify([['personal'], ''])]));
    // The title is line 7: `# Personal access tokens **(FREE ALL)**`.
    expect(model?.scopes[0]?.availabilityBasis).toEqual({ from: 'page-title', text: 'Personal access tokens (FREE ALL)', position: at(7, 1) });
    // The malformed row's value is read as written, its parenthesis still open.
    expect(model?.scopes.at(-1)?.description).toBe('Grant access to download Service Ping payload via API when authenticated as an admin use. (Introduced in GitLab 16.8.');
    expect(model?.scopes.find((s) => s.name === 'read_api')?.description).toBe('Grants read access to the API, including all groups and projects, the container registry, and the package registry. (Introduced in GitLab 12.10.)');
  });

  it('`| Scope              |  Description |` (the real project access tokens page): padding is no layout', async () => {
    const model = await scopesOf('project-access-tokens');
    // grep -c '^| `' sources/page.md → 6 rows, lines 18–23; the title `# Project access tokens` is line 8.
    expect(model?.scopes.map((s) => [s.name, s.availability, s.position.line])).toEqual([
      ['api', ['project'], 18],
      ['read_api', ['project'], 19],
      ['read_registry', ['project'], 20],
      ['write_registry', ['project'], 21],
      ['read_repository', ['project'], 22],
      ['write_repository', ['project'], 23],
    ]);
    expect(model?.scopes.every((s) => s.availabilityBasis?.from === 'page-title' && s.availabilityBasis.position.line === 8)).toBe(true);
    expect(model?.scopes[4]?.description).toBe('Allows read-only access (pull) to the repository.');
  });

  it('`Scope | Token availability | Description` in Markdown: the row with an extra empty cell keeps its values', async () => {
    const model = await scopesOf('extra-empty-cell');
    expect(model?.scopes.map((s) => [s.name, s.availability, s.description, s.availabilityBasis])).toEqual([
      ['api', ['personal', 'group', 'project'], "Grants complete read and write access to the API for the token's scope.", undefined],
      ['read_api', ['personal', 'group', 'project'], "Grants read access to the API for the token's scope.", undefined],
      ['read_user', ['personal'], "Grants read-only access to the authenticated user's profile.", undefined],
    ]);
  });

  it("takes the page's token type from the manifest's tokenType, and says where", async () => {
    const model = await scopesOf('token-type-from-manifest');
    expect(model?.scopes.map((s) => [s.name, s.availability])).toEqual([
      ['api', ['group']],
      ['read_api', ['group']],
    ]);
    // `"tokenType": "group"` is line 4 of sources/sources.json; the position is its value's.
    expect(model?.scopes[0]?.availabilityBasis).toEqual({ from: 'manifest', text: 'tokenType: "group"', position: at(4, 20, 'sources/sources.json') });
  });

  it('reads no scope when nothing says which token type the page is about, or when the manifest and title disagree', async () => {
    expect((await scopesOf('token-type-missing'))?.scopes).toEqual([]);
    expect((await scopesOf('token-type-conflict'))?.scopes).toEqual([]);
    expect((await scopesOf('columns-unknown'))?.scopes).toEqual([]);
  });

  it('splits a flattened table without availability (`ScopeDescription`) when the token type is given', () => {
    const text = ['ScopeDescription', 'apiGrants complete read/write access to the scoped project API.', 'read_api読み取りアクセスを許可します。', 'read_api grants read access.'].join('\n');
    const report = new Reporter();
    const doc = readFlattenedText(text, 'input.txt', report, gitlabScopeExtractor.headers);
    const source: SourceInfo = { id: 'fixture', file: 'input.txt', format: 'flattened-table-text', provider: 'gitlab', title: 'Fixture', url: 'https://example.test', sha256: '0' };
    const model = gitlabScopeExtractor.extract(doc, { source, report, overrides: new Overrides(), tokenType: { type: 'project', position: at(1, 1, 'sources.json') } });
    expect(model.scopes.map((s) => [s.name, s.availability, s.description])).toEqual([
      ['api', ['project'], 'Grants complete read/write access to the scoped project API.'],
      ['read_api', ['project'], '読み取りアクセスを許可します。'],
    ]);
    // `read_api grants …`: a space after the scope means the cells did not run together; nothing is guessed.
    expect(report.diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([['table-row-split', 4, 1]]);
  });
});

describe('GitLab token scope layouts: the emitted package', () => {
  it('emits the personal access tokens page as personal-only scopes, saying where the token type came from', async () => {
    const { catalog } = await build('personal-access-tokens');
    const pkg = await writePackage(catalog);
    expect(pkg.report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const mod = await importGenerated<{ scopesFor(t: string): readonly string[]; isScopeAvailableFor(s: string, t: string): boolean }>(pkg.dir, 'gitlab/token-scopes.js');
    expect(mod.scopesFor('personal')).toHaveLength(13);
    expect(mod.scopesFor('project')).toEqual([]);
    expect(mod.isScopeAvailableFor('read_service_ping', 'personal')).toBe(true);
    expect(mod.isScopeAvailableFor('api', 'group')).toBe(false);
    expect(pkg.files.get('src/gitlab/token-scopes.ts')).toContain("/** The page's token type, from the page title: Personal access tokens (FREE ALL) (sources/page.md:7:1). @see sources/page.md:19:1 */");
    // The regenerated page states the token type in a Token availability column and reads back to the same scopes.
    const docs = pkg.files.get('docs/personal-access-tokens.md')!;
    const report = new Reporter();
    const again = gitlabScopeExtractor.extract(markdownReader.read(docs, 'docs.md', report), { source: catalog.sources[0]!.source, report, overrides: new Overrides() });
    // The upstream's open parenthesis is kept, so the regenerated row (line 26) is warned about too.
    expect(report.diagnostics.map((d) => [d.ruleId, d.line, d.message])).toEqual([['table-row-malformed', 26, 'Row of the token scope table read despite an unclosed `(` in the Description cell.']]);
    expect(again.scopes.map((s) => [s.name, s.availability, s.description])).toEqual((catalog.sources[0] as GitlabTokenScopesModel).scopes.map((s) => [s.name, s.availability, s.description]));
  });
});
