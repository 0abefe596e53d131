// STUB: to be replaced by the real emitter.
import type { Emitter } from './emitter.ts';

export const jobTokenRoutes: Emitter = {
  name: 'job-token-routes',
  description: 'TODO',
  emit() {},
};
