/** The GraphQL and REST pages name one permission vocabulary: an id both grant must mean the same thing. */
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { Overrides } from '../../generator/config/overrides.ts';
import { markdownReader } from '../../generator/read/markdown.ts';
import { graphqlPermissionExtractor } from '../../generator/extract/graphql-permission-table.ts';
import { gitlabPermissionSpelling } from '../../generator/validate/rules/gitlab-permission-spelling.ts';
import type { Catalog, SourceInfo } from '../../generator/model/catalog.ts';
import { extract } from './pipeline.ts';
import { realCatalog } from '../helpers/build.ts';

function graphqlModel(text: string) {
  const report = new Reporter();
  const doc = markdownReader.read(text, 'graphql.md', report);
  const source: SourceInfo = { id: 'g', file: 'graphql.md', format: 'markdown', provider: 'gitlab', title: 'G', url: 'https://example.test/g', sha256: '0' };
  return graphqlPermissionExtractor.extract(doc, { source, report, overrides: new Overrides() });
}

const GRAPHQL = [
  '### Packages And Registry resources',
  '',
  '#### Package',
  '',
  'Grants the ability to read packages.',
  '',
  '| Action | Access | Kind | Name |',
  '|---|---|---|---|',
  '| Read | Project | Type | Package |',
  '',
  '#### Merge Request',
  '',
  'Grants the ability to read merge requests.',
  '',
  '| Action | Access | Kind | Name |',
  '|---|---|---|---|',
  '| Read | Project | Type | MergeRequest |',
  '',
].join('\n');

const REST = [
  '### Packages and Registry resources',
  '',
  '#### Package',
  '',
  'Grants the ability to read packages.',
  '',
  '| Action | Access | Method | Path |',
  '| ------ | ------ | ------ | ---- |',
  '| Read | Project | `GET` | `/projects/:id/packages` |',
  '',
  '### Code Review resources',
  '',
  '#### Merge Request',
  '',
  'Grants the ability to read merge requests.',
  '',
  '| Action | Access | Method | Path |',
  '| ------ | ------ | ------ | ---- |',
  '| Read | Project | `GET` | `/projects/:id/merge_requests` |',
  '',
].join('\n');

describe('the REST page in the one vocabulary (gitlab-permission-spelling)', () => {
  it('warns when one id sits in another category, or in one spelt with another case, naming both places', () => {
    const catalog: Catalog = { catalogVersion: 1, sources: [graphqlModel(GRAPHQL), extract(REST, 'rest.md', { sourceId: 'r' }).model!] };
    const report = new Reporter();
    gitlabPermissionSpelling.check(catalog, report);
    // REST line 9 is the `Read` row under `Packages and Registry` (GraphQL line 9: `Packages And Registry`);
    // REST line 19 is the `Read` row of Merge Request under `Code Review` (GraphQL line 17: `Packages And Registry`).
    expect(report.diagnostics.map(({ hint: _h, ...d }) => d)).toEqual([
      {
        severity: 'warning',
        ruleId: 'gitlab-permission-spelling',
        file: 'rest.md',
        line: 9,
        column: 1,
        message: 'Permission `read_package` has category `Packages and Registry` (r, rest.md:9:1) but `Packages And Registry` (g, graphql.md:9:1).',
      },
      {
        severity: 'warning',
        ruleId: 'gitlab-permission-spelling',
        file: 'rest.md',
        line: 19,
        column: 1,
        message: 'Permission `read_merge_request` has category `Code Review` (r, rest.md:19:1) but `Packages And Registry` (g, graphql.md:17:1).',
      },
    ]);
  });

  it('finds no disagreement between the real pages', async () => {
    const { diagnostics } = await realCatalog();
    expect(diagnostics.filter((d) => d.ruleId === 'gitlab-permission-spelling')).toEqual([]);
  });
});
