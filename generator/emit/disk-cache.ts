/**
 * What permgen's on-disk caches share (the build cache and the emit cache): one folder,
 * `node_modules/.cache/permgen/` (the convention of babel-loader, eslint and friends) or
 * `PERMGEN_CACHE_DIR`; one switch, `PERMGEN_CACHE=off`; entries written atomically (a reader never
 * sees half an entry) and the oldest dropped past a count. A cache that cannot be read or written
 * is ignored: the result is computed again, never guessed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const projectDir = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The bytes of every file `permgenHash` hashed, as it hashed them (absolute path → bytes; decoded
 * only for the few files read back). The runtime files an emit copies and the templates it renders
 * are taken from here (`hashedText`), so what the emit writes is what the cache key was computed
 * from, even when a file is edited mid-run.
 */
const hashed = new Map<string, Buffer>();

/** The text of `file` as the last `permgenHash` read it, or as it is now when it did not (caches off). */
export function hashedText(file: string): string {
  return hashed.get(path.resolve(file))?.toString('utf8') ?? readFileSync(file, 'utf8');
}

/** sha256 of every file below `dir`, with their paths; each file's text kept in `hashed`. */
function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, full);
    else {
      const bytes = readFileSync(full);
      hashed.set(path.resolve(full), bytes);
      hash.update(path.relative(projectDir, full)).update('\0').update(bytes).update('\0');
    }
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

export function cacheDirectory(): string {
  return process.env.PERMGEN_CACHE_DIR ?? path.join(projectDir, 'node_modules/.cache/permgen');
}

export function cacheOff(): boolean {
  return process.env.PERMGEN_CACHE === 'off';
}

/**
 * The parsed entry `name`, or undefined when caching is off or the entry is missing or unreadable.
 * A name ending in `.gz` is gzip'd JSON.
 */
export function readCacheEntry(name: string): unknown {
  if (cacheOff()) return undefined;
  try {
    const bytes = readFileSync(path.join(cacheDirectory(), name));
    return JSON.parse((name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Entries older permgens wrote and this one never reads: transpile entries, uncompressed build entries. */
const OBSOLETE = /^(?:build-)?[0-9a-f]{64}\.json$/;

/** Folders pruned by this process already, per pattern: a listing per run, not per entry. */
const pruned = new Set<string>();

/** Writes entry `name` atomically; then, once per process, keeps only the newest `keep` entries matching `pattern`. */
export function writeCacheEntry(name: string, value: unknown, prune: { pattern: RegExp; keep: number }): void {
  if (cacheOff()) return;
  writeCacheText(name, JSON.stringify(value), prune);
}

/**
 * The same with the entry's JSON text already made. A name ending in `.gz` is written gzip'd at
 * level 1: the build entry (the catalog, ~3 MB of JSON for today's sources) becomes ~0.2 MB for
 * ~3 ms more to write, and reads back in about the same time (one process, 9 rounds: write 4.7 /
 * 12.8 ms plain, 9.0 / 15.3 ms gzip'd; read and parse 29 / 34 ms, 22 / 38 ms; best / median).
 */
export function writeCacheText(name: string, text: string, prune: { pattern: RegExp; keep: number }): void {
  if (cacheOff()) return;
  try {
    const dir = cacheDirectory();
    mkdirSync(dir, { recursive: true });
    const tmp = path.join(dir, `${name}.${process.pid}.tmp`);
    writeFileSync(tmp, name.endsWith('.gz') ? gzipSync(text, { level: 1 }) : text);
    renameSync(tmp, path.join(dir, name));
    const key = `${dir}\0${prune.pattern.source}`;
    if (pruned.has(key)) return;
    pruned.add(key);
    const names = readdirSync(dir);
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
