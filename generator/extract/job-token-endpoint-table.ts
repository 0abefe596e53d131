/**
 * GitLab "Fine-grained permissions for CI/CD job tokens": one row per REST endpoint with the
 * fine-grained permissions a CI/CD job token needs for it (two layouts, below).
 */
import type { Extractor, ExtractContext } from './extractor.ts';
import type { HttpMethod, JobTokenEndpoint, JobTokenEndpointsModel, JobTokenPermission, JobTokenSection } from '../model/catalog.ts';
import { hasHeader, type Cell, type HeadingBlock, type PageDocument, type TableBlock, type TableRow } from '../read/document.ts';
import type { SourcePosition } from '../model/position.ts';
import type { Reporter } from '../diagnostics/reporter.ts';
import { readPathPattern } from './path-cell.ts';
import { fitRowToHeader } from './row-cells.ts';
import { HTTP_METHODS } from '../model/http-methods.ts';

/**
 * GitLab has published this page in two layouts; both read to the same endpoints and permissions, and
 * the model records which one the page used (`layout`, and each row's `section`) so that the
 * regenerated docs can write the page back in it.
 * - `single-table` (the beta page, before GitLab 18.3): one table for every endpoint, the permission
 *   labels in their own column (`Deployments: Read and write`), `None` rows for uncontrolled endpoints.
 * - `per-resource` (GA, GitLab 18.3+): under `## Available API endpoints`, one `### <Resource> endpoints`
 *   section per resource whose table is `Permission | API endpoint | Permission name | Scope`: the first
 *   column is the endpoint's *description*, `Scope` is `Read` or `Read and write`, and the label of each
 *   name is built from the section and the scope (`Badges: Read and write`). Under
 *   `## Unavailable API endpoints`, a `Permission | API endpoint` table lists the endpoints fine-grained
 *   permissions cannot control (`controlled: false`, described by the first column).
 * Structure, not one version's heading levels: a resource section is any heading `<Resource> endpoints`
 * deeper than the `Available …`/`Unavailable …` heading above it.
 */
interface Layout {
  name: 'single-table' | 'per-resource' | 'unavailable';
  header: readonly string[];
  cols: { labels?: number; names?: number; route: number; description: number; scope?: number };
}

const SINGLE_TABLE: Layout = { name: 'single-table', header: ['Permissions', 'Permission Names', 'Path', 'Description'], cols: { labels: 0, names: 1, route: 2, description: 3 } };
const PER_RESOURCE: Layout = { name: 'per-resource', header: ['Permission', 'API endpoint', 'Permission name', 'Scope'], cols: { description: 0, route: 1, names: 2, scope: 3 } };
const UNAVAILABLE: Layout = { name: 'unavailable', header: ['Permission', 'API endpoint'], cols: { description: 0, route: 1 } };
const LAYOUTS: readonly Layout[] = [SINGLE_TABLE, PER_RESOURCE, UNAVAILABLE];
/** Tables that make a page a job-token page (the unavailable table alone does not). */
const RECOGNIZED: readonly Layout[] = [SINGLE_TABLE, PER_RESOURCE];

/** `Available API endpoints`, `Unavailable API endpoints`, `Unavailable endpoints`. */
const CONTAINER = /^(?<which>Available|Unavailable)(?: API)? endpoints$/;
/** `Badges endpoints`, `Terraform state endpoints`. */
const RESOURCE_SECTION = /^(?<resource>.+) endpoints$/;

const NONE = 'None';
const PERMISSION_NAME = /^[A-Z][A-Z0-9_]*$/;
/** `Deployments: Read and write` / `Secure files: Read`. */
const LABEL = /^(?<resource>[^:]+):\s*(?<access>Read and write|Read)$/;
const SCOPES: Readonly<Record<string, 'read' | 'admin'>> = { Read: 'read', 'Read and write': 'admin' };

const permissionNameOf = (resource: string, access: 'read' | 'admin') => `${access === 'read' ? 'READ' : 'ADMIN'}_${resource.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
const headerText = (header: readonly string[]) => `\`| ${header.join(' | ')} |\``;

function layoutOf(block: TableBlock): Layout | undefined {
  return LAYOUTS.find((l) => hasHeader(block, l.header));
}

/** Where a table sits: the `Available …`/`Unavailable …` heading above it and the resource section inside that. */
interface Place {
  container?: { unavailable: boolean; heading: HeadingBlock };
  /** `Badges` for `### Badges endpoints`. */
  section?: { resource: string; heading: HeadingBlock };
  /** The nearest heading above, whatever it says (for diagnostics). */
  heading?: HeadingBlock;
}

