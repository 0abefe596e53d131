/**
 * requiredPermissionsForOperation over the test schema and test page: fixed cases written by hand, and
 * a property over random operations: the answer is sufficient (validation passes with exactly it),
 * minimal (dropping any one permission fails) and, when small, minimum (no smaller set of the page's
 * permissions passes).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { concatAST, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { guardPackage, testSchema, type GuardPackage } from './package.ts';
import { importGenerated } from '../helpers/build.ts';
import { PAGE, PAGE_PERMISSIONS, pageModel } from './page-model.ts';
import { operationArbitrary } from './operations.ts';

let pkg: GuardPackage;
let schema: GraphQLSchema;
beforeAll(async () => {
  [pkg, schema] = await Promise.all([guardPackage(), testSchema()]);
});

const answer = (doc: string, options?: { mode?: string; operationName?: string }) => pkg.graphql.requiredPermissionsForOperation(schema, parse(doc), options);

describe('requiredPermissionsForOperation: fixed cases', () => {
  it('lists every requirement with the fields that need it, where, its rows, its alternatives and the one chosen', () => {
    const result = answer(`
query {
  project(fullPath: "a") {
    runners { nodes { id } }
  }
}`);
    expect(result.permissions).toEqual(['read_project', 'read_runner']);
    expect(result.grantable).toBe(true);
    expect(result.method).toBe('exact');
    expect(result.errors).toEqual([]);
    expect(result.ungrantable).toEqual([]);
    expect(result.requirements.map((r) => ({ ...r, grants: r.grants.map((g) => g.source) }))).toEqual([
      { reason: 'field', subject: 'Query.project', fields: ['Query.project'], locations: [{ line: 3, column: 3 }], grants: [`${PAGE}:33:1`], alternatives: [['read_project']], satisfiedBy: ['read_project'] },
      { reason: 'type', subject: 'Project', fields: ['Query.project'], locations: [{ line: 3, column: 3 }], grants: [`${PAGE}:32:1`], alternatives: [['read_project']], satisfiedBy: ['read_project'] },
      { reason: 'field', subject: 'Project.runners', fields: ['Project.runners'], locations: [{ line: 4, column: 5 }], grants: [`${PAGE}:12:1`], alternatives: [['read_runner']], satisfiedBy: ['read_runner'] },
      {
        reason: 'type',
        subject: 'CiRunner',
        // Project.runners returns a connection of CiRunner: it needs CiRunner's rows as nodes does.
        fields: ['Project.runners', 'CiRunnerConnection.nodes'],
        locations: [{ line: 4, column: 5 }, { line: 4, column: 15 }],
        grants: [`${PAGE}:11:1`, `${PAGE}:14:1`, `${PAGE}:16:1`],
        alternatives: [['read_runner']],
        satisfiedBy: ['read_runner'],
      },
    ]);
  });

  it('between two permissions for one type, takes the alphabetically first', () => {
    const result = answer('{ milestone(id: "1") { title } }');
    expect(result.permissions).toEqual(['read_release']);
    expect(result.requirements.map((r) => [r.subject, r.alternatives, r.satisfiedBy])).toEqual([['Milestone', [['read_release'], ['read_work_item']], ['read_release']]]);
  });

  it('prefers one permission that covers two requirements over the alphabetically first of each', () => {
    const result = answer('{ milestone(id: "1") { title } search(term: "x") { __typename } }');
    // Issue forces read_work_item, which covers Milestone too; Commit: read_code before read_repository.
    expect(result.permissions).toEqual(['read_code', 'read_label', 'read_work_item']);
    expect(result.requirements.map((r) => [r.subject, r.satisfiedBy])).toEqual([
      ['Milestone', ['read_work_item']],
      ['Issue', ['read_work_item']],
      ['Commit', ['read_code']],
      ['Label', ['read_label']],
    ]);
  });

  it('a mutation, its payload and what the payload returns', () => {
    const result = answer('mutation { runnerUpdate(input: { id: "1" }) { runner { id } errors } }');
    expect(result.permissions).toEqual(['read_runner', 'update_runner']);
    expect(result.requirements.map((r) => [r.reason, r.subject, r.fields])).toEqual([
      ['mutation', 'RunnerUpdate', ['Mutation.runnerUpdate']],
      ['type', 'CiRunner', ['RunnerUpdatePayload.runner']],
    ]);
  });

  it('reports what no permission can grant in strict mode, and nothing in lax mode', () => {
    const doc = '{ project(fullPath: "a") { repository { rootRef } } node(id: "1") { id } }';
    const strict = answer(doc);
    expect(strict.grantable).toBe(false);
    expect(strict.ungrantable.map((r) => [r.reason, r.subject, r.fields, r.locations, r.alternatives, r.satisfiedBy])).toEqual([
      ['unlisted-type', 'Repository', ['Project.repository'], [{ line: 1, column: 28 }], [], undefined],
      ['unlisted-type', 'AuditEvent', ['Query.node'], [{ line: 1, column: 53 }], [], undefined],
    ]);
    // Issue forces read_work_item, which also covers Milestone: read_release is not needed.
    expect(strict.permissions).toEqual(['read_code', 'read_group', 'read_label', 'read_project', 'read_runner', 'read_work_item']);
    const lax = answer(doc, { mode: 'lax' });
    expect(lax.grantable).toBe(true);
    expect(lax.ungrantable).toEqual([]);
    expect(lax.permissions).toEqual(strict.permissions);
  });

  it('only the named operation, with the fragments it spreads', () => {
    const doc = 'query A { project(fullPath: "a") { ...P } } query B { group(fullPath: "g") { ...G } } fragment P on Project { id } fragment G on Group { runners { count } }';
    expect(answer(doc, { operationName: 'B' }).permissions).toEqual(['read_group', 'read_runner']);
    expect(answer(doc).permissions).toEqual(['read_group', 'read_project', 'read_runner']);
    const unknown = answer(doc, { operationName: 'C' });
    expect(unknown.errors.map((e) => e.message)).toEqual(['Unknown operation named "C".']);
    expect(unknown.permissions).toEqual([]);
    const none = answer('fragment P on Project { id }');
    expect(none.errors.map((e) => e.message)).toEqual(['Fragment "P" is never used.', 'Must provide an operation.']);
    expect(none.permissions).toEqual([]);
  });

  it('reports the standard validation errors with the answer, which is then not grantable (a server runs none of the document)', () => {
    const result = answer('{ project(fullPath: "a") { id } unknownField }');
    expect(result.errors.map((e) => e.message)).toEqual(['Cannot query field "unknownField" on type "Query".']);
    expect(result.permissions).toEqual(['read_project']);
    expect(result.grantable).toBe(false);
  });

  it('reads `operationName: null` as not given, as graphql-js execute and GraphQL-over-HTTP bodies do', () => {
    const doc = '{ project(fullPath: "a") { runners { nodes { id } } } }';
    const nullName = pkg.graphql.requiredPermissionsForOperation(schema, parse(doc), { operationName: null as unknown as string });
    expect(nullName.errors).toEqual([]);
    expect(nullName.permissions).toEqual(['read_project', 'read_runner']);
    expect(nullName.grantable).toBe(true);
  });

  it('an operationName that is not a string names no operation, without being converted to a string', () => {
    const doc = parse('query A { project(fullPath: "a") { id } }');
    const hostile = JSON.parse('{"toString":1,"valueOf":1}') as unknown as string;
    for (const operationName of [hostile, Symbol('A') as unknown as string, 1 as unknown as string]) {
      const result = pkg.graphql.requiredPermissionsForOperation(schema, doc, { operationName });
      expect(result.errors.map((e) => e.message)).toEqual(['operationName must be a string.']);
      expect(result.grantable).toBe(false);
    }
  });

  it('a fragment chain graphql-js cannot validate (its rules recurse: 4,000 fragments overflow the stack) grants nothing, without throwing', () => {
    const n = 4_000;
    const fragments = Array.from({ length: n }, (_, i) => `fragment F${i} on Project { ${i + 1 < n ? `...F${i + 1}` : 'id'} }`).join('\n');
    const result = answer(`{ project(fullPath: "a") { ...F0 } }\n${fragments}`);
    expect(result.permissions).toEqual([]);
    expect(result.grantable).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message).toMatch(/^The document could not be validated \(.*\): nothing is granted\.$/);
  });

  it('a row whose footnotes add a permission needs both', async () => {
    const model = pageModel();
    model.categories[1]!.resources[0]!.grants.find((g) => g.name === 'Query.project')!.alsoRequires = ['read_group'];
    const p = await guardPackage(model);
    const result = p.graphql.requiredPermissionsForOperation(schema, parse('{ project(fullPath: "a") { id } }'));
    expect(result.permissions).toEqual(['read_group', 'read_project']);
    expect(result.requirements.map((r) => [r.subject, r.alternatives])).toEqual([
      ['Query.project', [['read_group', 'read_project']]],
      ['Project', [['read_project']]],
    ]);
  });
});

describe('requiredPermissionsForOperation: properties over random operations', () => {
  const ungrantableMessage = /which no fine-grained permission covers|is not documented for fine-grained permissions/;

  it.each(['strict', 'lax'] as const)('sufficient, minimal and (when small) minimum, in %s mode', (mode) => {
    const errorsWith = (text: string, granted: readonly string[]) => validate(schema, parse(text), [...specifiedRules, pkg.graphql.fineGrainedPermissionsRule(granted, { mode })]);
    let grantable = 0;
    fc.assert(
      fc.property(operationArbitrary(schema), ({ text }) => {
        const result = pkg.graphql.requiredPermissionsForOperation(schema, parse(text), { mode });
        expect(result.errors).toEqual([]);
        if (!result.grantable) {
          expect(mode).toBe('strict');
          // Nothing grants it: even every permission of the page fails, and only for the ungrantable parts.
          const messages = errorsWith(text, result.permissions).map((e) => e.message);
          expect(messages.length).toBeGreaterThan(0);
          expect(messages.every((m) => ungrantableMessage.test(m))).toBe(true);
          expect(errorsWith(text, PAGE_PERMISSIONS).length).toBeGreaterThan(0);
          return;
        }
        grantable++;
        expect(errorsWith(text, result.permissions)).toEqual([]);
        for (const p of result.permissions) expect(errorsWith(text, result.permissions.filter((q) => q !== p)).length).toBeGreaterThan(0);
        if (result.permissions.length <= 3) {
          for (const smaller of subsetsSmallerThan(PAGE_PERMISSIONS, result.permissions.length)) expect(errorsWith(text, smaller).length).toBeGreaterThan(0);
        }
      }),
      { seed: 4242, numRuns: 120, verbose: true },
    );
    expect(grantable).toBeGreaterThan(30);
  });
});

function* subsetsSmallerThan(ids: readonly string[], size: number): Generator<string[]> {
  function* pick(start: number, left: number, acc: string[]): Generator<string[]> {
    if (left === 0) {
      yield [...acc];
      return;
    }
    for (let i = start; i < ids.length; i++) yield* pick(i + 1, left - 1, [...acc, ids[i]!]);
  }
  for (let k = 0; k < size; k++) yield* pick(0, k, []);
}

describe('every operation answered alone, when operations share fragments (a bug hunt: K operations spreading one fragment of K fields cost K × K)', () => {
  type ByOperation = (lookup: unknown, schema: GraphQLSchema, document: ReturnType<typeof parse>) => {
    errors: readonly { message: string }[];
    operations: readonly { answer: { requirements: readonly { subject: string; locations: readonly { line: number; column: number }[] }[] } }[];
  };
  let byOperation: (document: ReturnType<typeof parse>) => ReturnType<ByOperation>;
  let limit: number;
  beforeAll(async () => {
    const runtime = await importGenerated<{ computeRequiredPermissionsByOperation: ByOperation; OPERATIONS_WORK_LIMIT: number }>(pkg.dir, 'gitlab/graphql/runtime/graphql-least-privilege.js');
    limit = runtime.OPERATIONS_WORK_LIMIT;
    const map = pkg.gitlab.requiredGraphqlPermissions;
    byOperation = (document) => runtime.computeRequiredPermissionsByOperation(map, schema, document);
  });
  const sharedFragment = (operations: number, fields: number, own = '') =>
    `${Array.from({ length: operations }, (_, i) => `query Q${i} { ${own} ...F }`).join('\n')}\nfragment F on Query { ${Array.from({ length: fields }, (_, i) => `a${i}: runner(id: "1") { id }`).join(' ')} }`;

  it('answers each operation with the fragment\'s requirement, its locations shared, not copied per operation', () => {
    const { errors, operations } = byOperation(parse(sharedFragment(3, 2)));
    expect(errors).toEqual([]);
    expect(operations).toHaveLength(3);
    const runner = operations.map((o) => o.answer.requirements.find((r) => r.subject === 'CiRunner')!);
    // Line 4 is the fragment: `fragment F on Query { ` is 22 characters, each field 26 plus a space: columns 23 and 50.
    expect(runner[0]!.locations).toEqual([{ line: 4, column: 23 }, { line: 4, column: 50 }]);
    expect(runner[1]!.locations).toBe(runner[0]!.locations);
    expect(runner[2]!.locations).toBe(runner[0]!.locations);
  });

  it('merges an operation\'s own field with the fragment\'s, in document order', () => {
    const { operations } = byOperation(parse(sharedFragment(2, 1, 'b: runner(id: "2") { id }')));
    const runner = operations.map((o) => o.answer.requirements.find((r) => r.subject === 'CiRunner')!.locations);
    expect(runner).toEqual([
      [{ line: 1, column: 12 }, { line: 3, column: 23 }],
      [{ line: 2, column: 12 }, { line: 3, column: 23 }],
    ]);
  });

  it('refuses, with one error and no operation answered, a document whose operations together reach more than the work limit', () => {
    // 3,000 operations each merging its own field with a 3,000-field fragment: 9 million locations to merge.
    expect(limit).toBeLessThan(9_000_000);
    const { errors, operations } = byOperation(parse(sharedFragment(3_000, 3_000, 'b: runner(id: "2") { id }')));
    expect(operations).toEqual([]);
    expect(errors.map((e) => e.message)).toEqual([
      `The document's operations together reach more than ${limit} fields and fragments to answer one by one: nothing is granted. Answer fewer operations at a time (operationName).`,
    ]);
  });

  it('counts what a merge reads: refuses a concatAST document whose operations read more locations than the limit, though they deduplicate to few (a review)', () => {
    // 600 operations, each with its own field, spreading G, which spreads 10 fragments of 1,000 fields. Each fragment is
    // parsed alone, so all 10 put their fields at the same columns of line 1: 10,001 locations read per operation
    // (6 million in all, over the limit), 1,001 after deduplication.
    const pad = (x: number) => String(x).padStart(4, '0');
    const fragment = (i: number) => `fragment F${pad(i)} on Query { ${Array.from({ length: 1000 }, (_, j) => `x${pad(i)}_${pad(j)}: runner(id: "1") { id }`).join(' ')} }`;
    const head = `${Array.from({ length: 600 }, (_, i) => `query Q${i} { b: runner(id: "2") { id } ...G }`).join('\n')}\nfragment G on Query { ${Array.from({ length: 10 }, (_, i) => `...F${pad(i)}`).join(' ')} }`;
    expect(600 * 10_001).toBeGreaterThan(limit);
    const { errors, operations } = byOperation(concatAST([parse(head), ...Array.from({ length: 10 }, (_, i) => parse(fragment(i)))]));
    expect(operations).toEqual([]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/^The document's operations together reach more than/)]);
  });
});

describe('locations of a document put together from separately parsed ones (a differential check of the grouping: repeats were listed twice)', () => {
  it('lists a line and column once, as the answer did before the grouping', () => {
    // Both `project` fields are at line 1, column 23 of their own parse.
    const document = concatAST([parse('query AAAAAAAAAAAAA { project(fullPath: "1") { id } ...F }'), parse('fragment F on Query { project(fullPath: "1") { id } }')]);
    const answer = pkg.graphql.requiredPermissionsForOperation(schema, document);
    const project = answer.requirements.find((r) => r.subject === 'Project')!;
    expect(project.locations).toEqual([{ line: 1, column: 23 }]);
    expect(project.fields).toEqual(['Query.project']);
  });
});
