/** GitLab access token scopes page → its scopes (with availability per token type) and footnotes. */
import type { GitlabTokenScopesModel } from '../../model/catalog.ts';
import { AnchorIds } from '../slug.ts';
import { cell, code, link, list, sourceCell, sourcePart, text, type AnchorEntry, type CellPart, type SiteNote, type SiteRow, type SourcePageView } from '../view.ts';
import { formatPosition } from '../../model/position.ts';
import { countEntries } from '../../model/count-entries.ts';
import { pageFileName, reservedIds } from './page.ts';

const TABLES = ['scopes'] as const;

export function gitlabTokenScopesView(model: GitlabTokenScopesModel): SourcePageView {
  const ids = new AnchorIds(reservedIds(TABLES));
  const anchors: AnchorEntry[] = [];
  const footnoteId = new Map<number, string>();
  const notes: SiteNote[] = model.footnotes.map((f) => {
    const id = ids.take(`footnote ${f.id}`);
    footnoteId.set(f.id, id);
    return { id, parts: [text(`${f.id}. ${f.text}`)], at: cell(sourcePart(f.position, model.source)) };
  });
  const rows: SiteRow[] = model.scopes.map((s) => {
    const id = ids.take(s.name);
    anchors.push({ key: s.name, anchor: id, source: formatPosition(s.position) });
    const refs: CellPart[] = s.footnotes.flatMap((n) => [text(' '), footnoteId.has(n) ? link(`[${n}]`, `#${footnoteId.get(n)}`, false) : text(`[${n}]`)]);
    return { id, cells: [cell(code(s.name)), cell(...list(s.availability.map(text))), cell(text(s.description), ...refs), sourceCell(s.position, model.source)] };
  });
  return {
    source: model.source,
    kind: model.kind,
    fileName: pageFileName(model.source),
    intro: 'GitLab access token scopes and the token types (personal, group, project) each one is available for.',
    notesTitle: notes.length > 0 ? 'Footnotes' : '',
    notes,
    tables: [
      {
        id: 'scopes',
        caption: 'Scopes',
        note: 'Available for: the token types the page lists for the scope.',
        columns: [
          { label: 'Scope', type: 'text' },
          { label: 'Available for', type: 'text' },
          { label: 'Description', type: 'text' },
          { label: 'Source', type: 'number' },
        ],
        rows,
      },
    ],
    anchors,
    entries: countEntries(model),
  };
}
