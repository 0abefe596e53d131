/**
 * GitLab "Fine-grained permissions for CI/CD job tokens": the table
 * `Permissions | Permission Names | Path | Description`, one row per REST endpoint.
 */
import type { Extractor, ExtractContext } from './extractor.ts';
import type { HttpMethod, JobTokenEndpoint, JobTokenEndpointsModel, JobTokenPermission } from '../model/catalog.ts';
import { hasHeader, type Cell, type PageDocument, type TableBlock, type TableRow } from '../read/document.ts';
import { parsePathPattern } from '../model/parse-path-pattern.ts';
import { HTTP_METHODS } from '../model/http-methods.ts';
import { limits } from '../config/limits.ts';

/**
 * GitLab has published this page in two layouts; both read to the same model.
 * - `single-table` (the page in sources/): one table for every endpoint, the permission labels in
 *   their own column (`Deployments: Read and write`), `None` rows for uncontrolled endpoints.
 * - `per-category`: a section `## <Category> endpoints` per resource with a table whose
 *   `Permission` column says `Read` or `Read and write` (the resource is the section's), and an
 *   `## Unavailable endpoints` section listing the endpoints fine-grained permissions cannot control.
 */
interface Layout {
  name: string;
  header: readonly string[];
  cols: { labels?: number; names?: number; route: number; description?: number; scope?: number };
}

const LAYOUTS: readonly Layout[] = [
  { name: 'single-table', header: ['Permissions', 'Permission Names', 'Path', 'Description'], cols: { labels: 0, names: 1, route: 2, description: 3 } },
  { name: 'per-category', header: ['Permission', 'API endpoint', 'Permission name', 'Scope'], cols: { labels: 0, route: 1, names: 2, scope: 3 } },
];
/** The `## Unavailable endpoints` section's table: any table with an `API endpoint` column. */
const UNAVAILABLE_ROUTE_COLUMN = 'API endpoint';
const SECTION = /^(?<category>.+) endpoints$/;
const UNAVAILABLE_SECTION = 'Unavailable endpoints';

const NONE = 'None';
const PERMISSION_NAME = /^[A-Z][A-Z0-9_]*$/;
/** `Deployments: Read and write` / `Secure files: Read`. */
const LABEL = /^(?<resource>[^:]+):\s*(?<access>Read and write|Read)$/;

function layoutOf(block: TableBlock): Layout | undefined {
  return LAYOUTS.find((l) => hasHeader(block, l.header));
}

/** Where a row sits: the section heading above its table. */
interface Section {
  /** `Deployments` for `## Deployments endpoints`; undefined outside such a section. */
  category?: string;
  unavailable: boolean;
}

