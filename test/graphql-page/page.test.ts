/**
 * GitLab's current GraphQL permission page (sources/gitlab-pat-fine-grained-graphql.41946e6.md, the
 * Markdown layout), read as it is. Every count and line is taken from the page with grep/awk, not from
 * the extractor (P is the page):
 * - categories: `grep -c '^### .* resources$' P` → 14; resources: `grep -c '^#### ' P` → 75; tables:
 *   `grep -c '^| Action | Access | Kind | Name |$' P` → 75.
 * - rows: `grep '^| ' P | grep -v '^| Action\|^| ---' | wc -l` → 352; by kind (`awk -F' \\| ' '{print $3}'`
 *   over those lines | sort | uniq -c): 103 Type, 242 Mutation, 7 Field.
 * - per category (line, resources, rows): awk that resets at each `### … resources` line and counts
 *   `#### ` lines and row lines until the next one.
 * - distinct permissions (action + `####` title, lower-cased): awk over the row lines → 170.
 * - footnotes: `grep -c '<sup>' P` → 0, so no row also requires another permission.
 */
import { describe, expect, it } from 'vitest';
import type { GraphqlGrant, GraphqlPermissionsModel, GraphqlResource } from '../../generator/model/catalog.ts';
import { realCatalog } from '../helpers/build.ts';
import { extractRealPage, PAGE, SOURCE_ID } from './pipeline.ts';

const at = (line: number, column = 1) => ({ file: PAGE, line, column });

function page(): GraphqlPermissionsModel {
  const { model } = extractRealPage();
  if (!model) throw new Error('GraphQL page not recognised');
  return model;
}
const resources = (m: GraphqlPermissionsModel): GraphqlResource[] => m.categories.flatMap((c) => c.resources);
const grants = (m: GraphqlPermissionsModel): GraphqlGrant[] => resources(m).flatMap((r) => r.grants);
const grant = (m: GraphqlPermissionsModel, line: number): GraphqlGrant | undefined => grants(m).find((g) => g.position.line === line);
const byLine = (m: GraphqlPermissionsModel, name: string) => grants(m).filter((g) => g.name === name).map((g) => [g.position.line, g.permission, g.boundary, g.kind]);

