/**
 * The library entry of `permgen generate`: build the model, emit the package, then either compare
 * it with `generated/` (`check`) or write it atomically. Errors (or warnings under `strict`) mean
 * nothing is written. Returns values; the CLI decides exit codes.
 */
import path from 'node:path';
import { buildCatalogDeferringCache } from './build-cache.ts';
import { emitCacheKey, readEmitCache, readMatchingTree, writeEmitCache } from './emit/emit-cache.ts';
import type { EmitOptions } from './emit/emitter.ts';
import { Reporter } from './diagnostics/reporter.ts';
import type { Diagnostic } from './diagnostics/diagnostic.ts';
import { compareDiagnostics, isBlocking } from './diagnostics/diagnostic.ts';
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
  /** The output folder was replaced by this run. */
  written: boolean;
  /**
   * The output folder already held exactly these files (their bytes matched the sha256 recorded by
   * the emit that produced them), so nothing was emitted and, without `check`, nothing written.
   */
  upToDate: boolean;
  inputs: string[];
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const outDir = path.join(options.root, options.outDir ?? 'generated');
  const { built, resultSha256, save: saveBuild } = await buildCatalogDeferringCache(options);
  const saves = [saveBuild];
  const report = new Reporter();
  report.diagnostics.push(...built.diagnostics);
  const blocking = (ds: Diagnostic[]) => ds.some((d) => isBlocking(d, options.strict === true));
  let files = new Map<string, string>();
  let upToDate = false;
  if (!blocking(report.diagnostics)) {
    const emitted = await emitOrReuse(built.catalog, resultSha256, { enumStyle: options.emit?.enumStyle ?? 'const' }, report, options.typecheck === true, outDir);
    ({ files, upToDate } = emitted);
    saves.push(emitted.save);
  }
  const diagnostics = [...report.diagnostics].sort(compareDiagnostics);
  const result: GenerateResult = { ok: !blocking(diagnostics), catalog: built.catalog, diagnostics, files, differences: [], written: false, upToDate, inputs: built.inputs };
  // The user's result first (the comparison, or generated/ written), then the cache entries.
  try {
    if (!result.ok) return result;
    if (options.check) {
      result.differences = upToDate ? [] : compareTrees(await readTree(outDir), files);
      result.ok = result.differences.length === 0;
      return result;
    }
    if (upToDate) return result;
    await withLock(path.join(options.root, '.permgen-lock'), () => writeTreeAtomically(outDir, files, options.hooks));
    result.written = true;
    return result;
  } finally {
    for (const save of saves) save();
  }
}

interface Emitted {
  files: Map<string, string>;
  /** `outDir` holds exactly `files` already (an emit cache hit confirmed on disk): nothing was emitted. */
  upToDate: boolean;
  /** Writes the emit cache entry, if this call emitted and caching is on. */
  save: () => void;
}

/**
 * The package for a catalog. When permgen and the catalog are what an earlier emit without errors
 * saw (`emit/emit-cache.ts`) and `outDir` holds exactly the files that emit produced (their sha256
 * recorded in the entry), those files are the package: read back, not emitted, and ts-morph is not
 * loaded. Anything else is a full emit. A `--typecheck` run always emits (the type-check is the
 * point). What the emitters reported (warnings) is cached with the hashes and reported again on a
 * hit, as if emitted: a page that makes an emitter warn does not cost every run a full emit.
 */
async function emitOrReuse(catalog: Catalog, buildSha256: string | undefined, emitOptions: EmitOptions, report: Reporter, typecheck: boolean, outDir: string): Promise<Emitted> {
  const key = typecheck || buildSha256 === undefined ? undefined : emitCacheKey(buildSha256, emitOptions);
  const cached = key === undefined ? undefined : readEmitCache(key);
  if (cached) {
    const onDisk = await readMatchingTree(outDir, cached.hashes);
    if (onDisk) {
      report.diagnostics.push(...cached.diagnostics);
      return { files: onDisk, upToDate: true, save: () => {} };
    }
  }
  const before = report.diagnostics.length;
  const files = await emitFiles(catalog, emitOptions, report, typecheck);
  const reported = report.diagnostics.slice(before);
  const cacheable = key !== undefined && !reported.some((d) => d.severity === 'error');
  return { files, upToDate: false, save: () => cacheable && writeEmitCache(key, files, reported) };
}

/**
 * The package for a catalog, emitted, with ts-morph loaded only now (`emitOrReuse` on a miss, and
 * callers without an output folder to confirm an emit cache entry against, such as the site build:
 * the cache holds hashes, not files).
 */
export async function emitFiles(catalog: Catalog, emitOptions: EmitOptions, report: Reporter, typecheck: boolean): Promise<Map<string, string>> {
  const { emitPackageAsync } = await import('./emit/emit-package.ts');
  return await emitPackageAsync(catalog, emitOptions, report, { typecheck });
}
