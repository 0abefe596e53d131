/**
 * Transpiling the package is most of a run (the compiled route matcher alone is ~750 KiB), and
 * its output depends only on the TypeScript version, the options and the file's text. Results are
 * kept in memory for the process and on disk under `node_modules/.cache/permgen/` (the convention
 * of babel-loader, eslint and friends), keyed by a sha256 of all three. A cache that cannot be read
 * or written is ignored: the result is computed, never guessed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Transpiled {
  js: string;
  dts: string;
  /** Problems as `line: message`, line 1-based. */
  diagnostics: { line: number; message: string }[];
}

const memory = new Map<string, Transpiled>();
const directory = () => process.env.PERMGEN_CACHE_DIR ?? fileURLToPath(new URL('../../node_modules/.cache/permgen/', import.meta.url));

/** Forgets what this process cached in memory (tests). */
export function resetTranspileMemory(): void {
  memory.clear();
}

export function cachedTranspile(keyParts: readonly string[], compute: () => Transpiled): Transpiled {
  const key = createHash('sha256').update(keyParts.join('\u0000')).digest('hex');
  const hit = memory.get(key) ?? readDisk(key);
  if (hit) {
    memory.set(key, hit);
    return hit;
  }
  const result = compute();
  memory.set(key, result);
  writeDisk(key, result);
  return result;
}

function readDisk(key: string): Transpiled | undefined {
  if (process.env.PERMGEN_CACHE === 'off') return undefined;
  try {
    const value = JSON.parse(readFileSync(path.join(directory(), `${key}.json`), 'utf8')) as Transpiled;
    return typeof value.js === 'string' && typeof value.dts === 'string' && Array.isArray(value.diagnostics) ? value : undefined;
  } catch {
    return undefined;
  }
}

function writeDisk(key: string, value: Transpiled): void {
  if (process.env.PERMGEN_CACHE === 'off') return;
  try {
    mkdirSync(directory(), { recursive: true });
    const tmp = path.join(directory(), `${key}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, path.join(directory(), `${key}.json`));
  } catch {
    // A read-only or full disk only costs the next run the time to transpile again.
  }
}
