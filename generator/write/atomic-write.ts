/**
 * Replaces the output folder as a whole: the new tree is written to a sibling temporary folder,
 * then swapped in with two renames. A failure before the swap leaves the old folder untouched;
 * a crash between the two renames leaves `<out>.previous-*`, which the next run restores.
 */
import { mkdir, rename, rm, writeFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface WriteHooks {
  /** Test hook: called after each file is written to the temporary folder. */
  afterFile?: (relativePath: string) => void | Promise<void>;
}

export async function writeTreeAtomically(outDir: string, files: ReadonlyMap<string, string>, hooks: WriteHooks = {}): Promise<void> {
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  await recoverInterruptedSwap(outDir);
  const tmp = path.join(parent, `.${base}.next-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  try {
    for (const [rel, contents] of files) {
      const target = path.join(tmp, rel);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, contents);
      await hooks.afterFile?.(rel);
    }
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  const previous = path.join(parent, `.${base}.previous-${process.pid}`);
  const hadOld = await exists(outDir);
  if (hadOld) await rename(outDir, previous);
  await rename(tmp, outDir);
  if (hadOld) await rm(previous, { recursive: true, force: true });
}

/** If a previous run died between its two renames, put its old output back. */
async function recoverInterruptedSwap(outDir: string): Promise<void> {
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  let names: string[] = [];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(`.${base}.previous-`)) {
      if (!(await exists(outDir))) await rename(path.join(parent, name), outDir);
      else await rm(path.join(parent, name), { recursive: true, force: true });
    } else if (name.startsWith(`.${base}.next-`)) {
      await rm(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
