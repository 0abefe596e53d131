/**
 * Runtime of the GraphQL guard (copied verbatim by `generator/emit/graphql-guard.ts` into the
 * generated package as `gitlab/graphql/runtime/graphql-least-privilege.ts`): the fewest permissions a
 * token needs to run an operation, by the same requirements the validation rule enforces.
 */
import {
  GraphQLError,
  Kind,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SourceLocation,
  type ValidationRule,
} from 'graphql';
import type { GuardGrantShape, GuardLookup } from './graphql-guard-lookup.js';
import {
  collectRequirements,
  compareStrings,
  FOREIGN_SCHEMA_MESSAGE,
  guardMode,
  isPackageSchema,
  ownOption,
  reachableFragments,
  selectOperations,
  requirementIndex,
  type CollectedDefinition,
  type RequirementReason,
} from './graphql-requirements.js';
import { minimumHittingSet } from './graphql-hitting-set.js';
import type { GuardOptions } from './graphql-rule.js';

/** `GuardOptions`: `operationName` answers only that operation (and the fragments it spreads); default (also `null`): every operation of the document. */
export type LeastPrivilegeOptions = GuardOptions;

/** One thing the operation needs, gathered over every field that needs it. */
export interface PermissionRequirement<G extends GuardGrantShape> {
  readonly reason: RequirementReason;
  /** `CiRunner`, `Project.runners`, `RunnerUpdate`; for `unknown-mutation`, the mutation field's name. */
  readonly subject: string;
  /** Schema coordinates of the selected fields that need it (`Query.project`), in document order. */
  readonly fields: readonly string[];
  /** Where those fields are selected in the document. */
  readonly locations: readonly SourceLocation[];
  /** The rows behind it, in page order; empty when nothing can grant it. */
  readonly grants: readonly G[];
  /** Any one of these permission sets satisfies it; empty when it cannot be granted. */
  readonly alternatives: readonly (readonly string[])[];
  /** The alternative `permissions` satisfies it with (the first that fits); absent when it cannot be granted. */
  readonly satisfiedBy?: readonly string[];
}

export interface LeastPrivilegeResult<G extends GuardGrantShape> {
  /** The minimal set of permission ids, sorted. Covers every grantable requirement. */
  readonly permissions: readonly string[];
  /** False when some requirement cannot be granted by any permission (see `ungrantable`), or the document has errors (a server runs none of it). */
  readonly grantable: boolean;
  /** Requirements some permission can satisfy, in document order of their first field. */
  readonly requirements: readonly PermissionRequirement<G>[];
  /** Strict mode: undocumented object types and mutations the operation reaches. */
  readonly ungrantable: readonly PermissionRequirement<G>[];
  /** `exact`: a minimum set; `greedy`: too many alternatives to search, a minimal set (see the hitting-set rule). */
  readonly method: 'exact' | 'greedy';
  /** Errors of graphql-js's standard validation, and an unknown `operationName`. Fields the schema does not have need nothing. */
  readonly errors: readonly GraphQLError[];
}

export function computeRequiredPermissions<G extends GuardGrantShape>(
  lookup: GuardLookup<G>,
  schema: GraphQLSchema,
  document: DocumentNode,
  options: LeastPrivilegeOptions = {},
): LeastPrivilegeResult<G> {
  const pass = documentPass(lookup, schema, document, options);
  // `null` is "not given", as graphql-js's `execute` and GraphQL-over-HTTP bodies read it.
  const selected = selectOperations(pass.operations, ownOption(options, 'operationName'));
  const operations = typeof selected === 'string' ? [] : selected;
  const errors = [...pass.errors];
  if (pass.failed === undefined && operations.length === 0) errors.push(new GraphQLError(typeof selected === 'string' ? selected : 'Must provide an operation.'));
  return answerFor(pass, operations, errors);
}

/**
 * Every operation of the document answered alone (as `computeRequiredPermissions` with its
 * `operationName`), from one validation and one collecting pass over the document: a document of
 * many operations costs one pass, not one per operation (`graphqlInputs`). `errors` are the
 * document's: a server rejects the whole document for any of them, so then no operation is answered.
 */
export function computeRequiredPermissionsByOperation<G extends GuardGrantShape>(
  lookup: GuardLookup<G>,
  schema: GraphQLSchema,
  document: DocumentNode,
  options: GuardOptions = {},
): { readonly errors: readonly GraphQLError[]; readonly operations: readonly { readonly node: OperationDefinitionNode; readonly answer: LeastPrivilegeResult<G> }[] } {
  const pass = documentPass(lookup, schema, document, options);
  // A document with errors runs nowhere: no operation of it is answered (its callers deny each one).
  // Only the operations `operationName` selects (its callers answer those alone).
  const selected = selectOperations(pass.operations, ownOption(options, 'operationName'));
  if (pass.errors.length > 0 || typeof selected === 'string') return Object.freeze({ errors: Object.freeze([...pass.errors]), operations: Object.freeze([]) });
  // Operations that share fragments are answered from the fragments' shared groups; a document built so
  // that the operations together still reach too much is refused (every operation denied), never answered for minutes.
  const budget = { left: OPERATIONS_WORK_LIMIT };
  try {
    const operations = selected.map((node) => Object.freeze({ node, answer: answerFor(pass, [node], [], budget) }));
    return Object.freeze({ errors: Object.freeze([]), operations: Object.freeze(operations) });
  } catch (e) {
    if (e !== OUT_OF_WORK) throw e;
    const refused = new GraphQLError(`The document's operations together reach more than ${OPERATIONS_WORK_LIMIT} fields and fragments to answer one by one: nothing is granted. Answer fewer operations at a time (operationName).`);
    return Object.freeze({ errors: Object.freeze([refused]), operations: Object.freeze([]) });
  }
}

