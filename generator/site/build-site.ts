/**
 * The library entry of `permgen docs`: read the sources, emit the package in memory, render the
 * site from both, and write it atomically. Errors (or warnings under `strict`) in the sources mean
 * nothing is written, as for `permgen generate`: a site must not document a package that was not
 * built. Returns values; the CLI decides exit codes.
 */
import path from 'node:path';
import { buildCatalog } from '../build-catalog.ts';
import { emitFiles } from '../generate.ts';
import { Reporter } from '../diagnostics/reporter.ts';
import { compareDiagnostics, createDiagnostic, isBlocking, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { writeTreeAtomically } from '../write/atomic-write.ts';
import type { Catalog } from '../model/catalog.ts';
import { renderSite } from './render-site.ts';
import { outDirProblem } from './out-dir.ts';

export interface BuildSiteOptions {
  root: string;
  sourcesDir?: string;
  /** Absolute output folder; default `<root>/site`. */
  outDir?: string;
  strict?: boolean;
  /** Render only (tests, dry runs). */
  write?: boolean;
}

export interface BuildSiteResult {
  ok: boolean;
  catalog: Catalog;
  diagnostics: Diagnostic[];
  /** Every file of the site (path relative to the output folder → contents); empty when something blocked it. */
  files: Map<string, string>;
  outDir: string;
  written: boolean;
}

export async function buildSite(options: BuildSiteOptions): Promise<BuildSiteResult> {
  const outDir = options.outDir ?? path.join(options.root, 'site');
  // Checked before the (slow) build so that a wrong --out fails fast.
  const problem = options.write === false ? undefined : await outDirProblem(outDir, options.root);
  if (problem !== undefined) {
    const at = { file: path.relative(options.root, outDir) || '.', line: 1, column: 1 };
    const diagnostic = createDiagnostic('error', 'site-out-dir', problem, at, 'Choose an empty or new folder for --out, or the folder of a previous site.');
    return { ok: false, catalog: { catalogVersion: 1, sources: [] }, diagnostics: [diagnostic], files: new Map(), outDir, written: false };
  }
  const built = await buildCatalog(options);
  const report = new Reporter();
  report.diagnostics.push(...built.diagnostics);
  const blocking = () => report.diagnostics.some((d) => isBlocking(d, options.strict === true));
  let files = new Map<string, string>();
  if (!blocking()) {
    const packageFiles = await emitFiles(built.catalog, { enumStyle: 'const' }, report, false);
    if (!blocking()) files = (await renderSite(built.catalog, packageFiles, report)) ?? new Map();
  }
  const result: BuildSiteResult = { ok: !blocking(), catalog: built.catalog, diagnostics: [...report.diagnostics].sort(compareDiagnostics), files, outDir, written: false };
  if (!result.ok) result.files = new Map();
  if (result.ok && options.write !== false) {
    await writeTreeAtomically(outDir, files);
    result.written = true;
  }
  return result;
}
