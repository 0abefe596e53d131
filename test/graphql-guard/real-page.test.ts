/**
 * The guard built from the real page (sources/gitlab-pat-fine-grained-graphql.41946e6.md): counts,
 * names at several boundaries, lower-camel-case mutations, and answers over the test schema (whose
 * names are GitLab's). Expected lines are the page's. Distinct names per kind, counted on the page:
 * `grep '^| ' P | grep -v '^| Action\|^| ---' | awk -F' \\| ' '{n=$4; gsub(/[`| ]/,"",n); print $3, n}'
 * | sort -u | awk '{print $1}' | uniq -c` → 93 Type, 213 Mutation, 6 Field; the mutation names stay 213
 * with their first letter lowered, so no two of them share a schema field.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { realCatalog } from '../helpers/build.ts';
import type { GraphqlPermissionsModel } from '../../generator/model/catalog.ts';
import { guardPackage, testSchema, type GuardPackage } from './package.ts';
import { extractSeedPage } from '../graphql-page/pipeline.ts';

const PAGE = 'sources/gitlab-pat-fine-grained-graphql.41946e6.md';

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

  it('has every distinct name of the page: 93 types, 213 mutations, 6 fields (352 rows)', () => {
    const entries = pkg.gitlab.graphqlGuardEntries;
    const count = (kind: string) => entries.filter((e) => e.kind === kind).length;
    expect([count('Type'), count('Mutation'), count('Field')]).toEqual([93, 213, 6]);
    expect(entries.reduce((n, e) => n + e.grants.length, 0)).toBe(352);
  });

  it('keeps RunnerCreate at project, group and instance', () => {
    expect(rows('Mutation', 'RunnerCreate')).toEqual([
      ['create_runner', 'project', `${PAGE}:316:1`],
      ['create_runner', 'group', `${PAGE}:317:1`],
      ['create_runner', 'instance', `${PAGE}:318:1`],
    ]);
    expect(rows('Mutation', 'runnerCreate')).toEqual(rows('Mutation', 'RunnerCreate'));
  });

  it('keeps CiRunner at every boundary, Label and Analytics.mergeRequests at project and group', () => {
    expect(rows('Type', 'CiRunner')).toEqual([
      ['read_runner', 'project', `${PAGE}:322:1`],
      ['read_runner', 'group', `${PAGE}:323:1`],
      ['read_runner', 'instance', `${PAGE}:324:1`],
    ]);
    expect(rows('Type', 'Label')).toEqual([
      ['read_label', 'project', `${PAGE}:654:1`],
      ['read_label', 'group', `${PAGE}:655:1`],
    ]);
    expect(rows('Field', 'Analytics.mergeRequests')).toEqual([
      ['read_cycle_analytics', 'project', `${PAGE}:594:1`],
      ['read_cycle_analytics', 'group', `${PAGE}:595:1`],
    ]);
    // The seed page's Field rows for runners (`Project.runners`, `Query.runner`) are gone from this one.
    expect(rows('Field', 'Query.runner')).toBeUndefined();
    expect(rows('Field', 'Project.runners')).toBeUndefined();
  });

  it('finds mutations documented in lower camel case by either spelling', () => {
    expect(rows('Mutation', 'createContainerProtectionTagRule')).toEqual([['create_container_registry_protection_tag_rule', 'project', `${PAGE}:532:1`]]);
    expect(rows('Mutation', 'CreateContainerProtectionTagRule')).toEqual(rows('Mutation', 'createContainerProtectionTagRule'));
    expect(rows('Mutation', 'approvalProjectRuleDelete')).toEqual([['delete_approval_rule', 'project', `${PAGE}:779:1`]]);
    expect(rows('Mutation', 'branchRuleApprovalProjectRuleCreate')).toEqual([['create_approval_rule', 'project', `${PAGE}:778:1`]]);
  });

  it('carries the resource and category of a row (Email, whose title the page now has: line 871)', () => {
    const [email] = pkg.gitlab.requiredGraphqlPermissions('Type', 'Email')!;
    expect(email).toEqual({ permission: 'read_email', alsoRequires: [], action: 'Read', resource: 'Email', category: 'System Access', boundary: 'user', kind: 'Type', name: 'Email', source: `${PAGE}:877:1` });
  });
});

describe('the rule and least privilege with the real page', () => {
  const needs = (doc: string, options?: { mode?: string }) => {
    const r = pkg.graphql.requiredPermissionsForOperation(schema, parse(doc), options);
    return { permissions: r.permissions, ungrantable: r.ungrantable.map((u) => u.subject) };
  };

  it.each([
    ['{ project(fullPath: "a") { runners { nodes { id } } } }', ['read_project', 'read_runner'], []],
    // PipelineSchedule is a Type row (line 303); the seed's Field row Project.pipelineSchedules is gone.
    ['{ project(fullPath: "a") { pipelineSchedules { nodes { id } } } }', ['read_pipeline_schedule', 'read_project'], []],
    // The page lists Repository and Commit under Code (lines 812-813).
    ['{ project(fullPath: "a") { repository { lastCommit { sha } } } }', ['read_code', 'read_project'], []],
    // Milestone is a Work Item type only (lines 691, 699).
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
    expect(errors.map((e) => ({ message: e.message, locations: e.locations }))).toEqual([
      { message: 'Field "Query.runners" returns type "CiRunner", which needs the fine-grained permission read_runner.', locations: [{ line: 1, column: 3 }] },
    ]);
    const result = pkg.graphql.requiredPermissionsForOperation(schema, doc);
    // The connection's count reveals runners, so the field needs CiRunner's rows (lines 322-324); the
    // page no longer has a Field row for Query.runners.
    expect(result.requirements.map((r) => [r.subject, r.grants.map((g) => g.source)])).toEqual([['CiRunner', [`${PAGE}:322:1`, `${PAGE}:323:1`, `${PAGE}:324:1`]]]);
  });
});

describe('guard map of the seed export (test/fixtures/seeds/), as it was compiled before', () => {
  const SEED = 'test/fixtures/seeds/gitlab-graphql-fine-grained-permissions.export.txt';
  let seed: GuardPackage;
  beforeAll(async () => {
    const { model } = extractSeedPage();
    if (!model) throw new Error('the seed export did not read');
    seed = await guardPackage(model);
  });

  it('has 63 types, 150 mutations, 12 fields (251 rows), and the Field rows the current page dropped', () => {
    const entries = seed.gitlab.graphqlGuardEntries;
    const count = (kind: string) => entries.filter((e) => e.kind === kind).length;
    expect([count('Type'), count('Mutation'), count('Field'), entries.reduce((n, e) => n + e.grants.length, 0)]).toEqual([63, 150, 12, 251]);
    expect(seed.gitlab.requiredGraphqlPermissions('Field', 'Query.runner')?.map((g) => g.source)).toEqual([`${SEED}:148:1`, `${SEED}:151:1`, `${SEED}:153:1`]);
  });

  it('denies `{ runners { count } }` on the Field row Query.runners (line 154) and on CiRunner', () => {
    const doc = parse('{ runners { count } }');
    const errors = validate(schema, doc, [...specifiedRules, seed.graphql.fineGrainedPermissionsRule(['read_project'])]);
    expect(errors.map((e) => e.message)).toEqual(['Field "Query.runners" needs the fine-grained permission read_runner.']);
    expect(seed.graphql.requiredPermissionsForOperation(schema, doc).requirements.map((r) => [r.subject, r.grants.map((g) => g.source)])).toEqual([
      ['Query.runners', [`${SEED}:154:1`]],
      ['CiRunner', [`${SEED}:146:1`, `${SEED}:149:1`, `${SEED}:152:1`]],
    ]);
  });
});
