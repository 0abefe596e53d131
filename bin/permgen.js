#!/usr/bin/env node
// Thin launcher: runs the TypeScript CLI through tsx (a dependency), so no build step is needed.
import { register } from 'tsx/esm/api';
register();
await import('../generator/cli/main.ts');
