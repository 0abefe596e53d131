/**
 * Test helpers: build the model and the emitted package from the real sources (or a fixture root)
 * without touching `generated/`.
 */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCatalog, type BuildResult } from '../../generator/build-catalog.ts';
import { emitPackage } from '../../generator/emit/emit-package.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import type { EmitOptions } from '../../generator/emit/emitter.ts';
import type { Catalog } from '../../generator/model/catalog.ts';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

const cache = new Map<string, Promise<BuildResult>>();

/** The catalog of the project's real sources (cached per root within a test file). */
export function realCatalog(root = projectRoot): Promise<BuildResult> {
  let p = cache.get(root);
  if (!p) cache.set(root, (p = buildCatalog({ root })));
  return p;
}

/** Emits the package for `catalog` into a fresh temp folder and returns its path. */
export async function writePackage(catalog: Catalog, options: EmitOptions = { enumStyle: 'const' }): Promise<{ dir: string; files: Map<string, string>; report: Reporter }> {
  const report = new Reporter();
  const files = emitPackage(catalog, options, report);
  const dir = await mkdtemp(path.join(tmpdir(), 'permgen-pkg-'));
  for (const [rel, contents] of files) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), contents);
  }
  return { dir, files, report };
}

/** Imports a module of an emitted package (`gitlab/index.js`). */
export async function importGenerated<T = Record<string, unknown>>(dir: string, rel: string): Promise<T> {
  return (await import(pathToFileURL(path.join(dir, rel)).href)) as T;
}
