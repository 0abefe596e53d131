/**
 * The reviewed data behind the answers, checked against the pages themselves (read here as text,
 * not through permgen): each classic-scope reading's line exists and says what the reading claims;
 * each operation short name names a row of the Git-and-other-operations page.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLASSIC_SCOPE_READINGS, CLASSIC_SCOPES_WITHOUT_READING, checkClassicScopeRules } from '../../generator/least-privilege/classic-scope-rules.ts';
import { WORKLOAD_OPERATION_NAMES } from '../../generator/least-privilege/operation-names.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { realCatalog } from '../helpers/build.ts';
import type { GitlabTokenScopesModel } from '../../generator/model/catalog.ts';

const SCOPES_PAGE = 'sources/gitlab-access-token-scopes.ja.flattened.txt';
const scopeLines = readFileSync(new URL(`../../${SCOPES_PAGE}`, import.meta.url), 'utf8').split('\n');
const opsLines = readFileSync(new URL('./fixtures/gitlab-pat-fine-grained-other-operations.3f07355.md', import.meta.url), 'utf8').split('\n');

describe('classic-scope readings', () => {
  it('15 readings (counted in classic-scope-rules.ts: api 3, read_api 2, read_repository 2, write_repository 1, read_registry 1, write_registry 2, virtual registry 2, read_user 2)', () => {
    expect(CLASSIC_SCOPE_READINGS).toHaveLength(15);
  });

  it.each(CLASSIC_SCOPE_READINGS.map((r) => [r.scope, r.line, r.quote] as const))('%s: line %i says "%s"', (scope, line, quote) => {
    const text = scopeLines[line - 1]!;
    expect(text).toContain(quote);
    if (text.startsWith(scope)) return;
    // A footnote line (`  1. …`): the scope's row refers to it with the footnote number at its end.
    const footnote = /^\s+(\d+)\. /.exec(text)?.[1];
    expect(footnote).toBeDefined();
    const row = scopeLines.find((l) => l.startsWith(scope) && /^[a-z_]+(Personal|Group|Project)/.test(l))!;
    expect(row.trimEnd().endsWith(` ${footnote}`)).toBe(true);
  });

  it('what each reading claims is what its words say', () => {
    const by = (scope: string, line: number) => CLASSIC_SCOPE_READINGS.filter((r) => r.scope === scope && r.line === line);
    // Line 19: "complete read and write access to the API": every method, every path.
    expect(by('api', 19)[0]!.grants).toEqual({ kind: 'rest', methods: ['*'], paths: ['**'] });
    // Line 20: "read access to the API": reads only.
    expect(by('read_api', 20)[0]!.grants).toEqual({ kind: 'rest', methods: ['GET'], paths: ['**'] });
    // Line 41: footnote 1, Git over HTTP for personal access tokens only.
    expect(by('api', 41)[0]!.tokenTypes).toEqual(['personal']);
    // Line 22: write_repository "Does not support API authentication": no REST reading.
    expect(by('write_repository', 22).every((r) => r.grants.kind === 'operation')).toBe(true);
    expect(scopeLines[21]).toContain('Does not support API authentication.');
    // Line 24: group and project tokens also need read_registry to push.
    expect(by('write_registry', 24).map((r) => [r.tokenTypes, r.alsoRequires])).toEqual([
      [['personal'], []],
      [['group', 'project'], ['read_registry']],
    ]);
    // Line 26, 27: the virtual registry scopes are available to personal and group tokens only ("Personal, group").
    expect(scopeLines[25]).toMatch(/^read_virtual_registryPersonal, groupGrants/);
    expect(by('read_virtual_registry', 26)[0]!.tokenTypes).toEqual(['personal', 'group']);
    // Line 35: read_user is available to personal tokens only.
    expect(scopeLines[34]).toMatch(/^read_userPersonalGrants/);
  });

  it('every scope of the page (17 rows, lines 19–35) has readings or is listed as having none', () => {
    const pageScopes = scopeLines.slice(18, 35).map((l) => /^[a-z0-9_]+?(?=Personal)/.exec(l)?.[0]);
    expect(pageScopes).toHaveLength(17);
    const covered = new Set([...CLASSIC_SCOPE_READINGS.map((r) => r.scope), ...CLASSIC_SCOPES_WITHOUT_READING.map((s) => s.scope)]);
    expect(pageScopes.filter((s) => !covered.has(s!))).toEqual([]);
    for (const s of CLASSIC_SCOPES_WITHOUT_READING) expect(scopeLines[s.line - 1]!.startsWith(s.scope)).toBe(true);
  });

  it('a reading the page no longer supports is dropped, with a warning at its line', async () => {
    const { catalog } = await realCatalog();
    const model = catalog.sources.find((s): s is GitlabTokenScopesModel => s.kind === 'gitlab-token-scopes')!;
    const ok = new Reporter();
    expect(checkClassicScopeRules(model, ok)).toHaveLength(15);
    expect(ok.diagnostics).toEqual([]);
    const changed: GitlabTokenScopesModel = { ...model, scopes: model.scopes.map((s) => (s.name === 'read_api' ? { ...s, description: 'Grants access to some endpoints.' } : s)) };
    const report = new Reporter();
    expect(checkClassicScopeRules(changed, report)).toHaveLength(13);
    expect(report.diagnostics.map((d) => [d.file, d.line, d.severity, d.ruleId])).toEqual([
      [SCOPES_PAGE, 20, 'warning', 'least-privilege-classic-reading'],
      [SCOPES_PAGE, 20, 'warning', 'least-privilege-classic-reading'],
    ]);
  });
});

describe('operation short names', () => {
  /** First cells of the page's table rows under an `Operation` or `Feed` header (counted by hand: 8 + 2 + 1 + 2 + 9 + 3 = 25). */
  const cells = opsLines.filter((l) => /^\| [A-Z]/.test(l) && !/^\| (Operation|Feed) /.test(l)).map((l) => l.split('|')[1]!.trim());

  it('the page has 25 operations and every one has a short name', () => {
    expect(cells).toHaveLength(25);
    // The id is the section's anchor, `:`, the kebab-cased first cell (the operations emitter's rule); rebuilt here from the page.
    const ids: string[] = [];
    let section = '';
    for (const l of opsLines) {
      if (l.startsWith('## ')) section = l.slice(3).trim().toLowerCase().replace(/[^a-z0-9]+/g, '-');
      else if (/^\| [A-Z]/.test(l) && !/^\| (Operation|Feed) /.test(l)) ids.push(`${section}:${l.split('|')[1]!.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`);
    }
    expect(ids).toHaveLength(25);
    const named = Object.values(WORKLOAD_OPERATION_NAMES).map((n) => n.operation);
    expect(ids.filter((c) => !named.includes(c))).toEqual([]);
    expect(named.filter((n) => n !== undefined && !ids.includes(n))).toEqual([]);
  });

  it('registry push is unavailable, in the words of the note at line 65', () => {
    const u = WORKLOAD_OPERATION_NAMES['registry-push']!.unavailable!;
    expect(opsLines[64]).toBe(`> ${u.quote}`);
    // Written as every other source in the package: `sources/<file>:line:column`.
    expect(u.source).toMatch(/^sources\/gitlab-pat-fine-grained-other-operations\.[0-9a-f]+\.md:65:1$/);
  });
});
