/**
 * Regenerated docs read back to the same model: the templates reproduce the upstream layout
 * faithfully enough for permgen's own readers. Positions and source info differ by nature.
 */
import { describe, expect, it } from 'vitest';
import { realCatalog, writePackage } from '../helpers/build.ts';
import { findReader, detectReader } from '../../generator/read/registry.ts';
import { recognizeExtractor } from '../../generator/extract/registry.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { Overrides } from '../../generator/config/overrides.ts';
import type { SourceModel } from '../../generator/model/catalog.ts';
import { sortGraphqlModel } from '../../generator/model/sort-graphql.ts';

/** The model without positions, source info or override bookkeeping: what a page states. */
export function essence(m: SourceModel): unknown {
  const normalized = m.kind === 'gitlab-graphql-permissions' ? sortGraphqlModel(m) : m;
  return JSON.parse(
    JSON.stringify(normalized, (key, value) => (['position', 'pathPosition', 'source', 'override', 'permissionOverride', 'text', 'column'].includes(key) ? undefined : value)),
  );
}

export function readBack(text: string, file: string): { model: SourceModel | undefined; report: Reporter } {
  const report = new Reporter();
  const reader = findReader('markdown') ?? detectReader(text)!;
  const doc = reader.read(text, file, report);
  const extractor = recognizeExtractor(doc);
  const model = extractor?.extract(doc, { source: { id: 'x', file, format: 'markdown', provider: 'gitlab', title: '', url: '', sha256: '' }, report, overrides: new Overrides() });
  return { model, report };
}

describe('regenerated docs round trip', async () => {
  const { catalog } = await realCatalog();
  const { files } = await writePackage(catalog);
  const withDocs = catalog.sources.filter((s) => files.has(`docs/${s.source.id}.md`));

  it('regenerates a page for the job-token source at least', () => {
    expect(withDocs.map((s) => s.kind)).toContain('gitlab-job-token-endpoints');
  });

  it.each(withDocs.map((s) => [s.source.id, s] as const))('%s reads back to the same model', (id, model) => {
    const { model: back, report } = readBack(files.get(`docs/${id}.md`)!, `docs/${id}.md`);
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(back && essence(back)).toEqual(essence(model));
  });
});
