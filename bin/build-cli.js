#!/usr/bin/env node
// `npm run build:cli`, and npm's `prepare` (run by `npm ci` / `npm install` in this folder): builds the
// CLI ahead of the first command, the two things a fresh clone's first `permgen generate` otherwise
// paid for itself:
// - the CLI bundle (`cli-bundle.js`): that run waited ~0.4–2 s for esbuild;
// - V8's code cache for TypeScript and ts-morph (`code-cache.js`), written when they are loaded
//   here: that run compiled their ~17 MB of JavaScript from scratch (~0.2 s).
// Both live in node_modules/.cache/permgen (PERMGEN_CLI_CACHE_DIR). Nothing else: no page is read
// and nothing permgen outputs is cached. A bundle that cannot be built now is not an install
// failure: the CLI builds it on first use (and again whenever generator/ or the lock file changed
// since), or runs through tsx.
import { bundledCli, cliCacheDir, loadEmitDependencies } from './cli-bundle.js';
import { installCodeCache } from './code-cache.js';

installCodeCache(cliCacheDir());
// Loaded while esbuild bundles on its own threads, as the first `generate` does (`permgen.js`).
const url = await bundledCli(loadEmitDependencies);
if (url) console.log(`permgen: CLI bundle and code cache ready in ${cliCacheDir()}`);
else console.warn('permgen: the CLI bundle was not built now; the first permgen command builds it (or runs through tsx).');
