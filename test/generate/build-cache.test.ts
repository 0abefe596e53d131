/**
 * The build cache (generator/build-cache.ts): an unchanged run reuses the catalog and diagnostics of
 * the last build; an edited page, an added overrides file or a deleted page is a miss; a corrupt
 * entry is ignored; PERMGEN_CACHE=off writes nothing.
 */
import fsp, { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import { buildCatalogDeferringCache, jsonSafe } from '../../generator/build-cache.ts';
import { buildCatalog, type BuildOptions, type BuildResult } from '../../generator/build-catalog.ts';
import { jobTokenProject } from './helpers.ts';

/** A build through the cache with its entry written at once (what `generate` does after writing generated/). */
async function cachedBuildCatalog(options: BuildOptions): Promise<BuildResult> {
  const { built, save } = await buildCatalogDeferringCache(options);
  save();
  return built;
}

describe('build cache', () => {
  const saved = { dir: process.env.PERMGEN_CACHE_DIR, cache: process.env.PERMGEN_CACHE };
  afterEach(() => {
    for (const [name, value] of [['PERMGEN_CACHE_DIR', saved.dir], ['PERMGEN_CACHE', saved.cache]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('serves an unchanged build exactly, and misses on every kind of input change', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'permgen-cache-'));
    process.env.PERMGEN_CACHE_DIR = cache;
    const root = await jobTokenProject();
    const entries = async () => (await readdir(cache)).filter((name) => name.startsWith('build-'));

    const first = await cachedBuildCatalog({ root });
    expect(await entries()).toHaveLength(1);
    // The real page gives three route-overlap warnings (README): they come back from the cache too.
    expect(first.diagnostics.filter((d) => d.ruleId === 'route-overlap')).toHaveLength(3);
    const hit = await cachedBuildCatalog({ root });
    expect(hit).toStrictEqual(first);
    expect(hit).toStrictEqual(await buildCatalog({ root }));

    // A tampered entry shows that the second call was served from it (nothing else holds this text).
    const [name] = await entries();
    const file = path.join(cache, name!);
    // The entry is gzip'd JSON (`.json.gz`).
    expect(name).toMatch(/^build-[0-9a-f]{64}\.json\.gz$/);
    const stored = gunzipSync(await readFile(file)).toString('utf8');
    const entry = JSON.parse(stored.replaceAll('Job tokens', 'Job tokens (cached)')) as { result: unknown; resultSha256: string };
    await writeFile(file, gzipSync(JSON.stringify(entry)));
    expect(JSON.stringify((await cachedBuildCatalog({ root })).catalog)).toContain('Job tokens (cached)');
    // Well-formed JSON, a matching hash, but not a build's result (nor any inputs): a miss, not a crash.
    for (const [inputs, result] of [[(entry as unknown as { inputs: unknown }).inputs, { catalog: {} }], [[], JSON.parse(JSON.stringify(entry.result))]] as const) {
      await writeFile(file, gzipSync(JSON.stringify({ inputs, resultSha256: createHash('sha256').update(JSON.stringify(result)).digest('hex'), result })));
      expect(await cachedBuildCatalog({ root })).toStrictEqual(await buildCatalog({ root }));
    }
    // An entry without the result's sha256 (what the emit cache is keyed by) is not used.
    const tampered = JSON.parse(gunzipSync(await readFile(file)).toString('utf8')) as Record<string, unknown>;
    expect(tampered.resultSha256).toMatch(/^[0-9a-f]{64}$/);
    delete tampered.resultSha256;
    await writeFile(file, gzipSync(JSON.stringify(tampered)));
    expect(JSON.stringify((await cachedBuildCatalog({ root })).catalog)).not.toContain('Job tokens (cached)');

    // An edited page: built anew.
    const page = path.join(root, 'sources/job-token.md');
    await writeFile(page, (await readFile(page, 'utf8')).replace('| Download the artifacts file for job |', '| Download the artifacts file of a job |'));
    const edited = await cachedBuildCatalog({ root });
    expect(JSON.stringify(edited.catalog)).toContain('Download the artifacts file of a job');
    expect(edited).toStrictEqual(await buildCatalog({ root }));

    // An overrides file where there was none: built anew (its absence was an input).
    await writeFile(path.join(root, 'sources/overrides.json'), '{ "overrides": [] }');
    expect(await cachedBuildCatalog({ root })).toStrictEqual(await buildCatalog({ root }));

    // A deleted page: built anew, with the error a missing page gives.
    await rm(page);
    const missing = await cachedBuildCatalog({ root });
    expect(missing).toStrictEqual(await buildCatalog({ root }));
    expect(missing.diagnostics.some((d) => d.severity === 'error')).toBe(true);

    // Corrupt entries are ignored: not gzip, and gzip'd text that is not JSON.
    for (const n of await entries()) await writeFile(path.join(cache, n), '{ not json');
    expect(await cachedBuildCatalog({ root })).toStrictEqual(await buildCatalog({ root }));
    for (const n of await entries()) await writeFile(path.join(cache, n), gzipSync('{ not json'));
    expect(await cachedBuildCatalog({ root })).toStrictEqual(await buildCatalog({ root }));
  }, 120_000);

  it('is not used with PERMGEN_CACHE=off', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'permgen-cache-'));
    process.env.PERMGEN_CACHE_DIR = cache;
    process.env.PERMGEN_CACHE = 'off';
    await cachedBuildCatalog({ root: await jobTokenProject() });
    expect((await readdir(cache)).filter((name) => name.startsWith('build-'))).toEqual([]);
  }, 60_000);

  it('stores only results that come back from JSON unchanged (jsonSafe agrees with a round trip)', async () => {
    const withExtraKey = Object.assign([1], { extra: 1 });
    const cases: unknown[] = [
      'a', 1, 0, -0, NaN, Infinity, true, null, undefined, () => 1, Symbol('s'), 1n,
      [], [1, 'a', null], [undefined], [, 1], withExtraKey, {}, { a: 1 }, { a: undefined }, { a: { b: [NaN] } },
      new Date(0), new Map(), Object.create(null), { [Symbol('k')]: 1 }, { toJSON: () => 1 }, Object.create({ inherited: 1 }),
      { __proto__: null, a: 1 }, { nested: [{ deep: -0 }] },
    ];
    for (const value of cases) {
      let roundTrips: boolean;
      try {
        roundTrips = isDeepStrictEqual(JSON.parse(JSON.stringify(value) ?? 'undefined-is-not-json'), value);
      } catch {
        roundTrips = false;
      }
      expect([value, jsonSafe(value)]).toEqual([value, roundTrips]);
    }
    // And the real thing: a build's result is plain JSON data.
    const built = await buildCatalog({ root: await jobTokenProject() });
    expect(jsonSafe(built)).toBe(true);
    expect(isDeepStrictEqual(JSON.parse(JSON.stringify(built)), built)).toBe(true);
  }, 60_000);

  it('a page saved while the build runs makes its entry a miss, never a stale hit (the entry holds the hashes of the bytes the build read)', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'permgen-cache-'));
    process.env.PERMGEN_CACHE_DIR = cache;
    const root = await jobTokenProject();
    const page = path.join(root, 'sources/job-token.md');
    const before = await readFile(page, 'utf8');
    // The seed's row for `GET /projects/:id/releases` removed: the "editor" saves this right after the build read the page.
    const edited = before.replace(/^.*`GET \/projects\/:id\/releases`.*\n/m, '');
    expect(edited.length).toBeLessThan(before.length);
    const original = fsp.readFile;
    let fired = false;
    fsp.readFile = (async (...args: Parameters<typeof original>) => {
      const bytes = await original(...args);
      if (!fired && String(args[0]) === page) {
        fired = true;
        writeFileSync(page, edited);
      }
      return bytes;
    }) as typeof original;
    syncBuiltinESMExports();
    let first: BuildResult;
    try {
      first = await cachedBuildCatalog({ root });
    } finally {
      fsp.readFile = original;
      syncBuiltinESMExports();
    }
    expect(fired).toBe(true);
    const rows = (r: BuildResult) => (r.catalog.sources[0] as { endpoints: unknown[] }).endpoints.length;
    // The next cached build must read the page as it is now: one row fewer than the build that raced with the save.
    const next = await cachedBuildCatalog({ root });
    expect(rows(next)).toBe(rows(first) - 1);
    expect(next).toStrictEqual(await buildCatalog({ root }));
  });
});
