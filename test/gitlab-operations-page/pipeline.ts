/** Reads one Git-and-other-operations page the way `build-catalog.ts` does (Markdown reader → extractor), without the manifest. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { compareDiagnostics, type Diagnostic } from '../../generator/diagnostics/diagnostic.ts';
import { Overrides } from '../../generator/config/overrides.ts';
import { markdownReader } from '../../generator/read/markdown.ts';
import { gitlabOperationExtractor } from '../../generator/extract/gitlab-operation-table.ts';
import type { GitlabOperationPermissionsModel, SourceInfo } from '../../generator/model/catalog.ts';
import type { PageDocument } from '../../generator/read/document.ts';
import { projectRoot } from '../helpers/build.ts';

export const PAGE = 'sources/gitlab-pat-fine-grained-other-operations.3f07355.md';

export interface Extracted {
  doc: PageDocument;
  model: GitlabOperationPermissionsModel | undefined;
  diagnostics: Diagnostic[];
}

export function extract(text: string, file: string): Extracted {
  const report = new Reporter();
  const doc = markdownReader.read(text, file, report);
  const source: SourceInfo = { id: 'fixture', file, format: 'markdown', provider: 'gitlab', title: 'Fixture', url: 'https://example.test/other', sha256: '0' };
  const model = gitlabOperationExtractor.recognizes(doc) ? gitlabOperationExtractor.extract(doc, { source, report, overrides: new Overrides() }) : undefined;
  return { doc, model, diagnostics: [...report.diagnostics].sort(compareDiagnostics) };
}

export function extractRealPage(): Extracted {
  return extract(readFileSync(path.join(projectRoot, PAGE), 'utf8'), PAGE);
}

export function extractFixture(dir: string): Extracted {
  return extract(readFileSync(path.join(dir, 'input.md'), 'utf8'), 'input.md');
}
