/**
 * gitlab/graphql-permissions.ts: the permission ids of GitLab's fine-grained personal access tokens
 * for the GraphQL API, as a union, and what each grants (action, resource, category, boundaries).
 * The guard map (which type, mutation or field each permission opens) is `graphql-guard.ts`'s.
 */
import { StructureKind, VariableDeclarationKind } from 'ts-morph';
import type { Emitter } from './emitter.ts';
import type { Boundary, GraphqlCategory, GraphqlPermissionsModel, GraphqlResource } from '../model/catalog.ts';
import type { SourcePosition } from '../model/position.ts';
import { codeHeader } from './header.ts';
import { stringUnionStatements } from './ts/string-union.ts';
import { stringLiteral } from './ts/identifier.ts';
import { deepFreezeFunction, jsonMember, jsonParseExpression } from './json-data.ts';
import { withoutPrototype } from './ts/record.ts';

/** Fixed by the model, not by the page: also the order `boundaries` lists them in. */
const BOUNDARIES: readonly Boundary[] = ['project', 'group', 'user', 'instance'];

interface PermissionEntry {
  id: string;
  action: string;
  resource: GraphqlResource;
  category: GraphqlCategory;
  boundaries: Set<Boundary>;
  /** The first row granting it. */
  position: SourcePosition;
  /** Set when the id came from a `permission-id` override rather than `snake(action)_snake(resource)`. */
  permissionOverride?: string;
}

/** Distinct permissions in the page's order (first row naming each). */
export function graphqlPermissionEntries(model: GraphqlPermissionsModel): PermissionEntry[] {
  const byId = new Map<string, PermissionEntry>();
  for (const category of model.categories) {
    for (const resource of category.resources) {
      for (const grant of resource.grants) {
        let entry = byId.get(grant.permission);
        if (!entry) {
          entry = { id: grant.permission, action: grant.action, resource, category, boundaries: new Set(), position: grant.position, ...(grant.permissionOverride ? { permissionOverride: grant.permissionOverride } : {}) };
          byId.set(grant.permission, entry);
        }
        entry.boundaries.add(grant.boundary);
      }
    }
  }
  return [...byId.values()];
}

export const graphqlPermissions: Emitter = {
  name: 'graphql-permissions',
  description: 'gitlab/graphql-permissions.ts: the GraphqlPermission union, the Boundary type and what each permission grants.',
  emit(ctx) {
    const model = ctx.catalog.sources.find((s): s is GraphqlPermissionsModel => s.kind === 'gitlab-graphql-permissions');
    if (!model) return;
    const entries = graphqlPermissionEntries(model);
    const statements = stringUnionStatements(
      {
        typeName: 'GraphqlPermission',
        listName: 'graphqlPermissions',
        guardName: 'isGraphqlPermission',
        description: `A fine-grained personal access token permission of the GitLab GraphQL API (${model.source.title}).`,
        url: model.source.url,
        members: entries.map((e) => ({
          value: e.id,
          description: memberDescription(e),
          position: e.position,
        })),
      },
      ctx.options,
      ctx.report,
    );
    statements.push({
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'Boundary',
      docs: [{ description: 'Where a permission applies: the page\'s Access column (`Project`, `Group`, `User`, `Instance`), lower-cased.' }],
      type: BOUNDARIES.map(stringLiteral).join(' | '),
    });
    statements.push({
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        {
          description:
            'What each permission grants: the action and resource it is named after (as the page writes them), the resource\'s category, and the boundaries at which the page lists rows for it (in the order project, group, user, instance).',
        },
      ],
      declarations: [
        {
          name: 'graphqlPermissionInfo',
          type: 'Readonly<Record<GraphqlPermission, { readonly action: string; readonly resource: string; readonly category: string; readonly boundaries: readonly Boundary[] }>>',
          // JSON parsed at load (json-data.ts); `graphqlGuardEntries` carries each row's line.
          initializer: withoutPrototype(`deepFreeze(${jsonParseExpression(
            entries.map((e) =>
              jsonMember(e.id, { action: e.action, resource: e.resource.name, category: e.category.name, boundaries: BOUNDARIES.filter((b) => e.boundaries.has(b)) }),
            ),
            'object',
          )})`),
        },
      ],
    });
    statements.push(deepFreezeFunction());
    ctx.project.createSourceFile('/generated/gitlab/graphql-permissions.ts', { leadingTrivia: `${codeHeader([model.source])}\n\n`, statements }, { overwrite: true });
  },
};

/** `Read Runner (CI/CD). Grants the ability to …`, plus where an override changed what the page says. */
function memberDescription(e: PermissionEntry): string {
  let text = `${e.action} ${e.resource.name} (${e.category.name}). ${e.resource.description}`;
  if (e.resource.override) text += ` The page omits the resource title; \`${e.resource.name}\` comes from override \`${e.resource.override}\`.`;
  if (e.permissionOverride) text += ` The id comes from override \`${e.permissionOverride}\`.`;
  return text;
}
