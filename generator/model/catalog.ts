/**
 * The intermediate model: what every reader + extractor produces and every emitter consumes.
 * It is plain JSON (no classes, no Maps, no undefined-valued keys) so that it can be written
 * as `generated/catalog.json` and read back by tools in any language. Order is deterministic:
 * sources by id, entries in the order the page gives them unless stated otherwise.
 *
 * Each entry keeps the page's own words (`text`) next to the parsed form, so a reviewer can
 * find any value by searching the page for it.
 */
import type { SourcePosition } from './position.ts';
import type { PathPattern } from './path-pattern.ts';

export type Provider = 'gitlab' | 'buildkite' | 'forgejo';

/** One manifest entry, as resolved when the page was read. */
export interface SourceInfo {
  id: string;
  /** Path of the page relative to the project root (`sources/…`), as in every position. */
  file: string;
  /** Name of the reader (page format) that read it. */
  format: string;
  provider: Provider;
  title: string;
  url: string;
  /** sha256 of the page's bytes, hex. */
  sha256: string;
}

export type SourceModel =
  | BuildkiteEnumModel
  | JobTokenEndpointsModel
  | GraphqlPermissionsModel
  | ForgejoScopesModel
  | GitlabTokenScopesModel
  | GitlabOperationPermissionsModel;

export type SourceKind = SourceModel['kind'];

export interface Catalog {
  /** Bumped when the shape of the catalog changes incompatibly. */
  catalogVersion: 1;
  sources: SourceModel[];
}

// ---------------------------------------------------------------- Buildkite GraphQL enum page

export interface BuildkiteEnumModel {
  kind: 'buildkite-enum';
  source: SourceInfo;
  /** The enum's GraphQL name, from the page heading (`APIAccessTokenScopes`). */
  name: string;
  /** The page's lead paragraph, if any. */
  description: string;
  values: BuildkiteEnumValue[];
}

export interface BuildkiteEnumValue {
  /** The value as written (`READ_AGENTS`). */
  name: string;
  /** Description cell text, `''` when the page gives none. */
  description: string;
  position: SourcePosition;
}

// ---------------------------------------------------------------- GitLab CI/CD job token page

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

export interface JobTokenEndpointsModel {
  kind: 'gitlab-job-token-endpoints';
  source: SourceInfo;
  /** Distinct permission names, sorted. */
  permissions: JobTokenPermission[];
  endpoints: JobTokenEndpoint[];
}

export interface JobTokenPermission {
  /** `ADMIN_DEPLOYMENTS` */
  name: string;
  /** The label the page pairs it with, as written: `Deployments: Read and write`. */
  label: string;
  /** `Deployments` */
  resource: string;
  /** `read` for "Read", `admin` for "Read and write". */
  access: 'read' | 'admin';
  /** First row that names it. */
  position: SourcePosition;
}

export interface JobTokenEndpoint {
  /** The path cell as written, without backticks: `GET /projects/:id/releases`. */
  text: string;
  method: HttpMethod;
  /** The path pattern as written: `/projects/:id/releases`. */
  path: string;
  pattern: PathPattern;
  /** Required permission names; all are needed. `[]` for the page's `None` rows. */
  permissions: string[];
  /**
   * The permission labels, `None` for uncontrolled rows: as written in the single-table layout
   * (`Deployments: Read and write, Environments: Read and write`); in the per-resource layout built
   * the same way from each name's section and the row's `Scope` (`Badges: Read and write`).
   */
  labels: string;
  /** False for `None` rows and unavailable endpoints: fine-grained permissions cannot control this endpoint. */
  controlled: boolean;
  /** The row's description (the `Description` column, or the per-resource layout's first column, `Permission`). */
  description: string;
  /** Start of the table row. */
  position: SourcePosition;
  /** Start of the path cell (for diagnostics about the pattern). */
  pathPosition: SourcePosition;
}

// ---------------------------------------------------------------- GitLab fine-grained PAT GraphQL page

export type GraphqlKind = 'Type' | 'Mutation' | 'Field';
export type Boundary = 'project' | 'group' | 'user' | 'instance';

export interface GraphqlPermissionsModel {
  kind: 'gitlab-graphql-permissions';
  source: SourceInfo;
  categories: GraphqlCategory[];
}

export interface GraphqlCategory {
  /** `CI/CD` (the page's `CI/CD resources` line without ` resources`). */
  name: string;
  /** The heading line as written. */
  text: string;
  position: SourcePosition;
  resources: GraphqlResource[];
}

export interface GraphqlResource {
  /** `CI/CD Setting` */
  name: string;
  /** `Grants the ability to update CI/CD settings.` */
  description: string;
  /** Where the title line is; for a title supplied by an override, where the override applies. */
  position: SourcePosition;
  /** Set when the title is not on the page and came from `sources/overrides.json`. */
  override?: string;
  grants: GraphqlGrant[];
}

