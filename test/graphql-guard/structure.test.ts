/**
 * The guard recognises payloads, connections, edges and page info by their structure, never by their
 * names (issue 11, item 8). The test schema (test/fixtures/graphql-guard/schema.graphql, GitLab's
 * conventions: `<Mutation>Payload`, `<X>Connection` with `pageInfo: PageInfo!`, `<X>Edge`) is rewritten
 * with other names and without any `pageInfo`; the same operations must get the same answers from both.
 * Decoys named like the old conventions (`…Connection` with `pageInfo` but no items) must be denied,
 * so the test fails if the name-based rule comes back.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSchema, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { projectRoot } from '../helpers/build.ts';
import { guardPackage, type GuardPackage, type LeastPrivilege } from './package.ts';
import { PAGE_PERMISSIONS } from './page-model.ts';
import { operationArbitrary } from './operations.ts';

const CONVENTIONAL = readFileSync(path.join(projectRoot, 'test/fixtures/graphql-guard/schema.graphql'), 'utf8');

/** Old name → new name: no payload ends in `Payload`, no connection in `Connection`, no edge in `Edge`. */
const RENAMES: [string, string][] = [
  ['RunnerCreatePayload', 'RunnerCreated'],
  ['RunnerUpdatePayload', 'RunnerChange'],
  ['LabelCreatePayload', 'NewLabel'],
  ['CreateIssuePayload', 'IssueCreation'],
  ['CreateContainerProtectionTagRulePayload', 'ProtectionRuleResult'],
  ['ProjectSettingsUpdatePayload', 'ProjectSettingsResult'],
  ['DangerousThingPayload', 'DangerResult'],
  ['CiRunnerConnection', 'CiRunnerList'],
  ['CiRunnerEdge', 'CiRunnerSlot'],
  ['ProjectConnection', 'ProjectList'],
  ['IssueConnection', 'IssueList'],
  ['LabelConnection', 'LabelPage'],
  ['PipelineScheduleConnection', 'PipelineSchedules'],
];
const rename = (text: string, pairs: [string, string][]) => pairs.reduce((t, [from, to]) => t.replace(new RegExp(`\\b${from}\\b`, 'g'), to), text);
const back = (text: string) => rename(text, RENAMES.map(([a, b]) => [b, a]));

/** The test schema with the names above and every connection's `pageInfo` field removed. */
const STRUCTURAL = rename(CONVENTIONAL, RENAMES).replace(/^\s*pageInfo: PageInfo!\n/gm, '');

let pkg: GuardPackage;
let conventional: GraphQLSchema;
let structural: GraphQLSchema;
beforeAll(async () => {
  pkg = await guardPackage();
  conventional = buildSchema(CONVENTIONAL);
  structural = buildSchema(STRUCTURAL);
});

/** An answer with the structural schema's type names mapped back, so both schemas' answers compare. */
function answer(schema: GraphQLSchema, doc: string, mode?: string) {
  const r: LeastPrivilege = pkg.graphql.requiredPermissionsForOperation(schema, parse(doc), mode ? { mode } : undefined);
  return {
    permissions: r.permissions,
    grantable: r.grantable,
    requirements: r.requirements.map((q) => `${q.reason} ${back(q.subject)} @ ${q.fields.map(back).join(', ')}`),
    ungrantable: r.ungrantable.map((q) => `${q.reason} ${back(q.subject)}`),
    errors: r.errors.map((e) => e.message),
  };
}

/** Locations of the rule's errors for some granted permissions (messages name types, so they differ). */
function denials(schema: GraphQLSchema, doc: string, granted: readonly string[]) {
  return validate(schema, parse(doc), [...specifiedRules, pkg.graphql.fineGrainedPermissionsRule(granted)]).map((e) => back(e.message));
}

