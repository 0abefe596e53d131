/**
 * The seed version of GitLab's GraphQL permission page (a plain-text export, now the fixture
 * test/fixtures/seeds/gitlab-graphql-fine-grained-permissions.export.txt), read as it always was.
 * Counts, names and lines are taken from it by hand: 12 `… resources` lines, 59 `Grants the
 * ability to …` lines, 59 tables, 251 rows (lines 13–505). Its Email resource has no title line,
 * supplied by the override in test/fixtures/seeds/gitlab-graphql-fine-grained-permissions.overrides.json.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GraphqlGrant, GraphqlPermissionsModel, GraphqlResource } from '../../generator/model/catalog.ts';
import { permissionId } from '../../generator/extract/graphql-permission-table.ts';
import { projectRoot } from '../helpers/build.ts';
import { extract, extractSeedPage, SEED_PAGE as PAGE, SOURCE_ID } from './pipeline.ts';

const at = (line: number, column = 1) => ({ file: PAGE, line, column });

function page(): GraphqlPermissionsModel {
  const { model } = extractSeedPage();
  if (!model) throw new Error('GraphQL page not recognised');
  return model;
}
const resources = (m: GraphqlPermissionsModel): GraphqlResource[] => m.categories.flatMap((c) => c.resources);
const grants = (m: GraphqlPermissionsModel): GraphqlGrant[] => resources(m).flatMap((r) => r.grants);
const grant = (m: GraphqlPermissionsModel, line: number): GraphqlGrant | undefined => grants(m).find((g) => g.position.line === line);

describe('GitLab GraphQL permission page, seed export', () => {
  it('has 251 rows in 59 resources in 12 categories', () => {
    const m = page();
    expect(m.categories).toHaveLength(12);
    expect(resources(m)).toHaveLength(59);
    expect(grants(m)).toHaveLength(251);
  });

  it('lists the categories in page order with their lines, resource and row counts', () => {
    expect(page().categories.map((c) => [c.name, c.position.line, c.resources.length, c.resources.reduce((n, r) => n + r.grants.length, 0)])).toEqual([
      ['Application Security', 8, 2, 8],
      ['CI/CD', 25, 19, 82],
      ['Duo', 184, 1, 4],
      ['Groups', 193, 6, 16],
      ['Organizations', 234, 1, 7],
      ['Packages And Registry', 246, 5, 17],
      ['Project Features', 284, 3, 11],
      ['Project Model Registry And Experiments', 308, 1, 3],
      ['Project Planning', 316, 3, 41],
      ['Projects', 370, 3, 15],
      ['Repository', 398, 8, 23],
      ['System Access', 454, 7, 24],
    ]);
    expect(page().categories[1]).toMatchObject({ name: 'CI/CD', text: 'CI/CD resources', position: at(25) });
  });

  it('reports only the missing Email title, as a warning at line 455, resolved by the reviewed override', () => {
    const { diagnostics } = extractSeedPage();
    expect(diagnostics.map(({ hint: _h, ...d }) => d)).toEqual([
      {
        severity: 'warning',
        ruleId: 'resource-title-overridden',
        file: PAGE,
        line: 455,
        column: 1,
        message: 'The resource described as `Grants the ability to create, delete, and read emails.` (in `System Access`) has no title line; using `Email` from override `gitlab-graphql-email-title`.',
      },
    ]);
    const systemAccess = page().categories.find((c) => c.name === 'System Access');
    expect(systemAccess?.resources[0]).toEqual({
      name: 'Email',
      description: 'Grants the ability to create, delete, and read emails.',
      position: at(455),
      override: 'gitlab-graphql-email-title',
      grants: [{ action: 'Read', access: 'User', boundary: 'user', kind: 'Type', name: 'Email', permission: 'read_email', alsoRequires: [], position: at(458) }],
    });
  });

  it('without the override: an error at line 455 and the Email row is not read', () => {
    const { model, diagnostics } = extract(readFileSync(path.join(projectRoot, PAGE), 'utf8'), PAGE, { sourceId: SOURCE_ID });
    expect(diagnostics.map((d) => [d.severity, d.ruleId, d.line, d.column])).toEqual([['error', 'resource-title-missing', 455, 1]]);
    expect(resources(model!)).toHaveLength(58);
    expect(grants(model!)).toHaveLength(250);
    expect(grants(model!).some((g) => g.name === 'Email')).toBe(false);
  });

  it('derives permission ids from the action and the resource title', () => {
    expect(permissionId('Read', 'Runner')).toBe('read_runner');
    expect(permissionId('Update', 'CI/CD Setting')).toBe('update_ci_cd_setting');
    expect(permissionId('Create', 'Cluster Agent URL Configuration')).toBe('create_cluster_agent_url_configuration');
    expect(permissionId('Delete', 'LDAP Admin Role Link')).toBe('delete_ldap_admin_role_link');
  });

  it('reads read_runner rows (lines 146–154) with the page text next to the parsed form', () => {
    const m = page();
    expect(grant(m, 146)).toEqual({ action: 'Read', access: 'Project', boundary: 'project', kind: 'Type', name: 'CiRunner', permission: 'read_runner', alsoRequires: [], position: at(146) });
    expect(grants(m).filter((g) => g.permission === 'read_runner').map((g) => `${g.position.line} ${g.boundary} ${g.kind} ${g.name}`)).toEqual([
      '146 project Type CiRunner',
      '147 project Field Project.runners',
      '148 project Field Query.runner',
      '149 group Type CiRunner',
      '150 group Field Group.runners',
      '151 group Field Query.runner',
      '152 instance Type CiRunner',
      '153 instance Field Query.runner',
      '154 instance Field Query.runners',
    ]);
  });

  it('grants RunnerCreate at project, group and instance (lines 140–142)', () => {
    expect(grants(page()).filter((g) => g.name === 'RunnerCreate').map((g) => [g.position.line, g.permission, g.access, g.boundary, g.kind])).toEqual([
      [140, 'create_runner', 'Project', 'project', 'Mutation'],
      [141, 'create_runner', 'Group', 'group', 'Mutation'],
      [142, 'create_runner', 'Instance', 'instance', 'Mutation'],
    ]);
  });

  it('reads update_ci_cd_setting (lines 35–36) under the resource at line 31', () => {
    const m = page();
    const setting = resources(m).find((r) => r.name === 'CI/CD Setting');
    expect(setting?.position).toEqual(at(31));
    expect(setting?.description).toBe('Grants the ability to update CI/CD settings.');
    expect(setting?.grants.map((g) => [g.position.line, g.permission, g.boundary, g.name])).toEqual([
      [35, 'update_ci_cd_setting', 'project', 'ProjectCiCdSettingsUpdate'],
      [36, 'update_ci_cd_setting', 'group', 'SafeDisablePipelineVariables'],
    ]);
  });

  it('grants the Label type at project and group (lines 331–332)', () => {
    expect(grants(page()).filter((g) => g.name === 'Label').map((g) => [g.position.line, g.permission, g.boundary, g.kind])).toEqual([
      [331, 'read_label', 'project', 'Type'],
      [332, 'read_label', 'group', 'Type'],
    ]);
  });

  it('keeps a lower-case mutation name as written (line 251)', () => {
    expect(grant(page(), 251)).toMatchObject({ action: 'Create', kind: 'Mutation', name: 'createContainerProtectionTagRule', permission: 'create_container_registry_protection_tag_rule' });
  });

  it('derives ids from titles with acronyms (lines 75, 213–214)', () => {
    const m = page();
    expect(grant(m, 75)).toMatchObject({ name: 'ClusterAgentUrlConfigurationCreate', permission: 'create_cluster_agent_url_configuration' });
    expect(grant(m, 213)).toMatchObject({ name: 'AdminRolesLdapSync', permission: 'create_ldap_admin_role_link', boundary: 'instance' });
    expect(grant(m, 214)).toMatchObject({ name: 'LdapAdminRoleLinkCreate', permission: 'create_ldap_admin_role_link' });
  });

  it('reads Field rows as Type.field (line 130) and the last row without a trailing newline (line 505)', () => {
    const m = page();
    expect(grant(m, 130)).toMatchObject({ kind: 'Field', name: 'Project.pipelineSchedules', permission: 'read_pipeline_schedule' });
    expect(grants(m).at(-1)).toEqual({ action: 'Read', access: 'User', boundary: 'user', kind: 'Type', name: 'UserCore', permission: 'read_user', alsoRequires: [], position: at(505) });
  });

  it('has 135 distinct permissions, none from a permission-id override, no footnotes', () => {
    const all = grants(page());
    expect(new Set(all.map((g) => g.permission)).size).toBe(135);
    expect(all.filter((g) => g.permissionOverride !== undefined)).toEqual([]);
    expect(all.filter((g) => g.alsoRequires.length > 0)).toEqual([]);
  });

  it('matches the reviewed snapshot of the model', async () => {
    await expect(`${JSON.stringify(page().categories, null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/graphql-permissions-model.json');
  });
});
