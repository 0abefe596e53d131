/**
 * What permgen's on-disk caches share (the build cache and the emit cache): one folder,
 * `node_modules/.cache/permgen/` (the convention of babel-loader, eslint and friends) or
 * `PERMGEN_CACHE_DIR`; one switch, `PERMGEN_CACHE=off`; entries written atomically (a reader never
 * sees half an entry) and the oldest dropped past a count. A cache that cannot be read or written
 * is ignored: the result is computed again, never guessed.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = fileURLToPath(new URL('../../', import.meta.url));

export function cacheDirectory(): string {
  return process.env.PERMGEN_CACHE_DIR ?? path.join(projectDir, 'node_modules/.cache/permgen');
}

export function cacheOff(): boolean {
  return process.env.PERMGEN_CACHE === 'off';
}

/** The parsed entry `name`, or undefined when caching is off or the entry is missing or unreadable. */
export function readCacheEntry(name: string): unknown {
  if (cacheOff()) return undefined;
  try {
    return JSON.parse(readFileSync(path.join(cacheDirectory(), name), 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

const OBSOLETE = /^[0-9a-f]{64}\.json$/;

/** Folders pruned by this process already, per pattern: a listing per run, not per entry. */
const pruned = new Set<string>();

/** Writes entry `name` atomically; then, once per process, keeps only the newest `keep` entries matching `pattern`. */
export function writeCacheEntry(name: string, value: unknown, prune: { pattern: RegExp; keep: number }): void {
  if (cacheOff()) return;
  writeCacheText(name, JSON.stringify(value), prune);
}

/** The same with the entry's JSON text already made. */
export function writeCacheText(name: string, text: string, prune: { pattern: RegExp; keep: number }): void {
  if (cacheOff()) return;
  try {
    const dir = cacheDirectory();
    mkdirSync(dir, { recursive: true });
    const tmp = path.join(dir, `${name}.${process.pid}.tmp`);
    writeFileSync(tmp, text);
    renameSync(tmp, path.join(dir, name));
    const key = `${dir}\0${prune.pattern.source}`;
    if (pruned.has(key)) return;
    pruned.add(key);
    const names = readdirSync(dir);
    // Entries of the transpile cache, which is no longer kept on disk (`transpile-cache.ts`).
    for (const obsolete of names.filter((entry) => OBSOLETE.test(entry))) rmSync(path.join(dir, obsolete), { force: true });
    const entries = names
      .filter((entry) => prune.pattern.test(entry))
      .map((entry) => ({ file: path.join(dir, entry), mtimeMs: statSync(path.join(dir, entry)).mtimeMs }))
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const old of entries.slice(prune.keep)) rmSync(old.file, { force: true });
  } catch {
    // A read-only or full disk only costs the next run the time to compute the entry again.
  }
}
