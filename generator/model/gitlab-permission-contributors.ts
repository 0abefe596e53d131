/**
 * Every model kind that names GitLab fine-grained permissions, each with the one function that
 * lists its mentions. A new page kind is one more entry.
 * The order decides whose spelling the vocabulary keeps when pages disagree (the disagreement is
 * reported by `gitlab-permission-spelling`): the GraphQL page first, the page GitLab generates.
 */
import type { GitlabOperationPermissionsModel, GitlabRestPermissionsModel, GraphqlPermissionsModel } from './catalog.ts';
import type { PermissionContributor, PermissionMention } from './gitlab-permission-vocabulary.ts';

/**
 * The GraphQL and REST pages share one structure (`### <Category> resources` → `#### <Resource>` →
 * `Grants the ability to …` → a table), so one function lists the mentions of either.
 */
function resourcePageMentions(model: GraphqlPermissionsModel | GitlabRestPermissionsModel): PermissionMention[] {
  return model.categories.flatMap((category) =>
    category.resources.flatMap((resource) =>
      resource.grants.map((grant): PermissionMention => ({
        id: grant.permission,
        resource: resource.name,
        action: grant.action,
        category: category.name,
        description: resource.description,
        position: grant.position,
      })),
    ),
  );
}

const graphqlPage: PermissionContributor<'gitlab-graphql-permissions'> = { kind: 'gitlab-graphql-permissions', mentions: resourcePageMentions };

const restPage: PermissionContributor<'gitlab-rest-permissions'> = { kind: 'gitlab-rest-permissions', mentions: resourcePageMentions };

const operationsPage: PermissionContributor<'gitlab-operation-permissions'> = {
  kind: 'gitlab-operation-permissions',
  mentions: (model: GitlabOperationPermissionsModel) =>
    model.sections.flatMap((section) =>
      section.tables.flatMap((table) => table.operations.map((op): PermissionMention => ({ id: op.permission, resource: op.resource, action: op.action, position: op.position }))),
    ),
};

export const gitlabPermissionContributors: readonly PermissionContributor[] = Object.freeze([
  // GitLab GraphQL page: one mention per row; categories and descriptions come from here.
  graphqlPage,
  // GitLab REST page: one mention per permission row; the same shape as the GraphQL page's.
  restPage,
  // GitLab Git and other operations page: one mention per operation (no category, no description).
  operationsPage,
] as PermissionContributor[]);
