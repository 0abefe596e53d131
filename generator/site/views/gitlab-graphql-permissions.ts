/** GitLab fine-grained PAT GraphQL page → one row per grant (the guard map's rows) and one per permission. */
import type { GraphqlGrant, GraphqlPermissionsModel, GraphqlResource } from '../../model/catalog.ts';
import { AnchorIds } from '../slug.ts';
import { badge, cell, code, link, list, sourceCell, text, type AnchorEntry, type CellPart, type SiteRow, type SourcePageView } from '../view.ts';
import { formatPosition, type SourcePosition } from '../../model/position.ts';
import { countEntries } from '../../model/count-entries.ts';
import { pageFileName, reservedIds } from './page.ts';

const TABLES = ['grants', 'permissions'] as const;

interface PermissionSummary {
  permission: string;
  action: string;
  resource: GraphqlResource;
  category: string;
  boundaries: string[];
  rows: number;
  position: SourcePosition;
}

export function graphqlPermissionsView(model: GraphqlPermissionsModel): SourcePageView {
  const ids = new AnchorIds(reservedIds(TABLES));
  const anchors: AnchorEntry[] = [];
  const rows: { grant: GraphqlGrant; resource: GraphqlResource; category: string }[] = [];
  for (const c of model.categories) for (const r of c.resources) for (const g of r.grants) rows.push({ grant: g, resource: r, category: c.name });

  // Permissions first (in order of first row): grant rows link to them.
  const permissions = new Map<string, PermissionSummary>();
  for (const { grant, resource, category } of rows) {
    const seen = permissions.get(grant.permission);
    if (seen) {
      seen.rows++;
      if (!seen.boundaries.includes(grant.boundary)) seen.boundaries.push(grant.boundary);
    } else permissions.set(grant.permission, { permission: grant.permission, action: grant.action, resource, category, boundaries: [grant.boundary], rows: 1, position: grant.position });
  }
  const permissionId = new Map<string, string>();
  for (const p of permissions.values()) {
    const id = ids.take(p.permission);
    permissionId.set(p.permission, id);
    anchors.push({ key: p.permission, anchor: id, source: formatPosition(p.position) });
  }
  const permissionLink = (name: string): CellPart => (permissionId.has(name) ? link(name, `#${permissionId.get(name)}`) : code(name));

  const grantRows: SiteRow[] = rows.map(({ grant, resource, category }) => {
    const id = ids.take(`${grant.kind} ${grant.name} ${grant.permission}`);
    // The explorer finds a row by the `file:line:column` the package's guard map carries.
    anchors.push({ key: formatPosition(grant.position), anchor: id, source: formatPosition(grant.position) });
    const permission: CellPart[] = [permissionLink(grant.permission)];
    if (grant.permissionOverride !== undefined) permission.push(text(' '), badge('override', `Permission id from sources/overrides.json: ${grant.permissionOverride}`));
    if (grant.alsoRequires.length > 0) permission.push(text(' and '), ...list(grant.alsoRequires.map(permissionLink)));
    return {
      id,
      cells: [
        cell(code(grant.name)),
        cell(text(grant.kind)),
        cell(...permission),
        cell(text(grant.action)),
        cell(text(grant.access)),
        cell(...resourceParts(resource)),
        cell(text(category)),
        sourceCell(grant.position, model.source),
      ],
    };
  });
  const permissionRows: SiteRow[] = [...permissions.values()].map((p) => ({
    id: permissionId.get(p.permission)!,
    cells: [
      cell(code(p.permission)),
      cell(text(p.action)),
      cell(...resourceParts(p.resource)),
      cell(text(p.category)),
      cell(text(p.boundaries.join(', '))),
      cell(text(p.resource.description)),
      { parts: [text(String(p.rows))], sort: String(p.rows) },
      sourceCell(p.position, model.source),
    ],
  }));
  return {
    source: model.source,
    kind: model.kind,
    fileName: pageFileName(model.source),
    intro:
      'Which fine-grained permission covers each GraphQL type, mutation and field for a personal access token. A name may be covered by several rows: any one of them is enough, together with the permissions it also requires.',
    notesTitle: '',
    notes: [],
    tables: [
      {
        id: 'grants',
        caption: 'Types, mutations and fields',
        note: 'One row per row of the page: the guard map groups them by kind and name.',
        columns: [
          { label: 'Name', type: 'text' },
          { label: 'Kind', type: 'text' },
          { label: 'Permission', type: 'text' },
          { label: 'Action', type: 'text' },
          { label: 'Access', type: 'text' },
          { label: 'Resource', type: 'text' },
          { label: 'Category', type: 'text' },
          { label: 'Source', type: 'number' },
        ],
        rows: grantRows,
      },
      {
        id: 'permissions',
        caption: 'Permissions',
        note: 'Each permission id with its resource and the boundaries its rows apply to.',
        columns: [
          { label: 'Permission', type: 'text' },
          { label: 'Action', type: 'text' },
          { label: 'Resource', type: 'text' },
          { label: 'Category', type: 'text' },
          { label: 'Boundaries', type: 'text' },
          { label: 'Description', type: 'text' },
          { label: 'Rows', type: 'number' },
          { label: 'Source', type: 'number' },
        ],
        rows: permissionRows,
      },
    ],
    anchors,
    entries: countEntries(model),
  };
}

function resourceParts(resource: GraphqlResource): CellPart[] {
  return resource.override === undefined ? [text(resource.name)] : [text(resource.name), text(' '), badge('override', `Title from sources/overrides.json: ${resource.override}`)];
}
