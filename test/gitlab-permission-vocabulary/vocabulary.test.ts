/**
 * The GitLab fine-grained permission vocabulary: each fixture is a GraphQL page and an operations
 * page (both in GitLab's Markdown layout) read by the real readers and extractors, then checked by
 * every registered validation rule. The expected diagnostics are hand-written: remove
 * `gitlab-permission-spelling` from validate/registry.ts and the fixtures with diagnostics fail.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { compareDiagnostics } from '../../generator/diagnostics/diagnostic.ts';
import { Overrides } from '../../generator/config/overrides.ts';
import { markdownReader } from '../../generator/read/markdown.ts';
import { graphqlPermissionExtractor } from '../../generator/extract/graphql-permission-table.ts';
import { gitlabOperationExtractor } from '../../generator/extract/gitlab-operation-table.ts';
import { validationRules } from '../../generator/validate/registry.ts';
import { buildVocabulary, collectMentions } from '../../generator/model/gitlab-permission-vocabulary.ts';
import { gitlabPermissionContributors } from '../../generator/model/gitlab-permission-contributors.ts';
import type { Catalog, SourceInfo } from '../../generator/model/catalog.ts';
import type { Extractor } from '../../generator/extract/extractor.ts';
import { itMatchesDiagnosticFixtures } from '../helpers/diagnostic-fixtures.ts';
import { realCatalog } from '../helpers/build.ts';

const dir = path.join(import.meta.dirname, '../fixtures/gitlab-permission-vocabulary');
const REQUIRED = ['agree', 'id-differs-by-separators', 'resource-text-differs', 'same-page-variants'];

function build(name: string): { catalog: Catalog; report: Reporter } {
  const report = new Reporter();
  const read = (file: string, id: string, extractor: Extractor) => {
    const doc = markdownReader.read(readFileSync(path.join(dir, name, file), 'utf8'), file, report);
    const source: SourceInfo = { id, file, format: 'markdown', provider: 'gitlab', title: id, url: 'https://example.test/', sha256: '0' };
    return extractor.extract(doc, { source, report, overrides: new Overrides() });
  };
  const catalog: Catalog = {
    catalogVersion: 1,
    sources: [read('graphql.md', 'graphql', graphqlPermissionExtractor as Extractor), read('operations.md', 'operations', gitlabOperationExtractor as Extractor)],
  };
  return { catalog, report };
}

function validate(name: string) {
  const { catalog, report } = build(name);
  expect(report.diagnostics).toEqual([]); // the pages themselves read cleanly
  for (const rule of validationRules) rule.check(catalog, report);
  return { diagnostics: [...report.diagnostics].sort(compareDiagnostics) };
}

describe('one spelling per GitLab fine-grained permission across pages', () => {
  it('is a registered validation rule', () => {
    expect(validationRules.map((r) => r.id)).toContain('gitlab-permission-spelling');
  });

  itMatchesDiagnosticFixtures(dir, REQUIRED, validate);
});

describe('the vocabulary', () => {
  it('merges the pages: one entry per id, the category and description from the page stating them, every page naming it', () => {
    const { catalog } = build('agree');
    const vocabulary = buildVocabulary(collectMentions(catalog, gitlabPermissionContributors));
    expect(vocabulary).toEqual([
      {
        id: 'read_work_item',
        resource: 'Work Item',
        action: 'Read',
        category: 'Planning',
        description: 'Grants the ability to read work items.',
        position: { file: 'graphql.md', line: 9, column: 1 },
        pages: [
          { source: 'graphql', kind: 'gitlab-graphql-permissions', position: { file: 'graphql.md', line: 9, column: 1 } },
          { source: 'operations', kind: 'gitlab-operation-permissions', position: { file: 'operations.md', line: 5, column: 1 } },
        ],
      },
    ]);
  });

  it('holds every permission of the real GraphQL and operations pages', async () => {
    const { catalog, diagnostics } = await realCatalog();
    expect(diagnostics.filter((d) => d.ruleId === 'gitlab-permission-spelling')).toEqual([]);
    const ids = new Set(buildVocabulary(collectMentions(catalog, gitlabPermissionContributors)).map((e) => e.id));
    for (const source of catalog.sources) {
      if (source.kind === 'gitlab-graphql-permissions') for (const c of source.categories) for (const r of c.resources) for (const g of r.grants) expect(ids).toContain(g.permission);
      if (source.kind === 'gitlab-operation-permissions') for (const s of source.sections) for (const t of s.tables) for (const o of t.operations) expect(ids).toContain(o.permission);
    }
    // Named on the operations page only (grep the GraphQL export for `Editor Telemetry`: no match).
    expect(ids).toContain('create_editor_telemetry');
  });
});
