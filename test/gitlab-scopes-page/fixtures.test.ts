/**
 * One folder per case under test/fixtures/gitlab-scopes-page/<case>/: `input.txt` (a flattened
 * page, hand-written on the model of the real one) and `expected.json`, written by hand, with the
 * exact severity, rule id, position and message of every diagnostic.
 */
import { describe, expect, it } from 'vitest';
import { itMatchesDiagnosticFixtures } from '../helpers/diagnostic-fixtures.ts';
import { extractFixture, fixturesDir } from './pipeline.ts';


describe('GitLab token scopes page: diagnostic fixtures', () => {
  itMatchesDiagnosticFixtures(fixturesDir, ['valid', 'lower-case-availability', 'table-row-split', 'token-type-unknown', 'scope-duplicate', 'footnote-unresolved', 'footnote-unused', 'list-numbering', 'table-empty'], extractFixture);
});

describe('GitLab token scopes page: what the fixtures extract', () => {
  it('splits rows into scope, availability, description and footnote references', () => {
    const { model, doc } = extractFixture('valid');
    expect(doc.blocks.map((b) => [b.type, b.position.line, b.position.column])).toEqual([
      ['paragraph', 1, 1],
      ['list', 3, 3],
      ['table', 6, 1],
      ['paragraph', 12, 1],
      ['list', 14, 3],
    ]);
    expect(model?.scopes).toEqual([
      { name: 'api', availabilityText: 'Personal, group, project', availability: ['personal', 'group', 'project'], description: 'Grants complete read and write access to the API.', footnotes: [1], position: { file: 'input.txt', line: 7, column: 1 } },
      { name: 'read_api', availabilityText: 'Personal, group, project', availability: ['personal', 'group', 'project'], description: 'Grants read access to the API.', footnotes: [], position: { file: 'input.txt', line: 8, column: 1 } },
      { name: 'read_virtual_registry', availabilityText: 'Personal, group', availability: ['personal', 'group'], description: 'Grants read access (pull) to container images.', footnotes: [2], position: { file: 'input.txt', line: 9, column: 1 } },
      { name: 'sudo', availabilityText: 'Personal', availability: ['personal'], description: 'Grants permission to perform API actions as any user.', footnotes: [1, 2], position: { file: 'input.txt', line: 10, column: 1 } },
    ]);
    expect(model?.footnotes).toEqual([
      { id: 1, text: 'For a personal access token, api also grants Git-over-HTTP access.', position: { file: 'input.txt', line: 14, column: 6 } },
      { id: 2, text: 'Group access tokens carry no such condition.', position: { file: 'input.txt', line: 15, column: 6 } },
    ]);
  });

  it('matches token types case-insensitively, even when the scope runs into a lower-case one', () => {
    expect(extractFixture('lower-case-availability').model?.scopes.map((s) => [s.name, s.availabilityText, s.availability])).toEqual([
      ['read_api', 'personal, group, project', ['personal', 'group', 'project']],
      ['read_group', 'PERSONAL, Group', ['personal', 'group']],
      ['k8s_proxy', 'Personal,group,project', ['personal', 'group', 'project']],
    ]);
  });

  it('keeps the valid rows next to rejected ones', () => {
    expect(extractFixture('token-type-unknown').model?.scopes.map((s) => s.name)).toEqual(['api']);
    expect(extractFixture('table-row-split').model?.scopes.map((s) => s.name)).toEqual(['api']);
    expect(extractFixture('scope-duplicate').model?.scopes.map((s) => [s.name, s.availability])).toEqual([
      ['api', ['personal', 'group', 'project']],
      ['read_api', ['personal', 'group', 'project']],
    ]);
  });
});
