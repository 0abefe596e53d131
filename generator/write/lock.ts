/** One generate at a time per project: a lock file that only one run can create. */
import { link, readFile, rm, writeFile } from 'node:fs/promises';

export class LockHeldError extends Error {
  constructor(readonly lockFile: string, readonly holder: string) {
    super(`Another permgen run holds ${lockFile} (${holder}). Wait for it to finish, or delete the file if that process is gone.`);
  }
}

export async function withLock<T>(lockFile: string, fn: () => Promise<T>): Promise<T> {
  // The lock appears with its content in one step (a hard link to a file already written), so a
  // second run never sees an empty lock and cannot mistake a starting holder for a dead one.
  const pending = `${lockFile}.${process.pid}`;
  try {
    await writeFile(pending, `pid ${process.pid}\n`);
    await link(pending, lockFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = (await readFile(lockFile, 'utf8').catch(() => '')).trim();
    const pid = Number(/pid (\d+)/.exec(holder)?.[1]);
    if (pid && !isAlive(pid)) {
      // The holder died (killed run): its lock is stale.
      await rm(lockFile, { force: true });
      return await withLock(lockFile, fn);
    }
    throw new LockHeldError(lockFile, holder || 'unknown holder');
  } finally {
    await rm(pending, { force: true });
  }
  try {
    return await fn();
  } finally {
    await rm(lockFile, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
