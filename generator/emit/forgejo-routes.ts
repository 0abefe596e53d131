// STUB: to be replaced by the real emitter.
import type { Emitter } from './emitter.ts';

export const forgejoRoutes: Emitter = {
  name: 'forgejo-routes',
  description: 'TODO',
  emit() {},
};
