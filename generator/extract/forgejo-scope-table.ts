// STUB: to be replaced by the real extractor.
import type { Extractor } from './extractor.ts';
import type { ForgejoScopesModel } from '../model/catalog.ts';

export const forgejoScopeExtractor: Extractor<ForgejoScopesModel> = {
  kind: 'forgejo-scopes',
  description: 'TODO',
  headers: [],
  recognizes() {
    return false;
  },
  extract() {
    throw new Error('not implemented');
  },
};
