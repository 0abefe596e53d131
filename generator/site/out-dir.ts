/**
 * `permgen docs` replaces its output folder as a whole, so it must never be pointed at something
 * that is not a site: the project itself (or a folder holding it), or a non-empty folder that a
 * previous `permgen docs` did not write. Returns why not, or `undefined` when the folder is fine.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Files every site has; a folder with both was written by `permgen docs`. */
const SITE_MARKERS = ['index.html', path.join('assets', 'site.js')] as const;

export async function outDirProblem(outDir: string, root: string): Promise<string | undefined> {
  const out = path.resolve(outDir);
  const relative = path.relative(out, path.resolve(root));
  if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) return `${out} is the project folder or holds it; the site folder is replaced as a whole.`;
  let names: string[];
  try {
    names = await readdir(out);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? undefined : `Cannot read ${out} (${code ?? 'error'}).`;
  }
  if (names.length === 0) return undefined;
  for (const marker of SITE_MARKERS) {
    try {
      await stat(path.join(out, marker));
    } catch {
      return `${out} is not empty and was not written by permgen docs (no ${SITE_MARKERS.join(' and ')}); it would be replaced as a whole.`;
    }
  }
  return undefined;
}
