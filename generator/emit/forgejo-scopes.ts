// STUB: to be replaced by the real emitter.
import type { Emitter } from './emitter.ts';

export const forgejoScopes: Emitter = {
  name: 'forgejo-scopes',
  description: 'TODO',
  emit() {},
};
