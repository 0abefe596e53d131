/**
 * Reads one GraphQL permission page the way `build-catalog.ts` does (reader → extractor → stale
 * override check), without the manifest, so a fixture is a page and an optional overrides file.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { compareDiagnostics, type Diagnostic } from '../../generator/diagnostics/diagnostic.ts';
import { Overrides, parseOverrides } from '../../generator/config/overrides.ts';
import { plainTextExportReader } from '../../generator/read/plain-text-export.ts';
import { markdownReader } from '../../generator/read/markdown.ts';
import { graphqlPermissionExtractor } from '../../generator/extract/graphql-permission-table.ts';
import type { GraphqlPermissionsModel, SourceInfo } from '../../generator/model/catalog.ts';
import { projectRoot } from '../helpers/build.ts';

/** The page `sources/sources.json` compiles: GitLab's Markdown layout, upstream commit 41946e6. */
export const PAGE = 'sources/gitlab-pat-fine-grained-graphql.41946e6.md';
/** The plain-text export the product started from, kept as a fixture that must read as it always did. */
export const SEED_PAGE = 'test/fixtures/seeds/gitlab-graphql-fine-grained-permissions.export.txt';
/** The override the seed needs (its Email resource has no title line); the current page needs none. */
export const SEED_OVERRIDES = 'test/fixtures/seeds/gitlab-graphql-fine-grained-permissions.overrides.json';
export const SOURCE_ID = 'gitlab-graphql-fine-grained-permissions';

export interface Extracted {
  model: GraphqlPermissionsModel | undefined;
  diagnostics: Diagnostic[];
}

/** `file` and `overridesFile` are the names diagnostics carry; `overridesText` undefined means no overrides file. */
export function extract(text: string, file: string, opts: { sourceId: string; markdown?: boolean; overridesText?: string; overridesFile?: string }): Extracted {
  const report = new Reporter();
  const overrides = opts.overridesText === undefined ? new Overrides() : parseOverrides(opts.overridesText, opts.overridesFile ?? 'overrides.json', report);
  const reader = opts.markdown ? markdownReader : plainTextExportReader;
  const doc = reader.read(text, file, report);
  const source: SourceInfo = { id: opts.sourceId, file, format: reader.name, provider: 'gitlab', title: 'Fixture', url: 'https://example.test/graphql', sha256: '0' };
  const model = graphqlPermissionExtractor.recognizes(doc) ? graphqlPermissionExtractor.extract(doc, { source, report, overrides }) : undefined;
  overrides.reportUnused(new Set([opts.sourceId]), report);
  return { model, diagnostics: [...report.diagnostics].sort(compareDiagnostics) };
}

/** The real page (Markdown) with the real sources/overrides.json. */
export function extractRealPage(): Extracted {
  return extract(readFileSync(path.join(projectRoot, PAGE), 'utf8'), PAGE, {
    sourceId: SOURCE_ID,
    markdown: true,
    overridesText: readFileSync(path.join(projectRoot, 'sources/overrides.json'), 'utf8'),
    overridesFile: 'sources/overrides.json',
  });
}

/** The seed export (plain text) with its own overrides file. */
export function extractSeedPage(): Extracted {
  return extract(readFileSync(path.join(projectRoot, SEED_PAGE), 'utf8'), SEED_PAGE, {
    sourceId: SOURCE_ID,
    overridesText: readFileSync(path.join(projectRoot, SEED_OVERRIDES), 'utf8'),
    overridesFile: SEED_OVERRIDES,
  });
}

/** A fixture folder: `input.txt` (plain-text export) or `input.md` (Markdown layout), optional `overrides.json`. */
export function extractFixture(dir: string): Extracted {
  const markdown = existsSync(path.join(dir, 'input.md'));
  const file = markdown ? 'input.md' : 'input.txt';
  const overridesPath = path.join(dir, 'overrides.json');
  return extract(readFileSync(path.join(dir, file), 'utf8'), file, {
    sourceId: 'fixture',
    markdown,
    ...(existsSync(overridesPath) ? { overridesText: readFileSync(overridesPath, 'utf8') } : {}),
  });
}
