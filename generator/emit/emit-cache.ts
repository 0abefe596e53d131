/**
 * What `emitPackage` returns depends only on the catalog, the emit options and permgen itself (the
 * generator's code, the templates, the dependency versions in the lock file). When none of them
 * changed since a run that emitted without a diagnostic, `generate` reuses that run's files and
 * never loads ts-morph or TypeScript, which is most of an unchanged run's time (a `--check` in CI
 * or a pre-commit hook). Entries live beside the transpile cache (`disk-cache.ts`: same folder,
 * same switches); a cache that cannot be read or written is ignored.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalog } from '../model/catalog.ts';
import type { EmitOptions } from './emitter.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { cacheOff, readCacheEntry, writeCacheEntry } from './disk-cache.ts';

/** Entries kept (one per recent catalog and generator version). */
const ENTRIES = { pattern: /^emit-[0-9a-f]{64}\.json$/, keep: 4 };
const projectDir = fileURLToPath(new URL('../../', import.meta.url));

/** sha256 of every file below `dir`, with their paths. */
function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, full);
    else hash.update(path.relative(projectDir, full)).update('\0').update(readFileSync(full)).update('\0');
  }
}

let codeHash: string | undefined;

/**
 * sha256 over generator/ and package-lock.json (once per process: that code is what runs), and
 * templates/ (on every call: `generate --watch` renders an edited template in the same process).
 */
export function permgenHash(): string {
  if (codeHash === undefined) {
    const code = createHash('sha256');
    hashTree(code, path.join(projectDir, 'generator'));
    code.update(readFileSync(path.join(projectDir, 'package-lock.json')));
    codeHash = code.digest('hex');
  }
  const hash = createHash('sha256').update(codeHash);
  hashTree(hash, path.join(projectDir, 'templates'));
  return hash.digest('hex');
}

/** The key of an emit, or undefined when caching is off or permgen's own files cannot be read. */
export function emitCacheKey(catalog: Catalog, options: EmitOptions): string | undefined {
  if (cacheOff()) return undefined;
  try {
    return createHash('sha256').update(permgenHash()).update('\0').update(JSON.stringify(options)).update('\0').update(JSON.stringify(catalog)).digest('hex');
  } catch {
    return undefined;
  }
}

export interface EmitCacheEntry {
  files: Map<string, string>;
  /** What the emitters reported (warnings; an emit with an error is not cached), shown again on a hit. */
  diagnostics: Diagnostic[];
}

export function readEmitCache(key: string): EmitCacheEntry | undefined {
  const value = readCacheEntry(`emit-${key}.json`) as { files?: unknown; diagnostics?: unknown } | undefined;
  if (!value || !Array.isArray(value.files) || !value.files.every((f) => Array.isArray(f) && f.length === 2 && typeof f[0] === 'string' && typeof f[1] === 'string')) return undefined;
  const diagnostics = value.diagnostics ?? [];
  if (!Array.isArray(diagnostics) || !diagnostics.every(isCachedDiagnostic)) return undefined;
  return { files: new Map(value.files as [string, string][]), diagnostics };
}

/** Stores the files of an emit and what it reported, and drops old entries. */
export function writeEmitCache(key: string, files: ReadonlyMap<string, string>, diagnostics: readonly Diagnostic[] = []): void {
  writeCacheEntry(`emit-${key}.json`, { files: [...files], diagnostics }, ENTRIES);
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