function enter(place: Place, h: HeadingBlock): Place {
  const container = CONTAINER.exec(h.text);
  if (container) return { container: { unavailable: container.groups!.which === 'Unavailable', heading: h }, heading: h };
  if (place.container && h.depth <= place.container.heading.depth) return { heading: h };
  const section = RESOURCE_SECTION.exec(h.text);
  if (place.container && section) return { container: place.container, section: { resource: section.groups!.resource!.trim(), heading: h }, heading: h };
  // A heading inside a resource section (deeper than it) keeps the section; a sibling ends it.
  if (place.section && h.depth > place.section.heading.depth) return { ...place, heading: h };
  return { ...(place.container ? { container: place.container } : {}), heading: h };
}

/** What one permission name of a row means: its label (`Badges: Read and write`), resource and access. */
type Meaning = { label: string; resource: string; access: 'read' | 'admin' };

/** What a row's names are checked against. */
interface RowContext {
  unavailable: boolean;
  /** The section the row's table sits in (per-resource and unavailable tables), recorded on the row. */
  section?: JobTokenSection;
  /** Per-resource layout: every resource with a section on the page, by permission name (`ADMIN_ENVIRONMENTS` → `Environments`). */
  resourceOfName: ReadonlyMap<string, string>;
}

export const jobTokenEndpointExtractor: Extractor<JobTokenEndpointsModel> = {
  kind: 'gitlab-job-token-endpoints',
  description: 'GitLab CI/CD job token endpoints with the fine-grained permissions each needs.',
  headers: LAYOUTS.map((l) => l.header),
  recognizes(doc) {
    return doc.blocks.some((b) => b.type === 'table' && RECOGNIZED.some((l) => hasHeader(b, l.header)));
  },
  extract(doc, ctx) {
    const endpoints: JobTokenEndpoint[] = [];
    const permissions = new Map<string, JobTokenPermission>();
    const resourceOfName = resourcesOf(doc);
    // The page's layout is per-resource as soon as one `<Resource> endpoints` table is read.
    let perResource = false;
    let place: Place = {};
    for (const block of doc.blocks) {
      if (block.type === 'heading') {
        place = enter(place, block);
        continue;
      }
      if (block.type !== 'table') continue;
      const layout = layoutOf(block);
      if (!layout) {
        if (place.container) {
          ctx.report.error(
            'job-token-table-unknown',
            `A table ${headerText(block.header.map((c) => c.text))} under \`${place.container.heading.text}\` is none of the job-token tables permgen reads.`,
            block.position,
            `The upstream page may have changed its layout; the tables permgen reads are ${LAYOUTS.map((l) => headerText(l.header)).join(', ')}.`,
          );
        }
        continue;
      }
      if (!placed(block, layout, place, ctx)) continue;
      if (block.rows.length === 0) {
        ctx.report.error('table-empty', 'The endpoint table has no rows.', block.position, 'The page lost its rows; check the upstream page before regenerating.');
      }
      if (layout === PER_RESOURCE) perResource = true;
      const section = sectionOf(layout, place);
      const rowContext: RowContext = {
        unavailable: section?.kind === 'unavailable',
        ...(section ? { section } : {}),
        resourceOfName,
      };
      for (const row of block.rows) {
        const endpoint = readRow(row, layout, rowContext, ctx, permissions);
        if (endpoint) endpoints.push(endpoint);
      }
    }
    const unique = dropDuplicates(endpoints, ctx);
    return {
      kind: 'gitlab-job-token-endpoints',
      source: ctx.source,
      layout: perResource ? 'per-resource' : 'single-table',
      permissions: [...permissions.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      endpoints: unique,
    };
  },
};

/** The section a per-resource or unavailable table sits in (`placed` has checked it has one); none for the single table outside an unavailable section. */
function sectionOf(layout: Layout, place: Place): JobTokenSection | undefined {
  if (layout === PER_RESOURCE) {
    const { resource, heading } = place.section!;
    return { kind: 'resource', resource, heading: heading.text, position: { ...heading.position } };
  }
  // The unavailable layout's table, or a single-layout table under an `Unavailable …` heading: its rows are the endpoints job tokens cannot access.
  if (layout === UNAVAILABLE || place.container?.unavailable === true) {
    const { heading } = place.container!;
    return { kind: 'unavailable', heading: heading.text, position: { ...heading.position } };
  }
  return undefined;
}

/** Permission names of every resource section under an `Available …` heading: the names a row may add to its section's. */
function resourcesOf(doc: PageDocument): Map<string, string> {
  const names = new Map<string, string>();
  let place: Place = {};
  for (const block of doc.blocks) {
    if (block.type !== 'heading') continue;
    place = enter(place, block);
    if (place.section && place.section.heading === block && !place.container!.unavailable) {
      for (const access of ['read', 'admin'] as const) names.set(permissionNameOf(place.section.resource, access), place.section.resource);
    }
  }
  return names;
}

/**
 * A per-resource table belongs in a resource section under `Available …`; an unavailable table under
 * `Unavailable …`. Anywhere else the page cannot be read exactly: an error naming what is there.
 */
function placed(block: TableBlock, layout: Layout, place: Place, ctx: ExtractContext): boolean {
  const where = place.heading ? `under \`${'#'.repeat(place.heading.depth)} ${place.heading.text}\` (line ${place.heading.position.line})` : 'under no heading';
  if (layout === PER_RESOURCE && !(place.container && !place.container.unavailable && place.section)) {
    ctx.report.error(
      'job-token-table-section',
      `The table ${headerText(layout.header)} is ${where}, not in a \`<Resource> endpoints\` section under \`Available API endpoints\`: its rows have no resource.`,
      block.position,
      'Each table of this layout sits under a heading `<Resource> endpoints` (the resource of its permissions), below the `Available API endpoints` heading; check the upstream page.',
    );
    return false;
  }
  if (layout === UNAVAILABLE && !place.container?.unavailable) {
    ctx.report.error(
      'job-token-table-section',
      `The table ${headerText(layout.header)} is ${where}, not under \`Unavailable API endpoints\`: permgen cannot tell whether its endpoints are controlled.`,
      block.position,
      'Endpoints without permissions are read from the `Unavailable API endpoints` section only; check the upstream page.',
    );
    return false;
  }
  return true;
}

function readRow(row: TableRow, layout: Layout, place: RowContext, ctx: ExtractContext, permissions: Map<string, JobTokenPermission>): JobTokenEndpoint | undefined {
  const { report } = ctx;
  const cells = fitRowToHeader(row, layout.header, { report, table: 'the endpoint table', cellCountHint: 'A `|` inside a cell must be escaped as `\\|`; a missing cell must be left empty (`| |`).' });
  if (!cells) return undefined;
  const cell = (i: number | undefined): Cell | undefined => (i === undefined ? undefined : cells[i]);
  const pathCell = cell(layout.cols.route)!;
  const labelCell = cell(layout.cols.labels);
  const namesCell = cell(layout.cols.names);
  const descriptionCell = cell(layout.cols.description)!;
  const scopeCell = cell(layout.cols.scope);

  if (pathCell.code.length > 1) {
    report.error(
      'endpoint-cell',
      `The endpoint cell holds ${pathCell.code.length} code spans (${pathCell.code.map((c) => `\`${c}\``).join(', ')}); permgen reads one \`METHOD /path\` per row.`,
      pathCell.codePositions[1] ?? pathCell.position,
      'Each endpoint is a row of its own; reading only the first would leave the others to whatever route matches them. Check the upstream page.',
    );
    return undefined;
  }
  const route = pathCell.code[0] ?? pathCell.text;
  const space = route.indexOf(' ');
  const methodText = space < 0 ? route : route.slice(0, space);
  const path = space < 0 ? '' : route.slice(space + 1).trim();
  if (!HTTP_METHODS.includes(methodText as HttpMethod)) {
    report.error('http-method-unknown', `Unknown HTTP method \`${methodText}\` in \`${route}\`.`, pathCell.codePositions[0] ?? pathCell.position, `Write the path cell as \`METHOD /path\` with METHOD one of ${HTTP_METHODS.join(', ')}.`);
    return undefined;
  }
  const start = pathCell.codePositions[0] ?? pathCell.position;
  const pathPosition = { ...start, column: start.column + methodText.length + 1 };
  const pattern = readPathPattern(path, pathPosition, ctx, 'Paths use Grape syntax: literals, `:param`, `*splat` and balanced optional groups `( … )`.');
  if (!pattern) return undefined;

  const names = !namesCell ? [] : namesCell.code.length > 0 ? namesCell.code : splitList(namesCell.text);
  const joiner = namesCell && namesCell.code.length > 0 ? badJoiner(namesCell) : undefined;
  if (namesCell && joiner !== undefined) {
    report.error(
      'permission-name-list',
      `The permission cell \`${namesCell.text}\` ${joiner === '' ? 'runs its names together' : `joins its names with \`${joiner}\``}: permgen reads names separated by commas only, every one of them required.`,
      namesCell.position,
      'The page writes an endpoint that needs several permissions as `` `A`, `B` ``; any other word between the names (`or`, `and`, `<br>`) may mean something else (either one, say). Check the upstream page.',
    );
    return undefined;
  }
  const namesAt = namesCell ?? pathCell;
  const nameAt = (i: number) => namesAt.codePositions[i] ?? namesAt.position;
  let ok = true;
  for (const name of names) {
    if (!PERMISSION_NAME.test(name)) {
      report.error('permission-name', `Permission name \`${name}\` is not an upper-case identifier.`, namesAt.position, 'Permission names look like `READ_JOBS`.');
      ok = false;
    }
  }
  if (!ok) return undefined;

  // What each name means, in the row's order; undefined when the row is wrong.
  let meanings: Meaning[] | undefined;
  let controlled: boolean;
  if (layout === SINGLE_TABLE) {
    const labelText = labelCell!.text;
    controlled = !place.unavailable && labelText !== NONE;
    if (!controlled && names.length > 0) {
      report.error('permission-label-mismatch', `Row is ${place.unavailable ? 'listed as unavailable' : 'labelled `None`'} but names permissions ${names.map((n) => `\`${n}\``).join(', ')}.`, namesAt.position, '`None` rows cannot be controlled by fine-grained permissions and name no permission.');
      return undefined;
    }
    meanings = controlled ? labelledMeanings(labelText, names, labelCell!, nameAt, report) : [];
  } else if (layout === PER_RESOURCE) {
    controlled = true;
    meanings = scopedMeanings(scopeCell!, names, place, namesAt, nameAt, report);
  } else {
    controlled = false;
    meanings = [];
  }
  if (!meanings) return undefined;
  meanings.forEach((m, i) => {
    const name = names[i]!;
    if (!permissions.has(name)) permissions.set(name, { name, label: m.label, resource: m.resource, access: m.access, position: nameAt(i) });
  });
  return {
    text: route,
    method: methodText as HttpMethod,
    path,
    pattern,
    permissions: names,
    labels: controlled ? (labelCell?.text ?? meanings.map((m) => m.label).join(', ')) : NONE,
    controlled,
    description: descriptionCell.text,
    ...(place.section ? { section: place.section } : {}),
    position: row.position,
    pathPosition,
  };
}

/** Single-table layout: each label (`Deployments: Read and write`) pairs with one name, in order. */
function labelledMeanings(labelText: string, names: string[], labelAt: Cell, nameAt: (i: number) => SourcePosition, report: Reporter): Meaning[] | undefined {
  const labels = labelText.split(/,\s*(?=[^,:]+:)/).map((l) => l.trim());
  if (labels.length !== names.length) {
    report.error('permission-label-mismatch', `Row has ${labels.length} permission label(s) but ${names.length} permission name(s).`, labelAt.position, 'Each label (`Deployments: Read and write`) pairs with one name (`ADMIN_DEPLOYMENTS`), in order.');
    return undefined;
  }
  const meanings: Meaning[] = [];
  for (const [i, label] of labels.entries()) {
    const name = names[i]!;
    const m = LABEL.exec(label);
    if (!m?.groups) {
      report.error('permission-label', `Permission label \`${label}\` is not \`<Resource>: Read\` or \`<Resource>: Read and write\`.`, labelAt.position, 'The label states the resource and the access the permission gives.');
      return undefined;
    }
    const resource = m.groups.resource!.trim();
    const access = m.groups.access === 'Read' ? 'read' : 'admin';
    const expected = permissionNameOf(resource, access);
    if (expected !== name) {
      report.error('permission-label-mismatch', `Permission \`${name}\` contradicts its label \`${label}\` (which names \`${expected}\`).`, nameAt(i), 'Check the upstream page: the label and the name must describe the same permission.');
      return undefined;
    }
    meanings.push({ label, resource, access });
  }
  return meanings;
}

