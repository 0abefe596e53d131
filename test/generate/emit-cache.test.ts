/**
 * The whole-package emit cache (generator/emit/emit-cache.ts): an unchanged run whose generated/
 * holds exactly the files of the last clean emit (their sha256 in the entry) emits and writes
 * nothing; a changed source, a damaged generated/ or another output folder is emitted anew; a
 * corrupt entry is ignored.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { generate } from '../../generator/generate.ts';
import { projectRoot } from '../helpers/build.ts';
import { readTree } from '../../generator/write/read-tree.ts';
import type { TreeDifference } from '../../generator/write/compare-tree.ts';
import { jobTokenProject } from './helpers.ts';

const exec = promisify(execFile);

describe('emit cache', () => {
  const saved = process.env.PERMGEN_CACHE_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.PERMGEN_CACHE_DIR;
    else process.env.PERMGEN_CACHE_DIR = saved;
  });

  it('is keyed by the catalog, holds hashes (not a copy of the package), ignores corrupt entries, and is what an unchanged run uses', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'permgen-cache-'));
    process.env.PERMGEN_CACHE_DIR = cache;
    const root = await jobTokenProject();
    const out = path.join(root, 'generated');
    const entries = async () => (await readdir(cache)).filter((name) => name.startsWith('emit-'));

    expect((await generate({ root })).written).toBe(true);
    expect(await entries()).toHaveLength(1);
    // The entry is the sha256 of each file generated/ holds (hashed here, from the disk), nothing more.
    const [name] = await entries();
    const entry = JSON.parse(await readFile(path.join(cache, name!), 'utf8')) as { hashes: [string, string][]; files?: unknown };
    expect(entry.files).toBeUndefined();
    const onDisk = await readTree(out);
    expect(new Map(entry.hashes)).toEqual(new Map([...onDisk].map(([p, c]) => [p, createHash('sha256').update(c).digest('hex')])));
    expect(await readFile(path.join(cache, name!), 'utf8')).not.toContain('Download the artifacts file for job');

    // Unchanged: generated/ is already the answer, so nothing is emitted or written (the folder is
    // not even replaced), yet the result holds every file.
    const before = (await stat(out)).ino;
    const again = await generate({ root });
    expect([again.upToDate, again.written, again.ok]).toEqual([true, false, true]);
    expect(again.files).toEqual(onDisk);
    expect((await stat(out)).ino).toBe(before);

    // A changed page is a new catalog: emitted anew, not served from the entry of the old one.
    const page = path.join(root, 'sources/job-token.md');
    await writeFile(page, (await readFile(page, 'utf8')).replace('| Download the artifacts file for job |', '| Download the artifacts file of a job |'));
    const changed = await generate({ root });
    expect([changed.upToDate, changed.written]).toEqual([false, true]);
    expect(await readFile(path.join(out, 'catalog.json'), 'utf8')).toContain('Download the artifacts file of a job');
    expect(await entries()).toHaveLength(2);

    // Corrupt entries are emitted around, byte for byte the same, without a diagnostic.
    for (const n of await entries()) await writeFile(path.join(cache, n), '{ not json');
    const recomputed = await generate({ root, check: true });
    expect(recomputed.upToDate).toBe(false);
    expect(recomputed.differences).toEqual([]);
    expect(recomputed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);

    // An entry that does not match generated/ (here: a wrong hash for catalog.json, the files on
    // disk right) is never taken as the answer: a full emit decides, and finds nothing to report.
    // (The run above rewrote the entry of the current catalog; the other is still corrupt.)
    let current: string | undefined;
    for (const n of await entries()) if ((await readFile(path.join(cache, n), 'utf8')).startsWith('{"hashes"')) current = n;
    const good = JSON.parse(await readFile(path.join(cache, current!), 'utf8')) as { hashes: [string, string][] };
    expect(good.hashes.length).toBeGreaterThan(0);
    await writeFile(path.join(cache, current!), JSON.stringify({ ...good, hashes: good.hashes.map(([p, h]) => [p, p === 'catalog.json' ? createHash('sha256').update('other').digest('hex') : h]) }));
    const wrongEntry = await generate({ root, check: true });
    expect([wrongEntry.upToDate, wrongEntry.ok]).toEqual([false, true]);
    expect(wrongEntry.differences).toEqual([]);
  }, 60_000);

  it('--check reports a symbolic link planted in generated/ (the package would load it), on a hit and with --no-cache', async () => {
    process.env.PERMGEN_CACHE_DIR = await mkdtemp(path.join(tmpdir(), 'permgen-cache-'));
    const root = await jobTokenProject();
    const out = path.join(root, 'generated');
    expect((await generate({ root })).written).toBe(true);
    // A module the package would resolve (`import 'graphql'` from generated/) and a file next to the package's own.
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'permgen-planted-'));
    await writeFile(path.join(elsewhere, 'index.js'), 'export const planted = true;\n');
    await mkdir(path.join(out, 'node_modules'), { recursive: true });
    await symlink(elsewhere, path.join(out, 'node_modules/graphql'));
    await symlink(path.join(elsewhere, 'index.js'), path.join(out, 'extra.js'));
    for (const cache of [true, false]) {
      if (!cache) process.env.PERMGEN_CACHE = 'off'; // what --no-cache sets
      const check = await generate({ root, check: true });
      delete process.env.PERMGEN_CACHE;
      expect([cache, check.upToDate, check.ok]).toEqual([cache, false, false]);
      expect(check.differences.map((d) => [d.path, d.change])).toEqual([
        ['extra.js', 'removed'],
        ['node_modules/graphql', 'removed'],
      ]);
    }
  }, 60_000);

  it('on a hit, --check still reports an edited, deleted or extra file in generated/, and generate repairs it', async () => {
    process.env.PERMGEN_CACHE_DIR = await mkdtemp(path.join(tmpdir(), 'permgen-cache-'));
    const root = await jobTokenProject();
    const out = path.join(root, 'generated');
    expect((await generate({ root })).written).toBe(true);
    const good = await readTree(out);
    expect((await generate({ root, check: true })).upToDate).toBe(true);
    const file = 'catalog.json';
    expect(good.has(file)).toBe(true);

    const damages: [string, () => Promise<void>, TreeDifference['change']][] = [
      // One character changed, the size kept: only the bytes' hash tells.
      ['edited', () => writeFile(path.join(out, file), good.get(file)!.replace('"', "'")), 'changed'],
      // compareTrees names a file generate would add `added`.
      ['deleted', () => rm(path.join(out, file)), 'added'],
      ['extra', () => writeFile(path.join(out, 'extra.ts'), 'export const x = 1;\n'), 'removed'],
    ];
    for (const [what, damage, change] of damages) {
      await damage();
      const check = await generate({ root, check: true });
      expect([what, check.upToDate, check.ok]).toEqual([what, false, false]);
      expect(check.differences.map((d) => [d.path, d.change])).toEqual([[what === 'extra' ? 'extra.ts' : file, change]]);
      const repaired = await generate({ root });
      expect([what, repaired.written]).toEqual([what, true]);
      expect(await readTree(out)).toEqual(good);
      expect((await generate({ root, check: true })).upToDate).toBe(true);
    }

    // Another output folder: nothing there matches, so it is written in full.
    const other = await generate({ root, outDir: 'other' });
    expect([other.upToDate, other.written]).toEqual([false, true]);
    expect(await readTree(path.join(root, 'other'))).toEqual(good);
  }, 60_000);

  it('reports again what the emitters reported when the entry was written (a warning does not cost a full emit)', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'permgen-cache-'));
    process.env.PERMGEN_CACHE_DIR = cache;
    const root = await jobTokenProject();
    const first = await generate({ root });
    expect(first.written).toBe(true);
    const [name] = (await readdir(cache)).filter((n) => n.startsWith('emit-'));
    const entry = JSON.parse(await readFile(path.join(cache, name!), 'utf8')) as { hashes: [string, string][]; diagnostics: unknown[] };
    // What an emitter's warning looks like in the entry (the real ones come from pages this fixture does not have).
    const warning = { file: 'sources/job-token.md', line: 7, column: 1, severity: 'warning', ruleId: 'emitter-said-so', message: 'An emitter warned.', hint: 'Look.' };
    await writeFile(path.join(cache, name!), JSON.stringify({ ...entry, diagnostics: [...entry.diagnostics, warning] }));

    const again = await generate({ root, check: true });
    expect(again.upToDate).toBe(true);
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

  it('the CLI says when generated/ was already up to date, and --json carries it', async () => {
    const root = await jobTokenProject();
    const env: NodeJS.ProcessEnv = { ...process.env, PERMGEN_CACHE_DIR: await mkdtemp(path.join(tmpdir(), 'permgen-cache-')) };
    delete env.PERMGEN_CACHE;
    const bin = path.join(projectRoot, 'bin/permgen.js');
    const first = await exec(process.execPath, [bin, 'generate'], { cwd: root, env });
    expect(first.stdout).toMatch(/^permgen: wrote \d+ files to generated\//);
    const second = await exec(process.execPath, [bin, 'generate'], { cwd: root, env });
    expect(second.stdout).toMatch(/^permgen: generated\/ is already up to date \(\d+ files\); nothing written\./);
    const json = JSON.parse((await exec(process.execPath, [bin, 'generate', '--json'], { cwd: root, env })).stdout) as { ok: boolean; written: boolean; upToDate: boolean };
    expect([json.ok, json.written, json.upToDate]).toEqual([true, false, true]);
  }, 120_000);
});
