import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * What `readTree` records for an entry that is not a regular file or a directory (a symbolic link, a
 * FIFO, a socket): text no emitted file can hold, so `--check` reports it (an extra entry, or a
 * changed file) instead of passing over it. A symlink planted in `generated/` (say
 * `node_modules/graphql`) would otherwise be loaded by the package and never seen by the check.
 */
export const NOT_A_REGULAR_FILE = '\u0000permgen: not a regular file (a symbolic link or a special file)\u0000';

/** Every file below `dir` as relative path (`/` separators) → contents; empty map when `dir` does not exist. Entries of any other type are `NOT_A_REGULAR_FILE`. */
export async function readTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(child);
      else if (e.isFile()) out.set(child, await readFile(path.join(dir, child), 'utf8'));
      else out.set(child, NOT_A_REGULAR_FILE);
    }
  };
  await walk('');
  return out;
}
