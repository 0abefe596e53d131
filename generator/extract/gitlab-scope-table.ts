// STUB: to be replaced by the real extractor.
import type { Extractor } from './extractor.ts';
import type { GitlabTokenScopesModel } from '../model/catalog.ts';

export const gitlabScopeExtractor: Extractor<GitlabTokenScopesModel> = {
  kind: 'gitlab-token-scopes',
  description: 'TODO',
  headers: [],
  recognizes() {
    return false;
  },
  extract() {
    throw new Error('not implemented');
  },
};
