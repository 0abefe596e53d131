/**
 * GitLab's current job-token page (GA layout, GitLab commit 008551b), the page `sources/` compiles.
 * Every count below was taken from the page with grep/awk, never from permgen (F is the page):
 *   endpoints:   grep -c '^| [^|]* | `[A-Z]* /[^`]*` |' F                                  → 196
 *   tables:      grep -c '^| Permission | API endpoint' F                                    → 13
 *                (12 with `| Permission name | Scope |`, one per `### <Resource> endpoints`, and the unavailable one)
 *   unavailable: awk '/^## Unavailable API endpoints/{u=1} u && /^\| [^|]* \| `[A-Z]+ \//' F | wc -l  → 30
 *   rows per section and name: awk '/^### .* endpoints$/{…s=resource} /^## Unavailable/{s=""}
 *                s!="" && /^\| [^|]* \| `[A-Z]+ \// {split($0,c,"|"); print s, c[4], c[5]}' F | sort | uniq -c
 */
import { describe, expect, it } from 'vitest';
import { realCatalog } from '../helpers/build.ts';
import { seedCatalog } from '../helpers/job-token-seed.ts';
import type { Catalog, JobTokenEndpointsModel } from '../../generator/model/catalog.ts';

const FILE = 'sources/gitlab-job-token-fine-grained-permissions.008551b.md';

const jobToken = (catalog: Catalog): JobTokenEndpointsModel => {
  const m = catalog.sources.find((s): s is JobTokenEndpointsModel => s.kind === 'gitlab-job-token-endpoints');
  if (!m) throw new Error('job-token page not read');
  return m;
};
const model = async () => jobToken((await realCatalog()).catalog);

