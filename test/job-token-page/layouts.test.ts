/**
 * Layout drift: GitLab moved the job-token page from one table (the seed page, beta) to one
 * `<Resource> endpoints` section per resource (GA, 18.3+). The fixtures under
 * test/fixtures/job-token-layouts/ are cut from the real GA page (each says which lines); the
 * per-resource excerpt must read to the same rows and permissions as the seed page, and the broken
 * ones to exactly one error each (expected.json, written by hand). Structural variants the next
 * version may bring (other heading depths, `Unavailable endpoints`) are the inline pages below.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownReader } from '../../generator/read/markdown.ts';
import { jobTokenEndpointExtractor } from '../../generator/extract/job-token-endpoint-table.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { Overrides } from '../../generator/config/overrides.ts';
import { projectRoot } from '../helpers/build.ts';
import { itMatchesDiagnosticFixtures } from '../helpers/diagnostic-fixtures.ts';
import { JOB_TOKEN_SEED } from '../helpers/job-token-seed.ts';
import type { JobTokenEndpointsModel, SourceInfo } from '../../generator/model/catalog.ts';

const FIXTURES = path.join(projectRoot, 'test/fixtures/job-token-layouts');

function readText(text: string, file = 'page.md'): { model: JobTokenEndpointsModel; report: Reporter } {
  const report = new Reporter();
  const doc = markdownReader.read(text, file, report);
  expect(jobTokenEndpointExtractor.recognizes(doc)).toBe(true);
  const model = jobTokenEndpointExtractor.extract(doc, { source: {} as SourceInfo, report, overrides: new Overrides() });
  return { model, report };
}

const readFixture = (name: string) => readText(readFileSync(path.join(FIXTURES, name, 'page.md'), 'utf8'));
const diagnostics = (r: Reporter) => r.diagnostics.map((d) => [d.ruleId, d.line, d.column, d.message]);

/** What a row states, whatever the layout: route, permissions, labels, controlled. */
const essence = (m: JobTokenEndpointsModel) => new Map(m.endpoints.map((e) => [e.text, { permissions: e.permissions, labels: e.labels, controlled: e.controlled }]));

describe('job-token layout fixtures (cut from the GA page)', () => {
  itMatchesDiagnosticFixtures(FIXTURES, ['per-resource', 'name-contradicts-section', 'name-contradicts-scope', 'table-outside-section'], (name) => readFixture(name).report);
});

describe('the per-resource (GA) layout', () => {
  const ga = readFixture('per-resource');
  const seed = readText(readFileSync(path.join(projectRoot, JOB_TOKEN_SEED), 'utf8'), JOB_TOKEN_SEED);

  it('reads every row of the excerpt: 6 + 7 + 8 controlled rows in three sections, 3 unavailable', () => {
    // Counted in page.md: rows of the Badges (lines 11–16), Deployments (22–28), Environments (34–41)
    // and Unavailable (49–51) tables.
    expect(ga.model.endpoints).toHaveLength(24);
    expect(ga.model.endpoints.filter((e) => !e.controlled).map((e) => e.text)).toEqual([
      'DELETE /projects/:id/registry/repositories/:repository_id',
      'DELETE /projects/:id/registry/repositories/:repository_id/tags',
      'POST /token_exchange',
    ]);
  });

  it('gives each row shared with the seed page the same permissions, labels and control as the seed gives it', () => {
    const seedRows = essence(seed.model);
    const shared = [...essence(ga.model)].filter(([text]) => seedRows.has(text));
    // Deployments (7) + Environments (8) + the two registry DELETE rows; the badges and /token_exchange are new.
    expect(shared).toHaveLength(17);
    for (const [text, row] of shared) expect({ text, ...row }).toEqual({ text, ...seedRows.get(text) });
  });

  it('labels each permission from its section and scope, as the seed page writes them', () => {
    const seedPermissions = new Map(seed.model.permissions.map((p) => [p.name, p]));
    expect(ga.model.permissions.map((p) => `${p.name} = ${p.label} (${p.resource}, ${p.access})`)).toEqual([
      'ADMIN_BADGES = Badges: Read and write (Badges, admin)',
      'ADMIN_DEPLOYMENTS = Deployments: Read and write (Deployments, admin)',
      'ADMIN_ENVIRONMENTS = Environments: Read and write (Environments, admin)',
      'READ_BADGES = Badges: Read (Badges, read)',
      'READ_DEPLOYMENTS = Deployments: Read (Deployments, read)',
      'READ_ENVIRONMENTS = Environments: Read (Environments, read)',
    ]);
    for (const p of ga.model.permissions.filter((x) => seedPermissions.has(x.name))) {
      const s = seedPermissions.get(p.name)!;
      expect({ label: p.label, resource: p.resource, access: p.access }).toEqual({ label: s.label, resource: s.resource, access: s.access });
    }
  });

  it('reads the first column as the description, and the row that needs two permissions with both labels', () => {
    // page.md line 26: `| Create a deployment | `POST /projects/:id/deployments` | `ADMIN_DEPLOYMENTS`, `ADMIN_ENVIRONMENTS` | Read and write |`
    const e = ga.model.endpoints.find((x) => x.text === 'POST /projects/:id/deployments');
    expect(e).toMatchObject({
      description: 'Create a deployment',
      permissions: ['ADMIN_DEPLOYMENTS', 'ADMIN_ENVIRONMENTS'],
      labels: 'Deployments: Read and write, Environments: Read and write',
      controlled: true,
      position: { file: 'page.md', line: 26, column: 1 },
    });
    // ADMIN_ENVIRONMENTS is first named on that row (its second code span: `awk 'NR==26{print index($0,"ADMIN_ENVIRONMENTS")}'` gives 82), before its own section.
    expect(ga.model.permissions.find((p) => p.name === 'ADMIN_ENVIRONMENTS')?.position).toEqual({ file: 'page.md', line: 26, column: 82 });
    const none = ga.model.endpoints.find((x) => x.text === 'POST /token_exchange');
    expect(none).toMatchObject({ controlled: false, permissions: [], labels: 'None', description: 'Issue a short-lived JWT for a single modular-service audience', position: { line: 51 } });
  });
});

