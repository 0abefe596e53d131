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
  | GitlabOperationPermissionsModel
  | GitlabRestPermissionsModel;

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
  /**
   * Which of GitLab's two layouts the page is written in (both read to the same endpoints and
   * permissions): `single-table`, the beta page's one `Permissions | Permission Names | Path |
   * Description` table with `None` rows; `per-resource`, the GA page's (18.3+) `<Resource> endpoints`
   * sections (the page has at least one), then `Unavailable API endpoints`. Absent in catalogs
   * written before permgen recorded it: read that as `single-table`.
   */
  layout?: JobTokenLayout;
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
  /**
   * Set for a row of a per-resource or an unavailable table: the section whose table lists it (in
   * page order, so the rows of one section are consecutive). Absent for the single table's rows.
   */
  section?: JobTokenSection;
  /** Start of the table row. */
  position: SourcePosition;
  /** Start of the path cell (for diagnostics about the pattern). */
  pathPosition: SourcePosition;
}

export type JobTokenLayout = 'single-table' | 'per-resource';

/** The section of the job-token page a row's table sits in. */
export type JobTokenSection = JobTokenResourceSection | JobTokenUnavailableSection;

/** A `<Resource> endpoints` section under `Available API endpoints` (per-resource layout). */
export interface JobTokenResourceSection {
  kind: 'resource';
  /** `Badges` for `### Badges endpoints`: the resource of the section's permissions. */
  resource: string;
  /** The heading as written: `Badges endpoints`. */
  heading: string;
  /** Where the heading is. */
  position: SourcePosition;
}

/** `Unavailable API endpoints` (or `Unavailable endpoints`): endpoints fine-grained permissions cannot control. */
export interface JobTokenUnavailableSection {
  kind: 'unavailable';
  /** The heading as written: `Unavailable API endpoints`. */
  heading: string;
  /** Where the heading is. */
  position: SourcePosition;
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
  /**
   * The section's lead paragraphs, between its heading and its first table, in order: how the token
   * is used there (`… used as the password for Git over HTTPS must have the following permissions:`).
   * Absent when the section has none.
   */
  leads?: GitlabOperationLead[];
  /** The section's `> [!note]` callouts (and plain block quotes), in order. */
  notes: GitlabOperationNote[];
  tables: GitlabOperationTable[];
}

export interface GitlabOperationLead {
  /** The paragraph's text as every paragraph is read (markup removed, a link's text and inline code kept as text), white space collapsed. */
  text: string;
  position: SourcePosition;
}

export interface GitlabOperationNote {
  /** `note`, `warning`, … for a callout; absent for a plain block quote. */
  callout?: string;
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

// ---------------------------------------------------------------- GitLab fine-grained PAT REST page

/**
 * GitLab "Fine-grained permissions for REST API": the permission section (`### <Category> resources` →
 * `#### <Resource>` → `Grants the ability to …` → `Action | Access | Method | Path` rows), the closing
 * sections as the page gives them, and `endpoints`, one per method + path and section: what a matcher
 * compiles.
 */
export interface GitlabRestPermissionsModel {
  kind: 'gitlab-rest-permissions';
  source: SourceInfo;
  categories: RestCategory[];
  /** `## Always accessible endpoints` (`Method | Path`); `null` when the page has no such section. */
  always: RestSection<RestPlainRow> | null;
  /** `## Publicly accessible endpoints` (`Action | Method | Path`). */
  public: RestSection<RestPublicRow> | null;
  /** `## Unavailable endpoints` (`Method | Path | Reason`, or `Method | Path` in older versions). */
  unavailable: RestSection<RestUnavailableRow> | null;
  endpoints: RestEndpoint[];
}

export interface RestCategory {
  /** `CI/CD` */
  name: string;
  /** The heading as written (`Packages And Registry resources` in older versions). */
  text: string;
  position: SourcePosition;
  resources: RestResource[];
}

export interface RestResource {
  /** `Merge Request` */
  name: string;
  /** `Grants the ability to …` */
  description: string;
  position: SourcePosition;
  /** Set when the title is not on the page and came from `sources/overrides.json`. */
  override?: string;
  grants: RestGrant[];
  /** The `<sup>N</sup> Also requires the … permission.` lines after the resource's table. */
  footnotes: RestFootnote[];
}

export interface RestGrant {
  /** `Read`, `Disable Two Factor` as written. */
  action: string;
  /** `Project` as written. */
  access: string;
  boundary: Boundary;
  /** The method cell; `GET` … */
  method: HttpMethod;
  /** The path cell as written: `/projects/:id/releases`. */
  path: string;
  /** `snake(action)_snake(resource)`, or the override's id. */
  permission: string;
  /** Set when `permission` came from an override. */
  permissionOverride?: string;
  /** Permissions the row's footnotes add (`read_merge_request`). */
  alsoRequires: string[];
  /** The footnote numbers the Action cell cites (`Read <sup>1</sup>` → `[1]`). */
  footnotes: number[];
  position: SourcePosition;
  /** Start of the path (inside the code span), for diagnostics about the pattern. */
  pathPosition: SourcePosition;
}

export interface RestFootnote {
  id: number;
  /** What the footnote names, as written: `Read Merge Request`. */
  requires: string;
  /** Its permission id: `read_merge_request`. */
  permission: string;
  position: SourcePosition;
}

export interface RestSection<R> {
  /** The `##` heading as written. */
  heading: string;
  position: SourcePosition;
  rows: R[];
}

/** `*` is the unavailable table's catch-all method (any method). */
export type RestMethod = HttpMethod | '*';

export interface RestPlainRow {
  method: RestMethod;
  path: string;
  position: SourcePosition;
  pathPosition: SourcePosition;
}

export interface RestPublicRow extends RestPlainRow {
  /** The Action cell as written: `Deployment: Read, Merge Request: Read`. */
  actions: string;
  /** The permission ids it names, in its order: `read_deployment`, `read_merge_request`. */
  permissions: string[];
}

export interface RestUnavailableRow extends RestPlainRow {
  /** The Reason cell; absent in the two-column layout. */
  reason?: string;
}

export type RestAccess = 'granted' | 'always' | 'unavailable';

/** One method + path of one section: the rows listing it merged (several boundaries, a repeated row). */
export interface RestEndpoint {
  access: RestAccess;
  method: RestMethod;
  path: string;
  pattern: PathPattern;
  /** Category, resource and action of the first permission row (granted only). */
  category?: string;
  resource?: string;
  action?: string;
  /** Boundaries at which the permissions may be granted, in the page's order (granted only; `[]` otherwise). */
  boundaries: Boundary[];
  /**
   * Every permission required (granted only; `[]` otherwise): the first row's own, then its footnotes'
   * (`also requires`), then any other row's that differs (fail closed, with a `rest-permission-mismatch` warning).
   */
  permissions: string[];
  /** Also listed under publicly accessible endpoints with the same permissions (granted only). */
  public: boolean;
  /** The unavailable row's reason, when the page gives one. */
  reason?: string;
  /** Every row the endpoint comes from (its permission rows, then its publicly accessible row; or its closing-section rows), in page order. */
  rowPositions: SourcePosition[];
  /** Start of the first row. */
  position: SourcePosition;
  /** Start of the first row's path. */
  pathPosition: SourcePosition;
}
