import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emitPackage } from '../../generator/emit/emit-package.ts';
import { resetTranspileMemory } from '../../generator/emit/transpile-cache.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { realCatalog } from '../helpers/build.ts';

describe('transpile cache', () => {
  const saved = process.env.PERMGEN_CACHE_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.PERMGEN_CACHE_DIR;
    else process.env.PERMGEN_CACHE_DIR = saved;
    resetTranspileMemory();
  });

  it('gives byte-identical output from the disk cache, and ignores a corrupt entry', async () => {
    const { catalog } = await realCatalog();
    process.env.PERMGEN_CACHE_DIR = await mkdtemp(path.join(tmpdir(), 'permgen-cache-'));
    resetTranspileMemory();
    const cold = emitPackage(catalog, { enumStyle: 'const' }, new Reporter());
    const entries = await readdir(process.env.PERMGEN_CACHE_DIR);
    expect(entries.filter((e) => e.endsWith('.json')).length).toBe([...cold.keys()].filter((k) => k.endsWith('.d.ts')).length);

    resetTranspileMemory();
    const warm = emitPackage(catalog, { enumStyle: 'const' }, new Reporter());
    expect([...warm.entries()]).toEqual([...cold.entries()]);

    for (const e of entries) await writeFile(path.join(process.env.PERMGEN_CACHE_DIR, e), '{ not json');
    resetTranspileMemory();
    const report = new Reporter();
    const recomputed = emitPackage(catalog, { enumStyle: 'const' }, report);
    expect(report.diagnostics).toEqual([]);
    expect([...recomputed.entries()]).toEqual([...cold.entries()]);
  });
});