describe('structure, not heading levels', () => {
  const HEADER = '| Permission | API endpoint | Permission name | Scope |\n| - | - | - | - |\n';
  const UNAVAILABLE = '| Permission | API endpoint |\n| - | - |\n';

  it('reads sections at any depth below the Available heading, and `Unavailable endpoints`', () => {
    const { model, report } = readText(
      [
        '# Available endpoints',
        '## Jobs endpoints',
        `${HEADER}| List all jobs for a project | \`GET /projects/:id/jobs\` | \`READ_JOBS\` | Read |`,
        '#### Terraform state endpoints',
        `${HEADER}| Lock a Terraform state of a certain name | \`POST /projects/:id/terraform/state/:name/lock\` | \`ADMIN_TERRAFORM_STATE\` | Read and write |`,
        '##### Notes on locking',
        `${HEADER}| Unlock a Terraform state of a certain name | \`DELETE /projects/:id/terraform/state/:name/lock\` | \`ADMIN_TERRAFORM_STATE\` | Read and write |`,
        '## Unavailable endpoints',
        `${UNAVAILABLE}| Retrieve a job by job token | \`GET /job\` |`,
        '',
      ].join('\n\n'),
    );
    expect(diagnostics(report)).toEqual([]);
    expect(model.endpoints.map((e) => `${e.text} → ${e.controlled ? e.labels : 'None'}`)).toEqual([
      'GET /projects/:id/jobs → Jobs: Read',
      'POST /projects/:id/terraform/state/:name/lock → Terraform state: Read and write',
      'DELETE /projects/:id/terraform/state/:name/lock → Terraform state: Read and write',
      'GET /job → None',
    ]);
    // The section of each row is its `<Resource> endpoints` heading (line numbers of the joined page:
    // blocks are two lines apart), through the deeper `Notes on locking` heading; `Unavailable endpoints` as written.
    expect(model.layout).toBe('per-resource');
    expect(model.endpoints.map((e) => e.section && [e.section.kind, e.section.kind === 'resource' ? e.section.resource : '', e.section.heading, e.section.position.line])).toEqual([
      ['resource', 'Jobs', 'Jobs endpoints', 3],
      ['resource', 'Terraform state', 'Terraform state endpoints', 9],
      ['resource', 'Terraform state', 'Terraform state endpoints', 9],
      ['unavailable', '', 'Unavailable endpoints', 21],
    ]);
  });

  it('fails with a diagnostic naming what it found when a table sits in no resource section', () => {
    const { model, report } = readText(
      [
        '## Available API endpoints',
        '### Jobs endpoints',
        '### Known issues',
        `${HEADER}| List all jobs for a project | \`GET /projects/:id/jobs\` | \`READ_JOBS\` | Read |`,
        `${UNAVAILABLE}| Retrieve a job by job token | \`GET /job\` |`,
        '## Unavailable API endpoints',
        `${HEADER}| Retrieve a job by job token | \`GET /job\` | \`READ_JOBS\` | Read |`,
        '| Permission | API endpoint | Notes |\n| - | - | - |\n| Retrieve a job by job token | `GET /job` | none |',
        '',
      ].join('\n\n'),
    );
    expect(model.endpoints).toEqual([]);
    expect(diagnostics(report)).toEqual([
      ['job-token-table-section', 7, 1, 'The table `| Permission | API endpoint | Permission name | Scope |` is under `### Known issues` (line 5), not in a `<Resource> endpoints` section under `Available API endpoints`: its rows have no resource.'],
      ['job-token-table-section', 11, 1, 'The table `| Permission | API endpoint |` is under `### Known issues` (line 5), not under `Unavailable API endpoints`: permgen cannot tell whether its endpoints are controlled.'],
      ['job-token-table-section', 17, 1, 'The table `| Permission | API endpoint | Permission name | Scope |` is under `## Unavailable API endpoints` (line 15), not in a `<Resource> endpoints` section under `Available API endpoints`: its rows have no resource.'],
      ['job-token-table-unknown', 21, 1, 'A table `| Permission | API endpoint | Notes |` under `Unavailable API endpoints` is none of the job-token tables permgen reads.'],
    ]);
  });

  it('checks a row with several names: the section\'s first, then other sections\' permissions with the row\'s scope', () => {
    const { report } = readText(
      [
        '## Available API endpoints',
        '### Deployments endpoints',
        HEADER +
          [
            '| Create a deployment | `POST /projects/:id/deployments` | `ADMIN_DEPLOYMENTS`, `READ_ENVIRONMENTS` | Read and write |',
            '| Update a deployment | `PUT /projects/:id/deployments/:deployment_id` | `ADMIN_DEPLOYMENTS`, `ADMIN_CLUSTERS` | Read and write |',
            '| Delete a deployment | `DELETE /projects/:id/deployments/:deployment_id` | `ADMIN_ENVIRONMENTS`, `ADMIN_DEPLOYMENTS` | Read and write |',
            '| Retrieve a deployment | `GET /projects/:id/deployments/:deployment_id` | `READ_DEPLOYMENTS` | Write |',
          ].join('\n'),
        '### Environments endpoints',
        `${HEADER}| List all environments | \`GET /projects/:id/environments\` | \`READ_ENVIRONMENTS\` | Read |`,
        '',
      ].join('\n\n'),
    );
    expect(diagnostics(report)).toEqual([
      ['permission-label-mismatch', 7, 82, 'Permission `READ_ENVIRONMENTS` contradicts the scope `Read and write` of its row: for `Environments` that scope is `ADMIN_ENVIRONMENTS`.'],
      ['permission-label-mismatch', 8, 96, 'Permission `ADMIN_CLUSTERS` (an added permission of a row under `Deployments endpoints`) names no resource with a section on the page.'],
      ['permission-label-mismatch', 9, 78, 'Permission `ADMIN_ENVIRONMENTS` contradicts its section `Deployments endpoints`: with scope `Read and write` the section\'s permission is `ADMIN_DEPLOYMENTS`.'],
      // A cell's position is its opening pipe (column 95; `Write` starts at 97).
      ['permission-scope', 10, 95, 'Scope `Write` is not `Read` or `Read and write`.'],
    ]);
  });
});

describe('a single-table layout with an unavailable section', () => {
  it('marks the rows of a single-layout table under `Unavailable API endpoints` as that section, and `None` rows above it as none', () => {
    const { model, report } = readText(
      [
        '## Available API endpoints',
        '',
        '| Permissions | Permission Names | Path | Description |',
        '| --- | --- | --- | --- |',
        '| Deployments: Read | `READ_DEPLOYMENTS` | `GET /projects/:id/deployments` | List |',
        '| None |  | `GET /job` | Get current job |',
        '',
        '## Unavailable API endpoints',
        '',
        'CI/CD job tokens cannot access the following endpoints:',
        '',
        '| Permissions | Permission Names | Path | Description |',
        '| --- | --- | --- | --- |',
        '| None |  | `POST /token_exchange` | Issue JWT |',
        '',
      ].join('\n'),
    );
    expect(report.diagnostics).toEqual([]);
    expect(model.endpoints.map((e) => [e.text, e.controlled, e.section?.kind])).toEqual([
      ['GET /projects/:id/deployments', true, undefined],
      ['GET /job', false, undefined],
      ['POST /token_exchange', false, 'unavailable'],
    ]);
  });
});
