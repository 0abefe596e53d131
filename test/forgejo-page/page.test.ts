/**
 * The real Forgejo page (sources/forgejo-access-token-scopes.code-viewer.txt), a code-viewer
 * scrape. Counts, names and page lines are read off the page by hand (`cat -A`, `grep -n`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract, PAGE } from './pipeline.ts';
import { projectRoot, realCatalog } from '../helpers/build.ts';
import { recoverScrapedText, codeViewerScrapeReader } from '../../generator/read/code-viewer-scrape.ts';
import { detectReader } from '../../generator/read/registry.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import type { ForgejoScopesModel } from '../../generator/model/catalog.ts';

const text = () => readFileSync(path.join(projectRoot, PAGE), 'utf8');
const page = () => extract(text(), PAGE, true);
const at = (line: number, column: number) => ({ file: PAGE, line, column });

describe('Forgejo Access Token scope page (code-viewer scrape)', () => {
  it('is detected as a code-viewer scrape', () => {
    expect(codeViewerScrapeReader.detect(text())).toBeGreaterThan(0.9);
    expect(detectReader(text())?.name).toBe('code-viewer-scrape');
  });

  it('recovers the 43 lines the banner announces, each mapped to its page line', () => {
    const report = new Reporter();
    const recovered = recoverScrapedText(text(), PAGE, report);
    expect(report.diagnostics).toEqual([]);
    const lines = recovered.text.split('\n');
    expect(lines).toHaveLength(43);
    expect(recovered.pageLine).toHaveLength(43);
    expect([lines[0], recovered.pageLine[0]]).toEqual(['---', 14]);
    expect([lines[4], recovered.pageLine[4]]).toEqual(['---', 26]);
    expect([lines[5], recovered.pageLine[5]]).toEqual(['', 29]);
    expect([lines[6]?.slice(0, 16), recovered.pageLine[6]]).toEqual(['Forgejo supports', 31]);
    expect([lines[8], recovered.pageLine[8]]).toEqual(['- `read`: `GET` routes', 36]);
    expect([lines[13], recovered.pageLine[13]]).toEqual(['| Name | Description |', 49]);
    expect([lines[42]?.slice(0, 18), recovered.pageLine[42]]).toEqual(['| **write:user** |', 136]);
    // Four empty lines: after the front matter, after the intro, after the list, after "as follows:".
    expect(lines.filter((l) => l === '')).toHaveLength(4);
  });

  it('reads without diagnostics, with the front matter of the recovered Markdown', () => {
    const { doc, diagnostics } = page();
    expect(diagnostics).toEqual([]);
    expect(doc.frontmatter.title).toBe('Access Token scope');
    expect(doc.blocks.map((b) => [b.type, b.position.line])).toEqual([
      ['paragraph', 31],
      ['list', 36],
      ['paragraph', 44],
      ['table', 49],
    ]);
  });

  it('has 28 rows: (no scope), 9 categories and a read: and write: scope per category', () => {
    const { doc, model } = page();
    const table = doc.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.rows.length).toBe(28);
    expect(model!.noScope).toEqual({ text: '(no scope)', description: 'Not supported. A scope is required even for public repositories.', position: at(55, 1) });
    expect(model!.categories.map((c) => c.name)).toEqual(['activitypub', 'admin', 'issue', 'misc', 'notification', 'organization', 'package', 'repository', 'user']);
    const scopes = model!.categories.flatMap((c) => c.scopes);
    expect(scopes).toHaveLength(18);
    for (const c of model!.categories) expect(c.scopes.map((s) => s.name)).toEqual([`read:${c.name}`, `write:${c.name}`]);
  });

  it('keeps the levels as the page states them, with positions', () => {
    expect(page().model!.levels).toEqual([
      { level: 'read', methods: ['GET'], text: 'read: GET routes', position: at(36, 3) },
      { level: 'write', methods: ['POST', 'PUT', 'PATCH', 'DELETE', 'GET'], text: 'write: POST, PUT, PATCH, and DELETE routes (in addition to GET)', position: at(39, 3) },
    ]);
  });

  it('reads each category\'s route prefixes from the inline code before "API routes"', () => {
    const byName = new Map(page().model!.categories.map((c) => [c.name, c]));
    expect(Object.fromEntries([...byName].map(([name, c]) => [name, { routes: c.routes, except: c.except }]))).toEqual({
      activitypub: { routes: ['activitypub'], except: [] },
      admin: { routes: ['/admin/*'], except: [] },
      issue: { routes: ['issues/*', 'labels/*', 'milestones/*'], except: [] },
      // The page names no route for misc ("miscellaneous and settings top-level API routes"): nothing is guessed.
      misc: { routes: [], except: [] },
      notification: { routes: ['notification/*'], except: [] },
      organization: { routes: ['orgs/*', 'teams/*'], except: [] },
      package: { routes: ['/packages/*'], except: [] },
      repository: { routes: ['/repos/*'], except: ['/repos/issues/*'] },
      user: { routes: ['/user/*', '/users/*'], except: [] },
    });
    expect(byName.get('repository')?.position).toEqual(at(121, 1));
    expect(byName.get('misc')?.position).toEqual(at(85, 1));
  });

  it('positions scopes at their rows', () => {
    const scopes = page().model!.categories.flatMap((c) => c.scopes);
    expect(scopes.find((s) => s.name === 'read:package')).toEqual({ name: 'read:package', level: 'read', description: 'Grants read access to package operations, such as reading and downloading available packages.', position: at(115, 1) });
    expect(scopes.at(-1)?.position).toEqual(at(136, 1));
  });

  it('matches the reviewed model snapshot', async () => {
    const { catalog } = await realCatalog();
    const model = catalog.sources.find((s): s is ForgejoScopesModel => s.kind === 'forgejo-scopes');
    await expect(`${JSON.stringify(model, null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/forgejo-scopes.model.json');
  });
});
