/** GitLab CI/CD job token page → its endpoints (with the permissions each needs) and its permissions. */
import type { JobTokenEndpointsModel } from '../../model/catalog.ts';
import { AnchorIds } from '../slug.ts';
import { badge, cell, code, link, list, sourceCell, text, type AnchorEntry, type SiteRow, type SourcePageView } from '../view.ts';
import { formatPosition } from '../../model/position.ts';
import { countEntries } from '../../model/count-entries.ts';
import { pageFileName, reservedIds } from './page.ts';

const TABLES = ['endpoints', 'permissions'] as const;

export function jobTokenEndpointsView(model: JobTokenEndpointsModel): SourcePageView {
  const ids = new AnchorIds(reservedIds(TABLES));
  const anchors: AnchorEntry[] = [];
  // Permissions first: endpoint rows link to them.
  const permissionId = new Map<string, string>();
  for (const p of model.permissions) {
    const id = ids.take(p.name);
    permissionId.set(p.name, id);
    anchors.push({ key: p.name, anchor: id, source: formatPosition(p.position) });
  }
  // The GA page's sections (`Badges endpoints`, `Unavailable API endpoints`) as a column, so the
  // table filters and sorts by them; the beta page's single table has none.
  const sectioned = model.layout === 'per-resource';
  const endpointRows: SiteRow[] = model.endpoints.map((e) => {
    const id = ids.take(e.text);
    anchors.push({ key: e.text, anchor: id, source: formatPosition(e.position) });
    const permissions = e.controlled
      ? list(e.permissions.map((name) => (permissionId.has(name) ? link(name, `#${permissionId.get(name)}`) : code(name))))
      : e.section?.kind === 'unavailable'
        ? [badge('Unavailable', 'CI/CD job tokens cannot access this endpoint (the page\u2019s unavailable section).')]
        : [badge('None', 'Fine-grained permissions do not control this endpoint: the job token\u2019s default access applies.')];
    const section = e.section === undefined ? '' : e.section.kind === 'resource' ? e.section.resource : e.section.heading;
    return {
      id,
      cells: [cell(code(e.text)), cell(...permissions), cell(text(e.description)), ...(sectioned ? [cell(text(section))] : []), sourceCell(e.position, model.source)],
    };
  });
  const routesPer = (name: string) => model.endpoints.filter((e) => e.permissions.includes(name)).length;
  const permissionRows: SiteRow[] = model.permissions.map((p) => ({
    id: permissionId.get(p.name)!,
    cells: [cell(code(p.name)), cell(text(p.label)), cell(text(p.resource)), cell(text(p.access)), { parts: [text(String(routesPer(p.name)))], sort: String(routesPer(p.name)) }, sourceCell(p.position, model.source)],
  }));
  return {
    source: model.source,
    kind: model.kind,
    fileName: pageFileName(model.source),
    intro: 'The fine-grained permission a CI/CD job token needs for each REST endpoint. A job token may call a route only when it holds every listed permission; a route marked None is not controlled by fine-grained permissions.',
    notesTitle: '',
    notes: [],
    tables: [
      {
        id: 'endpoints',
        caption: 'Endpoints',
        note: 'Route templates use Grape syntax: :name is one path segment, *name may span several, ( … ) is optional.',
        columns: [
          { label: 'Route', type: 'text' },
          { label: 'Permissions (all required)', type: 'text' },
          { label: 'Description', type: 'text' },
          ...(sectioned ? [{ label: 'Section', type: 'text' as const }] : []),
          { label: 'Source', type: 'number' },
        ],
        rows: endpointRows,
      },
      {
        id: 'permissions',
        caption: 'Permissions',
        note: 'Every permission the page names, with the label it pairs it with and the number of routes that need it.',
        columns: [
          { label: 'Permission', type: 'text' },
          { label: 'Label', type: 'text' },
          { label: 'Resource', type: 'text' },
          { label: 'Access', type: 'text' },
          { label: 'Routes', type: 'number' },
          { label: 'Source', type: 'number' },
        ],
        rows: permissionRows,
      },
    ],
    anchors,
    entries: countEntries(model),
  };
}
