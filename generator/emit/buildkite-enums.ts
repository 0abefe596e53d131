// STUB: to be replaced by the real emitter.
import type { Emitter } from './emitter.ts';

export const buildkiteEnums: Emitter = {
  name: 'buildkite-enums',
  description: 'TODO',
  emit() {},
};
