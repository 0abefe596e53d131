/** GitLab Git and other operations page → one table of operations (section, permission, boundaries) and the notes. */
import type { GitlabOperationPermissionsModel } from '../../model/catalog.ts';
import { AnchorIds } from '../slug.ts';
import { cell, code, list, sourceCell, sourcePart, text, type AnchorEntry, type SiteNote, type SiteRow, type SourcePageView } from '../view.ts';
import { formatPosition } from '../../model/position.ts';
import { countEntries } from '../../model/count-entries.ts';
import { pageFileName, reservedIds } from './page.ts';

const TABLES = ['operations'] as const;

export function gitlabOperationPermissionsView(model: GitlabOperationPermissionsModel): SourcePageView {
  const ids = new AnchorIds(reservedIds(TABLES));
  const anchors: AnchorEntry[] = [];
  const notes: SiteNote[] = [];
  const rows: SiteRow[] = [];
  for (const section of model.sections) {
    for (const n of section.notes) notes.push({ id: ids.take(`note ${section.anchor}`), parts: [text(`${section.title}: ${n.text}`)], at: cell(sourcePart(n.position, model.source)) });
    for (const table of section.tables) {
      for (const o of table.operations) {
        const id = ids.take(o.id);
        anchors.push({ key: o.id, anchor: id, source: formatPosition(o.position) });
        const footnotes = o.footnotes.map((f) => text(` (${f.text})`));
        rows.push({ id, cells: [cell(text(section.title)), cell(text(o.name)), cell(code(o.permission)), cell(...list(o.boundaries.map(text)), ...footnotes), sourceCell(o.position, model.source)] });
      }
    }
  }
  return {
    source: model.source,
    kind: model.kind,
    fileName: pageFileName(model.source),
    intro: 'GitLab fine-grained personal access token permissions for Git over HTTPS, the container registry, the dependency proxy, archives, feeds and other operations.',
    notesTitle: notes.length > 0 ? 'Notes' : '',
    notes,
    tables: [
      {
        id: 'operations',
        caption: 'Operations',
        note: 'Boundaries: the target must be inside one of them (a group boundary also covers the group\'s projects).',
        columns: [
          { label: 'Section', type: 'text' },
          { label: 'Operation', type: 'text' },
          { label: 'Permission', type: 'text' },
          { label: 'Boundaries', type: 'text' },
          { label: 'Source', type: 'number' },
        ],
        rows,
      },
    ],
    anchors,
    entries: countEntries(model),
  };
}
