/**
 * Regenerated documentation: per source, a Markdown page in the upstream's own layout and order
 * (templates/docs/<kind>.md.hbs), and a combined reference page. Reading a regenerated page with
 * permgen's own readers gives back the same model (tested), which keeps the templates honest.
 */
import type { Emitter } from './emitter.ts';
import type { ForgejoScopesModel, GitlabOperationPermissionsModel, GitlabRestPermissionsModel, GitlabTokenScopesModel, GraphqlPermissionsModel, JobTokenEndpointsModel, SourceModel } from '../model/catalog.ts';
import { markdownCode, markdownText, render } from '../docs/handlebars.ts';
import { markupHeader } from './header.ts';
import { countEntries } from '../model/count-entries.ts';
import { sortGraphqlModel } from '../model/sort-graphql.ts';
import { gitlabOperationPermissionsDocsView } from '../docs/views/gitlab-operation-permissions.ts';
import { gitlabJobTokenDocsView } from '../docs/views/gitlab-job-token-endpoints.ts';

/** Kinds with a page template, and how each model is prepared for it. */
const PAGES: Partial<Record<SourceModel['kind'], (m: SourceModel) => unknown>> = {
  'gitlab-job-token-endpoints': (m) => gitlabJobTokenDocsView(m as JobTokenEndpointsModel),
  'gitlab-graphql-permissions': (m) => graphqlView(sortGraphqlModel(m as GraphqlPermissionsModel)),
  'buildkite-enum': (m) => m,
  'gitlab-token-scopes': (m) => tokenScopesView(m as GitlabTokenScopesModel),
  'forgejo-scopes': (m) => forgejoView(m as ForgejoScopesModel),
  'gitlab-operation-permissions': (m) => gitlabOperationPermissionsDocsView(m as GitlabOperationPermissionsModel),
  'gitlab-rest-permissions': (m) => restView(m as GitlabRestPermissionsModel),
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

/** The REST page as GitLab lays it out; the unavailable table has a Reason column when any row gives one (older pages have two columns). */
function restView(m: GitlabRestPermissionsModel) {
  return { ...m, unavailableReasons: (m.unavailable?.rows ?? []).some((r) => r.reason !== undefined) };
}

/**
 * The Forgejo page writes routes, levels and methods as inline code inside prose; the model keeps
 * the prose and the code values apart, so the view puts the code spans back around those values.
 */
function forgejoView(m: ForgejoScopesModel) {
  const withCode = (text: string, codes: readonly string[]) => {
    const sorted = [...new Set(codes)].sort((a, b) => b.length - a.length);
    if (sorted.length === 0) return markdownText(text);
    const pattern = new RegExp(sorted.map((c) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'g');
    let out = '';
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      out += markdownText(text.slice(last, match.index)) + markdownCode(match[0]);
      last = match.index + match[0].length;
    }
    return out + markdownText(text.slice(last));
  };
  return {
    ...m,
    levels: m.levels.map((l) => ({ ...l, markdown: withCode(l.text, [l.level, ...l.methods]) })),
    categories: m.categories.map((c) => ({ ...c, descriptionMarkdown: withCode(c.description, [...c.routes, ...c.except]) })),
  };
}

function tidy(text: string): string {
  return `${text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/**
 * A page without a Token availability column (`Scope | Access`) is regenerated in today's layout;
 * the column then states the page's token type (from the manifest or title) as the page would.
 */
function tokenScopesView(m: GitlabTokenScopesModel): GitlabTokenScopesModel {
  const written = (types: readonly string[]) => types.join(', ').replace(/^./, (c) => c.toUpperCase());
  return { ...m, scopes: m.scopes.map((s) => (s.availabilityText === '' ? { ...s, availabilityText: written(s.availability) } : s)) };
}
