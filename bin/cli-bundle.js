// The CLI as one esbuild bundle of generator/ and its pure-JS dependencies, built on first use and
// cached by content in node_modules/.cache/permgen/cli-<hash>/. Loading ~150 TypeScript files
// through tsx and a few hundred dependency modules one by one cost ~0.8 s per run before any work;
// the bundle loads in ~0.15 s. Written by hand: no bundler offers "bundle on first run, keyed by the
// sources' content, safe when two processes race". Any failure here falls back to tsx.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const generatorDir = path.join(root, 'generator');
/**
 * Left out of the bundle: native or very large (esbuild, oxc-transform, ts-morph, typescript), or compared by
 * identity (graphql). Imported by absolute URL, so the bundle runs from any cache folder.
 */
const EXTERNAL = /^(esbuild|graphql|oxc-transform|playwright-core|ts-morph|typescript)(\/.*)?$/;
/** Bundles of earlier generator sources kept (a run that started with one may still load its chunks). */
const KEEP = 3;

/** Where the bundle (and the code cache, `code-cache.js`) live. */
export function cliCacheDir() {
  return process.env.PERMGEN_CLI_CACHE_DIR ?? path.join(root, 'node_modules/.cache/permgen');
}

/**
 * Loads what emitting needs outside the bundle (ts-morph with TypeScript, oxc): the same files the
 * bundle loads, so loaded once. ts-morph is required, as the bundle requires it (`REQUIRED`: no
 * export-name scan of its 1 MB). Passed to `bundledCli` to run while esbuild builds.
 */
export async function loadEmitDependencies() {
  createRequire(import.meta.url)('ts-morph');
  await import(import.meta.resolve('oxc-transform'));
}

/**
 * The URL of the bundled CLI entry, or undefined (PERMGEN_BUNDLE=off, or it could not be built).
 * `whileBuilding` runs on this thread while esbuild bundles on its own threads (a first run has
 * nothing else to do meanwhile); a failure in it is ignored.
 */
export async function bundledCli(whileBuilding) {
  if (process.env.PERMGEN_BUNDLE === 'off') return undefined;
  try {
    const cacheDir = cliCacheDir();
    const hash = sourceHash();
    const dir = path.join(cacheDir, `cli-${hash}`);
    const entry = path.join(dir, 'main.mjs');
    if (!existsSync(entry)) {
      await build(dir, cacheDir, whileBuilding);
      // generator/ changed while esbuild read it: the bundle may mix versions, so it is not used.
      if (sourceHash() !== hash) {
        rmSync(dir, { recursive: true, force: true });
        return undefined;
      }
    }
    return pathToFileURL(entry).href;
  } catch {
    return undefined;
  }
}

/** sha256 over every file of generator/, this file, and the lock file (dependency versions get bundled). */
function sourceHash() {
  const hash = createHash('sha256').update(root).update('\0'); // the bundle holds absolute paths
  const files = [fileURLToPath(import.meta.url), path.join(root, 'package-lock.json')];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(generatorDir);
  for (const file of files) hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

async function build(dir, cacheDir, whileBuilding) {
  const esbuild = await import('esbuild');
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}`;
  const building = esbuild.build({
    entryPoints: { main: path.join(generatorDir, 'cli/main.ts') },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    splitting: true,
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    // Bundled CommonJS dependencies call require() for Node's built-ins.
    banner: { js: "import { createRequire as __permgenCreateRequire } from 'node:module'; const require = __permgenCreateRequire(import.meta.url);" },
    plugins: [sourceUrls, externals, noUndici],
    logLevel: 'silent',
  });
  await Promise.all([building, whileBuilding?.().catch(() => undefined)]);
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process got there first: use its bundle
  }
  prune(cacheDir, dir);
}

/**
 * generator/ finds its runtime files, templates and the browser code relative to each module's own
 * `import.meta.url`; in a bundle every module would share the bundle's. Each generator file gets its
 * own source URL written in, so those paths resolve exactly as they do when run through tsx.
 */
const sourceUrls = {
  name: 'permgen-source-urls',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!args.path.startsWith(generatorDir + path.sep)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

/**
 * CommonJS dependencies left out of the bundle that are loaded with `require` (the banner's), not
 * `import`: Node's `import` of a CommonJS file first scans its whole text for export names
 * (cjs-module-lexer: ~90 ms of a run for ts-morph's 1 MB, before a line of it runs).
 */
const REQUIRED = /^(esbuild|ts-morph)$/;

/** Dependencies left out of the bundle, imported (or required) by the absolute path they resolve to from here. */
const externals = {
  name: 'permgen-externals',
  setup(b) {
    b.onResolve({ filter: EXTERNAL }, (args) => {
      const url = import.meta.resolve(args.path);
      if (REQUIRED.test(args.path)) return { path: fileURLToPath(url), namespace: 'permgen-required' };
      return { path: url, external: true };
    });
    // A module whose exports are those of `require(path)`; esbuild's interop gives `import { x }` of it.
    b.onLoad({ filter: /.*/, namespace: 'permgen-required' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
    b.onResolve({ filter: /.*/, namespace: 'permgen-required' }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * cheerio's main entry imports undici for its network loaders (`fromURL`), which permgen never
 * calls: it loads pages from disk and parses them with `cheerio.load`. undici's module setup was
 * ~30 ms of every run that reads an HTML page (a CPU profile of a first run); in the bundle its
 * import is a stub that throws if anything does reach for it.
 */
export const noUndici = {
  name: 'permgen-no-undici',
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, (args) => (/[\\/]node_modules[\\/]cheerio[\\/]/.test(args.importer) ? { path: 'undici', namespace: 'permgen-stub' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'permgen-stub' }, () => ({
      contents: [
        "const unavailable = () => { throw new Error('permgen: undici is left out of the CLI bundle (cheerio.fromURL is not used)'); };",
        'export class Client { constructor() { unavailable(); } }',
        'export const interceptors = { redirect: unavailable };',
        'export const errors = { ResponseError: class ResponseError extends Error {} };',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/** Removes all but the newest KEEP bundles. */
function prune(cacheDir, current) {
  const bundles = readdirSync(cacheDir)
    .filter((name) => /^cli-[0-9a-f]{16}$/.test(name))
    .map((name) => path.join(cacheDir, name))
    .filter((full) => full !== current)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const old of bundles.slice(KEEP - 1)) rmSync(old, { recursive: true, force: true });
}
