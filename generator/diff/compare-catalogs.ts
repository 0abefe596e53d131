import type { Catalog, SourceModel } from '../model/catalog.ts';
import type { Change, ChangeReport } from './change.ts';
import { compareJobToken } from './compare-job-token.ts';
import { compareGraphql } from './compare-graphql.ts';
import { compareBuildkite, compareForgejo, compareGitlabScopes } from './compare-scopes.ts';
import { compareGitlabOperations } from './compare-gitlab-operations.ts';
import { compareRest } from './compare-rest.ts';

/**
 * Compares two catalogs source by source: by manifest id, and a source whose id changed by its page
 * (same kind and the same `file` or `url`), so that renaming an entry hides nothing. A source on
 * one side only is a change too: added is widened (its page grants something), removed narrowed.
 */
export function compareCatalogs(before: Catalog, after: Catalog): ChangeReport {
  const old = new Map(before.sources.map((s) => [s.source.id, s]));
  const now = new Map(after.sources.map((s) => [s.source.id, s]));
  const changes: Change[] = [];
  const paired = new Set<string>();
  for (const [id, n] of now) {
    const o = old.get(id);
    if (o) for (const c of compareSource(id, o, n)) changes.push(c); // not a spread: a page-sized list overflows the call stack
  }
  const oldOnly = [...old.values()].filter((s) => !now.has(s.source.id));
  const sourcesAdded: string[] = [];
  for (const n of [...now.values()].filter((s) => !old.has(s.source.id))) {
    const id = n.source.id;
    const o = oldOnly.find((s) => !paired.has(s.source.id) && s.kind === n.kind && (s.source.file === n.source.file || s.source.url === n.source.url));
    if (o) {
      paired.add(o.source.id);
      changes.push({ source: id, type: 'source-renamed', impact: 'neutral', subject: id, before: o.source.id, after: id, note: `the same page (${n.source.url}) under a new id; compared with the old id's` });
      for (const c of compareSource(id, o, n)) changes.push(c); // not a spread: a page-sized list overflows the call stack
    } else {
      sourcesAdded.push(id);
      changes.push({ source: id, type: 'source-added', impact: 'widened', subject: id, after: n.source.file, note: 'a new page: everything it grants is new' });
    }
  }
  const sourcesRemoved: string[] = [];
  for (const o of oldOnly) {
    if (paired.has(o.source.id)) continue;
    sourcesRemoved.push(o.source.id);
    changes.push({ source: o.source.id, type: 'source-removed', impact: 'narrowed', subject: o.source.id, before: o.source.file, note: 'the page is gone: nothing it granted is granted' });
  }
  return { changes, sourcesAdded: sourcesAdded.sort(), sourcesRemoved: sourcesRemoved.sort() };
}

function compareSource(id: string, o: SourceModel, n: SourceModel): Change[] {
  if (o.kind !== n.kind)
    return [{ source: id, type: 'source-kind', impact: 'widened', subject: id, before: o.kind, after: n.kind, note: 'the page is now read as another kind of page: nothing can be compared, review it by hand' }];
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
    case 'gitlab-operation-permissions':
      return compareGitlabOperations(id, o as typeof n, n);
    case 'gitlab-rest-permissions':
      return compareRest(id, o as typeof n, n);
  }
}
