/**
 * Round trip as a property: for random models (with page text full of Markdown and HTML
 * punctuation), the regenerated page reads back to the same model.
 */
import fc from 'fast-check';
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { docsMarkdown } from '../../generator/emit/docs-markdown.ts';
import type { GeneratedFile } from '../../generator/emit/emitter.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import type { GitlabOperationPermissionsModel, GraphqlPermissionsModel, JobTokenEndpointsModel, SourceInfo, SourceModel } from '../../generator/model/catalog.ts';
import { anchorOf } from '../../generator/extract/gitlab-operation-table.ts';
import { permissionId } from '../../generator/extract/graphql-permission-table.ts';
import { essence, readBack } from './read-back.ts';
import { extractFixture } from '../gitlab-operations-page/pipeline.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 424242);
const source: SourceInfo = { id: 'page', file: 'sources/page.md', format: 'markdown', provider: 'gitlab', title: 'Random page', url: 'https://example.test', sha256: '0' };
const at = { file: 'sources/page.md', line: 1, column: 1 };

function regenerate(model: SourceModel): string {
  const files: GeneratedFile[] = [];
  docsMarkdown.emit({ catalog: { catalogVersion: 1, sources: [model] }, project: new Project({ useInMemoryFileSystem: true }), files, options: { enumStyle: 'const' }, report: new Reporter() });
  return files.find((f) => f.path === 'docs/page.md')!.contents;
}