/**
 * Per-resource layout: the section and the `Scope` cell name the row's permission (`Badges` +
 * `Read and write` ↔ `ADMIN_BADGES`), and that must be the row's first name. The page writes an endpoint
 * that needs two permissions as one row in the section of the first (`Create a deployment`, under
 * Deployments: `ADMIN_DEPLOYMENTS`, `ADMIN_ENVIRONMENTS`, `Read and write`), so `Scope` is the access
 * of every name on the row, and each further name must be that access on a resource that has its own
 * section on the page (its label comes from that section: `Environments: Read and write`). Anything
 * else contradicts the page's structure and is an error at the name.
 */
function scopedMeanings(
  scopeCell: Cell,
  names: string[],
  place: RowContext,
  namesAt: Cell,
  nameAt: (i: number) => SourcePosition,
  report: Reporter,
): Meaning[] | undefined {
  const access = SCOPES[scopeCell.text];
  if (!access) {
    report.error('permission-scope', `Scope \`${scopeCell.text}\` is not \`Read\` or \`Read and write\`.`, scopeCell.position, 'The `Scope` column states the access the row\'s permissions give: `Read` or `Read and write`.');
    return undefined;
  }
  // Only per-resource tables have a `Scope` column, and their rows carry their resource section.
  const resource = place.section?.kind === 'resource' ? place.section.resource : '';
  const section = `${resource} endpoints`;
  if (names.length === 0) {
    report.error('permission-name', `Row under \`${section}\` names no permission.`, namesAt.position, 'Endpoints without permissions belong in the `Unavailable API endpoints` table.');
    return undefined;
  }
  const expected = permissionNameOf(resource, access);
  const meanings: Meaning[] = [];
  for (const [i, name] of names.entries()) {
    if (i === 0) {
      if (name !== expected) {
        const other = access === 'read' ? 'admin' : 'read';
        const byScope = name === permissionNameOf(resource, other);
        report.error(
          'permission-label-mismatch',
          byScope
            ? `Permission \`${name}\` contradicts the scope \`${scopeCell.text}\` of its row: under \`${section}\` that scope is \`${expected}\`.`
            : `Permission \`${name}\` contradicts its section \`${section}\`: with scope \`${scopeCell.text}\` the section's permission is \`${expected}\`.`,
          nameAt(i),
          byScope
            ? `A \`${scopeCell.text}\` row names \`${expected}\`; check the upstream page: the scope and the name must give the same access.`
            : `A row under \`${section}\` names \`${expected}\` first; check the upstream page: the row may sit in the wrong section.`,
        );
        return undefined;
      }
      meanings.push({ label: `${resource}: ${scopeCell.text}`, resource, access });
      continue;
    }
    const other = place.resourceOfName.get(name);
    if (other === undefined || permissionNameOf(other, access) !== name) {
      report.error(
        'permission-label-mismatch',
        other === undefined
          ? `Permission \`${name}\` (an added permission of a row under \`${section}\`) names no resource with a section on the page.`
          : `Permission \`${name}\` contradicts the scope \`${scopeCell.text}\` of its row: for \`${other}\` that scope is \`${permissionNameOf(other, access)}\`.`,
        nameAt(i),
        'A row that needs several permissions names its section\'s permission first, then permissions of other sections of the page with the same scope; check the upstream page.',
      );
      return undefined;
    }
    meanings.push({ label: `${other}: ${scopeCell.text}`, resource: other, access });
  }
  return meanings;
}

