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

  it('reports again what the emitters reported when the entry was written (a warning does not cost a full emit)', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'permgen-cache-'));
    process.env.PERMGEN_CACHE_DIR = cache;
    const root = await jobTokenProject();
    const first = await generate({ root });
    expect(first.written).toBe(true);
    const [name] = (await readdir(cache)).filter((n) => n.startsWith('emit-'));
    const entry = JSON.parse(await readFile(path.join(cache, name!), 'utf8')) as { files: [string, string][]; diagnostics: unknown[] };
    // What an emitter's warning looks like in the entry (the real ones come from pages this fixture does not have).
    const warning = { file: 'sources/job-token.md', line: 7, column: 1, severity: 'warning', ruleId: 'emitter-said-so', message: 'An emitter warned.', hint: 'Look.' };
    await writeFile(path.join(cache, name!), JSON.stringify({ ...entry, diagnostics: [...entry.diagnostics, warning] }));

    const again = await generate({ root, check: true });
    expect(again.differences).toEqual([]);
    expect(again.diagnostics.filter((d) => d.ruleId === 'emitter-said-so')).toEqual([warning]);
    // …and it counts as a warning does: --strict blocks on it.
    expect((await generate({ root, check: true, strict: true })).ok).toBe(false);

    // An entry whose diagnostics are not diagnostics (or hold an error) is not used: emitted anew, and the warning is gone.
    await writeFile(path.join(cache, name!), JSON.stringify({ ...entry, diagnostics: [{ ...warning, severity: 'error' }] }));
    const emitted = await generate({ root, check: true });
    expect(emitted.differences).toEqual([]);
    expect(emitted.diagnostics.filter((d) => d.ruleId === 'emitter-said-so')).toEqual([]);
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