describe('GitLab job-token page, GA layout (current)', () => {
  it('is the page sources/ compiles, read without errors', async () => {
    const { diagnostics } = await realCatalog();
    expect(diagnostics.filter((d) => d.severity === 'error' && d.file === FILE)).toEqual([]);
    expect((await model()).source).toMatchObject({ id: 'gitlab-job-token-permissions', file: FILE, format: 'markdown' });
  });

  it('has 196 endpoints: 166 controlled in 12 resource tables, 30 in the unavailable table', async () => {
    const m = await model();
    expect(m.endpoints).toHaveLength(196);
    const unavailable = m.endpoints.filter((e) => !e.controlled);
    expect(unavailable).toHaveLength(30);
    // The unavailable table is the page's last (`## Unavailable API endpoints` is line 294).
    expect(unavailable.every((e) => e.position.line > 294 && e.permissions.length === 0 && e.labels === 'None')).toBe(true);
    expect(m.endpoints.filter((e) => e.controlled).every((e) => e.position.line < 294)).toBe(true);
  });

  it('reads 13 tables: the rows of each resource section, and the unavailable rows', async () => {
    const m = await model();
    const perTable = new Map<string, number>();
    // A row's table is the section of its first name (the section's own permission) or the unavailable table.
    for (const e of m.endpoints) {
      const table = e.controlled ? m.permissions.find((p) => p.name === e.permissions[0])!.resource : 'Unavailable';
      perTable.set(table, (perTable.get(table) ?? 0) + 1);
    }
    // From the awk count in the header: READ_x + ADMIN_x rows per section.
    expect(Object.fromEntries(perTable)).toEqual({
      Badges: 6,
      Deployments: 7,
      Environments: 8,
      Jobs: 8,
      'Merge requests': 4,
      Packages: 92,
      Pipelines: 6,
      Releases: 15,
      Repositories: 6,
      'Secure files': 5,
      'Terraform state': 7,
      'Work items': 2,
      Unavailable: 30,
    });
  });

  it('records the per-resource layout and the section of every row, in page order', async () => {
    const m = await model();
    expect(m.layout).toBe('per-resource');
    // Consecutive rows of one section, with its heading's line: awk '/^#+ /{h=$0; l=NR}
    // /^\| [^|]* \| `[A-Z]+ \//{print l": "h}' F | uniq -c (the page's rows under each heading, in order).
    const runs: string[] = [];
    let count = 0;
    m.endpoints.forEach((e, i) => {
      const s = e.section;
      const here = s ? `${s.position.line}: ${s.kind === 'resource' ? `${s.resource} | ${s.heading}` : `unavailable | ${s.heading}`}` : 'none';
      const next = m.endpoints[i + 1]?.section;
      count++;
      if (!next || next.position.line !== s?.position.line) {
        runs.push(`${count} × ${here}`);
        count = 0;
      }
    });
    expect(runs).toEqual([
      '6 × 68: Badges | Badges endpoints',
      '7 × 79: Deployments | Deployments endpoints',
      '8 × 91: Environments | Environments endpoints',
      '8 × 104: Jobs | Jobs endpoints',
      '4 × 117: Merge requests | Merge requests endpoints',
      '92 × 126: Packages | Packages endpoints',
      '6 × 223: Pipelines | Pipelines endpoints',
      '15 × 234: Releases | Releases endpoints',
      '6 × 254: Repositories | Repositories endpoints',
      '5 × 265: Secure files | Secure files endpoints',
      '7 × 275: Terraform state | Terraform state endpoints',
      '2 × 287: Work items | Work items endpoints',
      '30 × 294: unavailable | Unavailable API endpoints',
    ]);
    // Every row of a resource section is controlled, every row of the unavailable table is not.
    expect(m.endpoints.every((e) => e.controlled === (e.section?.kind === 'resource'))).toBe(true);
    expect(m.endpoints[0]!.section!.position).toEqual({ file: FILE, line: 68, column: 1 });
  });

  it('names 20 permissions, each with the resource of its section and the access of its scope', async () => {
    const m = await model();
    expect(m.permissions.map((p) => `${p.name} = ${p.label} (${p.resource}, ${p.access})`)).toEqual([
      'ADMIN_BADGES = Badges: Read and write (Badges, admin)',
      'ADMIN_DEPLOYMENTS = Deployments: Read and write (Deployments, admin)',
      'ADMIN_ENVIRONMENTS = Environments: Read and write (Environments, admin)',
      'ADMIN_PACKAGES = Packages: Read and write (Packages, admin)',
      'ADMIN_PIPELINES = Pipelines: Read and write (Pipelines, admin)',
      'ADMIN_RELEASES = Releases: Read and write (Releases, admin)',
      'ADMIN_SECURE_FILES = Secure files: Read and write (Secure files, admin)',
      'ADMIN_TERRAFORM_STATE = Terraform state: Read and write (Terraform state, admin)',
      'READ_BADGES = Badges: Read (Badges, read)',
      'READ_DEPLOYMENTS = Deployments: Read (Deployments, read)',
      'READ_ENVIRONMENTS = Environments: Read (Environments, read)',
      'READ_JOBS = Jobs: Read (Jobs, read)',
      'READ_MERGE_REQUESTS = Merge requests: Read (Merge requests, read)',
      'READ_PACKAGES = Packages: Read (Packages, read)',
      'READ_PIPELINES = Pipelines: Read (Pipelines, read)',
      'READ_RELEASES = Releases: Read (Releases, read)',
      'READ_REPOSITORIES = Repositories: Read (Repositories, read)',
      'READ_SECURE_FILES = Secure files: Read (Secure files, read)',
      'READ_TERRAFORM_STATE = Terraform state: Read (Terraform state, read)',
      'READ_WORK_ITEMS = Work items: Read (Work items, read)',
    ]);
  });

  it('keeps the one row that needs two permissions, with both labels', async () => {
    const m = await model();
    expect(m.endpoints.filter((e) => e.permissions.length > 1).map((e) => [e.text, e.permissions, e.labels, e.description, e.position.line])).toEqual([
      ['POST /projects/:id/deployments', ['ADMIN_DEPLOYMENTS', 'ADMIN_ENVIRONMENTS'], 'Deployments: Read and write, Environments: Read and write', 'Create a deployment', 87],
    ]);
  });

  it('holds every one of the seed page\'s 168 rows unchanged (method, path, permissions, control)', async () => {
    const seed = jobToken((await seedCatalog()).catalog);
    expect(seed.endpoints).toHaveLength(168);
    const current = new Map((await model()).endpoints.map((e) => [`${e.method} ${e.path}`, e]));
    for (const s of seed.endpoints) {
      const c = current.get(`${s.method} ${s.path}`);
      expect({ route: s.text, permissions: c?.permissions, controlled: c?.controlled }).toEqual({ route: s.text, permissions: s.permissions, controlled: s.controlled });
    }
  });

  it('warns about the four route overlaps whose permissions differ', async () => {
    const { diagnostics } = await realCatalog();
    // The seed page's three (its npm `*package_name` rows and the package pipelines row) and the
    // badges preview route `render`, which `:badge_id` also matches.
    expect(diagnostics.filter((d) => d.ruleId === 'route-overlap' && d.file === FILE).map((d) => `${d.file}:${d.line} ${d.message.slice(0, d.message.indexOf(': both match'))}`)).toEqual([
      `${FILE}:73 \`GET /projects/:id/badges/:badge_id\` (READ_BADGES) overlaps \`GET /projects/:id/badges/render\` (line 76, ADMIN_BADGES)`,
      `${FILE}:228 \`GET /projects/:id/packages/:package_id/pipelines\` (READ_PIPELINES) overlaps \`GET /projects/:id/packages/npm/*package_name\` (line 161, READ_PACKAGES)`,
      `${FILE}:307 \`GET /groups/:id/-/packages/npm/*package_name\` (unavailable: CI/CD job tokens cannot access it) overlaps \`GET /groups/:id/-/packages/npm/-/package/*package_name/dist-tags\` (line 139, READ_PACKAGES)`,
      `${FILE}:317 \`GET /packages/npm/*package_name\` (unavailable: CI/CD job tokens cannot access it) overlaps \`GET /packages/npm/-/package/*package_name/dist-tags\` (line 140, READ_PACKAGES)`,
    ]);
  });

  it('matches the reviewed snapshot of the model', async () => {
    const m = await model();
    await expect(`${JSON.stringify(m, null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/job-token-current-model.json');
  });
});