/** What one validation pass and one collecting pass learn of a document, for any choice of its operations. */
interface DocumentPass<G extends GuardGrantShape> {
  readonly errors: readonly GraphQLError[];
  readonly operations: readonly OperationDefinitionNode[];
  readonly definitions: readonly CollectedDefinition<G>[];
  /** Per operation, the fragments it spreads (directly or not). */
  readonly fragmentsOf: ReadonlyMap<OperationDefinitionNode, ReadonlySet<string>>;
  /** Where each operation is in `definitions`. */
  readonly indexOf: ReadonlyMap<OperationDefinitionNode, number>;
  /** Where the fragments of each name are in `definitions` (more than one only in a document with errors). */
  readonly fragmentIndexes: ReadonlyMap<string, readonly number[]>;
  /** Set when graphql-js could not validate the document at all (a stack overflow on a very deep or long fragment chain, a malformed AST): nothing is granted. */
  readonly failed?: GraphQLError;
}

function documentPass<G extends GuardGrantShape>(lookup: GuardLookup<G>, schema: GraphQLSchema, document: DocumentNode, options: GuardOptions): DocumentPass<G> {
  const mode = guardMode(ownOption(options, 'mode'));
  let definitions: readonly CollectedDefinition<G>[] = [];
  const fragmentsOf = new Map<OperationDefinitionNode, ReadonlySet<string>>();
  try {
    if (!isPackageSchema(schema)) throw new Error(FOREIGN_SCHEMA_MESSAGE);
    const errors = [...validate(schema, document)];
    const collector: ValidationRule = (context) =>
      collectRequirements(context, requirementIndex(lookup, schema, mode), () => true, (collected) => {
        definitions = collected;
        for (const d of collected) if (d.node.kind === Kind.OPERATION_DEFINITION) fragmentsOf.set(d.node, reachableFragments(context, [d.node]));
      });
    validate(schema, document, [collector]);
    const operations: OperationDefinitionNode[] = [];
    const indexOf = new Map<OperationDefinitionNode, number>();
    const fragmentIndexes = new Map<string, number[]>();
    definitions.forEach((d, i) => {
      if (d.node.kind === Kind.OPERATION_DEFINITION) {
        operations.push(d.node);
        indexOf.set(d.node, i);
      } else {
        const list = fragmentIndexes.get(d.node.name.value);
        if (list) list.push(i);
        else fragmentIndexes.set(d.node.name.value, [i]);
      }
    });
    return { errors, operations, definitions, fragmentsOf, indexOf, fragmentIndexes };
  } catch (e) {
    // graphql-js's rules recurse: thousands of chained fragments overflow the stack. Fail closed, never throw.
    const failed = new GraphQLError(`The document could not be validated (${e instanceof Error ? e.message : String(e)}): nothing is granted.`);
    return { errors: [failed], operations: [], definitions: [], fragmentsOf, indexOf: new Map(), fragmentIndexes: new Map(), failed };
  }
}

/**
 * One requirement as one definition (an operation or a fragment) needs it: its fields and where they
 * are, deduplicated and frozen once per document pass. Every operation that spreads the definition
 * shares these lists: a fragment of K fields spread by K operations once cost K × K (minutes, and
 * memory enough to crash the process, for a document of a few hundred kilobytes).
 */
interface DefinitionGroup<G extends GuardGrantShape> extends Omit<PermissionRequirement<G>, 'satisfiedBy'> {
  /** `reason` and `subject`: what groups requirements within and across definitions. */
  readonly key: string;
}

const groupsOfDefinition = new WeakMap<object, readonly DefinitionGroup<GuardGrantShape>[]>();

