/**
 * One folder per diagnostic under test/fixtures/graphql-page/<case>/: `input.txt` (plain-text
 * export) or `input.md` (GitLab's Markdown layout), an optional `overrides.json`, and
 * `expected.json`, written by hand, with the exact severity, rule id, position and message.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { itMatchesDiagnosticFixtures } from '../helpers/diagnostic-fixtures.ts';
import { extractFixture } from './pipeline.ts';

const dir = path.join(import.meta.dirname, '../fixtures/graphql-page');
const fixture = (name: string) => extractFixture(path.join(dir, name));

describe('GraphQL permission page: diagnostic fixtures', () => {
  itMatchesDiagnosticFixtures(dir, [
      'table-cell-count',
      'action-unknown',
      'action-none',
      'boundary-unknown',
      'kind-unknown',
      'name-invalid',
      'table-empty',
      'table-missing',
      'rows-outside-resource',
      'category-missing',
      'resource-title-missing',
      'resource-title-overridden',
      'override-unused',
      'permission-id-override',
      'markdown-layout',
    ], fixture);
});

describe('GraphQL permission page: what the fixtures extract', () => {
  it('drops the rows of a resource without a title when no override names it', () => {
    const { model } = fixture('resource-title-missing');
    expect(model?.categories.map((c) => [c.name, c.resources.map((r) => r.name)])).toEqual([
      ['Repository', ['Repository Tag']],
      ['System Access', ['Member']],
    ]);
  });

  it('uses the override title, keeps its id on the resource and positions it at the description line', () => {
    const { model } = fixture('resource-title-overridden');
    const email = model?.categories[1]?.resources[0];
    expect(email).toEqual({
      name: 'Email',
      description: 'Grants the ability to create, delete, and read emails.',
      position: { file: 'input.txt', line: 9, column: 1 },
      override: 'email-title',
      grants: [
        { action: 'Read', access: 'User', boundary: 'user', kind: 'Type', name: 'Email', permission: 'read_email', alsoRequires: [], position: { file: 'input.txt', line: 12, column: 1 } },
      ],
    });
  });

  it('replaces a derived id only for the resource and action the override names', () => {
    const { model } = fixture('permission-id-override');
    expect(model?.categories[0]?.resources[0]?.grants.map((g) => [g.name, g.permission, g.permissionOverride])).toEqual([
      ['CommitCreate', 'push_code', undefined],
      ['Commit', 'download_code', 'code-read-id'],
      ['Repository', 'download_code', 'code-read-id'],
    ]);
  });

  it('keeps the valid rows next to rejected ones', () => {
    expect(fixture('name-invalid').model?.categories[0]?.resources[0]?.grants.map((g) => `${g.kind} ${g.name} @${g.position.line}`)).toEqual(['Field Project.runners @11']);
    expect(fixture('table-cell-count').model?.categories[0]?.resources[0]?.grants.map((g) => g.position.line)).toEqual([7]);
  });

  it('reads the Markdown layout with the same extractor: headings, code spans, footnotes', () => {
    const { model } = fixture('markdown-layout');
    expect(model?.categories.map((c) => ({ name: c.name, text: c.text, line: c.position.line, resources: c.resources.map((r) => `${r.name} @${r.position.line}:${r.position.column}`) }))).toEqual([
      { name: 'CI/CD', text: 'CI/CD resources', line: 12, resources: ['Runner @14:1', 'CI/CD Setting @25:1'] },
      { name: 'System Access', text: 'System Access resources', line: 33, resources: ['Email @35:1'] },
    ]);
    const runner = model?.categories[0]?.resources[0];
    expect(runner?.grants).toEqual([
      { action: 'Read', access: 'Project', boundary: 'project', kind: 'Type', name: 'CiRunner', permission: 'read_runner', alsoRequires: [], position: { file: 'input.md', line: 20, column: 1 } },
      { action: 'Update', access: 'Project', boundary: 'project', kind: 'Mutation', name: 'RunnerUpdate', permission: 'update_runner', alsoRequires: ['read_runner'], position: { file: 'input.md', line: 21, column: 1 } },
    ]);
    expect(model?.categories[0]?.resources[1]?.grants.map((g) => [g.permission, g.boundary, g.name])).toEqual([['update_ci_cd_setting', 'group', 'SafeDisablePipelineVariables']]);
  });

  it('drops a row whose footnote is undefined and keeps one whose footnote names an unknown permission (with an error)', () => {
    const { model } = fixture('footnotes-invalid');
    expect(model?.categories[0]?.resources[0]?.grants.map((g) => [g.name, g.boundary, g.alsoRequires])).toEqual([
      ['RunnerUpdate', 'project', ['read_project']],
      ['CiRunner', 'group', []],
    ]);
  });
});
