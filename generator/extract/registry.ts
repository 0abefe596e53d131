/**
 * Every kind of permission page permgen understands. A page is matched to the first extractor
 * that recognises its tables (by header rows), unless the manifest pins `kind`.
 */
import type { Extractor } from './extractor.ts';
import type { PageDocument } from '../read/document.ts';
import { jobTokenEndpointExtractor } from './job-token-endpoint-table.ts';
import { graphqlPermissionExtractor } from './graphql-permission-table.ts';
import { gitlabScopeExtractor } from './gitlab-scope-table.ts';
import { forgejoScopeExtractor } from './forgejo-scope-table.ts';
import { buildkiteEnumExtractor } from './buildkite-enum-table.ts';
import { gitlabRestPermissionExtractor } from './gitlab-rest-permission-table.ts';

export const extractors: readonly Extractor[] = Object.freeze([
  // GitLab "Fine-grained permissions for CI/CD job tokens": Permissions | Permission Names | Path | Description.
  jobTokenEndpointExtractor,
  // GitLab "Fine-grained permissions for personal access tokens in the GraphQL API": Action | Access | Kind | Name.
  graphqlPermissionExtractor,
  // GitLab "Access token scopes": Scope | Token availability | Description.
  gitlabScopeExtractor,
  // Forgejo "Access Token scope": Name | Description.
  forgejoScopeExtractor,
  // Buildkite GraphQL enum pages: one "ENUM Values" column.
  buildkiteEnumExtractor,
  // GitLab "Fine-grained permissions for REST API": Action | Access | Method | Path, then the closing sections.
  gitlabRestPermissionExtractor,
] as Extractor[]);

export function findExtractor(kind: string): Extractor | undefined {
  return extractors.find((e) => e.kind === kind);
}

export function recognizeExtractor(doc: PageDocument): Extractor | undefined {
  return extractors.find((e) => e.recognizes(doc));
}
