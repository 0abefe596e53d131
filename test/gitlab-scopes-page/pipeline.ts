/**
 * Reads one GitLab token scopes page the way `build-catalog.ts` does (flattened-table reader with
 * the registered extractors' header sets → scope extractor), without the manifest.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { compareDiagnostics, type Diagnostic } from '../../generator/diagnostics/diagnostic.ts';
import { Overrides } from '../../generator/config/overrides.ts';
import { flattenedTableTextReader } from '../../generator/read/flattened-table-text.ts';
import { gitlabScopeExtractor } from '../../generator/extract/gitlab-scope-table.ts';
import type { GitlabTokenScopesModel, SourceInfo } from '../../generator/model/catalog.ts';
import type { PageDocument } from '../../generator/read/document.ts';

export const PAGE = 'sources/gitlab-access-token-scopes.ja.flattened.txt';
export const fixturesDir = path.join(import.meta.dirname, '../fixtures/gitlab-scopes-page');

export interface Extracted {
  doc: PageDocument;
  model: GitlabTokenScopesModel | undefined;
  diagnostics: Diagnostic[];
}

export function extract(text: string, file: string): Extracted {
  const report = new Reporter();
  const doc = flattenedTableTextReader.read(text, file, report);
  const source: SourceInfo = { id: 'fixture', file, format: 'flattened-table-text', provider: 'gitlab', title: 'Fixture', url: 'https://example.test/token_scopes', sha256: '0' };
  const model = gitlabScopeExtractor.recognizes(doc) ? gitlabScopeExtractor.extract(doc, { source, report, overrides: new Overrides() }) : undefined;
  return { doc, model, diagnostics: [...report.diagnostics].sort(compareDiagnostics) };
}

export function extractFixture(name: string): Extracted {
  return extract(readFileSync(path.join(fixturesDir, name, 'input.txt'), 'utf8'), 'input.txt');
}
