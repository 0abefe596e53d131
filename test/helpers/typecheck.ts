/**
 * Type-checks consumer files against an emitted package the way a user's project would see it:
 * the package installed as `node_modules/token-permissions`, `tsc --strict`, NodeNext resolution.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, symlink, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from './build.ts';

const run = promisify(execFile);

export async function typecheckConsumer(packageDir: string, consumerFiles: string[], compilerOptions: Record<string, unknown> = {}): Promise<{ ok: boolean; output: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'permgen-consumer-'));
  await mkdir(path.join(dir, 'node_modules'), { recursive: true });
  await symlink(packageDir, path.join(dir, 'node_modules', 'token-permissions'), 'dir');
  // graphql types for the gitlab/graphql subpath, as a consumer who uses it would have installed.
  await symlink(path.join(projectRoot, 'node_modules', 'graphql'), path.join(dir, 'node_modules', 'graphql'), 'dir');
  for (const f of consumerFiles) await copyFile(f, path.join(dir, path.basename(f)));
  await writeFile(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, skipLibCheck: false, types: [], ...compilerOptions },
      files: consumerFiles.map((f) => path.basename(f)),
    }),
  );
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { cwd: dir });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}
