/**
 * bin/code-cache.js: the launcher keeps V8's code cache for TypeScript and ts-morph in the CLI cache
 * folder; a run with the cache writes the same files as a run without it, and a corrupt entry is
 * rejected by V8 and rewritten, never an error.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/build.ts';
import { jobTokenProject } from '../generate/helpers.ts';

const exec = promisify(execFile);
const bin = path.join(projectRoot, 'bin/permgen.js');

describe('code cache', () => {
  it('is written by a run that loads TypeScript, used by the next, and survives corruption', async () => {
    const root = await jobTokenProject();
    const cliCache = await mkdtemp(path.join(tmpdir(), 'permgen-cli-'));
    const env: NodeJS.ProcessEnv = { ...process.env, PERMGEN_CLI_CACHE_DIR: cliCache, PERMGEN_CACHE: 'off' };
    delete env.PERMGEN_CODE_CACHE;
    const catalog = async () => readFile(path.join(root, 'generated/catalog.json'), 'utf8');

    await exec(process.execPath, [bin, 'generate'], { cwd: root, env });
    const entries = (await readdir(path.join(cliCache, 'v8'))).filter((n) => n.endsWith('.bin'));
    // typescript.js, ts-morph-common.js and ts-morph.js: the three modules bin/code-cache.js caches.
    expect(entries).toHaveLength(3);
    const first = await catalog();

    await exec(process.execPath, [bin, 'generate', '--check'], { cwd: root, env });
    for (const n of entries) await writeFile(path.join(cliCache, 'v8', n), 'not V8 data');
    await exec(process.execPath, [bin, 'generate', '--check'], { cwd: root, env });
    // Rejected entries are written again.
    for (const n of entries) expect((await readFile(path.join(cliCache, 'v8', n))).length).toBeGreaterThan(1000);
    await exec(process.execPath, [bin, 'generate', '--check'], { cwd: root, env: { ...env, PERMGEN_CODE_CACHE: 'off' } });
    expect(await catalog()).toBe(first);
  }, 180_000);
});
