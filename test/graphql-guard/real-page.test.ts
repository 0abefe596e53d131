/**
 * The guard built from the real page (sources/gitlab-graphql-fine-grained-permissions.export.txt):
 * counts, names at several boundaries, lower-camel-case mutations, the overridden Email title, and
 * answers over the test schema (whose names are GitLab's). Expected lines are the page's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { realCatalog } from '../helpers/build.ts';
import type { GraphqlPermissionsModel } from '../../generator/model/catalog.ts';
import { guardPackage, testSchema, type GuardPackage } from './package.ts';

const PAGE = 'sources/gitlab-graphql-fine-grained-permissions.export.txt';

let pkg: GuardPackage;
let schema: GraphQLSchema;
beforeAll(async () => {
  const { catalog } = await realCatalog();
  const model = catalog.sources.find((s): s is GraphqlPermissionsModel => s.kind === 'gitlab-graphql-permissions');
  if (!model) throw new Error('the real catalog has no gitlab-graphql-permissions source');
  [pkg, schema] = await Promise.all([guardPackage(model), testSchema()]);
});

const rows = (kind: string, name: string) => pkg.gitlab.requiredGraphqlPermissions(kind, name)?.map((g) => [g.permission, g.boundary, g.source]);

describe('guard map of the real page', () => {
  it('emits without a diagnostic', () => {
    expect(pkg.diagnostics).toEqual([]);
  });

  it('has every distinct name of the page: 63 types, 150 mutations, 12 fields (251 rows)', () => {
    const entries = pkg.gitlab.graphqlGuardEntries;
    const count = (kind: string) => entries.filter((e) => e.kind === kind).length;
    expect([count('Type'), count('Mutation'), count('Field')]).toEqual([63, 150, 12]);
    expect(entries.reduce((n, e) => n + e.grants.length, 0)).toBe(251);
  });

  it('keeps RunnerCreate at project, group and instance', () => {
    expect(rows('Mutation', 'RunnerCreate')).toEqual([
      ['create_runner', 'project', `${PAGE}:140:1`],
      ['create_runner', 'group', `${PAGE}:141:1`],
      ['create_runner', 'instance', `${PAGE}:142:1`],
    ]);
    expect(rows('Mutation', 'runnerCreate')).toEqual(rows('Mutation', 'RunnerCreate'));
  });

  it('keeps CiRunner and Query.runner at every boundary, Label at project and group', () => {
    expect(rows('Type', 'CiRunner')).toEqual([
      ['read_runner', 'project', `${PAGE}:146:1`],
      ['read_runner', 'group', `${PAGE}:149:1`],
      ['read_runner', 'instance', `${PAGE}:152:1`],
    ]);
    expect(rows('Field', 'Query.runner')).toEqual([
      ['read_runner', 'project', `${PAGE}:148:1`],
      ['read_runner', 'group', `${PAGE}:151:1`],
      ['read_runner', 'instance', `${PAGE}:153:1`],
    ]);
    expect(rows('Type', 'Label')).toEqual([
      ['read_label', 'project', `${PAGE}:331:1`],
      ['read_label', 'group', `${PAGE}:332:1`],
    ]);
  });

  it('finds mutations documented in lower camel case by either spelling', () => {
    expect(rows('Mutation', 'createContainerProtectionTagRule')).toEqual([['create_container_registry_protection_tag_rule', 'project', `${PAGE}:251:1`]]);
    expect(rows('Mutation', 'CreateContainerProtectionTagRule')).toEqual(rows('Mutation', 'createContainerProtectionTagRule'));
    expect(rows('Mutation', 'approvalProjectRuleDelete')).toEqual([['delete_approval_rule', 'project', `${PAGE}:404:1`]]);
    expect(rows('Mutation', 'branchRuleApprovalProjectRuleCreate')).toEqual([['create_approval_rule', 'project', `${PAGE}:403:1`]]);
  });

  it('carries the resource and category of a row, including the Email title the page lacks (override)', () => {
    const [email] = pkg.gitlab.requiredGraphqlPermissions('Type', 'Email')!;
    expect(email).toEqual({ permission: 'read_email', alsoRequires: [], action: 'Read', resource: 'Email', category: 'System Access', boundary: 'user', kind: 'Type', name: 'Email', source: `${PAGE}:458:1` });
  });
});

describe('the rule and least privilege with the real page', () => {
  const needs = (doc: string, options?: { mode?: string }) => {
    const r = pkg.graphql.requiredPermissionsForOperation(schema, parse(doc), options);
    return { permissions: r.permissions, ungrantable: r.ungrantable.map((u) => u.subject) };
  };

  it.each([
    ['{ project(fullPath: "a") { runners { nodes { id } } } }', ['read_project', 'read_runner'], []],
    ['{ project(fullPath: "a") { pipelineSchedules { nodes { id } } } }', ['read_pipeline_schedule', 'read_project'], []],
    // The page lists Repository and Commit under Code (lines 428-429).
    ['{ project(fullPath: "a") { repository { lastCommit { sha } } } }', ['read_code', 'read_project'], []],
    // Milestone is a Work Item type only (lines 348, 352).
    ['{ milestone(id: "1") { title } }', ['read_work_item'], []],
    ['mutation { labelCreate(input: { projectPath: "a", title: "b" }) { label { id } } }', ['create_label', 'read_label'], []],
    ['mutation { createContainerProtectionTagRule(input: { projectPath: "a", tagNamePattern: "v*" }) { errors } }', ['create_container_registry_protection_tag_rule'], []],
    // AuditEvent is not on the page, and neither is the mutation dangerousThing.
    ['{ auditEvents { id } }', [], ['AuditEvent']],
    ['mutation { dangerousThing(input: { really: true }) { errors } }', [], ['dangerousThing']],
  ])('%s', (doc, permissions, ungrantable) => {
    expect(needs(doc)).toEqual({ permissions, ungrantable });
  });

  it('denies with the real permission names and points at the row', () => {
    const doc = parse('{ runners { count } }');
    const errors = validate(schema, doc, [...specifiedRules, pkg.graphql.fineGrainedPermissionsRule(['read_project'])]);
    expect(errors.map((e) => ({ message: e.message, locations: e.locations }))).toEqual([{ message: 'Field "Query.runners" needs the fine-grained permission read_runner.', locations: [{ line: 1, column: 3 }] }]);
    const result = pkg.graphql.requiredPermissionsForOperation(schema, doc);
    // The connection's count reveals runners, so the field also needs CiRunner's rows (lines 146, 149, 152).
    expect(result.requirements.map((r) => [r.subject, r.grants.map((g) => g.source)])).toEqual([
      ['Query.runners', [`${PAGE}:154:1`]],
      ['CiRunner', [`${PAGE}:146:1`, `${PAGE}:149:1`, `${PAGE}:152:1`]],
    ]);
  });
});