describe('the guard by structure: the same schema under other names, without pageInfo', () => {
  it('the rewritten schema has no payload, connection or edge by the old names, and no pageInfo', () => {
    expect(STRUCTURAL).not.toMatch(/Payload\b|Connection\b|Edge\b|pageInfo/);
    expect(STRUCTURAL).toContain('runnerUpdate(input: RunnerUpdateInput!): RunnerChange');
    expect(STRUCTURAL).toMatch(/type CiRunnerList {\n {2}count: Int!\n {2}edges: \[CiRunnerSlot\]\n {2}nodes: \[CiRunner\]\n}/);
  });

  // Expected permissions are those of the test page (test/fixtures/graphql-guard/page.export.txt).
  it.each([
    ['{ project(fullPath: "a") { runners { count nodes { id status } edges { cursor node { id } } } } }', ['read_project', 'read_runner']],
    ['{ project(fullPath: "a") { labels { nodes { title } } } }', ['read_label', 'read_project']],
    ['{ project(fullPath: "a") { issues { count } } }', ['read_project', 'read_work_item']],
    ['{ runners { count } }', ['read_runner']],
    ['{ runner(id: "1") { projects { nodes { name } } } }', ['read_project', 'read_runner']],
    ['mutation { runnerUpdate(input: { id: "1" }) { errors } }', ['update_runner']],
    ['mutation { runnerUpdate(input: { id: "1" }) { runner { id } errors } }', ['read_runner', 'update_runner']],
    ['mutation { labelCreate(input: { projectPath: "a", title: "b" }) { label { id } } }', ['create_label', 'read_label']],
    ['mutation { createContainerProtectionTagRule(input: { projectPath: "a", tagNamePattern: "v*" }) { errors } }', ['create_container_registry_protection_tag_rule']],
  ])('allows %s with exactly the same permissions', (doc, permissions) => {
    const a = answer(conventional, doc);
    expect(a).toMatchObject({ permissions, grantable: true, ungrantable: [], errors: [] });
    expect(answer(structural, doc)).toEqual(a);
    expect(denials(structural, doc, permissions)).toEqual([]);
    expect(denials(structural, doc, [])).toEqual(denials(conventional, doc, []));
  });

  it.each([
    ['{ project(fullPath: "a") { repository { rootRef } } }', ['unlisted-type Repository']],
    ['{ auditEvents { id } }', ['unlisted-type AuditEvent']],
    ['mutation { dangerousThing(input: { really: true }) { errors } }', ['unknown-mutation dangerousThing']],
    ['{ node(id: "1") { id } }', ['unlisted-type AuditEvent']],
  ])('denies %s exactly as before (strict), and lax allows it on both', (doc, ungrantable) => {
    const a = answer(conventional, doc);
    expect(a.grantable).toBe(false);
    expect(a.ungrantable).toEqual(expect.arrayContaining(ungrantable));
    expect(answer(structural, doc)).toEqual(a);
    expect(denials(structural, doc, PAGE_PERMISSIONS)).toEqual(denials(conventional, doc, PAGE_PERMISSIONS));
    expect(denials(structural, doc, PAGE_PERMISSIONS).length).toBeGreaterThan(0);
    expect(answer(structural, doc, 'lax')).toEqual(answer(conventional, doc, 'lax'));
  });

  it('gives the same answer to 150 random operations (fast-check), in strict and lax mode', () => {
    fc.assert(
      fc.property(operationArbitrary(structural), ({ text }) => {
        const original = back(text);
        expect(answer(structural, text)).toEqual(answer(conventional, original));
        expect(answer(structural, text, 'lax')).toEqual(answer(conventional, original, 'lax'));
      }),
      { seed: 1111, numRuns: 150 },
    );
  });
});

describe('the guard by structure: names alone make nothing transparent (fails if the name-based rule returns)', () => {
  /** The conventional schema plus decoys that only look like the old conventions by name, or lie about structure. */
  const DECOYS = CONVENTIONAL.replace(
    'type Query {\n',
    [
      'type Query {',
      // Named like a connection, with `pageInfo: PageInfo!`, but no `nodes` or `edges`: it lists nothing.
      '  auditEventConnection: AuditEventConnection',
      // Lists itself: never reaches items.
      '  tree: Tree',
      // `nodes` and `edges` disagree on what they list.
      '  mixed: Mixed',
      // A payload type returned by a query: only a mutation field covers its own return type.
      '  lastRunnerUpdate: RunnerUpdatePayload',
      '',
    ].join('\n'),
  ).concat(
    [
      '',
      'type AuditEventConnection {',
      '  count: Int!',
      '  secretTotal: Int',
      '  pageInfo: PageInfo!',
      '}',
      'type Tree {',
      '  secret: String',
      '  nodes: [Tree]',
      '}',
      'type MixedEdge {',
      '  cursor: String!',
      '  node: Label',
      '}',
      'type Mixed {',
      '  count: Int!',
      '  nodes: [CiRunner]',
      '  edges: [MixedEdge]',
      '  pageInfo: PageInfo!',
      '}',
      '',
    ].join('\n'),
  );
  let decoys: GraphQLSchema;
  beforeAll(() => {
    decoys = buildSchema(DECOYS);
  });

  it.each([
    ['{ auditEventConnection { count secretTotal } }', 'unlisted-type AuditEventConnection'],
    ['{ tree { secret } }', 'unlisted-type Tree'],
    ['{ mixed { count } }', 'unlisted-type Mixed'],
    ['{ lastRunnerUpdate { errors } }', 'unlisted-type RunnerUpdatePayload'],
  ])('%s cannot be granted in strict mode', (doc, ungrantable) => {
    const a = answer(decoys, doc);
    expect(a).toMatchObject({ grantable: false, ungrantable: [ungrantable] });
    expect(denials(decoys, doc, PAGE_PERMISSIONS)).toHaveLength(1);
  });

  it('a real connection still needs what it lists (a count reveals the items)', () => {
    expect(answer(decoys, '{ runners { count } }')).toMatchObject({ permissions: ['read_runner'], grantable: true });
  });
});
