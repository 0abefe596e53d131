/**
 * read → extract → model → validate, for every page in the manifest. Never throws for problems in
 * the pages or the config: they come back as diagnostics.
 */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Reporter } from './diagnostics/reporter.ts';
import type { Diagnostic } from './diagnostics/diagnostic.ts';
import { compareDiagnostics } from './diagnostics/diagnostic.ts';
import { parseManifest, type ManifestEntry } from './config/manifest.ts';
import { parseOverrides, Overrides } from './config/overrides.ts';
import { parseReviewedWarnings, ReviewedWarnings } from './config/reviewed-warnings.ts';
import { findReader } from './read/registry.ts';
import { findExtractor, recognizeExtractor } from './extract/registry.ts';
import { validationRules } from './validate/registry.ts';
import type { Catalog, SourceInfo, SourceModel } from './model/catalog.ts';
import { limits as defaultLimits, type Limits } from './config/limits.ts';
import { describeTables } from './extract/table-headers.ts';

export interface BuildOptions {
  /** Project root (holds `sources/`). */
  root: string;
  /** Folder of pages and manifest, relative to root. Default `sources`. */
  sourcesDir?: string;
  /** Overrides of the caps in config/limits.ts (tests lower them). */
  limits?: Partial<Limits>;
}

export interface BuildResult {
  catalog: Catalog;
  diagnostics: Diagnostic[];
  /** Paths (relative to root) of every input read: pages, manifest, overrides, reviewed warnings. */
  inputs: string[];
  /**
   * The sha256 of each input's bytes as this build read them (`null`: absent or unreadable), the
   * optional files (overrides, reviewed warnings) included when they are absent. The build cache stores these, not a second read: a
   * page saved while the build runs must make the entry a miss, never pair the new bytes with the
   * old page's catalog.
   */
  inputHashes: Record<string, string | null>;
}

export async function buildCatalog(options: BuildOptions): Promise<BuildResult> {
  const report = new Reporter();
  const sourcesDir = options.sourcesDir ?? 'sources';
  const limits: Limits = { ...defaultLimits, ...options.limits };
  const rel = (p: string) => path.posix.join(sourcesDir, p);
  const manifestFile = rel('sources.json');
  const overridesFile = rel('overrides.json');
  const reviewedFile = rel('reviewed-warnings.json');
  const inputs = [manifestFile];
  const inputHashes: Record<string, string | null> = {};

  const manifestText = await readText(options.root, manifestFile, report, inputHashes);
  const entries = manifestText === undefined ? [] : parseManifest(manifestText, manifestFile, report);
  const overridesText = await readText(options.root, overridesFile, report, inputHashes, true);
  let overrides = new Overrides();
  if (overridesText !== undefined) {
    inputs.push(overridesFile);
    overrides = parseOverrides(overridesText, overridesFile, report);
  }
  const reviewedText = await readText(options.root, reviewedFile, report, inputHashes, true);
  let reviewed = new ReviewedWarnings();
  if (reviewedText !== undefined) {
    inputs.push(reviewedFile);
    reviewed = parseReviewedWarnings(reviewedText, reviewedFile, report);
  }

  const sources: SourceModel[] = [];
  const read = new Set<string>();
  const sourceOfFile = new Map<string, string>();
  for (const entry of entries) {
    const model = await buildSource(options.root, rel(entry.file), entry, overrides, limits, report, inputHashes);
    inputs.push(rel(entry.file));
    sourceOfFile.set(rel(entry.file), entry.id);
    if (model) {
      sources.push(model);
      read.add(entry.id);
    }
  }
  overrides.reportUnused(read, report);
  const catalog: Catalog = { catalogVersion: 1, sources };
  for (const rule of validationRules) rule.check(catalog, report);
  reviewed.apply(report.diagnostics, (file) => sourceOfFile.get(file), read, report);
  return { catalog, diagnostics: [...report.diagnostics].sort(compareDiagnostics), inputs, inputHashes };
}

