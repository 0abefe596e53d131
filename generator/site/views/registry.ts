/** The page of the docs site for each kind of source, in the order of `SourceModel`. */
import type { SourceModel } from '../../model/catalog.ts';
import type { SourcePageView } from '../view.ts';
import { buildkiteEnumView } from './buildkite-enum.ts';
import { jobTokenEndpointsView } from './gitlab-job-token-endpoints.ts';
import { graphqlPermissionsView } from './gitlab-graphql-permissions.ts';
import { forgejoScopesView } from './forgejo-scopes.ts';
import { gitlabTokenScopesView } from './gitlab-token-scopes.ts';
import { gitlabRestPermissionsView } from './gitlab-rest-permissions.ts';

type ViewFor = { [K in SourceModel['kind']]: (model: Extract<SourceModel, { kind: K }>) => SourcePageView };

export const sourceViews: Readonly<ViewFor> = Object.freeze({
  // Buildkite GraphQL enum pages: the enum's values.
  'buildkite-enum': buildkiteEnumView,
  // GitLab CI/CD job token page: endpoints → permissions, and the permissions.
  'gitlab-job-token-endpoints': jobTokenEndpointsView,
  // GitLab GraphQL page: type/mutation/field rows and the permissions.
  'gitlab-graphql-permissions': graphqlPermissionsView,
  // Forgejo scope page: levels, scopes, categories.
  'forgejo-scopes': forgejoScopesView,
  // GitLab token scopes page: scopes and footnotes.
  'gitlab-token-scopes': gitlabTokenScopesView,
  // GitLab fine-grained PAT REST page: routes, access, permissions, boundaries.
  'gitlab-rest-permissions': gitlabRestPermissionsView,
});

export function viewOf(model: SourceModel): SourcePageView {
  return (sourceViews[model.kind] as (m: SourceModel) => SourcePageView)(model);
}