/** A route listed twice is an error; only its first row goes on (the model never holds two answers for one route). */
function dropDuplicates(endpoints: JobTokenEndpoint[], ctx: ExtractContext): JobTokenEndpoint[] {
  const seen = new Map<string, JobTokenEndpoint>();
  for (const e of endpoints) {
    const key = `${e.method} ${e.path}`;
    const first = seen.get(key);
    if (first) {
      ctx.report.error('route-duplicate', `Duplicate route \`${key}\` (first listed at line ${first.position.line}).`, e.position, 'Each method and path may be listed once; merge the rows.');
    } else seen.set(key, e);
  }
  return [...seen.values()];
}

/**
 * What stands between the code spans of a permission cell, when it is not a comma (the page's only
 * form: `` `ADMIN_DEPLOYMENTS`, `ADMIN_ENVIRONMENTS` ``, both required), or text around them; undefined
 * when the cell is a comma-separated list of code spans.
 */
function badJoiner(cell: Cell): string | undefined {
  let at = 0;
  const gaps: string[] = [];
  for (const code of cell.code) {
    const found = cell.text.indexOf(code, at);
    // A code span the text does not hold as written: say what the cell is instead of guessing.
    if (found < 0) return cell.text;
    gaps.push(cell.text.slice(at, found).trim());
    at = found + code.length;
  }
  gaps.push(cell.text.slice(at).trim());
  // The first thing out of place, in the cell's order: text before the names, a joiner, text after.
  return gaps.find((g, i) => (i === 0 || i === gaps.length - 1 ? g !== '' : g !== ','));
}

function splitList(text: string): string[] {
  return text.split(',').map((s) => s.trim().replace(/^`|`$/g, '')).filter((s) => s.length > 0);
}
