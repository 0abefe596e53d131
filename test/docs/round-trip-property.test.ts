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
import type { GraphqlPermissionsModel, JobTokenEndpointsModel, SourceInfo, SourceModel } from '../../generator/model/catalog.ts';
import { essence, readBack } from './read-back.ts';

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
});
