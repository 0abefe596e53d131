import type { ValidationRule } from '../rule.ts';
import type { Catalog } from '../../model/catalog.ts';
import type { SourcePosition } from '../../model/position.ts';
import { formatPosition } from '../../model/position.ts';
import { snake } from '../../extract/graphql-permission-table.ts';

interface Named {
  category: string;
  resource: string;
  action: string;
  position: SourcePosition;
}

/** Permission id → where a page first names it (category, resource and action as written). */
function namesOf(source: Catalog['sources'][number]): Map<string, Named> {
  const out = new Map<string, Named>();
  if (source.kind !== 'gitlab-graphql-permissions' && source.kind !== 'gitlab-rest-permissions') return out;
  for (const c of source.categories) {
    for (const r of c.resources) {
      for (const g of r.grants) {
        if (!out.has(g.permission)) out.set(g.permission, { category: c.name, resource: r.name, action: g.action, position: g.position });
      }
    }
  }
  return out;
}

/**
 * The GraphQL and REST pages name one vocabulary of fine-grained permissions (`read_merge_request`
 * is `Read` on `Merge Request` in both). An id both pages grant must be the same action on the same
 * resource in the same category (case and spacing aside: `Packages And Registry` is `Packages and
 * Registry`); otherwise one id means two things and a token minted from one page's words would be
 * wrong for the other.
 */
export const restGraphqlPermissions: ValidationRule = {
  id: 'rest-graphql-permission-mismatch',
  description: 'A permission id the GraphQL and REST pages both grant names the same action, resource and category on both.',
  check(catalog, report) {
    const graphql = catalog.sources.filter((s) => s.kind === 'gitlab-graphql-permissions').map(namesOf);
    for (const rest of catalog.sources.filter((s) => s.kind === 'gitlab-rest-permissions')) {
      for (const [id, r] of namesOf(rest)) {
        for (const names of graphql) {
          const g = names.get(id);
          if (!g) continue;
          const same = snake(g.category) === snake(r.category) && g.resource.toLowerCase() === r.resource.toLowerCase() && g.action.toLowerCase() === r.action.toLowerCase();
          if (same) continue;
          report.warn(
            'rest-graphql-permission-mismatch',
            `\`${id}\` is \`${r.action}\` on \`${r.resource}\` (in \`${r.category}\`) here, but \`${g.action}\` on \`${g.resource}\` (in \`${g.category}\`) on the GraphQL page (${formatPosition(g.position)}).`,
            r.position,
            'Both pages name one vocabulary; the id means one thing on one page and another on the other. Check both upstream pages.',
          );
        }
      }
    }
  },
};
