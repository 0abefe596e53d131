/**
 * Reads one Forgejo scope page the way `build-catalog.ts` does (reader → scope extractor), without
 * the manifest. Fixtures are Markdown (`input.md`, for the extractor) or code-viewer scrapes
 * (`input.txt`, for the scrape reader).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { compareDiagnostics, type Diagnostic } from '../../generator/diagnostics/diagnostic.ts';
import { Overrides } from '../../generator/config/overrides.ts';
import { markdownReader } from '../../generator/read/markdown.ts';
import { codeViewerScrapeReader } from '../../generator/read/code-viewer-scrape.ts';
import { forgejoScopeExtractor } from '../../generator/extract/forgejo-scope-table.ts';
import type { ForgejoScopesModel, SourceInfo } from '../../generator/model/catalog.ts';
import type { PageDocument } from '../../generator/read/document.ts';

export const PAGE = 'sources/forgejo-access-token-scopes.code-viewer.txt';
export const fixturesDir = path.join(import.meta.dirname, '../fixtures/forgejo-page');

export interface Extracted {
  doc: PageDocument;
  model: ForgejoScopesModel | undefined;
  diagnostics: Diagnostic[];
}

export function extract(text: string, file: string, scrape: boolean): Extracted {
  const report = new Reporter();
  const reader = scrape ? codeViewerScrapeReader : markdownReader;
  const doc = reader.read(text, file, report);
  const source: SourceInfo = { id: 'fixture', file, format: reader.name, provider: 'forgejo', title: 'Fixture', url: 'https://example.test/token-scope', sha256: '0' };
  const model = forgejoScopeExtractor.recognizes(doc) ? forgejoScopeExtractor.extract(doc, { source, report, overrides: new Overrides() }) : undefined;
  return { doc, model, diagnostics: [...report.diagnostics].sort(compareDiagnostics) };
}

export function extractFixture(name: string): Extracted {
  const scrape = existsSync(path.join(fixturesDir, name, 'input.txt'));
  const file = scrape ? 'input.txt' : 'input.md';
  return extract(readFileSync(path.join(fixturesDir, name, file), 'utf8'), file, scrape);
}
