/**
 * Transpiling the package is most of a run (the compiled route matcher alone is ~750 KiB), and
 * its output depends only on the TypeScript version, the options and the file's text. Results are
 * kept in memory for the process and on disk (`disk-cache.ts`), keyed by a sha256 of all three.
 */
import { createHash } from 'node:crypto';
import { readCacheEntry, writeCacheEntry } from './disk-cache.ts';

export interface Transpiled {
  js: string;
  dts: string;
  /** Problems as `line: message`, line 1-based. */
  diagnostics: { line: number; message: string }[];
}

const memory = new Map<string, Transpiled>();

/** Forgets what this process cached in memory (tests). */
export function resetTranspileMemory(): void {
  memory.clear();
}

export function cachedTranspile(keyParts: readonly string[], compute: () => Transpiled): Transpiled {
  const key = transpileKey(keyParts);
  const hit = lookup(key);
  if (hit) return hit;
  const result = compute();
  store(key, result);
  return result;
}

/** The same with a computation that finishes later (esbuild's asynchronous transform); a hit is returned as is. */
export function cachedTranspileAsync(keyParts: readonly string[], compute: () => Promise<Transpiled>): Transpiled | Promise<Transpiled> {
  const key = transpileKey(keyParts);
  const hit = lookup(key);
  if (hit) return hit;
  return compute().then((result) => {
    store(key, result);
    return result;
  });
}

function transpileKey(keyParts: readonly string[]): string {
  return createHash('sha256').update(keyParts.join('\u0000')).digest('hex');
}

function lookup(key: string): Transpiled | undefined {
  const hit = memory.get(key) ?? readDisk(key);
  if (hit) memory.set(key, hit);
  return hit;
}

function store(key: string, result: Transpiled): void {
  memory.set(key, result);
  writeDisk(key, result);
}

/** Transpile entries kept: about ten runs' worth of files, however often the generator changes. */
const ENTRIES = { pattern: /^[0-9a-f]{64}\.json$/, keep: 500 };

function readDisk(key: string): Transpiled | undefined {
  const value = readCacheEntry(`${key}.json`) as Transpiled | undefined;
  return value && typeof value.js === 'string' && typeof value.dts === 'string' && Array.isArray(value.diagnostics) ? value : undefined;
}

function writeDisk(key: string, value: Transpiled): void {
  writeCacheEntry(`${key}.json`, value, ENTRIES);
}
