#!/usr/bin/env node
// Thin launcher: runs the CLI from a cached esbuild bundle of generator/ (bin/cli-bundle.js), or
// through tsx when it cannot be built or PERMGEN_BUNDLE=off, so no build step is needed either way.
import { createRequire } from 'node:module';
import { bundledCli, cliCacheDir } from './cli-bundle.js';
import { installCodeCache } from './code-cache.js';

installCodeCache(cliCacheDir());

/**
 * A first `generate` (no bundle yet, so nothing cached either) emits, and emitting loads ts-morph
 * (with TypeScript, ~0.4 s of compiling without a code cache) and oxc: loaded while esbuild builds
 * the bundle, instead of after. The same files the bundle loads, so loaded once.
 */
const emits = process.argv[2] === 'generate';
// ts-morph is required, as the bundle requires it (`cli-bundle.js`: no export-name scan of its 1 MB).
const preload = async () => {
  createRequire(import.meta.url)('ts-morph');
  await import(import.meta.resolve('oxc-transform'));
};

const bundle = await bundledCli(emits ? preload : undefined);
if (bundle) await import(bundle);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../generator/cli/main.ts');
}
