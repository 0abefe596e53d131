/**
 * The generated package's entry points. Each is a folder of `generated/` with an `index.ts` that
 * re-exports every module an emitter put directly in that folder.
 */
export interface Subpath {
  /** Folder under `generated/` and the export key (`./gitlab`). */
  folder: string;
  description: string;
}

export const subpaths: readonly Subpath[] = Object.freeze([
  { folder: 'gitlab', description: 'GitLab: job-token permissions and route matcher, token scopes, the fine-grained permission vocabulary, GraphQL permissions and guard map, Git and other operations.' },
  { folder: 'gitlab/graphql', description: 'GitLab GraphQL: a graphql-js validation rule and least-privilege answers (needs the `graphql` peer dependency).' },
  { folder: 'buildkite', description: 'Buildkite: API access token scopes.' },
  { folder: 'forgejo', description: 'Forgejo: token scopes, their hierarchy and the scope a request needs.' },
]);
