// STUB: to be replaced by the real extractor.
import type { Extractor } from './extractor.ts';
import type { BuildkiteEnumModel } from '../model/catalog.ts';

export const buildkiteEnumExtractor: Extractor<BuildkiteEnumModel> = {
  kind: 'buildkite-enum',
  description: 'TODO',
  headers: [],
  recognizes() {
    return false;
  },
  extract() {
    throw new Error('not implemented');
  },
};
