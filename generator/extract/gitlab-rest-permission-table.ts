/**
 * GitLab "Fine-grained permissions for REST API" (generated upstream by
 * `rake gitlab:permissions:routes:compile_docs`):
 *
 * - `## Available fine-grained permissions` → `### <Category> resources` → `#### <Resource>` → a
 *   `Grants the ability to …` line → `Action | Access | Method | Path`, with `<sup>N</sup>` footnote
 *   markers in the Action cell and `<sup>N</sup> Also requires the `Read Merge Request` permission.`
 *   after the table. The GraphQL page has the same structure: both are read by one walk
 *   (`ResourceWalk` in graphql-permission-table.ts); this file only says how a REST row reads.
 * - `## Always accessible endpoints` (`Method | Path`), `## Publicly accessible endpoints`
 *   (`Action | Method | Path`, actions like `Deployment: Read, Merge Request: Read`) and
 *   `## Unavailable endpoints` (`Method | Path | Reason`, `*` / `/*path` as a catch-all; older versions
 *   have only this section, with two columns). Sections are told apart by their heading (case and
 *   spacing ignored, kept as written), tables by their header row.
 *
 * `endpoints` merges the rows per method + path and section: one route whose permission may be granted
 * at any of the boundaries its rows list. Rows of one route naming different permissions make every
 * permission required (fail closed) and a warning with both lines.
 */
import { fitRowToHeader } from './row-cells.ts';
import type { Extractor, ExtractContext } from './extractor.ts';
import { refusesNoPermission } from './action-none.ts';
import type {
  Boundary,
  GitlabRestPermissionsModel,
  HttpMethod,
  RestAccess,
  RestCategory,
  RestEndpoint,
  RestFootnote,
  RestGrant,
  RestMethod,
  RestPlainRow,
  RestPublicRow,
  RestSection,
  RestUnavailableRow,
} from '../model/catalog.ts';
import type { PathPattern } from '../model/path-pattern.ts';
import type { SourcePosition } from '../model/position.ts';
import { hasHeader, type Block, type Cell, type TableBlock } from '../read/document.ts';
import { readPathPattern } from './path-cell.ts';
import { HTTP_METHODS } from '../model/http-methods.ts';
import { limits } from '../config/limits.ts';
import { BOUNDARIES, PERMISSION_ID, permissionId, ResourceWalk, snake, type ResourceRows, type Value, type WalkedCategory } from './graphql-permission-table.ts';

const HEADER = ['Action', 'Access', 'Method', 'Path'] as const;
const PLAIN_HEADER = ['Method', 'Path'] as const;
const PUBLIC_HEADER = ['Action', 'Method', 'Path'] as const;
const UNAVAILABLE_HEADER = ['Method', 'Path', 'Reason'] as const;

type Closing = 'always' | 'public' | 'unavailable';
/** Closing sections by their normalized heading, and the tables each may hold. */
const CLOSING: Readonly<Record<string, { section: Closing; headers: readonly (readonly string[])[] }>> = {
  'always accessible endpoints': { section: 'always', headers: [PLAIN_HEADER] },
  'publicly accessible endpoints': { section: 'public', headers: [PUBLIC_HEADER] },
  'unavailable endpoints': { section: 'unavailable', headers: [UNAVAILABLE_HEADER, PLAIN_HEADER] },
};

/** Capitalised words: `Read`, `Disable Two Factor`, `Renew Secret`. */
const ACTION = /^[A-Z][a-z]+(?: [A-Z][a-z]+)*$/;
/** `Deployment: Read` (one item of a publicly accessible row's Action cell). */
const PUBLIC_ACTION = /^(?<resource>[A-Za-z0-9]+(?:[ /-][A-Za-z0-9]+)*): (?<action>[A-Z][a-z]+(?: [A-Z][a-z]+)*)$/;
const FOOTNOTE = /^<sup>(?<id>\d+)<\/sup>\s*Also requires the (?<what>.+?) permission\.?$/;
const MARKER = /<sup>(\d+)<\/sup>/g;

const normalize = (heading: string) => heading.trim().replace(/\s+/g, ' ').toLowerCase();

