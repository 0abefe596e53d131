/**
 * Regenerated docs read back to the same model: the templates reproduce the upstream layout
 * faithfully enough for permgen's own readers. Positions and source info differ by nature.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot, realCatalog, writePackage } from '../helpers/build.ts';
import { JOB_TOKEN_SEED, seedCatalog } from '../helpers/job-token-seed.ts';
import { essence, readBack } from './read-back.ts';
import type { Catalog, GitlabOperationPermissionsModel, JobTokenEndpointsModel } from '../../generator/model/catalog.ts';

describe('regenerated docs round trip', async () => {
  const { catalog } = await realCatalog();
  const { files } = await writePackage(catalog);
  const withDocs = catalog.sources.filter((s) => files.has(`docs/${s.source.id}.md`));

  it('regenerates a page for each of the six sources', () => {
    expect(withDocs.map((s) => s.source.id).sort()).toEqual([
      'buildkite-api-access-token-scopes',
      'forgejo-token-scopes',
      'gitlab-graphql-fine-grained-permissions',
      'gitlab-job-token-permissions',
      'gitlab-pat-other-operations',
      'gitlab-pat-rest-permissions',
      'gitlab-token-scopes',
    ]);
  });

  it.each(withDocs.map((s) => [s.source.id, s] as const))('%s reads back to the same model', (id, model) => {
    const { model: back, report } = readBack(files.get(`docs/${id}.md`)!, `docs/${id}.md`);
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(back && essence(back)).toEqual(essence(model));
  });

  describe('CI/CD job-token page, in the layout of the page it was read from', async () => {
    const id = 'gitlab-job-token-permissions';
    const jobToken = (c: Catalog) => c.sources.find((s): s is JobTokenEndpointsModel => s.kind === 'gitlab-job-token-endpoints')!;
    /** The page from its `## Available API endpoints` heading to its end: what the template writes. */
    const endpointsPart = (text: string) => text.slice(text.indexOf('\n## Available API endpoints\n') + 1);
    const seed = await seedCatalog();
    const seedFiles = (await writePackage(seed.catalog)).files;
    const layouts = [
      // GitLab's GA page (sources/), a `### <Resource> endpoints` table per resource then `## Unavailable API endpoints`.
      ['per-resource', jobToken(catalog), files.get(`docs/${id}.md`)!, 'sources/gitlab-job-token-fine-grained-permissions.008551b.md'],
      // The beta page (the seed fixture): one table with `None` rows.
      ['single-table', jobToken(seed.catalog), seedFiles.get(`docs/${id}.md`)!, JOB_TOKEN_SEED],
    ] as const;

    it.each(layouts)('%s: reads back to the same model, layout and sections included, without a diagnostic', (layout, model, page) => {
      const { model: back, report } = readBack(page, `docs/${id}.md`);
      expect(report.diagnostics).toEqual([]);
      expect(model.layout).toBe(layout);
      expect((back as JobTokenEndpointsModel).layout).toBe(layout);
      expect(essence(back!)).toEqual(essence(model));
    });

    it.each(layouts)('%s: writes the endpoint sections as the page has them', (_layout, _model, page, file) => {
      // Both pages end with their endpoint tables; everything from `## Available API endpoints` on is
      // page data (headings, intro sentences, tables), so the regenerated text is the page's, except
      // that page text is escaped as Markdown (the seed's `Delete repository tags \(in bulk\)`; the GA page's
      // descriptions and headings hold no such character, its regenerated text is the page's as it is): unescaped, it is the page byte for byte.
      const unescaped = endpointsPart(page).replace(/\\([\\`*_{}[\]()#+!|~>])/g, '$1');
      expect(unescaped).toBe(endpointsPart(readFileSync(path.join(projectRoot, file), 'utf8')));
    });

    it('per-resource: 12 resource sections then the unavailable table; single-table: one table', () => {
      const count = (text: string, re: RegExp) => text.split('\n').filter((l) => re.test(l)).length;
      const [ga, beta] = [layouts[0][2], layouts[1][2]];
      // grep -c '^### .* endpoints$' on the GA page → 12; grep -c '^| Permission | API endpoint |$' → 1.
      expect(count(ga, /^### .* endpoints$/)).toBe(12);
      expect(count(ga, /^\| Permission \| API endpoint \| Permission name \| Scope \|$/)).toBe(12);
      expect(count(ga, /^\| Permission \| API endpoint \|$/)).toBe(1);
      expect(count(ga, /^\| Permissions \| Permission Names/)).toBe(0);
      // The seed page: grep -c '^| Permissions | Permission Names | Path | Description |$' → 1, no `###` heading.
      expect(count(beta, /^\| Permissions \| Permission Names \| Path \| Description \|$/)).toBe(1);
      expect(count(beta, /^###/)).toBe(0);
    });
  });

  describe('Git and other operations (sources/gitlab-pat-fine-grained-other-operations.3f07355.md)', () => {
    const id = 'gitlab-pat-other-operations';
    const page = () => files.get(`docs/${id}.md`)!;
    const back = () => readBack(page(), `docs/${id}.md`).model as GitlabOperationPermissionsModel;
    const lines = (pattern: RegExp) => page().split('\n').filter((l) => pattern.test(l));

    // The counts below are the source page's, so the same-model check above cannot pass on two empty models.
    it('reads back without a diagnostic, warnings included', () => {
      expect(readBack(page(), `docs/${id}.md`).report.diagnostics).toEqual([]);
    });

    it('keeps the sections, their leads, tables, rows, footnotes and the note', () => {
      const m = back();
      // grep -n '^## ' → 6 sections, each with a table.
      expect(m.sections.map((s) => s.title)).toEqual(['Git operations', 'Container registry', 'Dependency proxy', 'Archive and release asset downloads', 'RSS and calendar feeds', 'Other operations']);
      // Rows per table, counted with awk on the page's `|` lines (delimiter rows skipped): 8, 2, 1, 2, 9, 3.
      expect(m.sections.flatMap((s) => s.tables.map((t) => t.operations.length))).toEqual([8, 2, 1, 2, 9, 3]);
      // One `**Footnotes**:` list, two `1.` items, under the Git operations table.
      expect(m.sections[0]!.tables[0]!.footnotes.map((f) => f.text)).toEqual([
        'Project wikis use the project boundary and group wikis use the group boundary.',
        'Project snippets use the project boundary and personal snippets use the user boundary.',
      ]);
      // grep -c '<sup>' → 4 rows cite a footnote, each in its Access cell.
      const cited = m.sections.flatMap((s) => s.tables.flatMap((t) => t.operations)).filter((o) => o.footnotes.length > 0);
      expect(cited.map((o) => [o.name, o.access, o.boundaries, o.footnotes.map((f) => f.id)])).toEqual([
        ['Clone or pull a wiki', 'Project, Group <sup>1</sup>', ['project', 'group'], [1]],
        ['Push to a wiki', 'Project, Group <sup>1</sup>', ['project', 'group'], [1]],
        ['Clone or pull a snippet', 'Project, User <sup>2</sup>', ['project', 'user'], [2]],
        ['Push to a snippet', 'Project, User <sup>2</sup>', ['project', 'user'], [2]],
      ]);
      // Sections whose first non-blank line after the heading is not a `|` line (awk, see
      // test/gitlab-operations-page/page.test.ts) → 4 leads; Archive… and Other operations have none.
      expect(m.sections.map((s) => s.leads?.map((p) => p.text))).toEqual([
        ['A fine-grained personal access token used as the password for Git over HTTPS must have the following permissions:'],
        ['A fine-grained personal access token used to sign in to the container registry must have the following permissions:'],
        ['A fine-grained personal access token used to sign in to the dependency proxy must have the following permissions:'],
        undefined,
        ['A fine-grained personal access token used to authenticate RSS or iCalendar feed requests must have the following permissions:'],
        undefined,
      ]);
      // grep -c '^> \[!' → one callout, under Container registry.
      expect(m.sections.map((s) => s.notes.map((n) => [n.callout, n.text]))).toEqual([
        [], [['note', 'You cannot use fine-grained personal access tokens to push container images.']], [], [], [], [],
      ]);
    });

    it('is written in GitLab\'s layout', () => {
      expect(lines(/^## /)).toHaveLength(6);
      expect(lines(/^\| (Operation|Feed) \| Resource \| Permission \| Access \|$/)).toHaveLength(6);
      expect(lines(/<sup>\d+<\/sup> \|$/)).toEqual([
        '| Clone or pull a wiki | Wiki | Read | Project, Group <sup>1</sup> |',
        '| Push to a wiki | Wiki | Create | Project, Group <sup>1</sup> |',
        '| Clone or pull a snippet | Snippet | Read | Project, User <sup>2</sup> |',
        '| Push to a snippet | Snippet | Update | Project, User <sup>2</sup> |',
      ]);
      expect(page()).toContain('\n**Footnotes**:\n\n1. Project wikis use the project boundary and group wikis use the group boundary.\n1. Project snippets use the project boundary and personal snippets use the user boundary.\n');
      expect(page()).toContain('\n> [!note]\n> You cannot use fine-grained personal access tokens to push container images.\n');
      // Each lead between its heading and its table, as on the page.
      expect(page()).toContain('\n## Git operations\n\nA fine-grained personal access token used as the password for Git over HTTPS must have the following permissions:\n\n| Operation | Resource | Permission | Access |\n');
      expect(page()).toContain('\n## Archive and release asset downloads\n\n| Operation | Resource | Permission | Access |\n');
    });
  });
});
