import type { Boundary, GraphqlKind, GraphqlPermissionsModel } from './catalog.ts';

const BOUNDARY_ORDER: readonly Boundary[] = ['project', 'group', 'user', 'instance'];
const KIND_ORDER: readonly GraphqlKind[] = ['Type', 'Mutation', 'Field'];

const ci = (a: string, b: string) => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

/**
 * GitLab's own order for the GraphQL permission page: categories and resources case-insensitively,
 * rows by action, then boundary (Project < Group < User < Instance), then kind
 * (Type < Mutation < Field), then name.
 */
export function sortGraphqlModel(m: GraphqlPermissionsModel): GraphqlPermissionsModel {
  return {
    ...m,
    categories: [...m.categories]
      .sort((a, b) => ci(a.name, b.name))
      .map((c) => ({
        ...c,
        resources: [...c.resources]
          .sort((a, b) => ci(a.name, b.name))
          .map((r) => ({
            ...r,
            grants: [...r.grants].sort(
              (a, b) =>
                ci(a.action, b.action) ||
                BOUNDARY_ORDER.indexOf(a.boundary) - BOUNDARY_ORDER.indexOf(b.boundary) ||
                KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
                ci(a.name, b.name),
            ),
          })),
      })),
  };
}
