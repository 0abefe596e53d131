// STUB: to be replaced by the real extractor.
import type { Extractor } from './extractor.ts';
import type { GraphqlPermissionsModel } from '../model/catalog.ts';

export const graphqlPermissionExtractor: Extractor<GraphqlPermissionsModel> = {
  kind: 'gitlab-graphql-permissions',
  description: 'TODO',
  headers: [],
  recognizes() {
    return false;
  },
  extract() {
    throw new Error('not implemented');
  },
};
