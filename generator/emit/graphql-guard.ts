// STUB: to be replaced by the real emitter.
import type { Emitter } from './emitter.ts';

export const graphqlGuard: Emitter = {
  name: 'graphql-guard',
  description: 'TODO',
  emit() {},
};
