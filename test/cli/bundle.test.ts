/**
 * The launcher runs the CLI from a cached esbuild bundle (bin/cli-bundle.js) or, with
 * PERMGEN_BUNDLE=off, through tsx. Both must produce the same package, and processes that start
 * together on an empty cache must all run (one bundle is kept).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/build.ts';

const exec = promisify(execFile);
const bin = path.join(projectRoot, 'bin/permgen.js');

function permgen(args: string[], env: Record<string, string>) {
  return exec(process.execPath, [bin, ...args], { cwd: projectRoot, env: { ...process.env, ...env } });
}

describe('bundled CLI', () => {
  it('checks the real generated/ as up to date, bundled and through tsx alike', async () => {
    // --check emits the whole package (runtime files copied, templates rendered, browser code not
    // needed) and compares it byte for byte with generated/: a path the bundle resolved wrongly fails it.
    const cache = await mkdtemp(path.join(tmpdir(), 'permgen-cli-cache-'));
    const bundled = await permgen(['generate', '--check'], { PERMGEN_CLI_CACHE_DIR: cache });
    expect(bundled.stdout).toMatch(/generated\/ is up to date/);
    expect((await readdir(cache)).filter((name) => name.startsWith('cli-'))).toHaveLength(1);
    const viaTsx = await permgen(['generate', '--check'], { PERMGEN_BUNDLE: 'off', PERMGEN_CLI_CACHE_DIR: cache });
    expect(viaTsx.stdout).toMatch(/generated\/ is up to date/);
  }, 60_000);

  it('falls back to tsx when the bundle cannot be built (cache folder not writable)', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'permgen-cli-cache-')), 'not-a-folder');
    await writeFile(file, '');
    const r = await permgen(['--help'], { PERMGEN_CLI_CACHE_DIR: file });
    expect(r.stdout).toContain('Usage: permgen <command>');
  }, 60_000);

  it('three launchers racing on an empty cache all run, and one bundle is kept', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'permgen-cli-cache-'));
    const runs = await Promise.all([1, 2, 3].map(() => permgen(['--help'], { PERMGEN_CLI_CACHE_DIR: cache })));
    for (const r of runs) expect(r.stdout).toContain('Usage: permgen <command>');
    expect((await readdir(cache)).sort()).toEqual([expect.stringMatching(/^cli-[0-9a-f]{16}$/)]);
  }, 60_000);

  it('is built by the install step (npm runs `prepare` on `npm ci`), with the code cache, and then used as is', async () => {
    const pkg = JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.prepare).toBe('node bin/build-cli.js');
    const cache = await mkdtemp(path.join(tmpdir(), 'permgen-cli-cache-'));
    const built = await exec(process.execPath, [path.join(projectRoot, 'bin/build-cli.js')], { cwd: projectRoot, env: { ...process.env, PERMGEN_CLI_CACHE_DIR: cache } });
    expect(built.stdout).toContain('CLI bundle and code cache ready');
    const bundles = (await readdir(cache)).filter((name) => name.startsWith('cli-'));
    expect(bundles).toHaveLength(1);
    // code-cache.js's CACHED pattern names three files: typescript.js, ts-morph-common.js, ts-morph.js.
    expect((await readdir(path.join(cache, 'v8'))).filter((name) => name.endsWith('.bin'))).toHaveLength(3);
    // cheerio's network client (undici, ~1 MB) is left out of the bundle: permgen reads pages from disk.
    const chunks = (await readdir(path.join(cache, bundles[0]!))).filter((name) => name.endsWith('.mjs'));
    for (const chunk of chunks) expect(await readFile(path.join(cache, bundles[0]!, chunk), 'utf8')).not.toContain('node_modules/undici/');
    const entry = path.join(cache, bundles[0]!, 'main.mjs');
    const before = await stat(entry);
    const r = await permgen(['--help'], { PERMGEN_CLI_CACHE_DIR: cache });
    expect(r.stdout).toContain('Usage: permgen <command>');
    expect((await readdir(cache)).filter((name) => name.startsWith('cli-'))).toEqual(bundles);
    expect((await stat(entry)).mtimeMs).toBe(before.mtimeMs); // not rebuilt
  }, 60_000);
});
