/**
 * The library entry of `permgen generate`: build the model, emit the package, then either compare
 * it with `generated/` (`check`) or write it atomically. Errors (or warnings under `strict`) mean
 * nothing is written. Returns values; the CLI decides exit codes.
 */
import path from 'node:path';
import { cachedBuildCatalog } from './build-cache.ts';
import { emitCacheKey, readEmitCache, writeEmitCache } from './emit/emit-cache.ts';
import type { EmitOptions } from './emit/emitter.ts';
import { Reporter } from './diagnostics/reporter.ts';
import type { Diagnostic } from './diagnostics/diagnostic.ts';
import { compareDiagnostics } from './diagnostics/diagnostic.ts';
import { readTree } from './write/read-tree.ts';
import { compareTrees, type TreeDifference } from './write/compare-tree.ts';
import { writeTreeAtomically, type WriteHooks } from './write/atomic-write.ts';
import { withLock } from './write/lock.ts';
import type { Catalog } from './model/catalog.ts';

export interface GenerateOptions {
  root: string;
  sourcesDir?: string;
  /** Output folder relative to root. Default `generated`. */
  outDir?: string;
  check?: boolean;
  strict?: boolean;
  emit?: Partial<EmitOptions>;
  /** Also type-check the emitted TypeScript as one strict program (slow; the tests always do). */
  typecheck?: boolean;
  hooks?: WriteHooks;
}

export interface GenerateResult {
  ok: boolean;
  catalog: Catalog;
  diagnostics: Diagnostic[];
  /** Every output file (path relative to the output folder → contents); empty when extraction failed. */
  files: Map<string, string>;
  /** With `check`: what differs between `generated/` and what the sources produce. */
  differences: TreeDifference[];
  written: boolean;
  inputs: string[];
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const outDir = path.join(options.root, options.outDir ?? 'generated');
  const built = await cachedBuildCatalog(options);
  const report = new Reporter();
  report.diagnostics.push(...built.diagnostics);
  const blocking = (ds: Diagnostic[]) => ds.some((d) => d.severity === 'error' || (options.strict === true && d.severity === 'warning'));
  let files = new Map<string, string>();
  if (!blocking(report.diagnostics)) files = await emitFiles(built.catalog, { enumStyle: options.emit?.enumStyle ?? 'const' }, report, options.typecheck === true);
  const diagnostics = [...report.diagnostics].sort(compareDiagnostics);
  const result: GenerateResult = { ok: !blocking(diagnostics), catalog: built.catalog, diagnostics, files, differences: [], written: false, inputs: built.inputs };
  if (!result.ok) return result;
  if (options.check) {
    result.differences = compareTrees(await readTree(outDir), files);
    result.ok = result.differences.length === 0;
    return result;
  }
  await withLock(path.join(options.root, '.permgen-lock'), () => writeTreeAtomically(outDir, files, options.hooks));
  result.written = true;
  return result;
}

/**
 * The package for a catalog: from the emit cache when permgen and the catalog are what an earlier
 * emit without errors saw (`emit/emit-cache.ts`), otherwise emitted, with ts-morph loaded only
 * then. A `--typecheck` run always emits (the type-check is the point). What the emitters reported
 * (warnings) is cached with the files and reported again on a hit, as if emitted: a page that makes
 * an emitter warn no longer costs every run a full emit.
 */
export async function emitFiles(catalog: Catalog, emitOptions: EmitOptions, report: Reporter, typecheck: boolean): Promise<Map<string, string>> {
  const key = typecheck ? undefined : emitCacheKey(catalog, emitOptions);
  const cached = key === undefined ? undefined : readEmitCache(key);
  if (cached) {
    report.diagnostics.push(...cached.diagnostics);
    return cached.files;
  }
  const { emitPackageAsync } = await import('./emit/emit-package.ts');
  const before = report.diagnostics.length;
  const files = await emitPackageAsync(catalog, emitOptions, report, { typecheck });
  const reported = report.diagnostics.slice(before);
  if (key !== undefined && !reported.some((d) => d.severity === 'error')) writeEmitCache(key, files, reported);
  return files;
}
