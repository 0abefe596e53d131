import type { Catalog, SourceModel } from '../model/catalog.ts';
import type { Change, ChangeReport } from './change.ts';
import { compareJobToken } from './compare-job-token.ts';
import { compareGraphql } from './compare-graphql.ts';
import { compareBuildkite, compareForgejo, compareGitlabScopes } from './compare-scopes.ts';
import { compareRest } from './compare-rest.ts';

/** Compares two catalogs source by source (matched by manifest id). */
export function compareCatalogs(before: Catalog, after: Catalog): ChangeReport {
  const old = new Map(before.sources.map((s) => [s.source.id, s]));
  const now = new Map(after.sources.map((s) => [s.source.id, s]));
  const changes: Change[] = [];
  for (const [id, n] of now) {
    const o = old.get(id);
    if (o) changes.push(...compareSource(id, o, n));
  }
  return {
    changes,
    sourcesAdded: [...now.keys()].filter((id) => !old.has(id)).sort(),
    sourcesRemoved: [...old.keys()].filter((id) => !now.has(id)).sort(),
  };
}

function compareSource(id: string, o: SourceModel, n: SourceModel): Change[] {
  if (o.kind !== n.kind) return [{ source: id, type: 'source-kind', impact: 'neutral', subject: id, before: o.kind, after: n.kind }];
  switch (n.kind) {
    case 'gitlab-job-token-endpoints':
      return compareJobToken(id, o as typeof n, n);
    case 'gitlab-graphql-permissions':
      return compareGraphql(id, o as typeof n, n);
    case 'gitlab-token-scopes':
      return compareGitlabScopes(id, o as typeof n, n);
    case 'forgejo-scopes':
      return compareForgejo(id, o as typeof n, n);
    case 'buildkite-enum':
      return compareBuildkite(id, o as typeof n, n);
    case 'gitlab-rest-permissions':
      return compareRest(id, o as typeof n, n);
  }
}
