/**
 * Reviewed snapshots of the REST page's model. The whole model is 2,135 routes (5 MB as JSON), too
 * much to review, so the snapshots are: a one-line-per-resource summary of the permission section
 * (resource, rows, permission ids, boundaries, footnotes), one line per always accessible, public and
 * unavailable route, two resources in full (positions included): Deployment (a footnote), Runner
 * Registration Token (routes at three boundaries), and the routes with in-segment parameters, escaped
 * parentheses, `$`, consecutive splats, optional groups and the catch-all in full.
 */
import { describe, expect, it } from 'vitest';
import type { GitlabRestPermissionsModel } from '../../generator/model/catalog.ts';
import { extractRealPage } from './pipeline.ts';

let cached: GitlabRestPermissionsModel | undefined;
const page = () => (cached ??= extractRealPage().model!);

describe('REST page model (reviewed snapshots)', () => {
  it('summarises every resource of the permission section', async () => {
    const lines: string[] = [];
    for (const c of page().categories) {
      lines.push(`## ${c.text} (line ${c.position.line})`);
      for (const r of c.resources) {
        const ids = [...new Set(r.grants.map((g) => g.permission))];
        const boundaries = [...new Set(r.grants.map((g) => g.boundary))];
        const notes = r.footnotes.map((f) => ` [${f.id}: ${f.permission}]`).join('');
        lines.push(`${r.name} (line ${r.position.line}): ${r.grants.length} rows; ${ids.join(', ')}; at ${boundaries.join(', ')}${notes}`);
      }
    }
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('./__snapshots__/rest-resources.txt');
  });

  it('lists the always accessible, public and unavailable routes', async () => {
    const m = page();
    const lines = [
      `## ${m.always!.heading}`,
      ...m.endpoints.filter((e) => e.access === 'always').map((e) => `${e.method} ${e.path} (line ${e.position.line})`),
      `## ${m.public!.heading} (granted routes marked public)`,
      ...m.endpoints.filter((e) => e.public).map((e) => `${e.method} ${e.path}: ${e.permissions.join(' + ')} (lines ${e.rowPositions.map((p) => p.line).join(', ')})`),
      `## ${m.unavailable!.heading}`,
      ...m.endpoints.filter((e) => e.access === 'unavailable').map((e) => `${e.method} ${e.path}: ${e.reason ?? '(no reason)'} (line ${e.position.line})`),
    ];
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('./__snapshots__/rest-closing-sections.txt');
  });

  it('keeps two resources, their routes and the tricky routes in full', async () => {
    const m = page();
    const names = ['Deployment', 'Runner Registration Token'];
    const resources = m.categories.flatMap((c) => c.resources.filter((r) => names.includes(r.name)).map((r) => ({ category: c.name, ...r })));
    expect(resources.map((r) => r.name)).toEqual(names);
    const tricky = [
      'GET /projects/:id/packages/debian/dists/*distribution/:component/binary-:architecture/Packages',
      "GET /projects/:project_id/packages/nuget/v2/Packages\\(Id='*package_name',Version='*package_version'\\)",
      'GET /projects/:project_id/packages/nuget/v2/FindPackagesById\\(\\)',
      'GET /projects/:id/packages/nuget/v2/$metadata',
      'GET /projects/:id/packages/nuget/symbolfiles/*file_name/*signature/*same_file_name',
      'GET /projects/:id/packages/generic/:package_name/*package_version/(*path/):file_name',
      'POST /projects/:id/(ref/:ref/)trigger/pipeline',
      'GET /projects/:id/releases/permalink/latest(/)(*suffix_path)',
      '* /*path',
    ];
    const routes = m.endpoints.filter((e) => (e.access === 'granted' && names.includes(e.resource!)) || tricky.includes(`${e.method} ${e.path}`));
    expect(routes.filter((e) => tricky.includes(`${e.method} ${e.path}`))).toHaveLength(tricky.length);
    await expect(`${JSON.stringify({ resources, routes }, null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/rest-full-entries.json');
  });
});
