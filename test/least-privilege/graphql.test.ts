/**
 * GraphQL operations as a workload (issue 13, input 3): `.graphql` files with `--schema`, each
 * requirement `requiredPermissionsForOperation` finds one input named after its operation. Run
 * against the generated package in generated/ (as `permgen least-privilege` does).
 *
 * Expectations are written by hand from GitLab's fine-grained GraphQL page
 * (sources/gitlab-pat-fine-grained-graphql.41946e6.md): `Project` Type, Read at Project (line 765:
 * `read_project`); `RunnerUpdate` Mutation, Update at Project, Group, Instance (lines 326-328:
 * `update_runner`); `ReleaseCreate` Mutation, Create at Project (line 604: `create_release`). The
 * fixture schema (fixtures/graphql/schema.graphql) also has an object type (`SecretNote`) and a
 * mutation (`noteErase`) the page does not list.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { runLeastPrivilege as run } from './helpers.ts';
import type { GraphqlWorkloadRequest, TokenKindAnswer } from '../../generator/emit/runtime/least-privilege.ts';

const DIR = 'test/least-privilege/fixtures/graphql';
const SCHEMA = `${DIR}/schema.graphql`;
const PAGE = 'sources/gitlab-pat-fine-grained-graphql.41946e6.md';

interface JsonKind {
  kind: string;
  complete: boolean;
  grant: string[];
  ids: { id: string; boundaries: string[]; neededBy: { line: number; input: string; source: string[] }[] }[];
  free: { line: number; input: string }[];
  notGranted: { line: number; input: string; status: string; why: string }[];
}

describe('permgen least-privilege with GraphQL operations', () => {
  it('answers a release bot\'s operations for each token kind (hand-written from the page)', async () => {
    const r = await run(`${DIR}/release-bot.graphql`, '--schema', SCHEMA, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { format: string; inputs: number; kinds: JsonKind[] };
    expect(out.format).toBe('graphql');
    // Four operations; each needs one thing (Ping needs nothing and is one input too).
    expect(out.inputs).toBe(4);
    const kind = (k: string) => out.kinds.find((x) => x.kind === k)!;

    const fine = kind('fine-grained');
    expect(fine.complete).toBe(true);
    expect(fine.grant).toEqual(['create_release', 'read_project', 'update_runner']);
    expect(fine.ids.map((i) => [i.id, i.boundaries, i.neededBy.map((n) => [n.line, n.input, n.source])])).toEqual([
      ['create_release', ['project'], [[15, 'mutation CreateRelease: ReleaseCreate', [`${PAGE}:604:1`]]]],
      ['read_project', ['project'], [[3, 'query ProjectName: Project', [`${PAGE}:765:1`]]]],
      ['update_runner', ['group', 'instance', 'project'], [[9, 'mutation PauseRunner: RunnerUpdate', [`${PAGE}:326:1`, `${PAGE}:327:1`, `${PAGE}:328:1`]]]],
    ]);
    expect(fine.free.map((f) => [f.line, f.input])).toEqual([[20, 'query Ping']]);

    // The job-token page lists REST endpoints only; the token-scopes page does not say which scope GraphQL needs.
    for (const k of ['job-token', 'classic']) {
      expect(kind(k).grant).toEqual([]);
      expect(kind(k).notGranted.map((n) => [n.line, n.status])).toEqual([3, 9, 15, 20].map((l) => [l, 'unknown']));
    }
  });

  it('reports validation errors at their line and column, and grants nothing to a document the schema rejects', async () => {
    // invalid.graphql: `query Names` (line 1) is valid alone, `query Bad` (line 7) selects a field Project lacks (9:5);
    // a server validates the whole document, so neither runs: both are inputs no grant lets through.
    const r = await run(`${DIR}/invalid.graphql`, '--schema', SCHEMA, '--json');
    expect(r.stderr).toBe(`${DIR}/invalid.graphql:9:5 error Cannot query field "missingField" on type "Project". [workload-graphql]\n  hint: The schema rejects this document: fix the operation or pass the schema of the GitLab version it runs against.\n`);
    const fine = (JSON.parse(r.stdout) as { kinds: JsonKind[] }).kinds.find((k) => k.kind === 'fine-grained')!;
    expect(fine.grant).toEqual([]);
    expect(fine.notGranted.map((n) => [n.line, n.input, n.status])).toEqual([
      [1, 'query Names: not valid against the schema', 'unknown'],
      [7, 'query Bad: not valid against the schema', 'unknown'],
    ]);
    expect(fine.notGranted[1]!.why).toBe('query Bad is not valid against the schema (Cannot query field "missingField" on type "Project".): no token can run it; denied.');
  });

  it('lists what no fine-grained token can run apart', async () => {
    const r = await run(`${DIR}/unlisted.graphql`, '--schema', SCHEMA, '--json');
    expect(r.stderr).toBe('');
    const fine = (JSON.parse(r.stdout) as { kinds: JsonKind[] }).kinds.find((k) => k.kind === 'fine-grained')!;
    expect(fine.grant).toEqual(['read_project']);
    expect(fine.notGranted.map((n) => [n.line, n.input, n.status])).toEqual([
      [2, 'query Secrets: SecretNote', 'unknown'],
      [11, 'mutation Erase: noteErase', 'unknown'],
    ]);
    expect(fine.notGranted[1]!.why).toBe('The GraphQL page does not list the mutation `noteErase` (strict mode): no fine-grained token can run mutation Erase: Mutation.noteErase; denied.');
    expect((await run(`${DIR}/unlisted.graphql`, '--schema', SCHEMA, '--require', 'fine-grained')).code).toBe(1);
    expect((await run(`${DIR}/release-bot.graphql`, '--schema', SCHEMA, '--require', 'fine-grained')).code).toBe(0);
  });

  it('prints the readable report with the operation named as the input', async () => {
    const r = await run(`${DIR}/release-bot.graphql`, '--schema', SCHEMA);
    expect(r.stdout).toContain(
      [
        'Fine-grained personal access token: grants every input',
        '  grant: create_release, read_project, update_runner',
        '  create_release (at project): 1 input(s)',
        `    line 15   mutation CreateRelease: ReleaseCreate  ${PAGE}:604:1`,
      ].join('\n'),
    );
    expect(r.stdout).toContain('  needs nothing: line 20 query Ping');
  });

  it('refuses GraphQL input without a schema, for Forgejo, and a schema or document that does not parse', async () => {
    const noSchema = await run(`${DIR}/release-bot.graphql`);
    expect([noSchema.code, noSchema.stderr.split('\n')[0]]).toEqual([2, 'permgen least-privilege: GraphQL operations need the schema they run against: --schema FILE']);
    expect((await run(`${DIR}/release-bot.graphql`, '--schema', SCHEMA, '--provider', 'forgejo')).code).toBe(2);
    expect((await run('test/least-privilege/fixtures/input/list.txt', '--schema', SCHEMA, '--format', 'list')).code).toBe(2);
    // The list fixture is not GraphQL: a syntax error at its first token (line 1 is a `#` comment, line 2 `GET …`).
    const notGraphql = await run('test/least-privilege/fixtures/input/list.txt', '--schema', SCHEMA, '--format', 'graphql');
    expect(notGraphql.code).toBe(1);
    expect(notGraphql.stderr).toMatch(/^test\/least-privilege\/fixtures\/input\/list\.txt:\d+:\d+ error Syntax Error: .* \[workload-graphql\]\n/);
    const badSchema = await run(`${DIR}/release-bot.graphql`, '--schema', `${DIR}/release-bot.graphql`);
    expect(badSchema.code).toBe(1);
    expect(badSchema.stderr).toContain(`${DIR}/release-bot.graphql:1:1 error`);
    expect(badSchema.stderr).toContain('[workload-graphql-schema]');
  });
});

describe('graphqlLeastPrivilegeRequests (gitlab/graphql) with leastPrivilegeForRequests', () => {
  const schema = buildSchema(readFileSync(new URL(`../../${SCHEMA}`, import.meta.url), 'utf8'));
  const document = parse(readFileSync(new URL(`../../${DIR}/release-bot.graphql`, import.meta.url), 'utf8'));

  it('answers only the operation operationName selects, and a hand-built document with an unreadable location without throwing', async () => {
    const gql = (await import('../../generated/gitlab/graphql/index.js')) as { graphqlLeastPrivilegeRequests(s: unknown, d: unknown, o?: unknown): { requests: readonly GraphqlWorkloadRequest[]; operations: readonly string[] } };
    const two = parse('query A { __typename } query B { __typename }');
    expect(gql.graphqlLeastPrivilegeRequests(schema, two, { operationName: 'B' }).operations).toEqual(['query B']);
    expect(gql.graphqlLeastPrivilegeRequests(schema, two, { operationName: 'C' }).requests.map((r) => [r.operation, r.reason])).toEqual([['(document)', 'invalid']]);
    const odd = JSON.parse('{"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","loc":{},"selectionSet":{"kind":"SelectionSet","selections":[]}}]}') as unknown;
    expect(() => gql.graphqlLeastPrivilegeRequests(schema, odd)).not.toThrow();
  });

  it('reads the document\'s definitions index by index and the options once (a review: an own filter hid an operation; a getter answered twice)', async () => {
    const gql = (await import('../../generated/gitlab/graphql/index.js')) as { graphqlLeastPrivilegeRequests(s: unknown, d: unknown, o?: unknown): { requests: readonly GraphqlWorkloadRequest[]; operations: readonly string[] } };
    const two = parse('query A { __typename } query B { __typename }');
    const hiding = { ...two, definitions: Object.assign([...two.definitions], { filter: () => [two.definitions[0]] }) };
    expect(gql.graphqlLeastPrivilegeRequests(schema, hiding).operations).toEqual(['query A', 'query B']);
    let reads = 0;
    const flipping = { get operationName() { return reads++ === 0 ? 'A' : 'B'; } };
    const answered = gql.graphqlLeastPrivilegeRequests(schema, two, flipping);
    expect(answered.operations).toEqual(['query A']);
    expect(answered.requests.map((r) => r.reason)).not.toContain('invalid');
  });

  it('something that is not a parsed document is one denied input, not a throw', async () => {
    const gql = (await import('../../generated/gitlab/graphql/index.js')) as { graphqlLeastPrivilegeRequests(s: unknown, d: unknown): { requests: readonly GraphqlWorkloadRequest[]; errors: readonly unknown[] } };
    const gitlab = (await import('../../generated/gitlab/least-privilege.js')) as { leastPrivilegeForRequests(r: readonly unknown[]): { fineGrained: TokenKindAnswer } };
    for (const notADocument of [null, {}, { definitions: 'x' }]) {
      const { requests, errors } = gql.graphqlLeastPrivilegeRequests(schema, notADocument);
      expect(requests.map((r) => [r.operation, r.reason])).toEqual([['(document)', 'invalid']]);
      expect(errors.length).toBeGreaterThan(0);
      expect(gitlab.leastPrivilegeForRequests(requests).fineGrained.complete).toBe(false);
    }
  });

  it('answers GraphQL, Git operations and REST together, and each operation alone as requiredPermissionsForOperation does', async () => {
    const gql = (await import('../../generated/gitlab/graphql/index.js')) as {
      graphqlLeastPrivilegeRequests(s: unknown, d: unknown): { requests: readonly GraphqlWorkloadRequest[]; operations: readonly string[]; errors: readonly unknown[] };
      requiredPermissionsForOperation(s: unknown, d: unknown, o?: { operationName?: string }): { permissions: readonly string[] };
    };
    const gitlab = (await import('../../generated/gitlab/least-privilege.js')) as { leastPrivilegeForRequests(r: readonly unknown[]): { fineGrained: TokenKindAnswer } };
    const { requests, operations, errors } = gql.graphqlLeastPrivilegeRequests(schema, document);
    expect(errors).toEqual([]);
    expect(operations).toEqual(['query ProjectName', 'mutation PauseRunner', 'mutation CreateRelease', 'query Ping']);
    for (const name of ['ProjectName', 'PauseRunner', 'CreateRelease', 'Ping']) {
      const alone = requests.filter((r) => r.operation.endsWith(` ${name}`));
      expect(gitlab.leastPrivilegeForRequests(alone).fineGrained.grant).toEqual(gql.requiredPermissionsForOperation(schema, document, { operationName: name }).permissions);
    }
    // A document of many operations is read in one pass (each operation answered alone used to validate the whole
    // document again: 2,000 operations took 99 s); every operation still gets its own answer.
    const many = parse(Array.from({ length: 2_000 }, (_, i) => (i % 2 === 0 ? `query Q${i} { project(fullPath: "g/p") { name } }` : `query Q${i} { __typename }`)).join('\n'));
    const answered = gql.graphqlLeastPrivilegeRequests(schema, many);
    expect(answered.errors).toEqual([]);
    expect(answered.operations).toHaveLength(2_000);
    for (const i of [0, 1, 998, 1_999]) {
      const alone = answered.requests.filter((r) => r.operation === `query Q${i}`);
      expect(alone.length).toBeGreaterThan(0);
      expect(gitlab.leastPrivilegeForRequests(alone).fineGrained.grant).toEqual(gql.requiredPermissionsForOperation(schema, many, { operationName: `Q${i}` }).permissions);
    }
    // With a Git push (operations page line 40: push_code) the grant covers both.
    const mixed = gitlab.leastPrivilegeForRequests([...requests, { kind: 'operation', operation: 'git-push', target: 'g/p' }]).fineGrained;
    expect(mixed.grant).toEqual(['create_release', 'push_code', 'read_project', 'update_runner']);
    expect(mixed.complete).toBe(true);
  });
});
