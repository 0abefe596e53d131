/**
 * Reads one REST permission page the way `build-catalog.ts` does (Markdown reader → extractor → stale
 * override check), without the manifest, so a fixture is a page and an optional overrides file.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { compareDiagnostics, type Diagnostic } from '../../generator/diagnostics/diagnostic.ts';
import { Overrides, parseOverrides } from '../../generator/config/overrides.ts';
import { markdownReader } from '../../generator/read/markdown.ts';
import { gitlabRestPermissionExtractor } from '../../generator/extract/gitlab-rest-permission-table.ts';
import type { GitlabRestPermissionsModel, SourceInfo } from '../../generator/model/catalog.ts';
import { projectRoot } from '../helpers/build.ts';

export const PAGE = 'sources/gitlab-pat-fine-grained-rest.0739b8b.md';
export const SOURCE_ID = 'gitlab-pat-rest-permissions';

export interface Extracted {
  model: GitlabRestPermissionsModel | undefined;
  diagnostics: Diagnostic[];
}

export function extract(text: string, file: string, opts: { sourceId: string; overridesText?: string; overridesFile?: string }): Extracted {
  const report = new Reporter();
  const overrides = opts.overridesText === undefined ? new Overrides() : parseOverrides(opts.overridesText, opts.overridesFile ?? 'overrides.json', report);
  const doc = markdownReader.read(text, file, report);
  const source: SourceInfo = { id: opts.sourceId, file, format: markdownReader.name, provider: 'gitlab', title: 'Fixture', url: 'https://example.test/rest', sha256: '0' };
  const model = gitlabRestPermissionExtractor.recognizes(doc) ? gitlabRestPermissionExtractor.extract(doc, { source, report, overrides }) : undefined;
  overrides.reportUnused(new Set([opts.sourceId]), report);
  return { model, diagnostics: [...report.diagnostics].sort(compareDiagnostics) };
}

export function pageText(): string {
  return readFileSync(path.join(projectRoot, PAGE), 'utf8');
}

/** The real page with the real sources/overrides.json. */
export function extractRealPage(): Extracted {
  return extract(pageText(), PAGE, {
    sourceId: SOURCE_ID,
    overridesText: readFileSync(path.join(projectRoot, 'sources/overrides.json'), 'utf8'),
    overridesFile: 'sources/overrides.json',
  });
}

/** A fixture folder: `input.md`, optional `overrides.json`. */
export function extractFixture(dir: string): Extracted {
  const overridesPath = path.join(dir, 'overrides.json');
  return extract(readFileSync(path.join(dir, 'input.md'), 'utf8'), 'input.md', {
    sourceId: 'fixture',
    ...(existsSync(overridesPath) ? { overridesText: readFileSync(overridesPath, 'utf8') } : {}),
  });
}
