import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Every file below `dir` as relative path (`/` separators) → contents; empty map when `dir` does not exist. */
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
    }
  };
  await walk('');
  return out;
}
