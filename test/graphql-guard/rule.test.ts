/**
 * fineGrainedPermissionsRule over the test schema and the hand-written test page: table-driven cases
 * with exact messages and locations (graphql-js KnownTypeNamesRule-test style). Permissions are
 * those of test/fixtures/graphql-guard/page.export.txt.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSchema, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { guardPackage, testSchema, type GuardPackage } from './package.ts';
import { PAGE_PERMISSIONS, pageModel } from './page-model.ts';
import { polluted } from '../helpers/pollute.ts';

interface Case {
  name: string;
  doc: string;
  granted: readonly string[];
  mode?: 'strict' | 'lax';
  errors: { message: string; locations: { line: number; column: number }[] }[];
}

const ALL = PAGE_PERMISSIONS;
const except = (...drop: string[]) => ALL.filter((p) => !drop.includes(p));
const at = (line: number, column: number) => [{ line, column }];

const allowed: Case[] = [
  { name: 'a documented field and its type with the one permission both need', doc: '{ project(fullPath: "a") { name fullPath } }', granted: ['read_project'], errors: [] },
  {
    name: 'connection, edge and page-info wrappers need nothing of their own',
    doc: `
{
  project(fullPath: "a") {
    runners {
      count
      nodes { id description status }
      edges { cursor node { id } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`,
    granted: ['read_project', 'read_runner'],
    errors: [],
  },
  { name: 'a union with every possible type covered', doc: '{ search(term: "x") { __typename ... on Issue { title } } }', granted: ['read_code', 'read_label', 'read_work_item'], errors: [] },
  { name: 'either permission of a type listed under two resources (1)', doc: '{ milestone(id: "1") { title } }', granted: ['read_release'], errors: [] },
  { name: 'either permission of a type listed under two resources (2)', doc: '{ milestone(id: "1") { title } }', granted: ['read_work_item'], errors: [] },
  { name: 'introspection needs nothing, even in strict mode', doc: '{ __typename __schema { queryType { name } types { name kind } } __type(name: "Project") { name } }', granted: [], errors: [] },
  { name: 'a scalar field of the query root needs nothing', doc: '{ echo(text: "hi") }', granted: [], errors: [] },
  { name: 'a mutation covers its payload', doc: 'mutation { runnerUpdate(input: { id: "1" }) { errors } }', granted: ['update_runner'], errors: [] },
  { name: 'a type inside a payload needs its own permission', doc: 'mutation { runnerUpdate(input: { id: "1" }) { runner { id } errors } }', granted: ['read_runner', 'update_runner'], errors: [] },
  {
    name: 'a mutation documented in lower camel case',
    doc: 'mutation { createContainerProtectionTagRule(input: { projectPath: "a", tagNamePattern: "v*" }) { errors } }',
    granted: ['create_container_registry_protection_tag_rule'],
    errors: [],
  },
  { name: 'a subscription, like a query', doc: 'subscription { issueUpdated(issuableId: "1") { title milestone { title } } }', granted: ['read_work_item'], errors: [] },
  { name: 'lax mode allows an undocumented possible type', doc: '{ node(id: "1") { id } }', granted: ALL, mode: 'lax', errors: [] },
  { name: 'lax mode allows an undocumented type', doc: '{ project(fullPath: "a") { repository { rootRef } } }', granted: ['read_project'], mode: 'lax', errors: [] },
  { name: 'lax mode allows an undocumented mutation', doc: 'mutation { dangerousThing(input: { really: true }) { errors } }', granted: [], mode: 'lax', errors: [] },
];

const denied: Case[] = [
  {
    name: 'a connection selected only for its count needs what its nodes need (the count reveals them)',
    doc: `
{
  project(fullPath: "a") {
    labels {
      pageInfo { hasNextPage }
    }
  }
}`,
    granted: ['read_project'],
    errors: [{ message: 'Field "Project.labels" returns type "Label", which needs the fine-grained permission read_label.', locations: at(4, 5) }],
  },
  {
    name: 'a documented field without its permission (reported once, not again for its type)',
    doc: `
{
  project(fullPath: "a") {
    name
  }
}`,
    granted: [],
    errors: [{ message: 'Field "Query.project" needs the fine-grained permission read_project.', locations: at(3, 3) }],
  },
  {
    name: 'a Field row and the type of the nodes below it',
    doc: `
{
  project(fullPath: "a") {
    runners {
      nodes { id }
    }
  }
}`,
    granted: ['read_project'],
    errors: [
      { message: 'Field "Project.runners" needs the fine-grained permission read_runner.', locations: at(4, 5) },
      { message: 'Field "CiRunnerConnection.nodes" returns type "CiRunner", which needs the fine-grained permission read_runner.', locations: at(5, 7) },
    ],
  },
  {
    name: 'aliases do not hide a field',
    doc: `
{
  a: project(fullPath: "a") { id }
  b: project(fullPath: "b") { id }
}`,
    granted: [],
    errors: [
      { message: 'Field "Query.project" needs the fine-grained permission read_project.', locations: at(3, 3) },
      { message: 'Field "Query.project" needs the fine-grained permission read_project.', locations: at(4, 3) },
    ],
  },
  {
    name: 'variables',
    doc: `
query ($path: ID!) {
  project(fullPath: $path) { id }
}`,
    granted: [],
    errors: [{ message: 'Field "Query.project" needs the fine-grained permission read_project.', locations: at(3, 3) }],
  },
  {
    name: 'named, nested and reused fragments (a reused fragment is reported once, where it is defined)',
    doc: `
query Q {
  project(fullPath: "a") { ...ProjectParts }
  group(fullPath: "g") { ...GroupParts }
}
fragment ProjectParts on Project {
  id
  runners { ...RunnerParts }
}
fragment GroupParts on Group {
  runners { ...RunnerParts }
}
fragment RunnerParts on CiRunnerConnection {
  nodes { id }
}`,
    granted: ['read_group', 'read_project'],
    errors: [
      { message: 'Field "Project.runners" needs the fine-grained permission read_runner.', locations: at(8, 3) },
      { message: 'Field "Group.runners" needs the fine-grained permission read_runner.', locations: at(11, 3) },
      { message: 'Field "CiRunnerConnection.nodes" returns type "CiRunner", which needs the fine-grained permission read_runner.', locations: at(14, 3) },
    ],
  },
  {
    name: 'an inline fragment does not narrow an interface: every possible type counts (strict)',
    doc: `
{
  node(id: "1") {
    ... on CiRunner { description }
  }
}`,
    granted: ALL,
    errors: [{ message: 'Field "Query.node" may return type "AuditEvent", which no fine-grained permission covers (the type is not documented; strict mode denies it).', locations: at(3, 3) }],
  },
  {
    name: 'a union needs every possible type covered',
    doc: `
{
  search(term: "x") {
    ... on Issue { title }
  }
}`,
    granted: ['read_work_item'],
    errors: [
      { message: 'Field "Query.search" may return type "Commit", which needs one of the fine-grained permissions read_code, read_repository.', locations: at(3, 3) },
      { message: 'Field "Query.search" may return type "Label", which needs the fine-grained permission read_label.', locations: at(3, 3) },
    ],
  },
  {
    name: 'an undocumented type (strict)',
    doc: `
{
  project(fullPath: "a") {
    repository { rootRef }
  }
}`,
    granted: ['read_project'],
    errors: [{ message: 'Field "Project.repository" returns type "Repository", which no fine-grained permission covers (the type is not documented; strict mode denies it).', locations: at(4, 5) }],
  },
  {
    name: 'an undocumented mutation (strict), whatever is granted',
    doc: `
mutation {
  dangerousThing(input: { really: true }) { errors }
}`,
    granted: ALL,
    errors: [{ message: 'Mutation "dangerousThing" is not documented for fine-grained permissions, so no permission covers it (strict mode denies it).', locations: at(3, 3) }],
  },
  {
    name: 'a documented mutation without its permission (matched by its schema field name)',
    doc: `
mutation {
  runnerUpdate(input: { id: "1" }) { runner { id } }
}`,
    granted: ['read_runner'],
    errors: [{ message: 'Mutation "runnerUpdate" (documented as RunnerUpdate) needs the fine-grained permission update_runner.', locations: at(3, 3) }],
  },
  {
    name: 'a type reached from a payload',
    doc: `
mutation {
  labelCreate(input: { projectPath: "a", title: "bug" }) {
    label { title }
    errors
  }
}`,
    granted: ['create_label'],
    errors: [{ message: 'Field "LabelCreatePayload.label" returns type "Label", which needs the fine-grained permission read_label.', locations: at(4, 5) }],
  },
  {
    name: 'a Field row inside an inline fragment on an interface field',
    doc: `
{
  node(id: "1") {
    ... on Issue { createNoteEmail }
  }
}`,
    granted: except('create_work_item'),
    mode: 'lax',
    errors: [{ message: 'Field "Issue.createNoteEmail" needs the fine-grained permission create_work_item.', locations: at(4, 20) }],
  },
  {
    name: 'every operation of a document is checked',
    doc: `
query A { project(fullPath: "a") { id } }
query B { group(fullPath: "g") { id } }`,
    granted: ['read_project'],
    errors: [{ message: 'Field "Query.group" needs the fine-grained permission read_group.', locations: at(3, 11) }],
  },
  {
    name: 'a subscription',
    doc: `
subscription {
  issueUpdated(issuableId: "1") { title }
}`,
    granted: [],
    errors: [{ message: 'Field "Subscription.issueUpdated" returns type "Issue", which needs the fine-grained permission read_work_item.', locations: at(3, 3) }],
  },
  {
    name: '@skip and @include are not evaluated: a skipped field still counts',
    doc: `
{
  project(fullPath: "a") @skip(if: true) { id }
}`,
    granted: [],
    errors: [{ message: 'Field "Query.project" needs the fine-grained permission read_project.', locations: at(3, 3) }],
  },
];

let pkg: GuardPackage;
let schema: GraphQLSchema;

beforeAll(async () => {
  [pkg, schema] = await Promise.all([guardPackage(), testSchema()]);
});

function run(c: Pick<Case, 'doc' | 'granted' | 'mode'>, rules = specifiedRules) {
  const rule = pkg.graphql.fineGrainedPermissionsRule(c.granted, c.mode ? { mode: c.mode } : undefined);
  return validate(schema, parse(c.doc), [...rules, rule]).map((e) => ({ message: e.message, locations: e.locations }));
}

describe('fineGrainedPermissionsRule: allowed operations', () => {
  it.each(allowed)('$name', (c) => {
    expect(run(c)).toEqual([]);
  });
});

describe('fineGrainedPermissionsRule: denied operations', () => {
  it.each(denied)('$name', (c) => {
    expect(run(c)).toEqual(c.errors);
  });

  it('every denied operation passes with all of the page\'s permissions in lax mode', () => {
    const failing = denied.filter((c) => run({ doc: c.doc, granted: ALL, mode: 'lax' }).length > 0).map((c) => c.name);
    expect(failing).toEqual([]);
  });
});

describe('fineGrainedPermissionsRule: arguments and edges', () => {
  it('reads `granted` once: changing the array afterwards changes nothing', () => {
    const granted = ['read_project'];
    const rule = pkg.graphql.fineGrainedPermissionsRule(granted);
    granted.push('read_runner');
    const errors = validate(schema, parse('{ runner(id: "1") { id } }'), [rule]);
    expect(errors.map((e) => e.message)).toEqual(['Field "Query.runner" needs the fine-grained permission read_runner.']);
  });

  it('accepts a Set', () => {
    expect(validate(schema, parse('{ runner(id: "1") { id } }'), [pkg.graphql.fineGrainedPermissionsRule(new Set(['read_runner']))])).toEqual([]);
  });

  it('refuses a single string (it would be read as its characters)', () => {
    expect(() => pkg.graphql.fineGrainedPermissionsRule('read_project')).toThrow(TypeError);
  });

  it('refuses an unknown mode instead of guessing', () => {
    expect(() => pkg.graphql.fineGrainedPermissionsRule([], { mode: 'Lax' })).toThrow("Unknown guard mode \"Lax\": use 'strict' (the default) or 'lax'.");
    // `null` options from JavaScript mean no options (strict), not a crash.
    expect(validate(schema, parse('{ runner(id: "1") { id } }'), [pkg.graphql.fineGrainedPermissionsRule([], null as never)]).map((e) => e.message)).toEqual(['Field "Query.runner" needs the fine-grained permission read_runner.']);
  });

  it('permission ids are exact: a near miss covers nothing', () => {
    const errors = validate(schema, parse('{ runner(id: "1") { id } }'), [pkg.graphql.fineGrainedPermissionsRule(['READ_RUNNER', 'read_runners', ' read_runner'])]);
    expect(errors.map((e) => e.message)).toEqual(['Field "Query.runner" needs the fine-grained permission read_runner.']);
  });

  it('does not check a fragment no operation spreads (it never runs; NoUnusedFragmentsRule reports it)', () => {
    const doc = '{ echo } fragment Unused on Query { project(fullPath: "a") { id } }';
    expect(run({ doc, granted: [] }, [])).toEqual([]);
    expect(run({ doc, granted: [] }).map((e) => e.message)).toEqual(['Fragment "Unused" is never used.']);
  });

  it('leaves fields the schema does not have to the standard rules', () => {
    const errors = run({ doc: '{ project(fullPath: "a") { qwertyuiop } }', granted: ['read_project'] });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/^Cannot query field "qwertyuiop" on type "Project"\./);
  });
});

describe('fineGrainedPermissionsRule: rows with footnote permissions and rows on interfaces', () => {
  it('a row whose footnotes add permissions needs all of them', async () => {
    const model = pageModel();
    const project = model.categories.find((c) => c.name === 'Projects')!.resources[0]!;
    project.grants.find((g) => g.name === 'Query.project')!.alsoRequires = ['read_group'];
    const p = await guardPackage(model);
    const rule = (granted: string[]) => p.graphql.fineGrainedPermissionsRule(granted);
    const doc = parse('{ project(fullPath: "a") { id } }');
    expect(validate(schema, doc, [rule(['read_project'])]).map((e) => e.message)).toEqual(['Field "Query.project" needs the fine-grained permissions read_group + read_project.']);
    expect(validate(schema, doc, [rule(['read_group', 'read_project'])])).toEqual([]);
  });

  it('a Field row on an interface applies to the field of every implementation', async () => {
    const model = pageModel();
    model.categories[0]!.resources[0]!.grants.push({
      action: 'Read',
      access: 'Instance',
      boundary: 'instance',
      kind: 'Field',
      name: 'Node.id',
      permission: 'read_runner',
      alsoRequires: [],
      position: { file: 'test/fixtures/graphql-guard/page.export.txt', line: 99, column: 1 },
    });
    const p = await guardPackage(model);
    const errors = validate(schema, parse('{ project(fullPath: "a") { id name } }'), [p.graphql.fineGrainedPermissionsRule(['read_project'])]);
    expect(errors.map((e) => ({ message: e.message, locations: e.locations }))).toEqual([
      { message: 'Field "Project.id" (documented as Node.id) needs the fine-grained permission read_runner.', locations: at(1, 28) },
    ]);
  });

  it('Field rows on Query apply to a query root with another name', () => {
    const renamed = buildSchema('schema { query: QueryRoot } type QueryRoot { project(fullPath: ID!): Project } type Project { id: ID! }');
    const errors = validate(renamed, parse('{ project(fullPath: "a") { id } }'), [pkg.graphql.fineGrainedPermissionsRule([])]);
    expect(errors.map((e) => ({ message: e.message, locations: e.locations }))).toEqual([
      { message: 'Field "QueryRoot.project" (documented as Query.project) needs the fine-grained permission read_project.', locations: at(1, 3) },
    ]);
  });
});

describe('fineGrainedPermissionsRule: root fields selected through an interface the root implements', () => {
  // Page rows (test/fixtures/graphql-guard/page.export.txt): `Query.runner` (read_runner, line 13),
  // `RunnerUpdate` (update_runner, lines 18-20). graphql-js runs the root's resolver for a field
  // selected on such an interface, so the root's rules must apply to it as if it were written directly.
  const roots = () =>
    buildSchema(`
      schema { query: QueryRoot mutation: MutationRoot }
      interface RunnerMutations { runnerUpdate(id: ID!): RunnerUpdatePayload dangerousThing: Boolean }
      interface RootFields { runner(id: ID!): RunnerRef }
      type RunnerRef { id: ID }
      type QueryRoot implements RootFields { runner(id: ID!): RunnerRef me: RunnerMutations }
      type MutationRoot implements RunnerMutations { runnerUpdate(id: ID!): RunnerUpdatePayload dangerousThing: Boolean }
      type RunnerUpdatePayload { errors: [String!] }
    `);
  const messages = (doc: string, granted: readonly string[], mode?: 'strict' | 'lax') =>
    validate(roots(), parse(doc), [pkg.graphql.fineGrainedPermissionsRule(granted, mode ? { mode } : undefined)]).map((e) => e.message);

  it('a documented mutation needs its Mutation rows, in lax mode too', () => {
    for (const doc of ['mutation { ... on RunnerMutations { runnerUpdate(id: "1") { errors } } }', 'mutation { ...F } fragment F on RunnerMutations { runnerUpdate(id: "1") { errors } }']) {
      expect(messages(doc, [], 'lax'), doc).toEqual(['Mutation "runnerUpdate" (documented as RunnerUpdate) needs the fine-grained permission update_runner.']);
      expect(messages(doc, ['update_runner'], 'lax'), doc).toEqual([]);
    }
  });

  it('an undocumented mutation is denied in strict mode', () => {
    expect(messages('mutation { ... on RunnerMutations { dangerousThing } }', ['update_runner'])).toEqual([
      'Mutation "dangerousThing" is not documented for fine-grained permissions, so no permission covers it (strict mode denies it).',
    ]);
  });

  it('a query field returning the interface reaches the mutation root: its rows apply', () => {
    expect(messages('{ me { dangerousThing } }', [])).toEqual(['Mutation "dangerousThing" is not documented for fine-grained permissions, so no permission covers it (strict mode denies it).']);
  });

  it('a Query field row applies through an interface of a root named otherwise', () => {
    expect(messages('{ ... on RootFields { runner(id: "1") { id } } }', [], 'lax')).toEqual(['Field "RootFields.runner" (documented as Query.runner) needs the fine-grained permission read_runner.']);
    expect(messages('{ ... on RootFields { runner(id: "1") { id } } }', ['read_runner'], 'lax')).toEqual([]);
  });
});

describe('fineGrainedPermissionsRule: operationName', () => {
  // Page rows: `Query.runner` (read_runner, line 13), `Query.project` (read_project).
  const doc = 'query A { runner(id: "1") { id } } query B { project(fullPath: "a") { id } }';
  const messages = (granted: readonly string[], options?: { operationName?: unknown }) =>
    validate(schema, parse(doc), [pkg.graphql.fineGrainedPermissionsRule(granted, options as never)]).map((e) => e.message);

  it('checks only the operation a server will run', () => {
    expect(messages(['read_runner'], { operationName: 'A' })).toEqual([]);
    expect(messages(['read_runner'], { operationName: 'B' })).toEqual(['Field "Query.project" needs the fine-grained permission read_project.']);
  });

  it('checks every operation when none is named (null too)', () => {
    expect(messages(['read_runner'])).toEqual(['Field "Query.project" needs the fine-grained permission read_project.']);
    expect(messages(['read_runner'], { operationName: null })).toEqual(messages(['read_runner']));
  });

  it('denies a name no operation has, and a name that is not a string, without converting it', () => {
    expect(messages(['read_runner', 'read_project'], { operationName: 'C' })).toEqual(['Unknown operation named "C".']);
    expect(messages(['read_runner', 'read_project'], { operationName: JSON.parse('{"toString":1}') })).toEqual(['operationName must be a string.']);
  });
});

describe('fineGrainedPermissionsRule: an interface the Mutation root shares with an ordinary type', () => {
  // `Ordinary` implements the root's interface: through it, the object may be an `Ordinary`, whose resolver
  // runs, so the mutation's payload type is not covered by the mutation row there (strict mode).
  const shared = () =>
    buildSchema(`
      schema { query: QueryRoot mutation: MutationRoot }
      interface RunnerMutations { runnerUpdate(id: ID!): RunnerUpdatePayload }
      type QueryRoot { ordinary: Ordinary }
      type Ordinary implements RunnerMutations { runnerUpdate(id: ID!): RunnerUpdatePayload }
      type MutationRoot implements RunnerMutations { runnerUpdate(id: ID!): RunnerUpdatePayload }
      type RunnerUpdatePayload { errors: [String!] }
    `);
  const messages = (doc: string, granted: readonly string[]) => validate(shared(), parse(doc), [pkg.graphql.fineGrainedPermissionsRule(granted)]).map((e) => e.message);

  it('the payload reached through the interface needs rows of its own, as the field selected directly does', () => {
    expect(messages('{ ordinary { ... on RunnerMutations { runnerUpdate(id: "1") { errors } } } }', ['update_runner'])).toEqual([
      'Field "QueryRoot.ordinary" returns type "Ordinary", which no fine-grained permission covers (the type is not documented; strict mode denies it).',
      'Field "RunnerMutations.runnerUpdate" returns type "RunnerUpdatePayload", which no fine-grained permission covers (the type is not documented; strict mode denies it).',
    ]);
    // On the root itself the mutation row covers its payload, as before.
    expect(messages('mutation { runnerUpdate(id: "1") { errors } }', ['update_runner'])).toEqual([]);
  });
});

describe('fineGrainedPermissionsRule: options are the caller\'s own (a bug hunt: prototype pollution switched the guard off)', () => {
  // Page rows: `Query.runner` needs read_runner; the mutation is on no row.
  const twoOperations = 'query A { echo(text: "x") } query B { runner(id: "1") { id } }';
  const undocumented = 'mutation { dangerousThing(input: { really: true }) { errors } }';
  const messages = (doc: string, options?: object, onSchema = schema) => validate(onSchema, parse(doc), [pkg.graphql.fineGrainedPermissionsRule([], options as never)]).map((e) => e.message);

  it('an inherited `mode: lax` does not allow an undocumented mutation (no options, or `{}`)', () => {
    const expected = messages(undocumented);
    expect(expected).toHaveLength(1);
    polluted(Object.prototype, 'mode', 'lax', () => {
      expect(messages(undocumented)).toEqual(expected);
      expect(messages(undocumented, {})).toEqual(expected);
    });
  });

  it('an inherited `operationName` does not narrow the check to a harmless operation', () => {
    expect(messages(twoOperations)).toEqual(['Field "Query.runner" needs the fine-grained permission read_runner.']);
    polluted(Object.prototype, 'operationName', 'A', () => {
      expect(messages(twoOperations)).toEqual(['Field "Query.runner" needs the fine-grained permission read_runner.']);
      expect(pkg.graphql.requiredPermissionsForOperation(schema, parse(twoOperations)).permissions).toEqual(['read_runner']);
    });
  });

  it('an inherited `strict` is not taken for the cached index of a new schema', async () => {
    const fresh = await testSchema();
    polluted(Object.prototype, 'strict', { forField: () => [] }, () => {
      expect(messages(twoOperations, undefined, fresh)).toEqual(['Field "Query.runner" needs the fine-grained permission read_runner.']);
    });
  });
});

describe('fineGrainedPermissionsRule: the grant is read with a bound (a bug hunt: an endless iterable ran out of memory)', () => {
  const doc = '{ runner(id: "1") { id } }';
  const messages = (granted: Iterable<string>) => validate(schema, parse(doc), [pkg.graphql.fineGrainedPermissionsRule(granted)]).map((e) => e.message);

  it('an endless grant is read up to the bound and grants nothing', () => {
    function* endless(): Generator<string> {
      for (;;) yield 'read_runner';
    }
    expect(messages(endless())).toEqual(['Field "Query.runner" needs the fine-grained permission read_runner.']);
  });

  it('65,536 ids are read; one more grants nothing (as the route matchers read a grant)', () => {
    const filler = Array.from({ length: 65_535 }, (_, i) => `x${i}`);
    expect(messages([...filler, 'read_runner'])).toEqual([]);
    expect(messages([...filler, 'y', 'read_runner'])).toEqual(['Field "Query.runner" needs the fine-grained permission read_runner.']);
  });
});
