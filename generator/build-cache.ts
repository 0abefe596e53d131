/**
 * `generate`'s first stage (read → extract → model → validate) depends only on the files it reads
 * (manifest, overrides, pages), the build options and permgen itself. When none of them changed
 * since a run, that run's catalog and diagnostics are reused, and the readers (remark, cheerio), the
 * extractors and the validation rules are not even loaded: most of an unchanged run or `--check`
 * after start-up (`--cpu-prof`: reading and validating were ~0.5 s of CPU, the route-overlap
 * automata and remark's first calls most of it).
 *
 * An entry holds the sha256 of every input the build read (and of the overrides file's absence), so
 * an edited, added or deleted input is a miss. It lives beside the emit cache
 * (`emit/disk-cache.ts`: same folder, `PERMGEN_CACHE=off` and `--no-cache` turn it off), keyed by
 * permgen's own hash (generator code, lock file, templates) and the options. A result is stored
 * only if it is plain JSON data (`jsonSafe`), so a hit is exactly what a build returns.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildOptions, BuildResult } from './build-catalog.ts';
import { cacheOff, permgenHash, readCacheEntry, writeCacheText } from './emit/disk-cache.ts';

const ENTRIES = { pattern: /^build-[0-9a-f]{64}\.json\.gz$/, keep: 4 };

interface Entry {
  /** Input path relative to the root → sha256 of its bytes, or null when it did not exist. */
  inputs: [string, string | null][];
  /** sha256 of `JSON.stringify(result)`: what the emit cache's key is made from (no stringify of the catalog on a hit). */
  resultSha256: string;
  result: BuildResult;
}

export interface DeferredBuild {
  built: BuildResult;
  /** sha256 of `JSON.stringify(built)`, when caching is on and the result is plain JSON data. */
  resultSha256: string | undefined;
  /** Writes the build cache entry (if this call built and caching is on). */
  save: () => void;
}

/**
 * `buildCatalog(options)`, from the cache when every input is as the cached run read it, with the
 * cache entry (if any) written only when `save` is called: `generate` writes
 * the user's output first. The inputs' hashes are the build's own (of the bytes it read), so an
 * input edited while the build or the emit runs is a miss next time, not a stale hit.
 */
export async function buildCatalogDeferringCache(options: BuildOptions): Promise<DeferredBuild> {
  const key = cacheKey(options);
  if (key !== undefined) {
    const hit = read(key, options.root);
    if (hit) return { built: hit.result, resultSha256: hit.resultSha256, save: () => {} };
  }
  const { buildCatalog } = await import('./build-catalog.ts');
  const built = await buildCatalog(options);
  if (key === undefined) return { built, resultSha256: undefined, save: () => {} };
  // The entry is made now, from the result as the build returned it (an emitter changing the catalog
  // later cannot reach it), and stored only if the result is plain JSON data, so a hit is exactly
  // what a build returns; it is written when `save` is called, after the user's output.
  if (!jsonSafe(built)) return { built, resultSha256: undefined, save: () => {} };
  const resultText = JSON.stringify(built);
  const resultSha256 = createHash('sha256').update(resultText).digest('hex');
  // The entry's JSON around the result's text (stringified once): { inputs, resultSha256, result }.
  // `inputs`: every input with the sha256 of its bytes as the build read them (`BuildResult.inputHashes`), not as they are now.
  const text = `{"inputs":${JSON.stringify(Object.entries(built.inputHashes))},"resultSha256":"${resultSha256}","result":${resultText}}`;
  return { built, resultSha256, save: () => writeCacheText(`build-${key}.json.gz`, text, ENTRIES) };
}

/**
 * True when `value` comes back from `JSON.parse(JSON.stringify(value))` deep-strict-equal: only
 * strings, finite numbers (not -0), booleans, null, dense arrays and plain objects (prototype
 * `Object.prototype`, no symbol keys, no undefined, function or other value JSON drops or changes).
 * One walk instead of a parse and a deep comparison (~65 ms of a first run with today's sources).
 */
export function jsonSafe(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype || Object.getOwnPropertySymbols(value).length > 0) return false;
        for (let i = 0; i < value.length; i++) if (!(i in value) || !jsonSafe(value[i])) return false;
        // Own enumerable keys besides the indices (arr.extra = 1) are compared by isDeepStrictEqual but dropped by JSON.
        return Object.keys(value).length === value.length;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype || Object.getOwnPropertySymbols(value).length > 0) return false;
      if ('toJSON' in value) return false;
      for (const key in value) {
        if (!Object.hasOwn(value, key)) return false;
        if (!jsonSafe((value as Record<string, unknown>)[key])) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

function cacheKey(options: BuildOptions): string | undefined {
  if (cacheOff()) return undefined;
  try {
    return createHash('sha256').update(permgenHash()).update('\0').update(JSON.stringify({ root: path.resolve(options.root), sourcesDir: options.sourcesDir ?? 'sources', limits: options.limits ?? {} })).digest('hex');
  } catch {
    return undefined;
  }
}

function hashFile(root: string, file: string): string | null {
  try {
    return createHash('sha256').update(readFileSync(path.join(root, file))).digest('hex');
  } catch {
    return null;
  }
}

function read(key: string, root: string): Entry | undefined {
  const entry = readCacheEntry(`build-${key}.json.gz`) as Entry | undefined;
  if (!entry || !Array.isArray(entry.inputs) || !entry.result || typeof entry.result !== 'object' || typeof entry.resultSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(entry.resultSha256)) return undefined;
  if (entry.inputs.length === 0) return undefined; // every build reads at least its manifest
  for (const input of entry.inputs) {
    if (!Array.isArray(input) || typeof input[0] !== 'string' || hashFile(root, input[0]) !== input[1]) return undefined;
  }
  // Shaped like a build's result, or a miss (never a crash downstream). Its text is not re-hashed against
  // `resultSha256` (that is the stringify an unchanged run saves, ~30 ms): the cache folder is as trusted
  // as the CLI bundle that lives beside it, which runs as permgen.
  const result = entry.result as Partial<BuildResult>;
  if (!result.catalog || !Array.isArray(result.catalog.sources) || !Array.isArray(result.diagnostics) || !Array.isArray(result.inputs) || typeof result.inputHashes !== 'object' || result.inputHashes === null) return undefined;
  return entry;
}


