/**
 * gitlab/graphql-guard-map.ts emitted from the hand-written test page: entries, lookups (by documented
 * and by schema name), freezing, the emitter's diagnostics, and the package boundaries (only the
 * gitlab/graphql subpath imports graphql).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { guardPackage, type GuardPackage } from './package.ts';
import { PAGE, pageModel } from './page-model.ts';
import { writePackage } from '../helpers/build.ts';
import { guardEntries } from '../../generator/emit/graphql-guard.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';

let pkg: GuardPackage;
beforeAll(async () => {
  pkg = await guardPackage();
});

describe('graphqlGuardEntries', () => {
  it('lists every documented name once, sorted by kind then name', () => {
    expect(pkg.gitlab.graphqlGuardEntries.map((e) => `${e.kind} ${e.name} ${e.schemaName}`)).toEqual([
      'Type CiRunner CiRunner',
      'Type Commit Commit',
      'Type Group Group',
      'Type Issue Issue',
      'Type Label Label',
      'Type Milestone Milestone',
      'Type PipelineSchedule PipelineSchedule',
      'Type Project Project',
      'Mutation CreateIssue createIssue',
      'Mutation LabelCreate labelCreate',
      'Mutation ProjectSettingsUpdate projectSettingsUpdate',
      'Mutation RunnerCreate runnerCreate',
      'Mutation RunnerUpdate runnerUpdate',
      'Mutation createContainerProtectionTagRule createContainerProtectionTagRule',
      'Field Group.runners Group.runners',
      'Field Issue.createNoteEmail Issue.createNoteEmail',
      'Field Project.pipelineSchedules Project.pipelineSchedules',
      'Field Project.runners Project.runners',
      'Field Query.group Query.group',
      'Field Query.project Query.project',
      'Field Query.runner Query.runner',
      'Field Query.runners Query.runners',
    ]);
  });

  it('is frozen all the way down', () => {
    const entries = pkg.gitlab.graphqlGuardEntries;
    expect(Object.isFrozen(entries)).toBe(true);
    expect(entries.every((e) => Object.isFrozen(e) && Object.isFrozen(e.grants) && e.grants.every((g) => Object.isFrozen(g) && Object.isFrozen(g.alsoRequires)))).toBe(true);
    expect(() => (entries[0]!.grants as unknown as unknown[]).push({})).toThrow(TypeError);
  });
});

describe('requiredGraphqlPermissions', () => {
  const lookup = (kind: string, name: string) => pkg.gitlab.requiredGraphqlPermissions(kind, name);

  it('keeps every row of a name listed at several boundaries, with its source line', () => {
    expect(lookup('Type', 'CiRunner')).toEqual([
      { permission: 'read_runner', alsoRequires: [], action: 'Read', resource: 'Runner', category: 'CI/CD', boundary: 'project', kind: 'Type', name: 'CiRunner', source: `${PAGE}:11:1` },
      { permission: 'read_runner', alsoRequires: [], action: 'Read', resource: 'Runner', category: 'CI/CD', boundary: 'group', kind: 'Type', name: 'CiRunner', source: `${PAGE}:14:1` },
      { permission: 'read_runner', alsoRequires: [], action: 'Read', resource: 'Runner', category: 'CI/CD', boundary: 'instance', kind: 'Type', name: 'CiRunner', source: `${PAGE}:16:1` },
    ]);
  });

  it('keeps rows of one name under several resources', () => {
    expect(lookup('Type', 'Milestone')?.map((g) => [g.permission, g.resource, g.category, g.source])).toEqual([
      ['read_work_item', 'Work Item', 'Project Planning', `${PAGE}:58:1`],
      ['read_release', 'Release', 'Project Planning', `${PAGE}:63:1`],
    ]);
  });

  it('finds a mutation by its documented name and by its schema field name (the same frozen list)', () => {
    const documented = lookup('Mutation', 'RunnerUpdate');
    expect(documented?.map((g) => [g.permission, g.boundary, g.source])).toEqual([
      ['update_runner', 'project', `${PAGE}:18:1`],
      ['update_runner', 'group', `${PAGE}:19:1`],
      ['update_runner', 'instance', `${PAGE}:20:1`],
    ]);
    expect(lookup('Mutation', 'runnerUpdate')).toBe(documented);
    expect(Object.isFrozen(documented)).toBe(true);
  });

  it('finds a mutation documented in lower camel case by either spelling', () => {
    const rows = lookup('Mutation', 'createContainerProtectionTagRule');
    expect(rows?.map((g) => [g.permission, g.source])).toEqual([['create_container_registry_protection_tag_rule', `${PAGE}:80:1`]]);
    expect(lookup('Mutation', 'CreateContainerProtectionTagRule')).toBe(rows);
  });

  it('finds a field by its coordinate', () => {
    expect(lookup('Field', 'Project.runners')?.map((g) => [g.permission, g.source])).toEqual([['read_runner', `${PAGE}:12:1`]]);
  });

  it.each([
    ['Type', 'AuditEvent'],
    ['Type', 'ciRunner'],
    ['Type', 'constructor'],
    ['Type', '__proto__'],
    ['Type', 'toString'],
    ['Type', 'Project.runners'],
    ['Field', 'Project.name'],
    ['Field', 'Project'],
    ['Mutation', 'dangerousThing'],
    ['Mutation', 'runnerupdate'],
    ['Type', 'RunnerUpdate'],
    ['Types', 'CiRunner'],
    ['constructor', 'CiRunner'],
  ])('%s %s is not documented: undefined', (kind, name) => {
    expect(lookup(kind, name)).toBeUndefined();
  });
});

describe('emitter diagnostics', () => {
  it('emits and type-checks the test page without a diagnostic', () => {
    expect(pkg.diagnostics).toEqual([]);
  });

  it('type-checks with --enum-style enum too (the map reuses the GraphqlPermission enum)', async () => {
    const { report, files } = await writePackage({ catalogVersion: 1, sources: [pageModel()] }, { enumStyle: 'enum' });
    expect(report.diagnostics).toEqual([]);
    expect(files.get('src/gitlab/graphql-guard-map.ts')).toContain('readonly permission: `${GraphqlPermission}`;');
  });

  it('refuses a name it could not match against a schema', () => {
    const model = pageModel();
    const grants = model.categories[0]!.resources[0]!.grants;
    grants[4]!.name = 'Project';
    grants[3]!.name = 'Ci Runner';
    const report = new Reporter();
    guardEntries(model, report);
    expect(report.diagnostics).toEqual([
      {
        file: PAGE,
        line: 11,
        column: 1,
        severity: 'error',
        ruleId: 'graphql-guard-name',
        message: '`Ci Runner` is not a GraphQL name, so the guard cannot match it against a schema.',
        hint: 'Fix the row upstream, or correct the name with an override in sources/overrides.json.',
      },
      {
        file: PAGE,
        line: 12,
        column: 1,
        severity: 'error',
        ruleId: 'graphql-guard-name',
        message: '`Project` is not a GraphQL field coordinate (`Type.field`), so the guard cannot match it against a schema.',
        hint: 'Fix the row upstream, or correct the name with an override in sources/overrides.json.',
      },
    ]);
  });

  it('warns when two documented mutations are one schema field, and keeps the rows of both', async () => {
    const model = pageModel();
    model.categories[1]!.resources[0]!.grants.push({
      action: 'Update',
      access: 'Project',
      boundary: 'project',
      kind: 'Mutation',
      name: 'projectSettingsUpdate',
      permission: 'update_project_settings',
      alsoRequires: [],
      position: { file: PAGE, line: 35, column: 1 },
    });
    const report = new Reporter();
    guardEntries(model, report);
    expect(report.diagnostics).toEqual([
      {
        file: PAGE,
        line: 35,
        column: 1,
        severity: 'warning',
        ruleId: 'graphql-guard-mutation-alias',
        message: `Mutations \`ProjectSettingsUpdate\` (${PAGE}:34:1) and \`projectSettingsUpdate\` are both exposed as the field \`projectSettingsUpdate\`; the guard accepts the rows of either.`,
        hint: "Check which spelling GitLab's schema uses; if the two rows mean different mutations, report it upstream.",
      },
    ]);
    const p = await guardPackage(model);
    expect(p.gitlab.requiredGraphqlPermissions('Mutation', 'projectSettingsUpdate')?.map((g) => g.permission)).toEqual(['update_project', 'update_project_settings']);
  });
});

describe('package boundaries', () => {
  it('exports the map from token-permissions/gitlab and the rule from token-permissions/gitlab/graphql', () => {
    expect(Object.keys(pkg.gitlab).filter((k) => /guard|requiredGraphql/i.test(k)).sort()).toEqual(['graphqlGuardEntries', 'requiredGraphqlPermissions']);
    expect(Object.keys(pkg.graphql).sort()).toEqual(['fineGrainedPermissionsRule', 'requiredPermissionsForOperation']);
  });

  it('imports graphql only under gitlab/graphql/', () => {
    const importsGraphql = [...pkg.files.entries()].filter(([path, text]) => path.endsWith('.js') && /from "graphql"|from 'graphql'|import\("graphql"\)/.test(text)).map(([path]) => path);
    expect(importsGraphql.sort()).toEqual([
      'gitlab/graphql/runtime/graphql-least-privilege.js',
      'gitlab/graphql/runtime/graphql-requirements.js',
      'gitlab/graphql/runtime/graphql-rule.js',
    ]);
    expect(pkg.files.get('index.js')).not.toContain('graphql/');
    expect(pkg.files.get('gitlab/index.js')).not.toContain('./graphql/');
  });

  it('copies the runtime with the header and imports pointed at the package layout', () => {
    const rule = pkg.files.get('src/gitlab/graphql/runtime/graphql-rule.ts')!;
    expect(rule.startsWith('/*\n * This file was generated by permgen.')).toBe(true);
    expect(rule).toContain("// Copied from permgen's generator/emit/runtime/graphql-rule.ts");
    expect(rule).toContain("from '../../runtime/graphql-guard-lookup.js'");
    expect(rule).toContain("from './graphql-requirements.js'");
  });

  it('emits the map and the binding as reviewed', async () => {
    await expect(pkg.files.get('src/gitlab/graphql-guard-map.ts')).toMatchFileSnapshot('../fixtures/graphql-guard/emitted/graphql-guard-map.ts.txt');
    await expect(pkg.files.get('src/gitlab/graphql/fine-grained-permissions.ts')).toMatchFileSnapshot('../fixtures/graphql-guard/emitted/fine-grained-permissions.ts.txt');
  });
});
