#!/usr/bin/env node
// `npm run build:cli`, and npm's `prepare` (run by `npm ci` / `npm install` in this folder): builds the
// CLI bundle (`cli-bundle.js`) ahead of the first command, so a fresh clone's first `generate` does not
// wait ~0.4–2 s for esbuild. Nothing else: no page is read and no cache of permgen's output is filled.
// A bundle that cannot be built now is not an install failure: the CLI builds it on first use (and
// again whenever generator/ or the lock file changed since), or runs through tsx.
import { bundledCli, cliCacheDir } from './cli-bundle.js';

const url = await bundledCli();
if (url) console.log(`permgen: CLI bundle ready in ${cliCacheDir()}`);
else console.warn('permgen: the CLI bundle was not built now; the first permgen command builds it (or runs through tsx).');
