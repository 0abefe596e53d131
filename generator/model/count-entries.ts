import type { SourceModel } from './catalog.ts';

/** The number of documented entries of a source: endpoints, grant rows, scopes, enum values. */
export function countEntries(s: SourceModel): number {
  switch (s.kind) {
    case 'buildkite-enum':
      return s.values.length;
    case 'gitlab-job-token-endpoints':
      return s.endpoints.length;
    case 'gitlab-graphql-permissions':
      return s.categories.reduce((n, c) => n + c.resources.reduce((m, r) => m + r.grants.length, 0), 0);
    case 'forgejo-scopes':
      return s.categories.reduce((n, c) => n + 1 + c.scopes.length, s.noScope ? 1 : 0);
    case 'gitlab-token-scopes':
      return s.scopes.length;
    case 'gitlab-rest-permissions':
      return s.endpoints.length;
  }
}
