#!/usr/bin/env node
// Thin launcher: runs the CLI from a cached esbuild bundle of generator/ (bin/cli-bundle.js), or
// through tsx when it cannot be built or PERMGEN_BUNDLE=off, so no build step is needed either way.
import { bundledCli, cliCacheDir } from './cli-bundle.js';
import { installCodeCache } from './code-cache.js';

installCodeCache(cliCacheDir());

const bundle = await bundledCli();
if (bundle) await import(bundle);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../generator/cli/main.ts');
}