async function buildSource(root: string, file: string, entry: ManifestEntry, overrides: Overrides, limits: Limits, report: Reporter, hashes: Record<string, string | null>): Promise<SourceModel | undefined> {
  const bytes = await readBytes(root, file, entry, report);
  // One hash of the bytes read: the source's sha256 in the model, and the build cache's record of the input.
  const sha256 = bytes ? createHash('sha256').update(bytes).digest('hex') : null;
  hashes[file] = sha256;
  if (!bytes || sha256 === null) return undefined;
  if (bytes.length > limits.pageBytes) {
    report.error('limit-page-size', `${file} is ${bytes.length} bytes; the limit is ${limits.pageBytes}.`, { file, line: 1, column: 1 }, 'A permission page this large is almost certainly not the page meant; check the file.');
    return undefined;
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  return buildSourceFromText(text, sha256, file, entry, overrides, limits, report);
}

/** read → extract for one page already in memory. Never throws for problems in the page. */
export function buildSourceFromText(text: string, sha256: string, file: string, entry: ManifestEntry, overrides: Overrides, limits: Limits, report: Reporter): SourceModel | undefined {
  const reader = findReader(entry.format);
  if (!reader) {
    report.error('manifest-format', `Unknown format \`${entry.format}\` for source \`${entry.id}\`.`, entry.position, 'Use `permgen read <file>` to see which reader recognises the page.');
    return undefined;
  }
  const doc = reader.read(text, file, report);
  const tooLong = doc.blocks.find((b) => b.type === 'table' && b.rows.length > limits.tableRows);
  if (tooLong) {
    report.error('limit-table-rows', `A table in ${file} has ${tooLong.type === 'table' ? tooLong.rows.length : 0} rows; the limit is ${limits.tableRows}.`, tooLong.position, 'A permission table this large is almost certainly not the page meant; check the file.');
    return undefined;
  }
  const extractor = entry.kind ? findExtractor(entry.kind) : recognizeExtractor(doc);
  if (!extractor) {
    report.error(
      'layout-unknown',
      entry.kind
        ? `Unknown kind \`${entry.kind}\` for source \`${entry.id}\`.`
        : `No known permission table in ${file}; tables found: ${describeTables(doc.blocks)}.`,
      entry.kind ? entry.position : { file, line: 1, column: 1 },
      'The upstream page may have changed its layout: compare it with the headers permgen knows (`permgen read --help`).',
    );
    return undefined;
  }
  const source: SourceInfo = {
    id: entry.id,
    file,
    format: reader.name,
    provider: entry.provider,
    title: entry.title,
    url: entry.url,
    sha256,
  };
  return extractor.extract(doc, { source, report, overrides, limits, ...(entry.tokenType ? { tokenType: entry.tokenType } : {}) });
}

async function readBytes(root: string, file: string, entry: ManifestEntry, report: Reporter): Promise<Uint8Array | undefined> {
  try {
    return await readFile(path.join(root, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    report.error('source-unreadable', `Cannot read ${file} for source \`${entry.id}\` (${code ?? 'error'}).`, entry.position, code === 'ENOENT' ? 'The manifest names a file that does not exist; fix the `file` entry.' : 'Check the file permissions.');
    return undefined;
  }
}

async function readText(root: string, file: string, report: Reporter, hashes: Record<string, string | null>, optional = false): Promise<string | undefined> {
  hashes[file] = null;
  try {
    const bytes = await readFile(path.join(root, file));
    hashes[file] = createHash('sha256').update(bytes).digest('hex');
    return bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (optional && code === 'ENOENT') return undefined;
    report.error('source-unreadable', `Cannot read ${file} (${code ?? 'error'}).`, { file, line: 1, column: 1 }, 'The project needs sources/sources.json listing its pages.');
    return undefined;
  }
}
