/**
 * GitLab "Fine-grained permissions for personal access tokens in the GraphQL API": under each
 * `<Category> resources` line, resources made of a title line, a `Grants the ability to …` line and
 * the table `Action | Access | Kind | Name`, one row per GraphQL type, mutation or field a
 * permission opens at a boundary (project, group, user, instance).
 *
 * The walk reads blocks, not lines, so the same code serves the plain-text export (every line a
 * paragraph) and GitLab's Markdown layout (`### <Category> resources`, `#### <Resource>`, a
 * `Grants …` paragraph, the table, optional `<sup>N</sup> Also requires the … permission.` footnotes).
 *
 * A permission id is `snake(action)_snake(resource)` (`Read` + `CI/CD Setting` → `read_ci_cd_setting`),
 * so a row is only usable under a known resource title. Every problem is an error that drops the
 * row (the generated guard then denies what the row would have allowed) and blocks generation;
 * nothing is guessed.
 */
import type { Extractor, ExtractContext } from './extractor.ts';
import type { Boundary, GraphqlCategory, GraphqlGrant, GraphqlKind, GraphqlPermissionsModel, GraphqlResource } from '../model/catalog.ts';
import { hasHeader, type Block, type TableBlock, type TableRow } from '../read/document.ts';
import type { SourcePosition } from '../model/position.ts';
import { fitRowToHeader } from './row-cells.ts';
import { refusesNoPermission } from './action-none.ts';
import { limits } from '../config/limits.ts';

const HEADER = ['Action', 'Access', 'Kind', 'Name'] as const;

/** `CI/CD resources` → `CI/CD`. A sentence (with `.`, `:`, …) is never a category line. */
const CATEGORY = /^(?<name>[^.:;!?]+?) resources$/;
const DESCRIPTION = /^Grants the ability to\b/;
/** The page's actions are single verbs: `Read`, `Update`, `Push`, `Rotate`. */
const ACTION = /^[A-Z][a-z]+$/;
export const BOUNDARIES: Readonly<Record<string, Boundary>> = { Project: 'project', Group: 'group', User: 'user', Instance: 'instance' };
const KINDS: readonly GraphqlKind[] = ['Type', 'Mutation', 'Field'];
/** https://spec.graphql.org/October2021/#Name */
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
/** Titles a permission id can be derived from: words of letters and digits separated by one space, `/` or `-`. */
export const DERIVABLE_TITLE = /^[A-Za-z0-9]+(?:[ /-][A-Za-z0-9]+)*$/;
export const PERMISSION_ID = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
/** Footnote markers GitLab's Markdown puts after a cell value: `CiRunner<sup>1</sup>`. */
const MARKERS = /^(?<value>.*?)(?<markers>(?:\s*<sup>\d+<\/sup>)+)$/;
const FOOTNOTE_START = /^<sup>\d+<\/sup>/;
/** `Also requires the read_project permission.` (code span or words between `the` and `permission`). */
const ALSO_REQUIRES = /^Also requires the (?<what>.+?) permission\.?$/;

function isPermissionTable(block: Block): block is TableBlock {
  return hasHeader(block, HEADER);
}

/** `CI/CD Setting` → `ci_cd_setting`; `Read` → `read`. */
export function snake(text: string): string {
  return text
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}

/** `Read` + `Runner` → `read_runner`. */
export function permissionId(action: string, resource: string): string {
  return `${snake(action)}_${snake(resource)}`;
}

export const graphqlPermissionExtractor: Extractor<GraphqlPermissionsModel> = {
  kind: 'gitlab-graphql-permissions',
  description: 'GitLab fine-grained personal access token permissions for GraphQL types, mutations and fields, per resource and boundary.',
  headers: [HEADER],
  recognizes(doc) {
    return doc.blocks.some(isPermissionTable);
  },
  extract(doc, ctx) {
    return { kind: 'gitlab-graphql-permissions', source: ctx.source, categories: new ResourceWalk(doc.blocks, ctx, graphqlRows).run() };
  },
};

