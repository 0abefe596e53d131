/**
 * The transpile cache (generator/emit/transpile-cache.ts) lives in memory only: a second emit in the
 * same process is byte-identical, nothing is written to the cache folder, and the entries an older
 * permgen left there (`<sha256>.json`, and its uncompressed build entries) are removed by the next run that writes a cache entry.
 */
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emitPackage } from '../../generator/emit/emit-package.ts';
import { resetTranspileMemory } from '../../generator/emit/transpile-cache.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { generate } from '../../generator/generate.ts';
import { realCatalog } from '../helpers/build.ts';
import { jobTokenProject } from './helpers.ts';

describe('transpile cache', () => {
  const saved = process.env.PERMGEN_CACHE_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.PERMGEN_CACHE_DIR;
    else process.env.PERMGEN_CACHE_DIR = saved;
    resetTranspileMemory();
  });

  it('gives byte-identical output from memory and writes nothing to disk', async () => {
    const { catalog } = await realCatalog();
    process.env.PERMGEN_CACHE_DIR = await mkdtemp(path.join(tmpdir(), 'permgen-cache-'));
    resetTranspileMemory();
    const cold = emitPackage(catalog, { enumStyle: 'const' }, new Reporter());
    const warm = emitPackage(catalog, { enumStyle: 'const' }, new Reporter());
    expect([...warm.entries()]).toEqual([...cold.entries()]);
    expect(await readdir(process.env.PERMGEN_CACHE_DIR)).toEqual([]);
  });

  it('removes the disk entries an older permgen left, and only those', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'permgen-cache-'));
    process.env.PERMGEN_CACHE_DIR = cache;
    const old = `${'ab'.repeat(32)}.json`;
    await writeFile(path.join(cache, old), '{"js":"","dts":"","diagnostics":[]}');
    // An uncompressed build entry (older permgen; now `build-<sha256>.json.gz`) goes too.
    const oldBuild = `build-${'cd'.repeat(32)}.json`;
    await writeFile(path.join(cache, oldBuild), '{}');
    await writeFile(path.join(cache, 'unrelated.json'), '{}');
    await generate({ root: await jobTokenProject() });
    const names = await readdir(cache);
    expect(names).not.toContain(old);
    expect(names).not.toContain(oldBuild);
    expect(names).toContain('unrelated.json');
    expect(names.filter((n) => /^(build-[0-9a-f]{64}\.json\.gz|emit-[0-9a-f]{64}\.json)$/.test(n))).toHaveLength(2);
  }, 60_000);
});
