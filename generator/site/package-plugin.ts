/**
 * An esbuild plugin that serves `token-permissions` (and its subpaths) from the package emitted in
 * memory, so the site bundles exactly what `permgen generate` would write, even on a fresh clone
 * where `generated/` is absent or stale. Subpaths resolve through the emitted package.json's
 * `exports`; relative imports resolve inside the package; anything else (a bare import from inside
 * the package) is an error, since the package has no runtime dependencies.
 */
import path from 'node:path';
import type { Plugin } from 'esbuild';

const NAMESPACE = 'token-permissions';
const PACKAGE = /^token-permissions(\/.*)?$/;

export function emittedPackagePlugin(files: ReadonlyMap<string, string>): Plugin {
  return {
    name: 'emitted-token-permissions',
    setup(build) {
      build.onResolve({ filter: PACKAGE }, (args) => {
        const subpath = args.path === NAMESPACE ? '.' : `.${args.path.slice(NAMESPACE.length)}`;
        const target = exportTarget(files, subpath);
        if (target === undefined) return { errors: [{ text: `The emitted package does not export \`${subpath}\` (imported as \`${args.path}\`).` }] };
        return { path: target, namespace: NAMESPACE };
      });
      build.onResolve({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        if (!args.path.startsWith('./') && !args.path.startsWith('../')) return { errors: [{ text: `\`${args.importer}\` imports \`${args.path}\`: the package must not have runtime dependencies.` }] };
        return { path: path.posix.normalize(path.posix.join(path.posix.dirname(args.importer), args.path)), namespace: NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        const contents = files.get(args.path);
        if (contents === undefined) return { errors: [{ text: `The emitted package has no file \`${args.path}\`.` }] };
        return { contents, loader: args.path.endsWith('.json') ? 'json' : 'js' };
      });
    },
  };
}

/** `./gitlab` → `gitlab/index.js` by the package's `exports` (the `default` condition). */
function exportTarget(files: ReadonlyMap<string, string>, subpath: string): string | undefined {
  const manifest = files.get('package.json');
  if (manifest === undefined) return undefined;
  const exports = (JSON.parse(manifest) as { exports?: Record<string, unknown> }).exports ?? {};
  const entry = Object.hasOwn(exports, subpath) ? exports[subpath] : undefined;
  const target = typeof entry === 'string' ? entry : typeof entry === 'object' && entry !== null && typeof (entry as { default?: unknown }).default === 'string' ? (entry as { default: string }).default : undefined;
  return target === undefined ? undefined : path.posix.normalize(target);
}