export const gitlabRestPermissionExtractor: Extractor<GitlabRestPermissionsModel> = {
  kind: 'gitlab-rest-permissions',
  description: 'GitLab fine-grained personal access token permissions for REST endpoints, per resource and boundary, with the always accessible, publicly accessible and unavailable endpoints.',
  headers: [HEADER, PLAIN_HEADER, PUBLIC_HEADER, UNAVAILABLE_HEADER],
  recognizes(doc) {
    return doc.blocks.some((b) => hasHeader(b, HEADER));
  },
  extract(doc, ctx) {
    return new RestPage(doc.blocks, ctx).read();
  },
};

/** Paths already parsed (a path is listed under several boundaries and sections). */
type Patterns = Map<string, PathPattern>;

/** What a REST permission row reads to; `ResourceWalk` does categories, resources, footnotes, ids. */
function restRows(patterns: Patterns, ctx: ExtractContext): ResourceRows<RestGrant> {
  return {
    header: HEADER,
    rules: 'rest',
    name: (grant) => `${grant.method} ${grant.path}`,
    readRow(cells, row, walk) {
      const { report } = walk;
      const [action, access, methodCell, pathCell] = cells as [Value, Value, Value, Value];
      let ok = true;
      if (!ACTION.test(action.value)) {
        report.error('rest-action-unknown', `Action \`${action.value}\` is not capitalised words.`, action.at, 'Actions are words like `Read`, `Update`, `Disable Two Factor`.');
        ok = false;
      } else if (refusesNoPermission(report, 'Action', action)) ok = false;
      const boundary: Boundary | undefined = Object.hasOwn(BOUNDARIES, access.value) ? BOUNDARIES[access.value] : undefined;
      if (!boundary) {
        report.error('rest-boundary-unknown', `Unknown access boundary \`${access.value}\`.`, access.at, `Use one of ${Object.keys(BOUNDARIES).join(', ')}.`);
        ok = false;
      }
      const method = readMethod(methodCell, false, ctx) as HttpMethod | undefined;
      const path = readPath(pathCell, patterns, ctx);
      if (!ok || !boundary || !method || path === undefined) return undefined;
      const permission = walk.permissionFor(action.value, row.position);
      if (!permission) return undefined;
      const footnotes = [...row.cells[0]!.text.matchAll(MARKER)].map((m) => Number(m[1]));
      const grant: RestGrant = {
        action: action.value,
        access: access.value,
        boundary,
        method,
        path,
        permission: permission.id,
        ...(permission.override ? { permissionOverride: permission.override } : {}),
        alsoRequires: [],
        footnotes,
        position: row.position,
        pathPosition: pathCell.at,
      };
      return { grant, key: `${permission.id} ${boundary} ${method} ${path}`, text: `${action.value} | ${access.value} | ${method} | ${path}` };
    },
  };
}

function readMethod(cell: Value, catchAll: boolean, ctx: ExtractContext): RestMethod | undefined {
  if (HTTP_METHODS.includes(cell.value as HttpMethod) || (catchAll && cell.value === '*')) return cell.value as RestMethod;
  ctx.report.error(
    'http-method-unknown',
    `Unknown HTTP method \`${cell.value}\`.`,
    cell.at,
    `Use one of ${HTTP_METHODS.join(', ')}${catchAll ? ', or `*` for any method' : ''}.`,
  );
  return undefined;
}

/** The path as written when it parses (its pattern stored in `patterns`), else a diagnostic at its column. */
function readPath(cell: Value, patterns: Patterns, ctx: ExtractContext): string | undefined {
  const path = cell.value;
  if (patterns.has(path)) return path;
  const pattern = readPathPattern(path, cell.at, ctx, 'Paths use Grape syntax: literals, `:param`, `*splat`, balanced optional groups `( … )` and `\\` before a literal `(`, `)`, `:` or `*`.');
  if (!pattern) return undefined;
  patterns.set(path, pattern);
  return path;
}

/** A cell's value: its code span when it has one (`GET`, the path), else its text. */
function valueOf(cell: Cell): Value {
  return { value: cell.code.length === 1 && cell.text === cell.code[0] ? cell.code[0]! : cell.text, at: cell.codePositions[0] ?? cell.position };
}