export const jobTokenEndpointExtractor: Extractor<JobTokenEndpointsModel> = {
  kind: 'gitlab-job-token-endpoints',
  description: 'GitLab CI/CD job token endpoints with the fine-grained permissions each needs.',
  headers: LAYOUTS.map((l) => l.header),
  recognizes(doc) {
    return doc.blocks.some((b) => b.type === 'table' && layoutOf(b) !== undefined);
  },
  extract(doc, ctx) {
    const endpoints: JobTokenEndpoint[] = [];
    const permissions = new Map<string, JobTokenPermission>();
    let section: Section = { unavailable: false };
    for (const block of doc.blocks) {
      if (block.type === 'heading') {
        const m = SECTION.exec(block.text);
        section = block.text === UNAVAILABLE_SECTION ? { unavailable: true } : m?.groups && block.depth === 2 ? { category: m.groups.category!, unavailable: false } : block.depth <= 2 ? { unavailable: false } : section;
        continue;
      }
      if (block.type !== 'table') continue;
      let layout = layoutOf(block);
      if (!layout && section.unavailable) {
        const route = block.header.findIndex((c) => c.text === UNAVAILABLE_ROUTE_COLUMN);
        const description = block.header.findIndex((c) => c.text === 'Description');
        if (route >= 0) layout = { name: 'unavailable', header: block.header.map((c) => c.text), cols: { route, ...(description >= 0 ? { description } : {}) } };
      }
      if (!layout) continue;
      if (block.rows.length === 0) {
        ctx.report.error('table-empty', 'The endpoint table has no rows.', block.position, 'The page lost its rows; check the upstream page before regenerating.');
      }
      for (const row of block.rows) {
        const endpoint = readRow(row, layout, section, ctx, permissions);
        if (endpoint) endpoints.push(endpoint);
      }
    }
    const unique = dropDuplicates(endpoints, ctx);
    return {
      kind: 'gitlab-job-token-endpoints',
      source: ctx.source,
      permissions: [...permissions.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      endpoints: unique,
    };
  },
};

function readRow(row: TableRow, layout: Layout, section: Section, ctx: ExtractContext, permissions: Map<string, JobTokenPermission>): JobTokenEndpoint | undefined {
  const { report } = ctx;
  if (row.cells.length !== layout.header.length) {
    report.error(
      'table-cell-count',
      `Row has ${row.cells.length} cells; the endpoint table has ${layout.header.length} (${layout.header.join(' | ')}).`,
      row.position,
      'A `|` inside a cell must be escaped as `\\|`; a missing cell must be left empty (`| |`).',
    );
    return undefined;
  }
  const cell = (i: number | undefined): Cell | undefined => (i === undefined ? undefined : row.cells[i]);
  const pathCell = cell(layout.cols.route)!;
  const labelCell = cell(layout.cols.labels);
  const namesCell = cell(layout.cols.names);
  const descriptionCell = cell(layout.cols.description);
  const scopeCell = cell(layout.cols.scope);

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
  const maxPath = (ctx.limits ?? limits).pathLength;
  if (path.length > maxPath) {
    report.error('limit-path-length', `Path is ${path.length} characters; the limit is ${maxPath}.`, pathPosition, 'Documented paths are short; a path this long is a broken row.');
    return undefined;
  }
  const parsed = parsePathPattern(path);
  if ('error' in parsed) {
    report.error('path-pattern', parsed.error.message, { ...pathPosition, column: pathPosition.column + parsed.error.column - 1 }, 'Paths use Grape syntax: literals, `:param`, `*splat` and balanced optional groups `( … )`.');
    return undefined;
  }

  const names = !namesCell ? [] : namesCell.code.length > 0 ? namesCell.code : splitList(namesCell.text);
  const labelText = labelCell?.text ?? NONE;
  const controlled = !section.unavailable && labelText !== NONE;
  const namesAt = namesCell ?? pathCell;
  const labelAt = labelCell ?? pathCell;
  let ok = true;
  for (const name of names) {
    if (!PERMISSION_NAME.test(name)) {
      report.error('permission-name', `Permission name \`${name}\` is not an upper-case identifier.`, namesAt.position, 'Permission names look like `READ_JOBS`.');
      ok = false;
    }
  }
  if (!controlled && names.length > 0) {
    report.error('permission-label-mismatch', `Row is ${section.unavailable ? 'listed as unavailable' : 'labelled `None`'} but names permissions ${names.map((n) => `\`${n}\``).join(', ')}.`, namesAt.position, '`None` rows cannot be controlled by fine-grained permissions and name no permission.');
    ok = false;
  }
  if (controlled) {
    // In the per-category layout a bare `Read` / `Read and write` names the section's resource.
    const labels = labelText.split(/,\s*(?=[^,:]+:)/).map((l) => (section.category && !l.includes(':') ? `${section.category}: ${l.trim()}` : l));
    if (labels.length !== names.length) {
      report.error('permission-label-mismatch', `Row has ${labels.length} permission label(s) but ${names.length} permission name(s).`, labelAt.position, 'Each label (`Deployments: Read and write`) pairs with one name (`ADMIN_DEPLOYMENTS`), in order.');
      ok = false;
    } else {
      labels.forEach((label, i) => {
        const name = names[i]!;
        const m = LABEL.exec(label.trim());
        if (!m?.groups) {
          report.error('permission-label', `Permission label \`${label}\` is not \`<Resource>: Read\` or \`<Resource>: Read and write\`.`, labelAt.position, 'The label states the resource and the access the permission gives.');
          ok = false;
          return;
        }
        const resource = m.groups.resource!.trim();
        const access = m.groups.access === 'Read' ? 'read' : 'admin';
        const expected = `${access === 'read' ? 'READ' : 'ADMIN'}_${resource.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
        if (expected !== name) {
          report.error('permission-label-mismatch', `Permission \`${name}\` contradicts its label \`${label.trim()}\` (which names \`${expected}\`).`, namesAt.codePositions[i] ?? namesAt.position, 'Check the upstream page: the label and the name must describe the same permission.');
          ok = false;
          return;
        }
        if (!permissions.has(name)) permissions.set(name, { name, label: label.trim(), resource, access, position: namesAt.codePositions[i] ?? namesAt.position });
      });
    }
  }
  if (!ok) return undefined;
  return {
    text: route,
    method: methodText as HttpMethod,
    path,
    pattern: parsed.pattern,
    permissions: names,
    labels: labelCell?.text ?? NONE,
    controlled,
    description: descriptionCell?.text ?? '',
    ...(scopeCell ? { scope: scopeCell.text } : {}),
    position: row.position,
    pathPosition,
  };
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

function splitList(text: string): string[] {
  return text.split(',').map((s) => s.trim().replace(/^`|`$/g, '')).filter((s) => s.length > 0);
}
