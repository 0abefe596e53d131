/** `permgen generate --no-cache` neither reads nor writes the build and emit caches. */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/build.ts';
import { jobTokenProject } from '../generate/helpers.ts';

const exec = promisify(execFile);
const bin = path.join(projectRoot, 'bin/permgen.js');

describe('permgen generate --no-cache', () => {
  it('writes the package and leaves the cache folder empty; without the flag the same run fills it', async () => {
    const root = await jobTokenProject();
    const cache = await mkdtemp(path.join(tmpdir(), 'permgen-cache-'));
    const env: NodeJS.ProcessEnv = { ...process.env, PERMGEN_CACHE_DIR: cache };
    delete env.PERMGEN_CACHE;
    const off = await exec(process.execPath, [bin, 'generate', '--no-cache'], { cwd: root, env });
    expect(off.stdout).toMatch(/^permgen: wrote \d+ files to generated\//);
    expect(await readdir(cache)).toEqual([]);
    await exec(process.execPath, [bin, 'generate'], { cwd: root, env });
    expect((await readdir(cache)).some((name) => name.startsWith('emit-'))).toBe(true);
  }, 60_000);
});