function definitionGroups<G extends GuardGrantShape>(definition: CollectedDefinition<G>): readonly DefinitionGroup<G>[] {
  const cached = groupsOfDefinition.get(definition);
  if (cached) return cached as readonly DefinitionGroup<G>[];
  const groups = new Map<string, { group: DefinitionGroup<G>; fields: string[]; fieldSet: Set<string>; locations: SourceLocation[]; locationSet: Set<string> }>();
  for (const { node, requirements } of definition.fields) {
    for (const r of requirements) {
      const key = `${r.reason}\u0000${r.subject}`;
      let g = groups.get(key);
      if (!g) {
        const fields: string[] = [];
        const locations: SourceLocation[] = [];
        groups.set(key, (g = { group: { key, reason: r.reason, subject: r.subject, fields, locations, grants: r.grants, alternatives: r.alternatives }, fields, fieldSet: new Set(), locations, locationSet: new Set() }));
      }
      if (!g.fieldSet.has(r.field)) {
        g.fieldSet.add(r.field);
        g.fields.push(r.field);
      }
      if (node.loc) {
        const { line, column } = node.loc.startToken;
        const key = `${line}:${column}`;
        if (!g.locationSet.has(key)) {
          g.locationSet.add(key);
          g.locations.push(Object.freeze({ line, column }));
        }
      }
    }
  }
  const out = Object.freeze([...groups.values()].map(({ group }) => (Object.freeze(group.fields), Object.freeze(group.locations), Object.freeze(group))));
  groupsOfDefinition.set(definition, out);
  return out;
}

/** Appends to `out` each of `locations` whose line and column `seen` does not hold yet. */
function addNewLocations(seen: Set<string>, out: SourceLocation[], locations: readonly SourceLocation[]): void {
  for (const l of locations) {
    const key = `${l.line}:${l.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(l);
  }
}

/** Work units (definitions, requirement groups, list entries merged) answering every operation alone may take; past it the document is refused. */
export const OPERATIONS_WORK_LIMIT: number = 5_000_000;

/** Thrown by `answerFor` when its budget runs out (caught by `computeRequiredPermissionsByOperation`). */
const OUT_OF_WORK = new Error('out of work');

/** The answer for `operations` (and the fragments they spread), from the document's pass; `budget` (when given) is charged for the work. */
function answerFor<G extends GuardGrantShape>(pass: DocumentPass<G>, operations: readonly OperationDefinitionNode[], errors: readonly GraphQLError[], budget?: { left: number }): LeastPrivilegeResult<G> {
  const charge = (units: number) => {
    if (budget && (budget.left -= units) < 0) throw OUT_OF_WORK;
  };
  // The chosen operations and the fragments they spread, in document order, through the pass's indexes: linear in
  // what is selected, not in the document. Each definition's requirements are grouped once (`definitionGroups`).
  const at: number[] = [];
  for (const op of operations) {
    const i = pass.indexOf.get(op);
    if (i !== undefined) at.push(i);
    for (const f of pass.fragmentsOf.get(op) ?? []) at.push(...(pass.fragmentIndexes.get(f) ?? []));
  }
  charge(at.length);
  const selected = [...new Set(at)].sort((a, b) => a - b).map((i) => pass.definitions[i]!);

  // Per requirement, in document order of its first field, the definitions' groups; one group's lists are shared as they are.
  const parts = new Map<string, DefinitionGroup<G>[]>();
  for (const definition of selected) {
    const groups = definitionGroups(definition);
    charge(groups.length);
    for (const g of groups) {
      const list = parts.get(g.key);
      if (list) list.push(g);
      else parts.set(g.key, [g]);
    }
  }
  type Group = Omit<DefinitionGroup<G>, 'key'>;
  const groups = new Map<string, Group>();
  for (const [key, list] of parts) {
    const first = list[0]!;
    if (list.length === 1) {
      groups.set(key, first);
      continue;
    }
    // Charged for what the merge reads, before deduplication (a repeated location is still read).
    charge(list.reduce((sum, g) => sum + g.fields.length + g.locations.length, 0));
    // Fields repeat across definitions (a coordinate selected in two fragments), and so can locations: a document
    // put together from separately parsed ones (`concatAST`) has definitions whose fields share a line and column.
    const fields = [...new Set(list.flatMap((g) => g.fields))];
    const locations: SourceLocation[] = [];
    const seen = new Set<string>();
    for (const g of list) addNewLocations(seen, locations, g.locations);
    groups.set(key, { reason: first.reason, subject: first.subject, fields: Object.freeze(fields), locations: Object.freeze(locations), grants: first.grants, alternatives: first.alternatives });
  }
  const all = [...groups.values()];
  const chosen = minimumHittingSet(all.filter((g) => g.alternatives.length > 0).map((g) => g.alternatives));
  const granted = new Set(chosen.permissions);
  const freeze = (g: Group): PermissionRequirement<G> => {
    const satisfiedBy = g.alternatives.find((a) => a.every((p) => granted.has(p)));
    const base = { reason: g.reason, subject: g.subject, fields: g.fields, locations: g.locations, grants: g.grants, alternatives: g.alternatives };
    return Object.freeze(satisfiedBy ? { ...base, satisfiedBy } : base);
  };
  const requirements = all.filter((g) => g.alternatives.length > 0).map(freeze);
  const ungrantable = all.filter((g) => g.alternatives.length === 0).map(freeze);
  return Object.freeze({
    permissions: Object.freeze([...chosen.permissions].sort(compareStrings)),
    // A document with errors is not run by a server: whatever it was meant to need is not known.
    grantable: ungrantable.length === 0 && errors.length === 0,
    requirements: Object.freeze(requirements),
    ungrantable: Object.freeze(ungrantable),
    method: chosen.method,
    errors: Object.freeze([...errors]),
  });
}