/**
 * What varies between pages of this structure (the GraphQL and the REST page, STYLE.md #14): the
 * table's columns and what one row becomes. The walk does the rest: categories, resource titles and
 * `Grants …` lines, cell count, footnote markers and footnotes, permission ids, duplicates.
 */
export interface ResourceRows<G extends WalkedGrant> {
  header: readonly string[];
  /** Prefix of the walk's rule ids: `graphql` → `graphql-footnote-undefined`. */
  rules: string;
  /** Reads a row's cells (footnote markers removed); reports what is wrong and returns `undefined` to drop the row. */
  readRow(cells: Value[], row: TableRow, walk: RowContext): { grant: G; key: string; text: string } | undefined;
  /** How messages name a row. */
  name(grant: G): string;
}

export interface WalkedGrant {
  alsoRequires: string[];
  position: SourcePosition;
}
export type WalkedResource<G> = Omit<GraphqlResource, 'grants'> & { grants: G[] };
export type WalkedCategory<G> = Omit<GraphqlCategory, 'resources'> & { resources: WalkedResource<G>[] };

export interface RowContext {
  report: ExtractContext['report'];
  /** The permission id of `action` on the row's resource (derived or overridden); `undefined` after an error. */
  permissionFor(action: string, at: SourcePosition): { id: string; override?: string } | undefined;
}

const graphqlRows: ResourceRows<GraphqlGrant> = {
  header: HEADER,
  rules: 'graphql',
  name: (grant) => grant.name,
  readRow(cells, row, walk) {
    const { report } = walk;
    const [action, access, kindText, name] = cells as [Value, Value, Value, Value];
    let ok = true;
    if (!ACTION.test(action.value)) {
      report.error('graphql-action-unknown', `Action \`${action.value}\` is not a capitalised verb.`, action.at, 'Actions are single words like `Read`, `Create`, `Update`.');
      ok = false;
    } else if (refusesNoPermission(report, 'Action', action)) ok = false;
    const boundary = Object.hasOwn(BOUNDARIES, access.value) ? BOUNDARIES[access.value] : undefined;
    if (!boundary) {
      report.error('graphql-boundary-unknown', `Unknown access boundary \`${access.value}\`.`, access.at, `Use one of ${Object.keys(BOUNDARIES).join(', ')}.`);
      ok = false;
    }
    const kind = KINDS.find((k) => k === kindText.value);
    if (!kind) {
      report.error('graphql-kind-unknown', `Unknown kind \`${kindText.value}\`.`, kindText.at, `Use one of ${KINDS.join(', ')}.`);
      ok = false;
    } else if (kind === 'Field') {
      const [type, field, ...rest] = name.value.split('.');
      if (rest.length > 0 || !GRAPHQL_NAME.test(type ?? '') || !GRAPHQL_NAME.test(field ?? '')) {
        report.error('graphql-name-invalid', `Field \`${name.value}\` is not of the form \`Type.field\`.`, name.at, 'A Field row names the parent type and the field, like `Project.runners`.');
        ok = false;
      }
    } else if (!GRAPHQL_NAME.test(name.value)) {
      report.error('graphql-name-invalid', `${kind} name \`${name.value}\` is not a GraphQL name.`, name.at, 'GraphQL names are letters, digits and `_`, not starting with a digit (like `CiRunner`).');
      ok = false;
    }
    if (!ok || !boundary || !kind) return undefined;

    const permission = walk.permissionFor(action.value, row.position);
    if (!permission) return undefined;
    const grant: GraphqlGrant = {
      action: action.value,
      access: access.value,
      boundary,
      kind,
      name: name.value,
      permission: permission.id,
      ...(permission.override ? { permissionOverride: permission.override } : {}),
      alsoRequires: [],
      position: row.position,
    };
    return { grant, key: `${permission.id} ${boundary} ${kind} ${name.value}`, text: `${action.value} | ${access.value} | ${kind} | ${name.value}` };
  },
};

