// STUB: to be replaced by the real emitter.
import type { Emitter } from './emitter.ts';

export const graphqlPermissions: Emitter = {
  name: 'graphql-permissions',
  description: 'TODO',
  emit() {},
};