/** Page text: words made of letters and the punctuation Markdown and HTML care about, single-spaced. */
const word = fc.stringMatching(/^[A-Za-z0-9*_`\\|<>&[\]()#!~:'"${}\/-]{1,8}$/);
const text = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));
const name = fc.stringMatching(/^[A-Z][a-z]{2,8}$/);

describe('regenerated docs round trip (property)', () => {
  it('job-token models', () => {
    const endpoint = fc.record({
      method: fc.constantFrom('GET' as const, 'POST' as const, 'PUT' as const, 'DELETE' as const),
      segments: fc.array(fc.oneof(fc.stringMatching(/^[a-z_]{1,8}$/), fc.stringMatching(/^:[a-z_]{1,6}$/)), { minLength: 1, maxLength: 4 }),
      resources: fc.uniqueArray(fc.tuple(name, fc.constantFrom('Read', 'Read and write')), { maxLength: 2, selector: ([r]) => r }),
      description: text,
    });
    fc.assert(
      fc.property(fc.uniqueArray(endpoint, { minLength: 1, maxLength: 8, selector: (e) => `${e.method} ${e.segments.join('/')}` }), (rows) => {
        const endpoints = rows.map((r) => {
          const path = `/${r.segments.join('/')}`;
          const permissions = r.resources.map(([res, access]) => `${access === 'Read' ? 'READ' : 'ADMIN'}_${res.toUpperCase()}`);
          return {
            text: `${r.method} ${path}`, method: r.method, path, pattern: { nodes: [] }, permissions,
            labels: r.resources.length ? r.resources.map(([res, access]) => `${res}: ${access}`).join(', ') : 'None',
            controlled: r.resources.length > 0, description: r.description, position: at, pathPosition: at,
          };
        });
        const model = { kind: 'gitlab-job-token-endpoints', source, permissions: [], endpoints } as unknown as JobTokenEndpointsModel;
        const { model: back, report } = readBack(regenerate(model), 'docs/page.md');
        expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const strip = (m: unknown) => (m as JobTokenEndpointsModel).endpoints.map(({ method, path, permissions, labels, controlled, description }) => ({ method, path, permissions, labels, controlled, description }));
        expect(strip(back)).toEqual(strip(model));
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('job-token models in the per-resource layout (sections, then the unavailable table)', () => {
    const row = fc.record({
      method: fc.constantFrom('GET' as const, 'POST' as const, 'PUT' as const, 'DELETE' as const),
      segments: fc.array(fc.oneof(fc.stringMatching(/^[a-z_]{1,8}$/), fc.stringMatching(/^:[a-z_]{1,6}$/)), { minLength: 1, maxLength: 4 }),
      description: text,
      /** Index of the row's section; one past the last resource is the unavailable table. */
      section: fc.nat(),
      admin: fc.boolean(),
      /** Another section whose permission (same scope) the row also needs. */
      also: fc.option(fc.nat(), { nil: undefined }),
    });
    // `Available` and `Unavailable` would make `<name> endpoints` a container heading, not a section.
    const resource = name.filter((n) => n !== 'Available' && n !== 'Unavailable');
    fc.assert(
      fc.property(
        fc.uniqueArray(resource, { minLength: 1, maxLength: 4, selector: (r) => r.toUpperCase() }),
        fc.uniqueArray(row, { minLength: 1, maxLength: 10, selector: (e) => `${e.method} ${e.segments.join('/')}` }),
        fc.boolean(),
        (resources, rows, shortHeading) => {
          const unavailableHeading = shortHeading ? 'Unavailable endpoints' : 'Unavailable API endpoints';
          const sectionOf = (r: (typeof rows)[number]) => r.section % (resources.length + 1);
          // Rows of one section are consecutive on a page, sections in page order, the unavailable table last.
          const ordered = [...rows].sort((a, b) => sectionOf(a) - sectionOf(b));
          const withRows = new Set(ordered.map(sectionOf));
          // A page of only the unavailable table is no job-token page (the extractor needs one endpoint table).
          fc.pre([...withRows].some((i) => i < resources.length));
          const nameOf = (res: string, admin: boolean) => `${admin ? 'ADMIN' : 'READ'}_${res.toUpperCase()}`;
          const endpoints = ordered.map((r) => {
            const path = `/${r.segments.join('/')}`;
            const i = sectionOf(r);
            const base = { text: `${r.method} ${path}`, method: r.method, path, pattern: { nodes: [] }, description: r.description, position: at, pathPosition: at };
            if (i === resources.length) {
              return { ...base, permissions: [], labels: 'None', controlled: false, section: { kind: 'unavailable', heading: unavailableHeading, position: at } };
            }
            const scope = r.admin ? 'Read and write' : 'Read';
            const own = resources[i]!;
            // An added permission must name a resource whose section is on the page (has rows here).
            const other = r.also === undefined ? undefined : resources[r.also % resources.length];
            const names = [own, ...(other !== undefined && other !== own && withRows.has(resources.indexOf(other)) ? [other] : [])];
            return {
              ...base,
              permissions: names.map((n) => nameOf(n, r.admin)),
              labels: names.map((n) => `${n}: ${scope}`).join(', '),
              controlled: true,
              section: { kind: 'resource', resource: own, heading: `${own} endpoints`, position: at },
            };
          });
          const model = { kind: 'gitlab-job-token-endpoints', source, layout: 'per-resource', permissions: [], endpoints } as unknown as JobTokenEndpointsModel;
          const page = regenerate(model);
          const { model: back, report } = readBack(page, 'docs/page.md');
          expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          expect((back as JobTokenEndpointsModel).layout).toBe('per-resource');
          const strip = (m: unknown) =>
            (m as JobTokenEndpointsModel).endpoints.map(({ method, path, permissions, labels, controlled, description, section }) => ({
              method, path, permissions, labels, controlled, description, section: section && { ...section, position: undefined },
            }));
          expect(strip(back)).toEqual(strip(model));
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('job-token per-resource page: markup, pipes and code in a section heading or a cell stay text', () => {
    const page = [
      '## Available API endpoints',
      '### Jobs */ <img src=x onerror=alert(1)> | `x` endpoints',
      // The section's permission: its resource upper-cased, each run of other characters one `_`.
      '| Permission | API endpoint | Permission name | Scope |\n| - | - | - | - |\n| Evil \\*/ </script> \\| ${x} | `GET /projects/:id/jobs` | `READ_JOBS_IMG_SRC_X_ONERROR_ALERT_1_X` | Read |',
      '## Unavailable API endpoints',
      '| Permission | API endpoint |\n| - | - |\n| <b>bold</b> `code` | `GET /job` |',
      '',
    ].join('\n\n');
    const read = readBack(page, 'sources/page.md');
    expect(read.report.diagnostics).toEqual([]);
    const model = { ...(read.model as JobTokenEndpointsModel), source };
    expect(model.endpoints.map((e) => [e.description, e.section?.heading])).toEqual([
      ['Evil */ </script> | ${x}', 'Jobs */ <img src=x onerror=alert(1)> | x endpoints'],
      ['<b>bold</b> code', 'Unavailable API endpoints'],
    ]);
    const doc = regenerate(model);
    expect(doc).not.toMatch(/<img|<\/?script|<b>/);
    expect(doc).toContain('### Jobs \\*/ &lt;img src=x onerror=alert\\(1\\)\\> \\| x endpoints\n');
    expect(doc).toContain('| Evil \\*/ &lt;/script\\> \\| $\\{x\\} | `GET /projects/:id/jobs` | `READ_JOBS_IMG_SRC_X_ONERROR_ALERT_1_X` | Read |\n');
    const back = readBack(doc, 'docs/page.md');
    expect(back.report.diagnostics).toEqual([]);
    expect(essence(back.model!)).toEqual(essence(model));
  });

  it('GraphQL permission models', () => {
    const grant = fc.record({
      action: name,
      access: fc.constantFrom('Project', 'Group', 'User', 'Instance'),
      kind: fc.constantFrom('Type' as const, 'Mutation' as const),
      name: fc.stringMatching(/^[A-Z][A-Za-z]{1,10}$/),
    });
    const resource = fc.record({ name, description: text.map((t) => `Grants the ability to ${t}`), grants: fc.array(grant, { minLength: 1, maxLength: 4 }) });
    const category = fc.record({ name, resources: fc.uniqueArray(resource, { minLength: 1, maxLength: 3, selector: (r) => r.name.toLowerCase() }) });
    fc.assert(
      fc.property(fc.uniqueArray(category, { minLength: 1, maxLength: 3, selector: (c) => c.name.toLowerCase() }), (cats) => {
        const seen = new Set<string>();
        const model = {
          kind: 'gitlab-graphql-permissions',
          source,
          categories: cats.map((c) => ({
            name: c.name, text: `${c.name} resources`, position: at,
            resources: c.resources.map((r) => ({
              name: r.name, description: r.description, position: at,
              grants: r.grants
                .filter((g) => !seen.has(`${c.name}/${r.name}/${g.action}/${g.access}/${g.kind}/${g.name}`) && seen.add(`${c.name}/${r.name}/${g.action}/${g.access}/${g.kind}/${g.name}`))
                .map((g) => ({ ...g, boundary: g.access.toLowerCase(), permission: `${g.action.toLowerCase()}_${r.name.toLowerCase()}`, alsoRequires: [], position: at })),
            })),
          })),
        } as unknown as GraphqlPermissionsModel;
        const { model: back, report } = readBack(regenerate(model), 'docs/page.md');
        expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(back && essence(back)).toEqual(essence(model));
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('Git and other operations models', () => {
    // Text that also starts lines with what Markdown reads as a block (`-`, `=`, `1.`, `+`, `>`).
    const blockWord = fc.oneof(word, fc.constantFrom('-', '=', '1.', '2)', '+', '>', '---', '===', '*', '#', '[!note]'));
    const prose = fc.array(blockWord, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' ')).filter((t) => !/<sup>/i.test(t));
    const resource = fc.array(name, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
    const boundaries = fc.uniqueArray(fc.constantFrom('Project', 'Group', 'User', 'Instance'), { minLength: 1, maxLength: 4 });
    // Footnotes a row cites: each in the Access cell or (the extractor reads markers in every cell) after the name.
    const cites = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.boolean()), { maxLength: 3, selector: ([n]) => n });
    const row = fc.record({ name: prose, resource, action: name, boundaries, cites });
    const table = fc.record({
      subject: fc.constantFrom('Operation' as const, 'Feed' as const),
      rows: fc.uniqueArray(row, { minLength: 1, maxLength: 5, selector: (r) => anchorOf(r.name) }),
      footnotes: fc.array(prose, { maxLength: 3 }),
    });
    // A plain quote never starts with `[!alert]` (the reader would have read a callout), so the model below takes it off.
    const note = fc.record({ callout: fc.constantFrom('note', 'warning', 'caution', undefined), text: fc.oneof(prose, fc.constant('')) });
    // Lead paragraphs (none for some sections): the extractor reads them between the heading and the first table.
    const section = fc.record({ title: prose, leads: fc.array(prose, { maxLength: 2 }), notes: fc.array(note, { maxLength: 2 }), tables: fc.array(table, { maxLength: 2 }) })
      // A section with neither is not in a model; ids are unique across a section's tables (the extractor drops a repeat).
      .filter((s) => s.notes.length + s.tables.length > 0)
      .filter((s) => new Set(s.tables.flatMap((t) => t.rows.map((r) => anchorOf(r.name)))).size === s.tables.reduce((n, t) => n + t.rows.length, 0));
    fc.assert(
      // A page is recognised by its tables: at least one section has one.
      fc.property(fc.uniqueArray(section, { minLength: 1, maxLength: 4, selector: (s) => anchorOf(s.title) }).filter((ss) => ss.some((s) => s.tables.length > 0)), (sections) => {
        // ids and permission ids come from the extractor's own helpers: what is under test here is the template, not them.
        const model = {
          kind: 'gitlab-operation-permissions',
          source,
          sections: sections.map((s) => ({
            title: s.title, anchor: anchorOf(s.title), position: at,
            ...(s.leads.length > 0 ? { leads: s.leads.map((text) => ({ text, position: at })) } : {}),
            notes: s.notes.map((n) => (n.callout === undefined ? { text: n.text.replace(/^(?:\[![A-Za-z]+\]\s*)+/, '') } : { callout: n.callout, text: n.text })).map((n) => ({ ...n, position: at })),
            tables: s.tables.map((t) => {
              const footnotes = t.footnotes.map((text, i) => ({ id: i + 1, text, position: at }));
              return {
                subject: t.subject, position: at, footnotes,
                operations: t.rows.map((r) => {
                  const cited = r.cites.filter(([n]) => n <= footnotes.length);
                  const beforeAccess = cited.filter(([, inName]) => inName).map(([n]) => n);
                  const inAccess = cited.filter(([, inName]) => !inName).map(([n]) => n);
                  return {
                    id: `${anchorOf(s.title)}:${anchorOf(r.name)}`, name: r.name, resource: r.resource, action: r.action,
                    permission: permissionId(r.action, r.resource),
                    access: [r.boundaries.join(', '), ...inAccess.map((n) => `<sup>${n}</sup>`)].join(' '),
                    boundaries: r.boundaries.map((b) => b.toLowerCase()),
                    footnotes: [...beforeAccess, ...inAccess].map((n) => footnotes[n - 1]!),
                    position: at,
                  };
                }),
              };
            }),
          })),
        } as unknown as GitlabOperationPermissionsModel;
        const { model: back, report } = readBack(regenerate(model), 'docs/page.md');
        expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(back && essence(back)).toEqual(essence(model));
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('Git and other operations: section leads with a link, inline code and `|`, and a section without one, read back', () => {
    const { model } = extractFixture(new URL('../fixtures/gitlab-operations/section-leads', import.meta.url).pathname);
    const page = regenerate({ ...model!, source });
    // Three leads, the note between the second and the third as on the page, then the table; none under `## Archive…`.
    expect(page).toContain('\n## Container registry\n\nA fine-grained personal access token used to sign in to the container registry must have the following permissions:\n\n'
      + 'Sign in with docker login registry.example.com and the token as the password; a \\| in code stays text.\n\n'
      + '> [!note]\n> You cannot use fine-grained personal access tokens to push container images.\n\n'
      + 'Pull \\| delete: the table below lists both.\n\n| Operation | Resource | Permission | Access |\n');
    expect(page).toContain('\n## Archive and release asset downloads\n\n| Operation | Resource | Permission | Access |\n');
    const { model: back, report } = readBack(page, 'docs/page.md');
    expect(report.diagnostics).toEqual([]);
    expect((back as GitlabOperationPermissionsModel).sections.map((s) => s.leads?.length)).toEqual([3, undefined]);
    expect(back && essence(back)).toEqual(essence(model!));
  });

  it('Git and other operations: a `|` or markup in page text stays text', () => {
    const evil = 'a | b <img src=x onerror=alert(1)> </table>';
    const footnote = { id: 1, text: `1. ${evil}`, position: at };
    const model = {
      kind: 'gitlab-operation-permissions',
      source,
      sections: [{
        title: `<script>x</script> | ${evil}`, anchor: anchorOf(`<script>x</script> | ${evil}`), position: at,
        leads: [{ text: `1. ${evil}`, position: at }],
        notes: [{ callout: 'note', text: `- ${evil}`, position: at }],
        tables: [{
          subject: 'Operation', position: at, footnotes: [footnote],
          operations: [{
            id: `${anchorOf(`<script>x</script> | ${evil}`)}:${anchorOf(evil)}`, name: evil, resource: 'Code', action: 'Push', permission: 'push_code',
            access: 'Project, Group <sup>1</sup>', boundaries: ['project', 'group'], footnotes: [footnote], position: at,
          }],
        }],
      }],
    } as unknown as GitlabOperationPermissionsModel;
    const page = regenerate(model);
    // Only the footnote marker is HTML; the table keeps its four cells.
    expect(page.match(/<[a-z/][^>]*>/gi)).toEqual(['<sup>', '</sup>']);
    expect(page).toContain('| a \\| b &lt;img src=x onerror=alert\\(1\\)\\> &lt;/table\\> | Code | Push | Project, Group <sup>1</sup> |\n');
    const { model: back, report } = readBack(page, 'docs/page.md');
    expect(report.diagnostics).toEqual([]);
    expect(back && essence(back)).toEqual(essence(model));
  });
});
