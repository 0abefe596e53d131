#!/usr/bin/env node
// Thin launcher: runs the CLI from a cached esbuild bundle of generator/ (bin/cli-bundle.js), or
// through tsx when it cannot be built or PERMGEN_BUNDLE=off, so no build step is needed either way.
import { bundledCli, cliCacheDir, loadEmitDependencies } from './cli-bundle.js';
import { installCodeCache } from './code-cache.js';

installCodeCache(cliCacheDir());

/**
 * A first `generate` (no bundle yet, so nothing cached either) emits, and emitting loads ts-morph
 * (with TypeScript, ~0.4 s of compiling without a code cache) and oxc: loaded while esbuild builds
 * the bundle, instead of after (`loadEmitDependencies`).
 */
const emits = process.argv[2] === 'generate';
const bundle = await bundledCli(emits ? loadEmitDependencies : undefined);
if (bundle) await import(bundle);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../generator/cli/main.ts');
}
