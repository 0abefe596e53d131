/**
 * Reads one Buildkite enum page the way `build-catalog.ts` does (HTML reader → enum extractor),
 * without the manifest, so a fixture is just a page.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { compareDiagnostics, type Diagnostic } from '../../generator/diagnostics/diagnostic.ts';
import { Overrides } from '../../generator/config/overrides.ts';
import { htmlReader } from '../../generator/read/html.ts';
import { buildkiteEnumExtractor } from '../../generator/extract/buildkite-enum-table.ts';
import type { BuildkiteEnumModel, SourceInfo } from '../../generator/model/catalog.ts';
import type { PageDocument } from '../../generator/read/document.ts';

export const PAGE = 'sources/buildkite-graphql-enum-api-access-token-scopes.html';
export const fixturesDir = path.join(import.meta.dirname, '../fixtures/buildkite-enum');

export interface Extracted {
  doc: PageDocument;
  model: BuildkiteEnumModel | undefined;
  diagnostics: Diagnostic[];
}

export function extract(text: string, file: string): Extracted {
  const report = new Reporter();
  const doc = htmlReader.read(text, file, report);
  const source: SourceInfo = { id: 'fixture', file, format: 'html', provider: 'buildkite', title: 'Fixture', url: 'https://example.test/enum', sha256: '0' };
  const model = buildkiteEnumExtractor.recognizes(doc) ? buildkiteEnumExtractor.extract(doc, { source, report, overrides: new Overrides() }) : undefined;
  return { doc, model, diagnostics: [...report.diagnostics].sort(compareDiagnostics) };
}

/** `test/fixtures/buildkite-enum/<name>/input.html`; diagnostics name the file `input.html`. */
export function extractFixture(name: string): Extracted {
  return extract(readFileSync(path.join(fixturesDir, name, 'input.html'), 'utf8'), 'input.html');
}