export interface GraphqlGrant {
  /** `Read` as written. */
  action: string;
  /** `Project` as written. */
  access: string;
  boundary: Boundary;
  kind: GraphqlKind;
  /** `CiRunner`, `RunnerUpdate`, `Project.runners` as written. */
  name: string;
  /** `snake(action)_snake(resource)`, or the override's id. */
  permission: string;
  /** Set when `permission` came from an override. */
  permissionOverride?: string;
  /** Extra permissions the page's footnotes require for this row (Markdown layout only). */
  alsoRequires: string[];
  position: SourcePosition;
}

// ---------------------------------------------------------------- Forgejo access token scopes page

export type ForgejoLevel = 'read' | 'write';

export interface ForgejoScopesModel {
  kind: 'forgejo-scopes';
  source: SourceInfo;
  /** What each level allows, from the page's list (`read`: `GET` routes, …). */
  levels: ForgejoLevelRule[];
  /** The `(no scope)` row. */
  noScope: { text: string; description: string; position: SourcePosition } | null;
  categories: ForgejoCategory[];
}

export interface ForgejoLevelRule {
  level: ForgejoLevel;
  methods: HttpMethod[];
  /** The list item as written. */
  text: string;
  position: SourcePosition;
}

export interface ForgejoCategory {
  /** `repository` */
  name: string;
  description: string;
  /** Route prefixes as the page writes them (`/repos/*`, `issues/*`). Empty when the page names none. */
  routes: string[];
  /** Prefixes the page excludes (`/repos/issues/*`). */
  except: string[];
  position: SourcePosition;
  scopes: ForgejoScope[];
}

export interface ForgejoScope {
  /** `read:repository` */
  name: string;
  level: ForgejoLevel;
  description: string;
  position: SourcePosition;
}

// ---------------------------------------------------------------- GitLab access token scopes page

export type TokenType = 'personal' | 'group' | 'project';

export interface GitlabTokenScopesModel {
  kind: 'gitlab-token-scopes';
  source: SourceInfo;
  scopes: GitlabTokenScope[];
  footnotes: GitlabFootnote[];
}

export interface GitlabTokenScope {
  /** `read_api` */
  name: string;
  /** `Personal, group, project` as written. */
  availabilityText: string;
  availability: TokenType[];
  description: string;
  /** Numbers of the footnotes the row refers to. */
  footnotes: number[];
  position: SourcePosition;
  /**
   * Set when the table does not say which token types the scope is available to (`Scope | Access`,
   * `Scope | Description`): the page's own token type, from the manifest's `tokenType` or the page
   * title, and where that was read. `availabilityText` is then empty.
   */
  availabilityBasis?: { from: 'manifest' | 'page-title'; text: string; position: SourcePosition };
}

export interface GitlabFootnote {
  id: number;
  text: string;
  position: SourcePosition;
}

// ---------------------------------------------------------------- GitLab fine-grained PAT page for Git and other operations

export interface GitlabOperationPermissionsModel {
  kind: 'gitlab-operation-permissions';
  source: SourceInfo;
  /** The page's sections (`## Git operations`) that hold a table or a note, in page order. */
  sections: GitlabOperationSection[];
}

export interface GitlabOperationSection {
  /** The heading as written: `Git operations`. */
  title: string;
  /** The heading's anchor on the published page (`git-operations`): the first half of every operation id. */
  anchor: string;
  position: SourcePosition;
  /** The section's `> [!note]` callouts (and plain block quotes), in order. */
  notes: GitlabOperationNote[];
  tables: GitlabOperationTable[];
}

export interface GitlabOperationNote {
  /** `note`, `warning`, … for a callout; absent for a plain block quote. */
  alert?: string;
  text: string;
  position: SourcePosition;
}

export interface GitlabOperationTable {
  /** The first header cell: `Operation` or `Feed`. */
  subject: 'Operation' | 'Feed';
  position: SourcePosition;
  operations: GitlabOperation[];
  /** The numbered list after `**Footnotes**:` below the table. */
  footnotes: GitlabFootnote[];
}

export interface GitlabOperation {
  /** `git-operations:push-to-a-project-repository`: section anchor, `:`, the kebab-cased first cell. */
  id: string;
  /** The Operation (or Feed) cell as written: `Push to a project repository`. */
  name: string;
  /** `Code` as written. */
  resource: string;
  /** The Permission cell as written: `Push`. */
  action: string;
  /** `snake(action)_snake(resource)`, as on the GraphQL page: `push_code`. */
  permission: string;
  /** The Access cell as written: `Project, Group <sup>1</sup>`. */
  access: string;
  /** Every boundary the Access cell lists, in its order. Any one of them may contain the target. */
  boundaries: Boundary[];
  /** The footnotes the Access cell cites, text attached. */
  footnotes: GitlabFootnote[];
  position: SourcePosition;
}
