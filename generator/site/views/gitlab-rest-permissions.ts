/** GitLab fine-grained PAT REST page → its routes (what each needs, at which boundaries) and its footnotes. */
import type { GitlabRestPermissionsModel } from '../../model/catalog.ts';
import { AnchorIds } from '../slug.ts';
import { badge, cell, code, list, sourceCell, text, type AnchorEntry, type SiteNote, type SiteRow, type SourcePageView } from '../view.ts';
import { formatPosition } from '../../model/position.ts';
import { countEntries } from '../../model/count-entries.ts';
import { pageFileName, reservedIds } from './page.ts';

const TABLES = ['routes'] as const;

const ACCESS_BADGE = {
  granted: ['Granted', 'The token needs every listed permission, at one of the listed boundaries.'],
  always: ['Always', 'No authentication and no fine-grained permission check.'],
  unavailable: ['Unavailable', 'Fine-grained tokens cannot call this endpoint.'],
} as const;

export function gitlabRestPermissionsView(model: GitlabRestPermissionsModel): SourcePageView {
  const ids = new AnchorIds(reservedIds(TABLES));
  const anchors: AnchorEntry[] = [];
  const rows: SiteRow[] = model.endpoints.map((e) => {
    const route = `${e.method} ${e.path}`;
    const id = ids.take(route);
    anchors.push({ key: route, anchor: id, source: formatPosition(e.position) });
    const [label, title] = ACCESS_BADGE[e.access];
    return {
      id,
      cells: [
        cell(code(route)),
        cell(badge(label, title), ...(e.public ? [text(' '), badge('Public', 'The permissions are not needed when the target resource is publicly visible.')] : [])),
        cell(...list(e.permissions.map((p) => code(p)))),
        cell(text(e.boundaries.join(', ') || '—')),
        cell(text(e.access === 'granted' ? `${e.category} / ${e.resource}` : (e.reason ?? ''))),
        sourceCell(e.position, model.source),
      ],
    };
  });
  const notes: SiteNote[] = model.categories.flatMap((c) =>
    c.resources.flatMap((r) =>
      r.footnotes.map((f) => ({
        id: ids.take(`${r.name} footnote ${f.id}`),
        parts: [text(`${r.name}, footnote ${f.id}: also requires `), code(f.permission), text(` (${f.requires}).`)],
        at: sourceCell(f.position, model.source),
      })),
    ),
  );
  return {
    source: model.source,
    kind: model.kind,
    fileName: pageFileName(model.source),
    intro: 'What a fine-grained personal access token needs for each REST endpoint: every listed permission, granted at one of the listed boundaries. Always accessible endpoints need no authentication; unavailable ones cannot be called with a fine-grained token; public ones need no permission when the target resource is publicly visible.',
    notesTitle: notes.length > 0 ? 'Footnotes' : '',
    notes,
    tables: [
      {
        id: 'routes',
        caption: 'Routes',
        note: 'Route templates use Grape syntax: :name is one path segment (with literal text around it inside the segment), *name may span several, ( … ) is optional, \\( is a literal parenthesis.',
        columns: [
          { label: 'Route', type: 'text' },
          { label: 'Access', type: 'text' },
          { label: 'Permissions (all required)', type: 'text' },
          { label: 'Boundaries', type: 'text' },
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
