/**
 * A real graphql-js server with the rule installed: parse, validate with the standard rules plus
 * fineGrainedPermissionsRule, and execute only when validation passes (graphql()'s own pipeline, with
 * the extra rule). Resolvers are spies: a denied operation must never reach one.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { execute, parse, specifiedRules, validate, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { guardPackage, testSchema, type GuardPackage } from './package.ts';

let pkg: GuardPackage;
let schema: GraphQLSchema;
beforeAll(async () => {
  [pkg, schema] = await Promise.all([guardPackage(), testSchema()]);
});

const runner = { id: 'gid://gitlab/Ci::Runner/1', description: 'shared', status: 'ONLINE' };
const resolvers = {
  runners: vi.fn(() => ({ count: 1, nodes: [runner], pageInfo: { hasNextPage: false, hasPreviousPage: false } })),
  project: vi.fn((args: { fullPath: string }) => ({ id: 'gid://gitlab/Project/1', name: 'Flight', fullPath: args.fullPath, runners: resolvers.runners })),
  runnerUpdate: vi.fn((args: { input: { id: string; description?: string } }) => ({ runner: { ...runner, description: args.input.description }, errors: [] })),
  dangerousThing: vi.fn(() => ({ errors: [] })),
};

/** What a server does with a token holding `granted`. */
async function serve(granted: readonly string[], source: string, variableValues?: Record<string, unknown>): Promise<ExecutionResult> {
  const document = parse(source);
  const errors = validate(schema, document, [...specifiedRules, pkg.graphql.fineGrainedPermissionsRule(granted)]);
  if (errors.length > 0) return { errors };
  return execute({ schema, document, rootValue: resolvers, variableValues });
}

const calls = () => Object.fromEntries(Object.entries(resolvers).map(([name, spy]) => [name, spy.mock.calls.length]));

beforeEach(() => {
  for (const spy of Object.values(resolvers)) spy.mockClear();
});

describe('a server with fineGrainedPermissionsRule', () => {
  const query = `
query Runners($path: ID!) {
  project(fullPath: $path) {
    name
    runners { nodes { id description } }
  }
}`;

  it('executes an allowed query', async () => {
    const result = await serve(['read_project', 'read_runner'], query, { path: 'gitlab-org/gitlab' });
    expect(result).toEqual({ data: { project: { name: 'Flight', runners: { nodes: [{ id: runner.id, description: 'shared' }] } } } });
    expect(calls()).toEqual({ runners: 1, project: 1, runnerUpdate: 0, dangerousThing: 0 });
  });

  it('refuses a query missing a permission, before any resolver runs', async () => {
    const result = await serve(['read_project'], query, { path: 'gitlab-org/gitlab' });
    expect(result.data).toBeUndefined();
    expect(result.errors?.map((e) => ({ message: e.message, locations: e.locations }))).toEqual([
      { message: 'Field "Project.runners" needs the fine-grained permission read_runner.', locations: [{ line: 5, column: 5 }] },
      { message: 'Field "CiRunnerConnection.nodes" returns type "CiRunner", which needs the fine-grained permission read_runner.', locations: [{ line: 5, column: 15 }] },
    ]);
    expect(calls()).toEqual({ runners: 0, project: 0, runnerUpdate: 0, dangerousThing: 0 });
  });

  it('executes an allowed mutation, and never runs a denied one', async () => {
    const mutation = 'mutation { runnerUpdate(input: { id: "1", description: "renamed" }) { runner { description } errors } }';
    expect(await serve(['read_runner', 'update_runner'], mutation)).toEqual({ data: { runnerUpdate: { runner: { description: 'renamed' }, errors: [] } } });
    expect(calls().runnerUpdate).toBe(1);
    resolvers.runnerUpdate.mockClear();
    const denied = await serve(['read_runner'], mutation);
    expect(denied.errors?.map((e) => e.message)).toEqual(['Mutation "runnerUpdate" (documented as RunnerUpdate) needs the fine-grained permission update_runner.']);
    expect(calls()).toEqual({ runners: 0, project: 0, runnerUpdate: 0, dangerousThing: 0 });
  });

  it('never runs an undocumented mutation in strict mode, whatever the token holds', async () => {
    const result = await serve(['read_project', 'read_runner', 'update_runner', 'create_runner'], 'mutation { dangerousThing(input: { really: true }) { errors } }');
    expect(result.errors?.map((e) => e.message)).toEqual(['Mutation "dangerousThing" is not documented for fine-grained permissions, so no permission covers it (strict mode denies it).']);
    expect(calls().dangerousThing).toBe(0);
  });

  it('an alias or a fragment does not get a denied field past the rule', async () => {
    const result = await serve(['read_project'], '{ p: project(fullPath: "a") { ...R } } fragment R on Project { r: runners { count } }');
    expect(result.errors?.map((e) => e.message)).toEqual(['Field "Project.runners" needs the fine-grained permission read_runner.']);
    expect(calls()).toEqual({ runners: 0, project: 0, runnerUpdate: 0, dangerousThing: 0 });
  });
});