interface PendingFootnotes<G> {
  /** The grants of the table's resource (a row citing an undefined footnote is removed from it). */
  grants: G[];
  /** Rows waiting for their footnotes, with the numbers each refers to. */
  rows: { grant: G; numbers: number[]; at: SourcePosition }[];
  /** Footnote number → the permission it requires. */
  defined: Map<number, { permission: string; at: SourcePosition }>;
}

/** Walks the blocks of a `<Category> resources` page (or of its permission section) with one page kind's rows. */
export class ResourceWalk<G extends WalkedGrant> {
  private readonly categories: WalkedCategory<G>[] = [];
  private category: WalkedCategory<G> | undefined;
  /** `Grants …` lines read in the current category (a resource dropped for an error still counts). */
  private categoryDescriptions = 0;
  /** Category of each resource, for messages. */
  private readonly categoryOf = new Map<WalkedResource<G>, WalkedCategory<G>>();
  /** The resource whose `Grants …` line was the last one read; `undefined` when none is open. */
  private resource: WalkedResource<G> | undefined;
  /** The current resource already had its table (a second table belongs to no resource). */
  private resourceHasTable = false;
  /** False for a resource whose rows are dropped (title missing): its table is consumed silently. */
  private resourceAt: SourcePosition | undefined;
  /** Permission id → the resource that owns it, to catch two resources deriving the same id. */
  private readonly owners = new Map<string, WalkedResource<G>>();
  /** Exact duplicates: `permission boundary kind name`. */
  private readonly seen = new Map<string, SourcePosition>();
  private footnotes: PendingFootnotes<G> | undefined;
  private readonly requirements: { grant: G; permission: string; at: SourcePosition }[] = [];

  constructor(
    private readonly blocks: readonly Block[],
    private readonly ctx: ExtractContext,
    private readonly rows: ResourceRows<G>,
  ) {}

  run(): WalkedCategory<G>[] {
    const { blocks } = this;
    blocks.forEach((block, i) => {
      const text = block.type === 'heading' || block.type === 'paragraph' ? block.text : undefined;
      if (text !== undefined && FOOTNOTE_START.test(text) && this.footnotes) {
        this.readFootnotes(text, block.position);
        return;
      }
      this.closeFootnotes();
      if (hasHeader(block, this.rows.header)) {
        this.readTable(block);
        return;
      }
      if (text === undefined) return;
      const category = CATEGORY.exec(text);
      if (category?.groups) {
        this.startCategory(category.groups.name!.trim(), text, block.position);
        return;
      }
      if (DESCRIPTION.test(text)) {
        this.startResource(text, block.position, blocks[i - 1]);
        return;
      }
      const next = blocks[i + 1];
      const isTitle = next !== undefined && (next.type === 'heading' || next.type === 'paragraph') && DESCRIPTION.test(next.text);
      // Lead text before the first category is the page's introduction; after it, every line has a role.
      // A paragraph of `|` lines is a table that did not parse: `table-missing` reports it.
      if (this.category && !isTitle && !text.startsWith('|')) {
        this.ctx.report.warn(
          `${this.rows.rules}-line-unexpected`,
          `\`${text}\` is not a \`<Category> resources\` line, a resource title or a \`Grants the ability to …\` line; it is ignored.`,
          block.position,
          'If it is a renamed category line, the resources after it are listed under the previous category; check the upstream page.',
        );
      }
    });
    this.closeFootnotes();
    this.closeResource();
    this.closeCategory();
    this.checkRequirements();
    return this.categories;
  }

  private startCategory(name: string, text: string, position: SourcePosition): void {
    this.closeResource();
    this.closeCategory();
    this.category = { name, text, position, resources: [] };
    this.categoryDescriptions = 0;
    this.categories.push(this.category);
  }

  private closeCategory(): void {
    if (this.category && this.categoryDescriptions === 0) {
      this.ctx.report.warn(
        `${this.rows.rules}-category-empty`,
        `Category \`${this.category.name}\` has no resources.`,
        this.category.position,
        'A `<Category> resources` line should be followed by resources (a title, a `Grants the ability to …` line and a table); check the upstream page.',
      );
    }
    this.category = undefined;
  }

