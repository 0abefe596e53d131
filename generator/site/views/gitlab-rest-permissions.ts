/**
 * GitLab fine-grained PAT REST page → one sortable, filterable row per endpoint (what it needs, at
 * which boundaries, whether it is public, every row it comes from) and the resources' footnotes.
 * Row anchors are the route's slug (`get-projects-id-releases`), so a link survives a new version of
 * the page that moves the row.
 */
import type { GitlabRestPermissionsModel, RestEndpoint, RestGrant } from '../../model/catalog.ts';
import { AnchorIds } from '../slug.ts';
import { badge, cell, code, link, sourcePart, text, type AnchorEntry, type CellPart, type SiteCell, type SiteNote, type SiteRow, type SourcePageView } from '../view.ts';
import { formatPosition, type SourcePosition } from '../../model/position.ts';
import { countEntries } from '../../model/count-entries.ts';
import { pageFileName, reservedIds } from './page.ts';

const TABLES = ['routes'] as const;

const ACCESS_BADGE = {
  granted: ['Granted', 'The token needs every listed permission, at one of the listed boundaries.'],
  always: ['Always', 'No authentication and no fine-grained permission check.'],
  unavailable: ['Unavailable', 'Fine-grained tokens cannot call this endpoint.'],
} as const;

const PUBLIC_TITLE = 'Also listed under publicly accessible endpoints: the permissions are not needed when the target resource is publicly visible.';

/** `file:line` of a position: the key rows and footnotes are found by. */
const lineKey = (p: SourcePosition) => `${p.file}:${p.line}`;

export function gitlabRestPermissionsView(model: GitlabRestPermissionsModel): SourcePageView {
  const ids = new AnchorIds(reservedIds(TABLES));
  const anchors: AnchorEntry[] = [];
  // Row anchors first (in page order), so a footnote can never take a route's slug.
  const rowIds = model.endpoints.map((e) => {
    const route = `${e.method} ${e.path}`;
    const id = ids.take(route);
    // No source in the explorer's index: matchFineGrainedRestRoute answers with it.
    anchors.push({ key: route, anchor: id });
    return id;
  });
  // Each permission row by its line (an endpoint's first row tells which permissions its footnotes add), and each footnote's anchor.
  const grantAt = new Map<string, { grant: RestGrant; resource: string }>();
  const footnoteId = new Map<string, string>();
  const notes: SiteNote[] = [];
  for (const c of model.categories) {
    for (const r of c.resources) {
      for (const g of r.grants) grantAt.set(lineKey(g.position), { grant: g, resource: r.name });
      for (const f of r.footnotes) {
        const id = ids.take(`${r.name} footnote ${f.id}`);
        footnoteId.set(`${r.name}\u0000${f.id}`, id);
        notes.push({ id, parts: [text(`${r.name}, footnote ${f.id}: also requires `), code(f.permission), text(` (${f.requires}).`)], at: sourceCellOf([f.position], model) });
      }
    }
  }
  const rows: SiteRow[] = model.endpoints.map((e, i) => {
    const [label, title] = ACCESS_BADGE[e.access];
    return {
      id: rowIds[i]!,
      cells: [
        cell(code(`${e.method} ${e.path}`)),
        cell(badge(label, title)),
        cell(...permissionParts(e, grantAt, footnoteId)),
        cell(text(e.boundaries.join(', ') || '—')),
        e.public ? cell(badge('Public', PUBLIC_TITLE)) : cell(text('—')),
        cell(text(e.access === 'granted' ? [e.category, e.resource].filter((x) => x !== undefined).join(' / ') : (e.reason ?? '—'))),
        sourceCellOf(e.rowPositions.length > 0 ? e.rowPositions : [e.position], model),
      ],
    };
  });
  return {
    source: model.source,
    kind: model.kind,
    fileName: pageFileName(model.source),
    intro: 'What a fine-grained personal access token needs for each REST endpoint: every listed permission, granted at one of the listed boundaries. Always accessible endpoints need no authentication; unavailable ones cannot be called with a fine-grained token; public ones need no permission when the target resource is publicly visible. Routes are matched with or without the /api/v4 prefix; a request no row matches is denied.',
    notesTitle: notes.length > 0 ? 'Footnotes' : '',
    notes,
    tables: [
      {
        id: 'routes',
        caption: 'Routes',
        note: 'One row per endpoint (method and path of one section; rows of several boundaries and the publicly accessible row merged, every source line listed). Route templates use Grape syntax: :name is one path segment (with literal text around it inside the segment), *name may span several, ( … ) is optional, \\( is a literal parenthesis.',
        columns: [
          { label: 'Route', type: 'text' },
          { label: 'Access', type: 'text' },
          { label: 'Permissions (all required)', type: 'text' },
          { label: 'Boundaries', type: 'text' },
          { label: 'Public', type: 'text' },
          { label: 'Resource or reason', type: 'text' },
          { label: 'Source', type: 'number' },
        ],
        rows,
      },
    ],
    anchors,
    entries: countEntries(model),
  };
}

/** The permissions, the row's own first; one a footnote adds reads `also requires` and links to the footnote. */
function permissionParts(e: RestEndpoint, grantAt: ReadonlyMap<string, { grant: RestGrant; resource: string }>, footnoteId: ReadonlyMap<string, string>): CellPart[] {
  const first = grantAt.get(lineKey(e.position));
  const items = e.permissions.map((p): CellPart[] => {
    if (!first || !first.grant.alsoRequires.includes(p)) return [code(p)];
    const note = first.grant.footnotes.map((n) => footnoteId.get(`${first.resource}\u0000${n}`)).find((id) => id !== undefined);
    return [text('also requires '), code(p), ...(note === undefined ? [] : [text(' ('), link('footnote', `#${note}`, false), text(')')])];
  });
  return items.length === 0 ? [text('—')] : items.flatMap((parts, i) => (i === 0 ? parts : [text(', '), ...parts]));
}

/**
 * `line N` of the first row with the upstream link, then the other rows' lines; each titled with its
 * full `file:line:column` (the page's file is named once, at the top: in 2,135 rows the full path
 * made every row four lines tall). Sorts by the first line.
 */
function sourceCellOf(positions: readonly SourcePosition[], model: GitlabRestPermissionsModel): SiteCell {
  const [first, ...rest] = positions;
  const parts: CellPart[] = [{ ...sourcePart(first!, model.source), text: `line ${first!.line}` }];
  rest.forEach((p, i) => parts.push(text(i === 0 ? ' · also ' : ', '), { kind: 'source', text: String(p.line), title: formatPosition(p), url: null }));
  return { parts, sort: String(first!.line) };
}
