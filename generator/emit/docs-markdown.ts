/**
 * Regenerated documentation: per source, a Markdown page in the upstream's own layout and order
 * (templates/docs/<kind>.md.hbs), and a combined reference page. Reading a regenerated page with
 * permgen's own readers gives back the same model (tested), which keeps the templates honest.
 */
import type { Emitter } from './emitter.ts';
import type { GraphqlPermissionsModel, SourceModel } from '../model/catalog.ts';
import { render } from '../docs/handlebars.ts';
import { markupHeader } from './header.ts';
import { countEntries } from '../model/count-entries.ts';
import { sortGraphqlModel } from '../model/sort-graphql.ts';

/** Kinds with a page template, and how each model is prepared for it. */
const PAGES: Partial<Record<SourceModel['kind'], (m: SourceModel) => unknown>> = {
  'gitlab-job-token-endpoints': (m) => m,
  'gitlab-graphql-permissions': (m) => graphqlView(sortGraphqlModel(m as GraphqlPermissionsModel)),
};

export const docsMarkdown: Emitter = {
  name: 'docs-markdown',
  description: 'docs/<source-id>.md in the upstream layout, and docs/README.md.',
  emit(ctx) {
    const done: SourceModel[] = [];
    for (const model of ctx.catalog.sources) {
      const view = PAGES[model.kind];
      if (!view) continue;
      const headerComment = markupHeader([model.source]);
      ctx.files.push({ path: `docs/${model.source.id}.md`, contents: tidy(render(`docs/${model.kind}.md.hbs`, { ...(view(model) as object), source: model.source, headerComment })) });
      done.push(model);
    }
    ctx.files.push({
      path: 'docs/README.md',
      contents: tidy(
        render('docs/reference.md.hbs', {
          headerComment: markupHeader(ctx.catalog.sources.map((s) => s.source)),
          sources: done.map((m) => ({ ...m.source, entries: countEntries(m) })),
        }),
      ),
    });
  },
};

/** Footnotes are numbered per resource, in row order, one per distinct extra requirement. */
function graphqlView(m: GraphqlPermissionsModel) {
  return {
    categories: m.categories.map((c) => ({
      ...c,
      resources: c.resources.map((r) => {
        const notes: string[] = [];
        const grants = r.grants.map((g) => ({
          ...g,
          footnotes: g.alsoRequires.map((p) => {
            if (!notes.includes(p)) notes.push(p);
            return notes.indexOf(p) + 1;
          }),
        }));
        return { ...r, grants, footnotes: notes.map((permission, i) => ({ id: i + 1, permission })) };
      }),
    })),
  };
}

function tidy(text: string): string {
  return `${text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