  /**
   * `previous` is the block right before the `Grants …` line: the resource title. When it is not a
   * title (a category line, a table), the page left the title out. Without a title no permission id
   * can be derived, and inventing one would be a guess: the rows are dropped with an error unless a
   * reviewed `resource-title` override supplies it. With the override the title is used and a
   * warning stays, so the upstream omission is seen on every run until GitLab fixes the page (the
   * override then matches nothing and is reported as stale).
   */
  private startResource(description: string, at: SourcePosition, previous: Block | undefined): void {
    const { report, overrides, source } = this.ctx;
    this.closeResource();
    this.resourceHasTable = false;
    this.resourceAt = at;
    if (!this.category) {
      report.error(
        `${this.rows.rules}-category-missing`,
        `\`${description}\` comes before any \`<Category> resources\` line; its rows are not read.`,
        at,
        'Every resource belongs to a category; check the upstream page.',
      );
      return;
    }
    const category = this.category;
    this.categoryDescriptions++;
    const title = titleOf(previous);
    if (title) {
      if (!this.checkTitle(title.text, title.position)) return;
      this.openResource({ name: title.text, description, position: title.position, grants: [] });
      return;
    }
    const found = overrides.take(source.id, 'resource-title', (o) => o.category === category.name && o.description === description);
    if (found.length > 1) {
      report.error(
        'override-conflict',
        `Overrides ${found.map((o) => `\`${o.id}\``).join(', ')} all supply the title of \`${description}\` in \`${category.name}\`.`,
        at,
        'Keep one override per missing title in sources/overrides.json.',
      );
      return;
    }
    const override = found[0];
    if (!override) {
      report.error(
        'resource-title-missing',
        `The resource described as \`${description}\` (in \`${category.name}\`) has no title line; its rows are not read.`,
        at,
        'Permission ids are derived from the title. Check the upstream page; if the title is only missing there, add a reviewed `resource-title` override to sources/overrides.json.',
      );
      return;
    }
    if (!this.checkTitle(override.title, at, override.id)) return;
    report.warn(
      'resource-title-overridden',
      `The resource described as \`${description}\` (in \`${category.name}\`) has no title line; using \`${override.title}\` from override \`${override.id}\`.`,
      at,
      'The title is missing upstream; once GitLab fixes the page, delete the override.',
    );
    this.openResource({ name: override.title, description, position: at, override: override.id, grants: [] });
  }

  private checkTitle(title: string, at: SourcePosition, overrideId?: string): boolean {
    if (DERIVABLE_TITLE.test(title)) return true;
    this.ctx.report.error(
      `${this.rows.rules}-resource-title`,
      `Resource title \`${title}\`${overrideId ? ` (from override \`${overrideId}\`)` : ''} is not words of letters and digits; no permission id can be derived from it.`,
      at,
      'A title like `CI/CD Setting` gives `read_ci_cd_setting`; check the upstream page.',
    );
    return false;
  }

  private openResource(resource: WalkedResource<G>): void {
    this.resource = resource;
    this.category!.resources.push(resource);
    this.categoryOf.set(resource, this.category!);
  }

  private closeResource(): void {
    if (this.resourceAt && !this.resourceHasTable) {
      this.ctx.report.error(
        'table-missing',
        `The resource ${this.resource ? `\`${this.resource.name}\` ` : ''}has no \`${this.rows.header.join(' | ')}\` table.`,
        this.resourceAt,
        'Each `Grants the ability to …` line is followed by its table; the page may have lost it (or its `|---|` delimiter row).',
      );
    }
    this.resource = undefined;
    this.resourceAt = undefined;
    this.resourceHasTable = false;
  }

  private readTable(table: TableBlock): void {
    const { report } = this.ctx;
    if (!this.resourceAt || this.resourceHasTable) {
      report.error(
        `${this.rows.rules}-rows-outside-resource`,
        `This table follows no \`Grants the ability to …\` line; its ${table.rows.length} row(s) belong to no resource and are not read.`,
        table.position,
        'Each table comes right after a resource title and its `Grants the ability to …` line; check the upstream page.',
      );
      return;
    }
    this.resourceHasTable = true;
    if (table.rows.length === 0) {
      report.error('table-empty', 'The permission table has no rows.', table.position, 'The page lost its rows; check the upstream page before regenerating.');
      return;
    }
    // The run's limits (a catalog build checks them before extraction; `permgen read` does not).
    const maxRows = (this.ctx.limits ?? limits).tableRows;
    if (table.rows.length > maxRows) {
      report.error('limit-table-rows', `The table has ${table.rows.length} rows; the limit is ${maxRows}.`, table.position, 'A permission table this large is almost certainly not the page meant; check the file.');
      return;
    }
    const resource = this.resource;
    if (!resource) return;
    this.footnotes = { grants: resource.grants, rows: [], defined: new Map() };
    for (const row of table.rows) {
      const grant = this.readRow(row, resource);
      if (grant) resource.grants.push(grant);
    }
  }

  private readRow(row: TableRow, resource: WalkedResource<G>): G | undefined {
    const { report } = this.ctx;
    const { header } = this.rows;
    const fitted = fitRowToHeader(row, header, { report, table: 'the permission table', cellCountHint: 'A `|` inside a cell must be escaped as `\\|`; a missing cell must be left empty (`| |`).' });
    if (!fitted) return undefined;
    const numbers: number[] = [];
    const cells = fitted.map((cell): Value => {
      // Cell text keeps code spans' contents (without backticks) and inline HTML (`<sup>1</sup>`).
      const m = MARKERS.exec(cell.text);
      if (m?.groups) for (const n of m.groups.markers!.matchAll(/<sup>(\d+)<\/sup>/g)) numbers.push(Number(n[1]));
      return { value: m?.groups ? m.groups.value!.trim() : cell.text, at: cell.codePositions[0] ?? cell.position };
    });
    const read = this.rows.readRow(cells, row, { report, permissionFor: (action, at) => this.permissionFor(action, resource, at) });
    if (!read) return undefined;
    const first = this.seen.get(read.key);
    if (first) {
      report.warn(`${this.rows.rules}-grant-duplicate`, `Duplicate row: \`${read.text}\` is already listed at line ${first.line}.`, row.position, 'The second row adds nothing and is dropped; remove it upstream.');
      return undefined;
    }
    this.seen.set(read.key, row.position);
    if (numbers.length > 0) this.footnotes?.rows.push({ grant: read.grant, numbers, at: row.position });
    return read.grant;
  }

  /** The derived id, or a reviewed `permission-id` override's. */
  private permissionFor(action: string, resource: WalkedResource<G>, at: SourcePosition): { id: string; override?: string } | undefined {
    const { report, overrides, source } = this.ctx;
    const found = overrides.take(source.id, 'permission-id', (o) => o.resource === resource.name && o.action === action);
    if (found.length > 1) {
      report.error('override-conflict', `Overrides ${found.map((o) => `\`${o.id}\``).join(', ')} all replace the permission id of \`${action}\` on \`${resource.name}\`.`, at, 'Keep one override per resource and action in sources/overrides.json.');
      return undefined;
    }
    const override = found[0];
    const id = override ? override.permission : permissionId(action, resource.name);
    if (!PERMISSION_ID.test(id)) {
      report.error(`${this.rows.rules}-permission-id`, `Permission id \`${id}\`${override ? ` (from override \`${override.id}\`)` : ''} is not snake_case.`, at, 'Permission ids look like `read_runner`.');
      return undefined;
    }
    const owner = this.owners.get(id);
    if (owner && owner !== resource) {
      report.error(
        `${this.rows.rules}-permission-collision`,
        `Permission \`${id}\` of \`${resource.name}\` (in \`${this.categoryOf.get(resource)?.name}\`) is already the permission of \`${owner.name}\` (in \`${this.categoryOf.get(owner)?.name}\`, line ${owner.position.line}).`,
        at,
        'Two resources would share one permission id; check the upstream page and add a `permission-id` override if one of them is named differently by GitLab.',
      );
      return undefined;
    }
    this.owners.set(id, resource);
    return override ? { id, override: override.id } : { id };
  }

  /** `<sup>1</sup> Also requires the read_project permission.` (several may share one paragraph). */
  private readFootnotes(text: string, at: SourcePosition): void {
    const pending = this.footnotes!;
    for (const part of text.split(/(?=<sup>\d+<\/sup>)/)) {
      const m = /^<sup>(\d+)<\/sup>\s*(.*)$/.exec(part.trim());
      if (!m) continue;
      const n = Number(m[1]);
      const body = ALSO_REQUIRES.exec(m[2]!.trim());
      const what = body?.groups?.what?.trim() ?? '';
      const permission = PERMISSION_ID.test(what) ? what : DERIVABLE_TITLE.test(what) && what.includes(' ') ? snake(what) : undefined;
      if (!permission) {
        this.ctx.report.error(`${this.rows.rules}-footnote-unrecognised`, `Footnote ${n} is not \`Also requires the <permission> permission.\`: \`${m[2]!.trim()}\`.`, at, 'permgen only understands footnotes that add one required permission; the rows citing it are not read.');
        continue;
      }
      if (pending.defined.has(n)) {
        this.ctx.report.error(`${this.rows.rules}-footnote-duplicate`, `Footnote ${n} is defined twice after the same table.`, at, 'Number the footnotes of a table uniquely.');
        continue;
      }
      pending.defined.set(n, { permission, at });
    }
  }

  /** After a table's footnotes: attach them to their rows; a row citing an unknown footnote is dropped. */
  private closeFootnotes(): void {
    const pending = this.footnotes;
    if (!pending) return;
    this.footnotes = undefined;
    for (const { grant, numbers, at } of pending.rows) {
      const missing = numbers.filter((n) => !pending.defined.has(n));
      if (missing.length > 0) {
        this.ctx.report.error(`${this.rows.rules}-footnote-undefined`, `Row cites footnote ${missing.join(', ')}, which is not defined after its table; the row is not read.`, at, 'The footnote states an extra permission the row needs; without it the row cannot be trusted.');
        pending.grants.splice(pending.grants.indexOf(grant), 1);
        continue;
      }
      for (const n of numbers) {
        const { permission, at: footnoteAt } = pending.defined.get(n)!;
        if (!grant.alsoRequires.includes(permission)) grant.alsoRequires.push(permission);
        this.requirements.push({ grant, permission, at: footnoteAt });
      }
    }
    const cited = new Set(pending.rows.flatMap((r) => r.numbers));
    for (const [n, { at }] of [...pending.defined].sort(([a], [b]) => a - b)) {
      if (!cited.has(n)) this.ctx.report.warn(`${this.rows.rules}-footnote-unused`, `Footnote ${n} is cited by no row of the table above it.`, at, 'A footnote marker (`<sup>N</sup>`) may have been lost from a row; check the upstream page.');
    }
  }

  /** A footnote may only require a permission the page defines. */
  private checkRequirements(): void {
    for (const { grant, permission, at } of this.requirements) {
      if (this.owners.has(permission)) continue;
      this.ctx.report.error(`${this.rows.rules}-footnote-permission-unknown`, `Footnote requires \`${permission}\`, which no row of the page grants (cited by \`${this.rows.name(grant)}\` at line ${grant.position.line}).`, at, 'Check the permission named in the footnote against the page.');
    }
  }
}

export interface Value {
  value: string;
  at: SourcePosition;
}

/** The resource title: the heading or paragraph right before the `Grants …` line, unless it is something else. */
function titleOf(block: Block | undefined): { text: string; position: SourcePosition } | undefined {
  if (!block || (block.type !== 'heading' && block.type !== 'paragraph')) return undefined;
  if (CATEGORY.test(block.text) || DESCRIPTION.test(block.text) || FOOTNOTE_START.test(block.text)) return undefined;
  return { text: block.text, position: block.position };
}