class RestPage {
  private readonly patterns: Patterns = new Map();
  private readonly sections: Record<Closing, RestSection<RestPlainRow> | null> = { always: null, public: null, unavailable: null };

  constructor(
    private readonly blocks: readonly Block[],
    private readonly ctx: ExtractContext,
  ) {}

  read(): GitlabRestPermissionsModel {
    // Blocks up to the first closing section (and any other `##` section) go to the resource walk.
    const walked: Block[] = [];
    let closing: { section: Closing; headers: readonly (readonly string[])[]; tables: number; at: SourcePosition; skip?: boolean } | undefined;
    const endClosing = () => {
      if (closing && closing.tables === 0) {
        this.ctx.report.error('table-missing', `The \`${this.sections[closing.section]!.heading}\` section has no table.`, closing.at, `Expected ${closing.headers.map((h) => `\`${h.join(' | ')}\``).join(' or ')}; the page may have lost it.`);
      }
      closing = undefined;
    };
    for (const block of this.blocks) {
      if (block.type === 'heading' && block.depth <= 2) {
        endClosing();
        const known = CLOSING[normalize(block.text)];
        if (known) {
          if (this.sections[known.section]) {
            this.ctx.report.error('rest-section-duplicate', `A second \`${block.text}\` section; its rows are not read.`, block.position, `The page has one such section (the first is at line ${this.sections[known.section]!.position.line}).`);
            closing = { ...known, tables: 1, at: block.position, skip: true };
            continue;
          }
          this.sections[known.section] = { heading: block.text, position: block.position, rows: [] };
          closing = { ...known, tables: 0, at: block.position };
          continue;
        }
      }
      if (!closing) {
        if (block.type === 'table' && !hasHeader(block, HEADER)) this.unexpectedTable(block);
        walked.push(block);
        continue;
      }
      if (block.type !== 'table' || closing.skip) continue;
      const header = closing.headers.find((h) => hasHeader(block, h));
      if (!header) {
        this.unexpectedTable(block, closing.headers);
        continue;
      }
      closing.tables++;
      this.readClosingTable(closing.section, block, header);
    }
    endClosing();

    const categories = this.categoriesOf(new ResourceWalk(walked, this.ctx, restRows(this.patterns, this.ctx)).run(), walked);
    const endpoints = this.endpoints(categories);
    return {
      kind: 'gitlab-rest-permissions',
      source: this.ctx.source,
      categories,
      always: this.sections.always,
      public: this.sections.public as RestSection<RestPublicRow> | null,
      unavailable: this.sections.unavailable as RestSection<RestUnavailableRow> | null,
      endpoints,
    };
  }

  private unexpectedTable(table: TableBlock, expected: readonly (readonly string[])[] = [HEADER]): void {
    this.ctx.report.error(
      'rest-table-unexpected',
      `A \`${table.header.map((c) => c.text).join(' | ')}\` table here is not one the page's layout has; its ${table.rows.length} row(s) are not read.`,
      table.position,
      `Expected ${expected.map((h) => `\`${h.join(' | ')}\``).join(' or ')} in this section; the page's layout may have changed.`,
    );
  }

  private readClosingTable(section: Closing, table: TableBlock, header: readonly string[]): void {
    const { report } = this.ctx;
    const maxRows = (this.ctx.limits ?? limits).tableRows;
    if (table.rows.length === 0) {
      report.error('table-empty', 'The table has no rows.', table.position, 'The page lost its rows; check the upstream page before regenerating.');
      return;
    }
    if (table.rows.length > maxRows) {
      report.error('limit-table-rows', `The table has ${table.rows.length} rows; the limit is ${maxRows}.`, table.position, 'A table this large is almost certainly not the page meant; check the file.');
      return;
    }
    const rows = this.sections[section]!.rows as (RestPlainRow | RestPublicRow | RestUnavailableRow)[];
    for (const row of table.rows) {
      const fitted = fitRowToHeader(row, header, { report, table: 'the table', cellCountHint: 'A `|` inside a cell must be escaped as `\\|`; a missing cell must be left empty (`| |`).' });
      if (!fitted) continue;
      const cells = fitted.map(valueOf);
      const offset = section === 'public' ? 1 : 0;
      const method = readMethod(cells[offset]!, section === 'unavailable', this.ctx);
      const path = readPath(cells[offset + 1]!, this.patterns, this.ctx);
      if (!method || path === undefined) continue;
      const plain: RestPlainRow = { method, path, position: row.position, pathPosition: cells[offset + 1]!.at };
      if (section === 'public') {
        const permissions = this.publicPermissions(cells[0]!);
        if (permissions) rows.push({ ...plain, actions: cells[0]!.value, permissions });
      } else if (section === 'unavailable' && header.length === 3) {
        const reason = cells[2]!.value;
        rows.push(reason ? { ...plain, reason } : plain);
      } else {
        rows.push(plain);
      }
    }
  }

  /** `Deployment: Read, Merge Request: Read` → `['read_deployment', 'read_merge_request']`. */
  private publicPermissions(cell: Value): string[] | undefined {
    const out: string[] = [];
    for (const item of cell.value.split(/,\s*/)) {
      const m = PUBLIC_ACTION.exec(item.trim());
      if (!m?.groups) {
        this.ctx.report.error('rest-public-action', `\`${item.trim()}\` in \`${cell.value}\` is not \`<Resource>: <Action>\`.`, cell.at, 'Publicly accessible rows name permissions like `Merge Request: Read`, separated by commas; the row is not read.');
        return undefined;
      }
      out.push(permissionId(m.groups.action!, m.groups.resource!));
    }
    return out;
  }

  /** The walk's categories with each resource's footnotes (the walk has checked them and resolved them into `alsoRequires`). */
  private categoriesOf(walkedCategories: WalkedCategory<RestGrant>[], blocks: readonly Block[]): RestCategory[] {
    const resources = walkedCategories.flatMap((c) => c.resources);
    const footnotes = new Map<object, RestFootnote[]>(resources.map((r) => [r, []]));
    for (const block of blocks) {
      if (block.type !== 'paragraph' || !block.text.startsWith('<sup>')) continue;
      // The resource the footnote follows: the last one whose title is above it.
      const owner = resources.filter((r) => r.position.line < block.position.line).at(-1);
      if (!owner) continue;
      for (const part of block.text.split(/(?=<sup>\d+<\/sup>)/)) {
        const m = FOOTNOTE.exec(part.trim());
        if (!m?.groups) continue;
        const requires = m.groups.what!.trim();
        const permission = PERMISSION_ID.test(requires) ? requires : snake(requires);
        const list = footnotes.get(owner)!;
        if (!list.some((f) => f.id === Number(m.groups!.id))) list.push({ id: Number(m.groups.id), requires, permission, position: block.position });
      }
    }
    return walkedCategories.map((c) => ({ ...c, resources: c.resources.map((r) => ({ ...r, footnotes: footnotes.get(r)! })) }));
  }

  private endpoints(categories: RestCategory[]): RestEndpoint[] {
    const { report } = this.ctx;
    const byKey = new Map<string, RestEndpoint>();
    const sectionOf = new Map<RestEndpoint, string>();
    const out: RestEndpoint[] = [];
    const add = (access: RestAccess, row: { method: RestMethod; path: string; position: SourcePosition; pathPosition: SourcePosition }, heading: string, extra: Partial<RestEndpoint>): RestEndpoint | undefined => {
      const key = `${row.method} ${row.path}`;
      const known = byKey.get(key);
      if (known && known.access !== access) {
        report.error(
          'rest-route-conflict',
          `\`${key}\` is listed under \`${heading}\` and under \`${sectionOf.get(known)}\` (line ${known.position.line}); the two say different things about the same route.`,
          row.position,
          'A route is granted by a permission, always accessible, or unavailable, not two of these; check the upstream page.',
        );
        return undefined;
      }
      if (known) return known;
      const endpoint: RestEndpoint = {
        access,
        method: row.method,
        path: row.path,
        pattern: this.patterns.get(row.path)!,
        ...extra,
        boundaries: [],
        permissions: [],
        public: false,
        rowPositions: [],
        position: row.position,
        pathPosition: row.pathPosition,
      };
      byKey.set(key, endpoint);
      sectionOf.set(endpoint, heading);
      out.push(endpoint);
      return endpoint;
    };

    const permissionsSection = 'Available fine-grained permissions';
    const firstRow = new Map<RestEndpoint, RestGrant>();
    for (const category of categories) {
      for (const resource of category.resources) {
        for (const grant of resource.grants) {
          const endpoint = add('granted', grant, permissionsSection, { category: category.name, resource: resource.name, action: grant.action });
          if (!endpoint) continue;
          endpoint.rowPositions.push(grant.position);
          if (!endpoint.boundaries.includes(grant.boundary)) endpoint.boundaries.push(grant.boundary);
          const needed = [...new Set([grant.permission, ...grant.alsoRequires])];
          const first = firstRow.get(endpoint);
          if (!first) {
            firstRow.set(endpoint, grant);
            endpoint.permissions.push(...needed);
            continue;
          }
          const firstNeeded = [...new Set([first.permission, ...first.alsoRequires])];
          if (needed.length !== firstNeeded.length || needed.some((p) => !firstNeeded.includes(p))) {
            report.warn(
              'rest-permission-mismatch',
              `\`${grant.method} ${grant.path}\` needs ${list(needed)} here and ${list(firstNeeded)} at line ${first.position.line}; every one of them is required.`,
              grant.position,
              'One route should need one permission at every boundary; the matcher fails closed by requiring all. Check the upstream page.',
            );
            for (const p of needed) if (!endpoint.permissions.includes(p)) endpoint.permissions.push(p);
          }
        }
      }
    }

    for (const section of ['always', 'unavailable'] as const) {
      const s = this.sections[section];
      if (!s) continue;
      for (const row of s.rows as RestUnavailableRow[]) {
        const endpoint = add(section, row, s.heading, row.reason !== undefined ? { reason: row.reason } : {});
        if (!endpoint) continue;
        if (endpoint.rowPositions.length > 0) {
          report.warn('rest-row-duplicate', `\`${row.method} ${row.path}\` is already listed at line ${endpoint.position.line} of this section.`, row.position, 'Both rows are read into one route; remove one upstream.');
          if (endpoint.reason === undefined && row.reason !== undefined) endpoint.reason = row.reason;
        }
        endpoint.rowPositions.push(row.position);
      }
    }

    const publicSection = this.sections.public as RestSection<RestPublicRow> | null;
    const publicSeen = new Map<string, SourcePosition>();
    for (const row of publicSection?.rows ?? []) {
      const key = `${row.method} ${row.path}`;
      const seen = publicSeen.get(key);
      if (seen) {
        report.warn('rest-row-duplicate', `\`${key}\` is already listed at line ${seen.line} of this section.`, row.position, 'Both rows are read; remove one upstream.');
        continue;
      }
      publicSeen.set(key, row.position);
      const endpoint = byKey.get(key);
      if (!endpoint || endpoint.access !== 'granted') {
        report.warn(
          'rest-public-route-unknown',
          `\`${key}\` is listed as publicly accessible but not under \`${permissionsSection}\`; it is not made public.`,
          row.position,
          'Every publicly accessible endpoint is also a permission row; without one permgen cannot tell what the public access widens. Check the upstream page.',
        );
        continue;
      }
      const same = row.permissions.length === endpoint.permissions.length && row.permissions.every((p) => endpoint.permissions.includes(p));
      if (!same) {
        report.warn(
          'rest-public-mismatch',
          `\`${key}\` is publicly accessible for ${list(row.permissions)} here, but needs ${list(endpoint.permissions)} at line ${endpoint.position.line}; it is not made public.`,
          row.position,
          'The permissions named here must be the route\'s own and its footnotes\' (also requires); permgen fails closed and keeps the permissions required. Check the upstream page.',
        );
        continue;
      }
      endpoint.public = true;
      endpoint.rowPositions.push(row.position);
    }
    return out;
  }
}

const list = (ids: readonly string[]) => ids.map((p) => `\`${p}\``).join(' + ');
