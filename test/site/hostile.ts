/**
 * A catalog whose page text tries to break out of every context the site puts it in: element text,
 * attributes, an inline `<script type="application/json">`, and (through the bundled package) the
 * explorer's DOM. Only descriptions, labels, titles and the URL are changed, so the package still
 * emits and routes still match.
 */
import type { Catalog } from '../../generator/model/catalog.ts';

/** Would run `onerror` if it ever became markup. */
export const HOSTILE = '</script><img src=x onerror=alert(1)>';
/** Ends the inline JSON's script element, then a comment opener and line separators. */
export const HOSTILE_TITLE = `Job tokens </script><script>window.__pwned=1</script><!-- \u2028\u2029 & "quoted" 'single'`;
export const HOSTILE_URL = 'javascript:alert(1)';

export function hostileCatalog(real: Catalog): Catalog {
  const catalog = structuredClone(real);
  for (const s of catalog.sources) {
    switch (s.kind) {
      case 'gitlab-job-token-endpoints': {
        s.source.title = HOSTILE_TITLE;
        s.source.url = HOSTILE_URL;
        const releases = s.endpoints.find((e) => e.text === 'GET /projects/:id/releases');
        if (!releases) throw new Error('the job-token page has no GET /projects/:id/releases row');
        releases.description = HOSTILE;
        const permission = s.permissions.find((p) => p.name === 'READ_RELEASES');
        if (!permission) throw new Error('the job-token page has no READ_RELEASES');
        permission.label = HOSTILE;
        break;
      }
      case 'gitlab-graphql-permissions':
        s.categories[0]!.resources[0]!.description = HOSTILE;
        break;
      case 'forgejo-scopes':
        for (const c of s.categories) for (const scope of c.scopes) if (scope.name === 'read:issue') scope.description = HOSTILE;
        break;
      case 'gitlab-token-scopes':
        for (const scope of s.scopes) if (scope.name === 'read_api') scope.description = HOSTILE;
        break;
      case 'gitlab-rest-permissions': {
        const releases = s.endpoints.find((e) => e.method === 'GET' && e.path === '/projects/:id/releases');
        if (!releases) throw new Error('the REST page has no GET /projects/:id/releases row');
        releases.resource = HOSTILE;
        const unavailable = s.endpoints.find((e) => e.access === 'unavailable' && e.reason !== undefined);
        if (!unavailable) throw new Error('the REST page has no unavailable endpoint with a reason');
        unavailable.reason = HOSTILE;
        break;
      }
      case 'buildkite-enum':
        s.values[0]!.description = HOSTILE;
        break;
    }
  }
  return catalog;
}
