/**
 * Emission safety: page text is data in every output. A page with comment terminators, template
 * literal openers, quotes, backslashes, `</script>`, an `<img onerror>` and U+2028 must produce a
 * package that type-checks, whose runtime values equal the page's text exactly, and whose docs
 * render that text as text.
 */
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { buildCatalog } from '../../generator/build-catalog.ts';
import { writePackage, importGenerated } from '../helpers/build.ts';
import { typecheckConsumer } from '../helpers/typecheck.ts';
import type { JobTokenEndpointsModel } from '../../generator/model/catalog.ts';

const fixture = path.join(import.meta.dirname, '../fixtures/safety/job-token-hostile.md');

async function hostileProject(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'permgen-hostile-'));
  await mkdir(path.join(root, 'sources'));
  await copyFile(fixture, path.join(root, 'sources/page.md'));
  await writeFile(path.join(root, 'sources/sources.json'), JSON.stringify({ sources: [{ id: 'hostile', file: 'page.md', format: 'markdown', provider: 'gitlab', title: 'Hostile */ </script>', url: 'https://example.test/?a=1&b=</script>' }] }));
  return root;
}

describe('hostile page text', async () => {
  const root = await hostileProject();
  const { catalog, diagnostics } = await buildCatalog({ root });
  const model = catalog.sources[0] as JobTokenEndpointsModel;
  const { dir, files, report } = await writePackage(catalog);

  it('is read without errors, keeping the text as written', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(model.permissions.map((p) => [p.name, p.resource])).toEqual([
      ['READ_JOBS_1_SCRIPT_', 'Jobs */ ${1} </script>'],
      ['READ_RELEASES', 'Releases'],
    ]);
    expect(model.endpoints[0]!.description).toBe('Evil */ alert(1); /* ${globalThis.pwned} \\ " \' </script><img src=x onerror=alert(1)> <!-- --> end');
    // Cells are single-line values: runs of white space, U+2028 included, become one space.
    expect(model.endpoints[1]!.description).toBe('Line separator here: and a backslash \\ at the end \\');
  });

  it('emits a package that type-checks under strict', async () => {
    expect(report.diagnostics).toEqual([]);
    const consumer = path.join(dir, '..', `consumer-${path.basename(dir)}.ts`);
    await writeFile(consumer, "import * as gitlab from 'token-permissions/gitlab';\nimport * as root from 'token-permissions';\nexport const all = [gitlab, root];\n");
    const result = await typecheckConsumer(dir, [consumer]);
    expect(result.output).toBe('');
  });

  it('keeps page text as data at run time: values equal the page text exactly', async () => {
    const gitlab = await importGenerated<Record<string, any>>(dir, 'gitlab/index.js');
    expect(gitlab.jobTokenPermissionInfo.READ_JOBS_1_SCRIPT_.resource).toBe('Jobs */ ${1} </script>');
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
    if (gitlab.jobTokenRoutes) {
      expect(gitlab.jobTokenRoutes.map((r: { description: string }) => r.description)).toEqual(model.endpoints.map((e) => e.description));
    }
  });

  it('never ends a comment early in generated code', () => {
    // Parse every file with TypeScript: page text may only ever be inside string literals and
    // comments. Had a comment closed early, the page's words would have become identifiers.
    let checked = 0;
    for (const [name, text] of files) {
      if (!/\.(ts|js)$/.test(name)) continue;
      checked++;
      const file = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
      const identifiers: string[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isIdentifier(node)) identifiers.push(node.text);
        ts.forEachChild(node, visit);
      };
      visit(file);
      expect(identifiers.filter((id) => ['alert', 'onerror', 'pwned', 'script', 'img', 'Evil'].includes(id)), name).toEqual([]);
      expect((file as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics, name).toEqual([]);
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('renders page text as text in the regenerated docs', () => {
    const doc = files.get('docs/hostile.md')!;
    expect(doc).not.toContain('<img');
    expect(doc).not.toContain('</script>');
    expect(doc).toContain('&lt;/script');
    expect(doc).toContain('&lt;img src=x onerror=alert');
    expect(JSON.parse(files.get('catalog.json')!).sources[0].endpoints[0].description).toBe(model.endpoints[0]!.description);
  });
});
