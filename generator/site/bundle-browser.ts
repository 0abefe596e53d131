/**
 * Bundles the site's browser code (generator/site/browser/) into classic scripts: an IIFE per page
 * kind, so the site opens from disk (file://) with no module loading and no fetch. The explorer
 * bundle includes the emitted `token-permissions` package itself (served from memory by
 * `emittedPackagePlugin`): the explorer's answers are the package's answers.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { emittedPackagePlugin } from './package-plugin.ts';

const browserDir = fileURLToPath(new URL('./browser/', import.meta.url));

/** Each bundle: its entry in generator/site/browser/ and its path in the site. */
export const browserBundles: readonly { entry: string; out: string }[] = Object.freeze([
  // Every page: sortable, filterable tables and deep-link targets.
  { entry: 'tables.ts', out: 'assets/site.js' },
  // explorer.html: the package plus the explorer UI.
  { entry: 'explorer-entry.js', out: 'assets/explorer.js' },
]);

export type BundleResult = { ok: true; files: Map<string, string> } | { ok: false; errors: string[] };

export async function bundleBrowserCode(packageFiles: ReadonlyMap<string, string>): Promise<BundleResult> {
  const files = new Map<string, string>();
  for (const b of browserBundles) {
    try {
      const result = await build({
        entryPoints: [`${browserDir}${b.entry}`],
        bundle: true,
        write: false,
        format: 'iife',
        platform: 'browser',
        target: ['es2020'],
        // Minified output carries no file paths or comments: the same package gives the same bytes.
        minify: true,
        legalComments: 'none',
        charset: 'ascii',
        logLevel: 'silent',
        plugins: [emittedPackagePlugin(packageFiles)],
        outfile: `/site/${b.out}`,
      });
      const [file] = result.outputFiles;
      if (!file) return { ok: false, errors: [`esbuild produced no output for ${b.entry}`] };
      files.set(b.out, file.text);
    } catch (error) {
      const errors = (error as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors;
      return { ok: false, errors: errors ? errors.map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text)) : [(error as Error).message] };
    }
  }
  return { ok: true, files };
}
