// STUB: to be replaced by the real emitter.
import type { Emitter } from './emitter.ts';

export const gitlabTokenScopes: Emitter = {
  name: 'gitlab-token-scopes',
  description: 'TODO',
  emit() {},
};
