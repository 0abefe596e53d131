/**
 * Every output of the generated package, in the order they run. Each entry names the page(s) it serves.
 * `subpathIndex` runs last: it re-exports what the others put under each subpath.
 */
import type { Emitter } from './emitter.ts';
import { catalogJson } from './catalog-json.ts';
import { packageManifest } from './package-manifest.ts';
import { packageReadme } from './package-readme.ts';
import { jobTokenPermissions } from './job-token-permissions.ts';
import { jobTokenRoutes } from './job-token-routes.ts';
import { gitlabRestRoutes } from './gitlab-rest-routes.ts';
import { gitlabTokenScopes } from './gitlab-token-scopes.ts';
import { graphqlPermissions } from './graphql-permissions.ts';
import { graphqlGuard } from './graphql-guard.ts';
import { buildkiteEnums } from './buildkite-enums.ts';
import { forgejoScopes } from './forgejo-scopes.ts';
import { forgejoRoutes } from './forgejo-routes.ts';
import { leastPrivilege } from './least-privilege.ts';
import { subpathIndex } from './subpath-index.ts';
import { gitlabFineGrainedPermissions } from './gitlab-fine-grained-permissions.ts';
import { gitlabOperations } from './gitlab-operations.ts';
import { docsMarkdown } from './docs-markdown.ts';

export const emitters: readonly Emitter[] = Object.freeze([
  // All pages: catalog.json (the model) and its JSON Schema.
  catalogJson,
  // generated/package.json with the exports map.
  packageManifest,
  // generated/README.md: what to import, and the pages it came from.
  packageReadme,
  // GitLab job-token page: JobTokenPermission union and metadata.
  jobTokenPermissions,
  // GitLab job-token page: compiled route matcher (method + path → permissions).
  jobTokenRoutes,
  // GitLab fine-grained PAT REST page: compiled route matcher (method + path → access, permissions, boundaries).
  gitlabRestRoutes,
  // GitLab token scopes page: TokenScope union, availability per token type.
  gitlabTokenScopes,
  // GitLab GraphQL page: GraphqlPermission union.
  graphqlPermissions,
  // GitLab GraphQL page: guard map, validation rule, least privilege (subpath gitlab/graphql).
  graphqlGuard,
  // GitLab GraphQL, Git and other operations (and REST) pages: one GitlabFineGrainedPermission vocabulary.
  gitlabFineGrainedPermissions,
  // GitLab Git and other operations page: operation ids → required permissions and boundaries.
  gitlabOperations,
  // Buildkite enum pages: one union per enum.
  buildkiteEnums,
  // Forgejo scope page: ForgejoScope union, hierarchy, scope-string parsing.
  forgejoScopes,
  // Forgejo scope page: method + path → required scope.
  forgejoRoutes,
  // GitLab job-token, token-scopes (and fine-grained) pages, Forgejo scope page: least privilege for a workload. After the emitters whose lookups it finds.
  leastPrivilege,
  // Every page: docs/<source-id>.md in the upstream layout, docs/README.md.
  docsMarkdown,
  // Index module of each subpath (gitlab, buildkite, forgejo) and the root.
  subpathIndex,
]);
