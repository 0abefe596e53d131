/**
 * What `emitPackage` returns depends only on the catalog, the emit options and permgen itself (the
 * generator's code, the templates, the dependency versions in the lock file). When none of them
 * changed since a run that emitted without an error, `generate` need not emit again: if the output
 * folder holds exactly the files that run produced, it is already the answer, and ts-morph,
 * TypeScript and esbuild are never loaded (an unchanged run, or a `--check` in CI or a pre-commit
 * hook).
 *
 * An entry holds the sha256 of each file's bytes, not the files (it used to hold a second JSON copy
 * of the whole package, ~12 MB written on every first run), and what the emitters reported. A hit
 * is only ever confirmed against the folder on disk (`readMatchingTree`): the same paths, nothing
 * else in the folder (no extra file, no link or other non-file), and every file's bytes hashing to
 * what was emitted. Anything else (an edited, deleted or added file, another `--out`, a folder
 * never written) is a miss, and `generate` emits in full. Entries live beside the build cache
 * (`disk-cache.ts`: same folder, same switches); a cache that cannot be read or written is ignored.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EmitOptions } from './emitter.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { cacheOff, permgenHash, readCacheEntry, writeCacheEntry } from './disk-cache.ts';

/** Entries kept (one per recent catalog and generator version). */
const ENTRIES = { pattern: /^emit-[0-9a-f]{64}\.json$/, keep: 4 };

/**
 * The key of an emit, or undefined when caching is off or permgen's own files cannot be read.
 * `buildSha256` is the sha256 of the JSON of the build result the catalog is part of (the build
 * cache keeps it: a hit need not stringify the catalog again); the rest of that result (the
 * build's diagnostics, its input list) only makes the key finer.
 */
export function emitCacheKey(buildSha256: string, options: EmitOptions): string | undefined {
  if (cacheOff()) return undefined;
  try {
    return createHash('sha256').update(permgenHash()).update('\0').update(JSON.stringify(options)).update('\0').update(buildSha256).digest('hex');
  } catch {
    return undefined;
  }
}

export interface EmitCacheEntry {
  /** Output path (relative, `/` separators) → sha256 (hex) of the file's bytes as written (UTF-8). */
  hashes: Map<string, string>;
  /** What the emitters reported (warnings; an emit with an error is not cached), shown again on a hit. */
  diagnostics: Diagnostic[];
}

const SHA256 = /^[0-9a-f]{64}$/;

export function readEmitCache(key: string): EmitCacheEntry | undefined {
  const value = readCacheEntry(`emit-${key}.json`) as { hashes?: unknown; diagnostics?: unknown } | undefined;
  if (!value || !Array.isArray(value.hashes) || !value.hashes.every((f) => Array.isArray(f) && f.length === 2 && typeof f[0] === 'string' && typeof f[1] === 'string' && SHA256.test(f[1]))) return undefined;
  const diagnostics = value.diagnostics ?? [];
  if (!Array.isArray(diagnostics) || !diagnostics.every(isCachedDiagnostic)) return undefined;
  return { hashes: new Map(value.hashes as [string, string][]), diagnostics };
}

/** sha256 (hex) of a file's contents as `generate` writes them (a string written as UTF-8). */
function hashContents(contents: string | Uint8Array): string {
  return createHash('sha256').update(contents).digest('hex');
}

/** Stores the hashes of an emit's files and what it reported, and drops old entries. */
export function writeEmitCache(key: string, files: ReadonlyMap<string, string>, diagnostics: readonly Diagnostic[]): void {
  if (cacheOff()) return;
  writeCacheEntry(`emit-${key}.json`, { hashes: [...files].map(([p, contents]) => [p, hashContents(contents)]), diagnostics }, ENTRIES);
}

/**
 * The files below `dir` (relative path → contents) when they are exactly the files of `hashes`:
 * the same set of paths, each a regular file whose bytes hash to the recorded sha256, and nothing
 * else below `dir` (a symbolic link, socket or any other non-file is a mismatch too). Otherwise
 * undefined, also when `dir` cannot be read.
 */
export async function readMatchingTree(dir: string, hashes: ReadonlyMap<string, string>): Promise<Map<string, string> | undefined> {
  const out = new Map<string, string>();
  const walk = async (rel: string): Promise<boolean> => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!(await walk(child))) return false;
        continue;
      }
      const expected = hashes.get(child);
      if (!e.isFile() || expected === undefined) return false;
      const bytes = await readFile(path.join(dir, child));
      if (hashContents(bytes) !== expected) return false;
      out.set(child, bytes.toString('utf8'));
    }
    return true;
  };
  try {
    if (!(await walk(''))) return undefined;
  } catch {
    return undefined;
  }
  if (out.size !== hashes.size) return undefined;
  // The order the emitters gave (the cached entry's), not the folder listing's.
  return new Map([...hashes.keys()].map((p) => [p, out.get(p)!]));
}

function isCachedDiagnostic(d: unknown): d is Diagnostic {
  if (typeof d !== 'object' || d === null) return false;
  const x = d as Record<string, unknown>;
  return (
    typeof x.file === 'string' &&
    typeof x.line === 'number' &&
    typeof x.column === 'number' &&
    x.severity === 'warning' &&
    typeof x.ruleId === 'string' &&
    typeof x.message === 'string' &&
    typeof x.hint === 'string'
  );
}
