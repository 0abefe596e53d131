/**
 * GitLab "Fine-grained permissions for CI/CD job tokens": the table
 * `Permissions | Permission Names | Path | Description`, one row per REST endpoint.
 */
import type { Extractor, ExtractContext } from './extractor.ts';
import type { HttpMethod, JobTokenEndpoint, JobTokenEndpointsModel, JobTokenPermission } from '../model/catalog.ts';
import type { Cell, PageDocument, TableBlock, TableRow } from '../read/document.ts';
import { parsePathPattern } from '../model/parse-path-pattern.ts';
import { HTTP_METHODS } from '../model/http-methods.ts';

const HEADER = ['Permissions', 'Permission Names', 'Path', 'Description'] as const;
const NONE = 'None';
const PERMISSION_NAME = /^[A-Z][A-Z0-9_]*$/;
/** `Deployments: Read and write` / `Secure files: Read`. */
const LABEL = /^(?<resource>[^:]+):\s*(?<access>Read and write|Read)$/;

function isEndpointTable(block: TableBlock): boolean {
  return block.header.length === HEADER.length && block.header.every((c, i) => c.text === HEADER[i]);
}

export const jobTokenEndpointExtractor: Extractor<JobTokenEndpointsModel> = {
  kind: 'gitlab-job-token-endpoints',
  description: 'GitLab CI/CD job token endpoints with the fine-grained permissions each needs.',
  headers: [HEADER],
  recognizes(doc) {
    return doc.blocks.some((b) => b.type === 'table' && isEndpointTable(b));
  },
  extract(doc, ctx) {
    const endpoints: JobTokenEndpoint[] = [];
    const permissions = new Map<string, JobTokenPermission>();
    const tables = doc.blocks.filter((b): b is TableBlock => b.type === 'table' && isEndpointTable(b));
    for (const table of tables) {
      if (table.rows.length === 0) {
        ctx.report.error('table-empty', 'The endpoint table has no rows.', table.position, 'The page lost its rows; check the upstream page before regenerating.');
      }
      for (const row of table.rows) {
        const endpoint = readRow(row, ctx, permissions);
        if (endpoint) endpoints.push(endpoint);
      }
    }
    reportDuplicates(endpoints, ctx);
    return {
      kind: 'gitlab-job-token-endpoints',
      source: ctx.source,
      permissions: [...permissions.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      endpoints,
    };
  },
};

function readRow(row: TableRow, ctx: ExtractContext, permissions: Map<string, JobTokenPermission>): JobTokenEndpoint | undefined {
  const { report } = ctx;
  if (row.cells.length !== HEADER.length) {
    report.error(
      'table-cell-count',
      `Row has ${row.cells.length} cells; the endpoint table has ${HEADER.length} (${HEADER.join(' | ')}).`,
      row.position,
      'A `|` inside a cell must be escaped as `\\|`; a missing cell must be left empty (`| |`).',
    );
    return undefined;
  }
  const [labelCell, namesCell, pathCell, descriptionCell] = row.cells as [Cell, Cell, Cell, Cell];

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
  const parsed = parsePathPattern(path);
  if ('error' in parsed) {
    report.error('path-pattern', parsed.error.message, { ...pathPosition, column: pathPosition.column + parsed.error.column - 1 }, 'Paths use Grape syntax: literals, `:param`, `*splat` and balanced optional groups `( … )`.');
    return undefined;
  }

  const names = namesCell.code.length > 0 ? namesCell.code : splitList(namesCell.text);
  const controlled = labelCell.text !== NONE;
  let ok = true;
  for (const name of names) {
    if (!PERMISSION_NAME.test(name)) {
      report.error('permission-name', `Permission name \`${name}\` is not an upper-case identifier.`, namesCell.position, 'Permission names look like `READ_JOBS`.');
      ok = false;
    }
  }
  if (!controlled && names.length > 0) {
    report.error('permission-label-mismatch', `Row is labelled \`None\` but names permissions ${names.map((n) => `\`${n}\``).join(', ')}.`, namesCell.position, '`None` rows cannot be controlled by fine-grained permissions and name no permission.');
    ok = false;
  }
  if (controlled) {
    const labels = labelCell.text.split(/,\s*(?=[^,:]+:)/);
    if (labels.length !== names.length) {
      report.error('permission-label-mismatch', `Row has ${labels.length} permission label(s) but ${names.length} permission name(s).`, labelCell.position, 'Each label (`Deployments: Read and write`) pairs with one name (`ADMIN_DEPLOYMENTS`), in order.');
      ok = false;
    } else {
      labels.forEach((label, i) => {
        const name = names[i]!;
        const m = LABEL.exec(label.trim());
        if (!m?.groups) {
          report.error('permission-label', `Permission label \`${label}\` is not \`<Resource>: Read\` or \`<Resource>: Read and write\`.`, labelCell.position, 'The label states the resource and the access the permission gives.');
          ok = false;
          return;
        }
        const resource = m.groups.resource!.trim();
        const access = m.groups.access === 'Read' ? 'read' : 'admin';
        const expected = `${access === 'read' ? 'READ' : 'ADMIN'}_${resource.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
        if (expected !== name) {
          report.error('permission-label-mismatch', `Permission \`${name}\` contradicts its label \`${label.trim()}\` (which names \`${expected}\`).`, namesCell.codePositions[i] ?? namesCell.position, 'Check the upstream page: the label and the name must describe the same permission.');
          ok = false;
          return;
        }
        if (!permissions.has(name)) permissions.set(name, { name, label: label.trim(), resource, access, position: namesCell.codePositions[i] ?? namesCell.position });
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
    labels: labelCell.text,
    controlled,
    description: descriptionCell.text,
    position: row.position,
    pathPosition,
  };
}

function reportDuplicates(endpoints: JobTokenEndpoint[], ctx: ExtractContext): void {
  const seen = new Map<string, JobTokenEndpoint>();
  for (const e of endpoints) {
    const key = `${e.method} ${e.path}`;
    const first = seen.get(key);
    if (first) {
      ctx.report.error('route-duplicate', `Duplicate route \`${key}\` (first listed at line ${first.position.line}).`, e.position, 'Each method and path may be listed once; merge the rows.');
    } else seen.set(key, e);
  }
}

function splitList(text: string): string[] {
  return text.split(',').map((s) => s.trim().replace(/^`|`$/g, '')).filter((s) => s.length > 0);
}
