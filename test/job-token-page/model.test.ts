/**
 * The seed GitLab CI/CD job-token page (beta, single-table layout), read as it is. Counts and rows
 * are taken from test/fixtures/seeds/gitlab-ci-job-token-fine-grained-permissions.md by hand (table
 * at lines 86–255); it is read in a project where it sits at its old path in sources/ (FILE), so the
 * positions and the snapshot are those it always had. The current page is current-page.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { seedCatalog } from '../helpers/job-token-seed.ts';
import type { JobTokenEndpointsModel } from '../../generator/model/catalog.ts';

const FILE = 'sources/gitlab-ci-job-token-fine-grained-permissions.md';

async function model(): Promise<JobTokenEndpointsModel> {
  const { catalog } = await seedCatalog();
  const m = catalog.sources.find((s): s is JobTokenEndpointsModel => s.kind === 'gitlab-job-token-endpoints');
  if (!m) throw new Error('job-token page not read');
  return m;
}

describe('GitLab job-token page', () => {
  it('has 168 endpoints, 29 of them None', async () => {
    const m = await model();
    expect(m.endpoints).toHaveLength(168);
    expect(m.endpoints.filter((e) => !e.controlled)).toHaveLength(29);
    expect(m.endpoints.filter((e) => !e.controlled).every((e) => e.permissions.length === 0 && e.labels === 'None')).toBe(true);
  });

  it('records the single-table layout, and no section on any row', async () => {
    const m = await model();
    expect(m.layout).toBe('single-table');
    expect(m.endpoints.filter((e) => e.section !== undefined)).toEqual([]);
  });

  it('names 15 distinct permissions, each checked against its label', async () => {
    const m = await model();
    expect(m.permissions.map((p) => `${p.name} = ${p.label}`)).toEqual([
      'ADMIN_DEPLOYMENTS = Deployments: Read and write',
      'ADMIN_ENVIRONMENTS = Environments: Read and write',
      'ADMIN_PACKAGES = Packages: Read and write',
      'ADMIN_PIPELINES = Pipelines: Read and write',
      'ADMIN_RELEASES = Releases: Read and write',
      'ADMIN_SECURE_FILES = Secure files: Read and write',
      'ADMIN_TERRAFORM_STATE = Terraform state: Read and write',
      'READ_DEPLOYMENTS = Deployments: Read',
      'READ_ENVIRONMENTS = Environments: Read',
      'READ_JOBS = Jobs: Read',
      'READ_PACKAGES = Packages: Read',
      'READ_PIPELINES = Pipelines: Read',
      'READ_RELEASES = Releases: Read',
      'READ_SECURE_FILES = Secure files: Read',
      'READ_TERRAFORM_STATE = Terraform state: Read',
    ]);
  });

  it('keeps the row that needs two permissions, with its position', async () => {
    const m = await model();
    const e = m.endpoints.find((x) => x.text === 'POST /projects/:id/deployments');
    expect(e).toMatchObject({
      method: 'POST',
      path: '/projects/:id/deployments',
      permissions: ['ADMIN_DEPLOYMENTS', 'ADMIN_ENVIRONMENTS'],
      labels: 'Deployments: Read and write, Environments: Read and write',
      controlled: true,
      description: 'Create a deployment',
      position: { file: FILE, line: 91, column: 1 },
    });
    expect(m.endpoints.filter((x) => x.permissions.length === 2)).toHaveLength(1);
  });

  it('keeps the page text next to the parsed pattern', async () => {
    const m = await model();
    const e = m.endpoints.find((x) => x.text === 'GET /projects/:id/releases/permalink/latest(/)(*suffix_path)');
    expect(e?.position).toEqual({ file: FILE, line: 241, column: 1 });
    // `GET /projects…` starts after "| Releases: Read | `READ_RELEASES` | `GET " on that line.
    expect(e?.pathPosition).toEqual({ file: FILE, line: 241, column: 43 });
    expect(e?.pattern.nodes).toEqual([
      { type: 'literal', value: '/projects/', column: 1 },
      { type: 'param', name: 'id', column: 11 },
      { type: 'literal', value: '/releases/permalink/latest', column: 14 },
      { type: 'optional', column: 40, nodes: [{ type: 'literal', value: '/', column: 41 }] },
      { type: 'optional', column: 43, nodes: [{ type: 'splat', name: 'suffix_path', column: 44 }] },
    ]);
  });

  it('reads the first and last rows of the table', async () => {
    const m = await model();
    expect(m.endpoints[0]).toMatchObject({ text: 'DELETE /projects/:id/deployments/:deployment_id', permissions: ['ADMIN_DEPLOYMENTS'], position: { line: 88 } });
    expect(m.endpoints.at(-1)).toMatchObject({ text: 'GET /projects/:id/terraform/state/:name', permissions: ['READ_TERRAFORM_STATE'], position: { line: 255 } });
  });

  it('matches the reviewed snapshot of the model', async () => {
    const m = await model();
    await expect(`${JSON.stringify(m, null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/job-token-model.json');
  });
});

describe('docs site view of the seed page', () => {
  it('has no Section column (the single table has no sections); the current page has one (test/site)', async () => {
    const { jobTokenEndpointsView } = await import('../../generator/site/views/gitlab-job-token-endpoints.ts');
    const view = jobTokenEndpointsView(await model());
    const endpoints = view.tables.find((t) => t.id === 'endpoints')!;
    expect(endpoints.columns.map((c) => c.label)).toEqual(['Route', 'Permissions (all required)', 'Description', 'Source']);
    expect(endpoints.rows.every((r) => r.cells.length === 4)).toBe(true);
  });
});
