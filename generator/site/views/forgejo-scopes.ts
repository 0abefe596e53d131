/** Forgejo access token scope page → its level rules, its scopes and their categories. */
import type { ForgejoScopesModel } from '../../model/catalog.ts';
import { AnchorIds } from '../slug.ts';
import { cell, code, link, list, sourceCell, sourcePart, text, type AnchorEntry, type SiteNote, type SiteRow, type SourcePageView } from '../view.ts';
import { formatPosition } from '../../model/position.ts';
import { countEntries } from '../../model/count-entries.ts';
import { pageFileName, reservedIds } from './page.ts';

const TABLES = ['scopes', 'categories'] as const;

export function forgejoScopesView(model: ForgejoScopesModel): SourcePageView {
  const ids = new AnchorIds(reservedIds(TABLES));
  const anchors: AnchorEntry[] = [];
  const notes: SiteNote[] = model.levels.map((l) => {
    const id = ids.take(`level ${l.level}`);
    anchors.push({ key: `level ${l.level}`, anchor: id, source: formatPosition(l.position) });
    return { id, parts: [text(l.text)], at: cell(sourcePart(l.position, model.source)) };
  });
  if (model.noScope) notes.push({ id: ids.take('no scope'), parts: [code(model.noScope.text), text(`: ${model.noScope.description}`)], at: cell(sourcePart(model.noScope.position, model.source)) });

  const categoryId = new Map<string, string>();
  for (const c of model.categories) {
    const id = ids.take(`category ${c.name}`);
    categoryId.set(c.name, id);
    anchors.push({ key: `category ${c.name}`, anchor: id, source: formatPosition(c.position) });
  }
  const scopeRows: SiteRow[] = model.categories.flatMap((c) =>
    c.scopes.map((s) => {
      const id = ids.take(s.name);
      anchors.push({ key: s.name, anchor: id, source: formatPosition(s.position) });
      return {
        id,
        cells: [cell(code(s.name)), cell(text(s.level)), cell(link(c.name, `#${categoryId.get(c.name)}`)), cell(...list(c.routes.map(code))), cell(...list(c.except.map(code))), cell(text(s.description)), sourceCell(s.position, model.source)],
      };
    }),
  );
  const categoryRows: SiteRow[] = model.categories.map((c) => ({
    id: categoryId.get(c.name)!,
    cells: [cell(code(c.name)), cell(...list(c.routes.map(code))), cell(...list(c.except.map(code))), cell(text(c.description)), cell(...list(c.scopes.map((s) => code(s.name)))), sourceCell(c.position, model.source)],
  }));
  return {
    source: model.source,
    kind: model.kind,
    fileName: pageFileName(model.source),
    intro: 'Forgejo access token scopes: a scope is a level (read or write) on a category of API routes.',
    notesTitle: 'Levels',
    notes,
    tables: [
      {
        id: 'scopes',
        caption: 'Scopes',
        note: 'Routes are the prefixes the page gives for the scope\u2019s category.',
        columns: [
          { label: 'Scope', type: 'text' },
          { label: 'Level', type: 'text' },
          { label: 'Category', type: 'text' },
          { label: 'Routes', type: 'text' },
          { label: 'Except', type: 'text' },
          { label: 'Description', type: 'text' },
          { label: 'Source', type: 'number' },
        ],
        rows: scopeRows,
      },
      {
        id: 'categories',
        caption: 'Categories',
        note: 'Each category with the route prefixes it covers and its scopes.',
        columns: [
          { label: 'Category', type: 'text' },
          { label: 'Routes', type: 'text' },
          { label: 'Except', type: 'text' },
          { label: 'Description', type: 'text' },
          { label: 'Scopes', type: 'text' },
          { label: 'Source', type: 'number' },
        ],
        rows: categoryRows,
      },
    ],
    anchors,
    entries: countEntries(model),
  };
}
