/**
 * The REST page regenerated in GitLab's layout (emit/docs-markdown.ts) reads back to the same model:
 * the real page, and an older two-column layout (only an unavailable section, a row listed twice).
 */
import { describe, expect, it } from 'vitest';
import { Project } from 'ts-morph';
import { docsMarkdown } from '../../generator/emit/docs-markdown.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import type { Catalog, GitlabRestPermissionsModel } from '../../generator/model/catalog.ts';
import type { GeneratedFile } from '../../generator/emit/emitter.ts';
import { essence, readBack } from '../docs/read-back.ts';
import { extract, extractRealPage } from './pipeline.ts';

function regenerate(model: GitlabRestPermissionsModel): string {
  const catalog: Catalog = { catalogVersion: 1, sources: [model] };
  const files: GeneratedFile[] = [];
  docsMarkdown.emit({ catalog, project: new Project({ useInMemoryFileSystem: true }), files, options: { enumStyle: 'const' }, report: new Reporter() });
  return files.find((f) => f.path === `docs/${model.source.id}.md`)!.contents;
}

function roundTrip(model: GitlabRestPermissionsModel) {
  const text = regenerate(model);
  const { model: back, report } = readBack(text, 'docs/rest.md');
  return { text, back, diagnostics: report.diagnostics };
}

describe('REST docs round trip', () => {
  it('regenerates the real page in GitLab\'s layout and reads it back to the same model', () => {
    const { model } = extractRealPage();
    const { text, back, diagnostics } = roundTrip(model!);
    expect(diagnostics).toEqual([]);
    expect(back && essence(back)).toEqual(essence(model!));
    // GitLab's layout: the footnote under its table, the escaped nuget path kept as written, the catch-all.
    expect(text).toContain('| Read <sup>1</sup> | Project | `GET` | `/projects/:id/deployments/:deployment_id/merge_requests` |\n');
    expect(text).toContain('| Update | Project | `PUT` | `/projects/:id/deployments/:deployment_id` |\n\n<sup>1</sup> Also requires the `Read Merge Request` permission.\n');
    expect(text).toContain("| `GET` | `/projects/:project_id/packages/nuget/v2/Packages\\(Id='*package_name',Version='*package_version'\\)` |\n");
    expect(text).toContain('| Deployment: Read, Merge Request: Read | `GET` | `/projects/:id/deployments/:deployment_id/merge_requests` |\n');
    expect(text).toContain('| `*` | `/*path` | Catch-all fallback |\n');
  });

  it('reads back an older layout: a heading case variant, two-column unavailable table, a row listed twice', () => {
    const page = [
      '## Available fine-grained permissions',
      '',
      '### Packages And Registry resources',
      '',
      '#### Package',
      '',
      'Grants the ability to read packages.',
      '',
      '| Action | Access | Method | Path |',
      '| ------ | ------ | ------ | ---- |',
      '| Read | Project | `GET` | `/projects/:id/packages/debian/dists/*distribution/:component/binary-:architecture/Packages` |',
      '| Read | Group | `GET` | `/groups/:id/-/packages/nuget/v2/$metadata` |',
      '',
      '## Unavailable endpoints',
      '',
      '| Method | Path |',
      '| ------ | ---- |',
      '| `POST` | `/runners` |',
      '| `POST` | `/runners` |',
      '',
    ].join('\n');
    const { model, diagnostics } = extract(page, 'old.md', { sourceId: 'old' });
    expect(diagnostics.map((d) => [d.ruleId, d.line])).toEqual([['rest-row-duplicate', 19]]);
    expect(model!.categories[0]!.text).toBe('Packages And Registry resources');
    expect(model!.unavailable!.rows).toHaveLength(2);
    expect(model!.endpoints.map((e) => [e.access, e.method, e.path, e.rowPositions.map((p) => p.line)])).toEqual([
      ['granted', 'GET', '/projects/:id/packages/debian/dists/*distribution/:component/binary-:architecture/Packages', [11]],
      ['granted', 'GET', '/groups/:id/-/packages/nuget/v2/$metadata', [12]],
      ['unavailable', 'POST', '/runners', [18, 19]],
    ]);
    const { text, back } = roundTrip(model!);
    expect(text).toContain('## Unavailable endpoints\n\nThe following endpoints cannot authenticate with fine-grained tokens.\nThese endpoints use alternative authentication mechanisms that are\nincompatible with personal access tokens.\n\n| Method | Path |\n| ------ | ---- |\n| `POST` | `/runners` |\n| `POST` | `/runners` |\n');
    expect(text).not.toContain('## Always accessible endpoints');
    expect(back && essence(back)).toEqual(essence(model!));
  });
});
