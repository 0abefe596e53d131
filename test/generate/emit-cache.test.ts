/**
 * The whole-package emit cache (generator/emit/emit-cache.ts): an unchanged run reuses the files of
 * the last clean emit; a changed source is emitted anew; a corrupt entry is ignored.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generate } from '../../generator/generate.ts';
import { jobTokenProject } from './helpers.ts';

describe('emit cache', () => {
  const saved = process.env.PERMGEN_CACHE_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.PERMGEN_CACHE_DIR;
    else process.env.PERMGEN_CACHE_DIR = saved;
  });

  it('is keyed by the catalog, ignores corrupt entries, and is what an unchanged run uses', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'permgen-cache-'));
    process.env.PERMGEN_CACHE_DIR = cache;
    const root = await jobTokenProject();
    const entries = async () => (await readdir(cache)).filter((name) => name.startsWith('emit-'));

    expect((await generate({ root })).written).toBe(true);
    expect(await entries()).toHaveLength(1);

    // A changed page is a new catalog: emitted anew, not served from the entry of the old one.
    const page = path.join(root, 'sources/job-token.md');
    await writeFile(page, (await readFile(page, 'utf8')).replace('| Download the artifacts file for job |', '| Download the artifacts file of a job |'));
    expect((await generate({ root })).written).toBe(true);
    expect(await readFile(path.join(root, 'generated/catalog.json'), 'utf8')).toContain('Download the artifacts file of a job');
    expect(await entries()).toHaveLength(2);

    // Corrupt entries are emitted around, byte for byte the same, without a diagnostic.
    for (const name of await entries()) await writeFile(path.join(cache, name), '{ not json');
    const recomputed = await generate({ root, check: true });
    expect(recomputed.differences).toEqual([]);
    expect(recomputed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);

    // The entry rewritten by that run is what the next unchanged run uses: alter its catalog.json
    // and --check reports that file (nothing else reads it).
    for (const name of await entries()) {
      const text = await readFile(path.join(cache, name), 'utf8');
      if (!text.startsWith('{"files"')) continue;
      const entry = JSON.parse(text) as { files: [string, string][] };
      await writeFile(path.join(cache, name), JSON.stringify({ files: entry.files.map(([p, c]) => [p, p === 'catalog.json' ? `${c}\n` : c]) }));
    }
    const fromCache = await generate({ root, check: true });
    expect(fromCache.differences.map((d) => d.path)).toEqual(['catalog.json']);
  }, 60_000);

  it('is not used with PERMGEN_CACHE=off', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'permgen-cache-'));
    process.env.PERMGEN_CACHE_DIR = cache;
    const previous = process.env.PERMGEN_CACHE;
    process.env.PERMGEN_CACHE = 'off';
    try {
      await generate({ root: await jobTokenProject() });
      expect((await readdir(cache)).filter((name) => name.startsWith('emit-'))).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.PERMGEN_CACHE;
      else process.env.PERMGEN_CACHE = previous;
    }
  }, 60_000);
});
