/** The GraphQL and REST pages name one permission vocabulary: an id both grant must mean the same thing. */
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { Overrides } from '../../generator/config/overrides.ts';
import { markdownReader } from '../../generator/read/markdown.ts';
import { graphqlPermissionExtractor } from '../../generator/extract/graphql-permission-table.ts';
import { restGraphqlPermissions } from '../../generator/validate/rules/rest-graphql-permissions.ts';
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

describe('rest-graphql-permission-mismatch', () => {
  it('accepts a category that differs only in case, and warns when one id sits in another category', () => {
    const catalog: Catalog = { catalogVersion: 1, sources: [graphqlModel(GRAPHQL), extract(REST, 'rest.md', { sourceId: 'r' }).model!] };
    const report = new Reporter();
    restGraphqlPermissions.check(catalog, report);
    expect(report.diagnostics.map(({ hint: _h, ...d }) => d)).toEqual([
      {
        severity: 'warning',
        ruleId: 'rest-graphql-permission-mismatch',
        file: 'rest.md',
        line: 19,
        column: 1,
        message: '`read_merge_request` is `Read` on `Merge Request` (in `Code Review`) here, but `Read` on `Merge Request` (in `Packages And Registry`) on the GraphQL page (graphql.md:17:1).',
      },
    ]);
  });

  it('finds no disagreement between the real pages', async () => {
    const { diagnostics } = await realCatalog();
    expect(diagnostics.filter((d) => d.ruleId === 'rest-graphql-permission-mismatch')).toEqual([]);
  });
});