describe('GitLab GraphQL permission page (current, Markdown)', () => {
  it('has 352 rows (103 Type, 242 Mutation, 7 Field) in 75 resources in 14 categories', () => {
    const m = page();
    expect(m.categories).toHaveLength(14);
    expect(resources(m)).toHaveLength(75);
    expect(grants(m)).toHaveLength(352);
    expect(['Type', 'Mutation', 'Field'].map((k) => grants(m).filter((g) => g.kind === k).length)).toEqual([103, 242, 7]);
  });

  it('lists the categories in page order with their lines, resource and row counts', () => {
    expect(page().categories.map((c) => [c.name, c.position.line, c.resources.length, c.resources.reduce((n, r) => n + r.grants.length, 0)])).toEqual([
      ['Application Security', 39, 4, 16],
      ['CI/CD', 85, 26, 95],
      ['Duo', 364, 5, 15],
      ['Groups', 416, 6, 15],
      ['Monitoring', 475, 1, 1],
      ['Notifications', 485, 1, 14],
      ['Organizations', 508, 1, 7],
      ['Packages and Registry', 524, 5, 17],
      ['Project Features', 578, 4, 13],
      ['Project Model Registry and Experiments', 621, 1, 3],
      ['Project Planning', 633, 3, 77],
      ['Projects', 733, 3, 14],
      ['Repository', 770, 8, 41],
      ['System Access', 869, 7, 24],
    ]);
    expect(page().categories[1]).toMatchObject({ name: 'CI/CD', text: 'CI/CD resources', position: at(85) });
  });

  it('reads without a diagnostic: the Email title is on the page (line 871), so no override is needed', () => {
    const { diagnostics } = extractRealPage();
    expect(diagnostics).toEqual([]);
    const email = resources(page()).find((r) => r.name === 'Email');
    expect(email).toEqual({
      name: 'Email',
      description: 'Grants the ability to create, delete, and read emails.',
      position: at(871),
      grants: [{ action: 'Read', access: 'User', boundary: 'user', kind: 'Type', name: 'Email', permission: 'read_email', alsoRequires: [], position: at(877) }],
    });
    expect(resources(page()).filter((r) => r.override !== undefined)).toEqual([]);
  });

  it('reads the Runner table (lines 314–327) with the code spans stripped from the names', () => {
    const m = page();
    const runner = resources(m).find((r) => r.name === 'Runner');
    expect(runner?.position).toEqual(at(308));
    expect(runner?.description).toBe('Grants the ability to assign, create, delete, read, and update runners.');
    expect(grant(m, 322)).toEqual({ action: 'Read', access: 'Project', boundary: 'project', kind: 'Type', name: 'CiRunner', permission: 'read_runner', alsoRequires: [], position: at(322) });
    expect(runner?.grants.map((g) => `${g.position.line} ${g.permission} ${g.boundary} ${g.kind} ${g.name}`)).toEqual([
      '314 assign_runner project Mutation RunnerAssignToProject',
      '315 assign_runner project Mutation RunnerUnassignFromProject',
      '316 create_runner project Mutation RunnerCreate',
      '317 create_runner group Mutation RunnerCreate',
      '318 create_runner instance Mutation RunnerCreate',
      '319 delete_runner project Mutation RunnerDelete',
      '320 delete_runner group Mutation RunnerDelete',
      '321 delete_runner instance Mutation RunnerDelete',
      '322 read_runner project Type CiRunner',
      '323 read_runner group Type CiRunner',
      '324 read_runner instance Type CiRunner',
      '325 update_runner project Mutation RunnerCacheClear',
      '326 update_runner project Mutation RunnerUpdate',
      '327 update_runner group Mutation RunnerUpdate',
      '328 update_runner instance Mutation RunnerUpdate',
    ]);
  });

  it('reads the 7 Field rows as Type.field (lines 78, 380, 594–595, 672–674)', () => {
    expect(grants(page()).filter((g) => g.kind === 'Field').map((g) => [g.position.line, g.permission, g.boundary, g.name])).toEqual([
      [78, 'read_vulnerability', 'project', 'MergeRequest.findingReportsComparer'],
      [380, 'read_ai_tool_rule', 'group', 'Query.aiToolRules'],
      [594, 'read_cycle_analytics', 'project', 'Analytics.mergeRequests'],
      [595, 'read_cycle_analytics', 'group', 'Analytics.mergeRequests'],
      [672, 'create_work_item', 'project', 'EpicIssue.createNoteEmail'],
      [673, 'create_work_item', 'project', 'Issue.createNoteEmail'],
      [674, 'create_work_item', 'project', 'WorkItem.createNoteEmail'],
    ]);
  });

  it('keeps names at several boundaries and lower-camel mutations as written', () => {
    const m = page();
    expect(byLine(m, 'Label')).toEqual([
      [654, 'read_label', 'project', 'Type'],
      [655, 'read_label', 'group', 'Type'],
    ]);
    expect(byLine(m, 'CreateSnippet')).toEqual([
      [614, 'create_snippet', 'project', 'Mutation'],
      [615, 'create_snippet', 'user', 'Mutation'],
    ]);
    expect(grant(m, 532)).toMatchObject({ action: 'Create', kind: 'Mutation', name: 'createContainerProtectionTagRule', permission: 'create_container_registry_protection_tag_rule' });
    expect(grant(m, 778)).toMatchObject({ name: 'branchRuleApprovalProjectRuleCreate', permission: 'create_approval_rule' });
  });

  it('derives ids from titles with acronyms and lower-case words (lines 444–447, 366)', () => {
    const m = page();
    expect(byLine(m, 'AdminRolesLdapSync')).toEqual([[444, 'create_ldap_admin_role_link', 'instance', 'Mutation']]);
    expect(grant(m, 447)).toMatchObject({ name: 'LdapAdminRoleLink', permission: 'read_ldap_admin_role_link' });
    // `#### AI catalog item` (line 366), written in sentence case: its only row (372) is Restore.
    expect(grant(m, 372)).toMatchObject({ action: 'Restore', name: 'AiCatalogItemVersionRestore', permission: 'restore_ai_catalog_item' });
  });

  it('reads the last row (line 942)', () => {
    expect(grants(page()).at(-1)).toEqual({ action: 'Read', access: 'User', boundary: 'user', kind: 'Type', name: 'UserCore', permission: 'read_user', alsoRequires: [], position: at(942) });
  });

  it('has 170 distinct permissions, none from a permission-id override, no footnotes', () => {
    const all = grants(page());
    expect(new Set(all.map((g) => g.permission)).size).toBe(170);
    expect(all.filter((g) => g.permissionOverride !== undefined)).toEqual([]);
    expect(all.filter((g) => g.alsoRequires.length > 0)).toEqual([]);
  });

  it('is what the real build produces (manifest, Markdown reader, no override, no warning)', async () => {
    const { catalog, diagnostics } = await realCatalog();
    const built = catalog.sources.find((s): s is GraphqlPermissionsModel => s.kind === 'gitlab-graphql-permissions');
    expect(built?.source).toMatchObject({ id: SOURCE_ID, file: PAGE, format: 'markdown' });
    expect(built?.categories).toEqual(page().categories);
    expect(diagnostics.filter((d) => d.file === PAGE || d.file === 'sources/overrides.json')).toEqual([]);
  });

  it('matches the reviewed snapshot of the model', async () => {
    await expect(`${JSON.stringify(page().categories, null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/graphql-permissions-model.41946e6.json');
  });
});
