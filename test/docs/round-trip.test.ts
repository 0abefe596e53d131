/**
 * Regenerated docs read back to the same model: the templates reproduce the upstream layout
 * faithfully enough for permgen's own readers. Positions and source info differ by nature.
 */
import { describe, expect, it } from 'vitest';
import { realCatalog, writePackage } from '../helpers/build.ts';
import { essence, readBack } from './read-back.ts';

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
      'gitlab-pat-rest-permissions',
      'gitlab-token-scopes',
    ]);
  });

  it.each(withDocs.map((s) => [s.source.id, s] as const))('%s reads back to the same model', (id, model) => {
    const { model: back, report } = readBack(files.get(`docs/${id}.md`)!, `docs/${id}.md`);
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(back && essence(back)).toEqual(essence(model));
  });
});
