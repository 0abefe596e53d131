/** Buildkite GraphQL enum page → its values. */
import type { BuildkiteEnumModel } from '../../model/catalog.ts';
import { AnchorIds } from '../slug.ts';
import { cell, code, sourceCell, text, type AnchorEntry, type SiteRow, type SourcePageView } from '../view.ts';
import { formatPosition } from '../../model/position.ts';
import { countEntries } from '../../model/count-entries.ts';
import { pageFileName, reservedIds } from './page.ts';

const TABLES = ['values'] as const;

export function buildkiteEnumView(model: BuildkiteEnumModel): SourcePageView {
  const ids = new AnchorIds(reservedIds(TABLES));
  const anchors: AnchorEntry[] = [];
  const rows: SiteRow[] = model.values.map((v) => {
    const id = ids.take(v.name);
    anchors.push({ key: v.name, anchor: id, source: formatPosition(v.position) });
    return { id, cells: [cell(code(v.name)), cell(text(v.description === '' ? '—' : v.description)), sourceCell(v.position, model.source)] };
  });
  return {
    source: model.source,
    kind: model.kind,
    fileName: pageFileName(model.source),
    intro: model.description === '' ? `The values of the GraphQL enum ${model.name}.` : `The values of the GraphQL enum ${model.name}: ${model.description}`,
    notesTitle: '',
    notes: [],
    tables: [
      {
        id: 'values',
        caption: `${model.name} values`,
        note: 'A token holds a list of these scopes.',
        columns: [
          { label: 'Value', type: 'text' },
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
