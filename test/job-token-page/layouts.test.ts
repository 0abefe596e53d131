/**
 * Layout drift: GitLab moved the job-token page from one table to per-category sections. The
 * fixture is the real page's rows regrouped into the newer layout; both must read to the same
 * endpoints and permissions.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownReader } from '../../generator/read/markdown.ts';
import { jobTokenEndpointExtractor } from '../../generator/extract/job-token-endpoint-table.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { Overrides } from '../../generator/config/overrides.ts';
import { projectRoot } from '../helpers/build.ts';
import type { JobTokenEndpointsModel, SourceInfo } from '../../generator/model/catalog.ts';

function read(file: string): { model: JobTokenEndpointsModel; report: Reporter } {
  const report = new Reporter();
  const doc = markdownReader.read(readFileSync(path.join(projectRoot, file), 'utf8'), file, report);
  expect(jobTokenEndpointExtractor.recognizes(doc)).toBe(true);
  const model = jobTokenEndpointExtractor.extract(doc, { source: {} as SourceInfo, report, overrides: new Overrides() });
  return { model, report };
}

const essence = (m: JobTokenEndpointsModel) =>
  m.endpoints.map((e) => `${e.method} ${e.path} → ${e.controlled ? e.permissions.join('+') : 'None'}`).sort();

describe('job-token page layouts', () => {
  const single = read('sources/gitlab-ci-job-token-fine-grained-permissions.md');
  const perCategory = read('test/fixtures/job-token-layouts/per-category/page.md');

  it('reads the per-category layout without diagnostics: 139 controlled + 29 unavailable endpoints', () => {
    expect(perCategory.report.diagnostics).toEqual([]);
    expect(perCategory.model.endpoints).toHaveLength(168);
    expect(perCategory.model.endpoints.filter((e) => !e.controlled)).toHaveLength(29);
  });

  it('yields the same endpoints, permissions and labels as the single-table layout', () => {
    expect(essence(perCategory.model)).toEqual(essence(single.model));
    expect(perCategory.model.permissions.map(({ name, label, resource, access }) => ({ name, label, resource, access }))).toEqual(
      single.model.permissions.map(({ name, label, resource, access }) => ({ name, label, resource, access })),
    );
  });

  it('keeps the per-category page text: bare access label, scope, section resource', () => {
    const e = perCategory.model.endpoints.find((x) => x.text === 'GET /projects/:id/releases');
    expect(e).toMatchObject({ labels: 'Read', scope: 'Project', permissions: ['READ_RELEASES'], description: '' });
    const none = perCategory.model.endpoints.find((x) => x.text === 'GET /job');
    expect(none).toMatchObject({ controlled: false, permissions: [], description: 'Get current job using job token' });
  });

  it('checks a bare label against the section: READ_JOBS under "Releases endpoints" is an error', () => {
    const report = new Reporter();
    const text = '## Releases endpoints\n\n| Permission | API endpoint | Permission name | Scope |\n| - | - | - | - |\n| Read | `GET /jobs/:id/artifacts` | `READ_JOBS` | Project |\n';
    const doc = markdownReader.read(text, 'page.md', report);
    jobTokenEndpointExtractor.extract(doc, { source: {} as SourceInfo, report, overrides: new Overrides() });
    expect(report.diagnostics.map((d) => [d.ruleId, d.line, d.column, d.message])).toEqual([
      ['permission-label-mismatch', 5, 39, 'Permission `READ_JOBS` contradicts its label `Releases: Read` (which names `READ_RELEASES`).'],
    ]);
  });
});
