/**
 * What `emitPackage` returns depends only on the catalog, the emit options and permgen itself (the
 * generator's code, the templates, the dependency versions in the lock file). When none of them
 * changed since a run that emitted without a diagnostic, `generate` reuses that run's files and
 * never loads ts-morph or TypeScript, which is most of an unchanged run's time (a `--check` in CI
 * or a pre-commit hook). Entries live beside the transpile cache in `node_modules/.cache/permgen/`
 * and obey the same switches (`PERMGEN_CACHE=off`, `PERMGEN_CACHE_DIR`). A cache that cannot be
 * read or written is ignored: the package is emitted, never guessed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalog } from '../model/catalog.ts';
import type { EmitOptions } from './emitter.ts';

/** Entries kept (one per recent catalog and generator version). */
const KEEP = 4;
const projectDir = fileURLToPath(new URL('../../', import.meta.url));
const directory = () => process.env.PERMGEN_CACHE_DIR ?? path.join(projectDir, 'node_modules/.cache/permgen');

let codeHash: string | undefined;

/** sha256 over every file of generator/ and templates/, and package-lock.json; once per process. */
function permgenHash(): string {
  if (codeHash !== undefined) return codeHash;
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(path.relative(projectDir, full)).update('\0').update(readFileSync(full)).update('\0');
    }
  };
  walk(path.join(projectDir, 'generator'));
  walk(path.join(projectDir, 'templates'));
  hash.update(readFileSync(path.join(projectDir, 'package-lock.json')));
  codeHash = hash.digest('hex');
  return codeHash;
}

/** The key of an emit, or undefined when caching is off or permgen's own files cannot be read. */
export function emitCacheKey(catalog: Catalog, options: EmitOptions): string | undefined {
  if (process.env.PERMGEN_CACHE === 'off') return undefined;
  try {
    return createHash('sha256').update(permgenHash()).update('\0').update(JSON.stringify(options)).update('\0').update(JSON.stringify(catalog)).digest('hex');
  } catch {
    return undefined;
  }
}

export function readEmitCache(key: string): Map<string, string> | undefined {
  try {
    const value = JSON.parse(readFileSync(path.join(directory(), `emit-${key}.json`), 'utf8')) as { files?: unknown };
    if (!Array.isArray(value.files) || !value.files.every((f) => Array.isArray(f) && f.length === 2 && typeof f[0] === 'string' && typeof f[1] === 'string')) return undefined;
    return new Map(value.files as [string, string][]);
  } catch {
    return undefined;
  }
}

/** Stores the files of an emit (atomically: a reader never sees half an entry) and drops old entries. */
export function writeEmitCache(key: string, files: ReadonlyMap<string, string>): void {
  try {
    const dir = directory();
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `emit-${key}.json`);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ files: [...files] }));
    renameSync(tmp, file);
    const entries = readdirSync(dir)
      .filter((name) => /^emit-[0-9a-f]{64}\.json$/.test(name))
      .map((name) => path.join(dir, name))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    for (const old of entries.slice(KEEP)) rmSync(old, { force: true });
  } catch {
    // A cache is an optimization: a run that cannot write it still succeeds.
  }
}
