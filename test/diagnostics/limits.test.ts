/** Explicit caps become diagnostics (limits lowered here so fixtures stay small). */
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../generator/build-catalog.ts';
import { limits } from '../../generator/config/limits.ts';
import { jobTokenProject } from '../generate/helpers.ts';

describe('limits', () => {
  it('documents its defaults', () => {
    expect(limits).toEqual({ pageBytes: 2 * 1024 * 1024, tableRows: 50_000, pathLength: 2_048 });
  });

  it('refuses a page over the size cap', async () => {
    const root = await jobTokenProject();
    const { diagnostics, catalog } = await buildCatalog({ root, limits: { pageBytes: 1000 } });
    expect(catalog.sources).toEqual([]);
    expect(diagnostics.map((d) => [d.ruleId, d.file, d.line, d.column, d.message])).toEqual([
      ['limit-page-size', 'sources/job-token.md', 1, 1, 'sources/job-token.md is 29207 bytes; the limit is 1000.'],
    ]);
  });

  it('refuses a 10 MB page with a diagnostic, before reading it', async () => {
    const root = await jobTokenProject();
    const page = path.join(root, 'sources/job-token.md');
    const row = '| Jobs: Read | `READ_JOBS` | `GET /jobs/:id/artifacts` | Download |\n';
    await writeFile(page, row.repeat(Math.ceil(10_000_000 / row.length)));
    const { diagnostics, catalog } = await buildCatalog({ root });
    expect(catalog.sources).toEqual([]);
    expect(diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([['limit-page-size', 1, 1]]);
  });

  it('refuses a table over the row cap', async () => {
    const root = await jobTokenProject();
    const { diagnostics } = await buildCatalog({ root, limits: { tableRows: 100 } });
    expect(diagnostics.map((d) => [d.ruleId, d.line, d.column, d.message])).toEqual([
      ['limit-table-rows', 86, 1, 'A table in sources/job-token.md has 168 rows; the limit is 100.'],
    ]);
  });

  it('refuses a path over the length cap', async () => {
    const root = await jobTokenProject();
    const { diagnostics } = await buildCatalog({ root, limits: { pathLength: 200 } });
    // Three documented paths (conan v2 package file routes) are longer than 200 characters: 220, 210, 210.
    expect(diagnostics.filter((d) => d.ruleId === 'limit-path-length').map((d) => d.message).sort()).toEqual([
      'Path is 210 characters; the limit is 200.',
      'Path is 210 characters; the limit is 200.',
      'Path is 220 characters; the limit is 200.',
    ]);
  });
});
