/**
 * A side of `permgen diff`: a sources folder (holding sources.json), a project folder (holding
 * sources/sources.json), or a git revision of the current repository (its `sources/` is extracted
 * to a temporary folder with `git archive`).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, stat, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Side {
  root: string;
  sourcesDir: string;
  label: string;
  cleanup(): Promise<void>;
}

export async function resolveSide(spec: string, cwd: string): Promise<Side> {
  const full = path.resolve(cwd, spec);
  const none = async () => {};
  if (await isFile(path.join(full, 'sources.json'))) return { root: path.dirname(full), sourcesDir: path.basename(full), label: spec, cleanup: none };
  if (await isFile(path.join(full, 'sources', 'sources.json'))) return { root: full, sourcesDir: 'sources', label: spec, cleanup: none };
  if (!/^[\w./~^@{}-]+$/.test(spec) || spec.startsWith('-')) throw new Error(`\`${spec}\` is neither a sources folder nor a git revision.`);
  const tmp = await mkdtemp(path.join(tmpdir(), 'permgen-diff-'));
  try {
    const { stdout: top } = await run('git', ['rev-parse', '--show-toplevel'], { cwd });
    const tar = path.join(tmp, 'sources.tar');
    await run('git', ['archive', '--format=tar', '-o', tar, `${spec}:sources`], { cwd: top.trim() });
    await run('tar', ['-xf', tar, '-C', tmp, '--one-top-level=sources']);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw new Error(`\`${spec}\` is neither a sources folder nor a git revision with a sources/ folder (${(error as Error).message.split('\n')[0]}).`);
  }
  return { root: tmp, sourcesDir: 'sources', label: spec, cleanup: () => rm(tmp, { recursive: true, force: true }) };
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
