/** The `permgen` command as users run it (`node bin/permgen.js …` in `cwd`): its exit code and output, never a throw. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from './build.ts';

const exec = promisify(execFile);
const bin = path.join(projectRoot, 'bin/permgen.js');

export async function runPermgen(args: readonly string[], cwd: string = projectRoot): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [bin, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
