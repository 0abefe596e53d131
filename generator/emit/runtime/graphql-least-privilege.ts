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
  const operations = pass.errors.length > 0 || typeof selected === 'string' ? [] : selected.map((node) => Object.freeze({ node, answer: answerFor(pass, [node], []) }));
  return Object.freeze({ errors: Object.freeze([...pass.errors]), operations: Object.freeze(operations) });
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

/** The answer for `operations` (and the fragments they spread), from the document's pass. */
function answerFor<G extends GuardGrantShape>(pass: DocumentPass<G>, operations: readonly OperationDefinitionNode[], errors: readonly GraphQLError[]): LeastPrivilegeResult<G> {
  // The chosen operations and the fragments they spread, in document order, through the pass's indexes: linear in
  // what is selected, not in the document (answering each of N operations alone stays linear overall).
  const at: number[] = [];
  for (const op of operations) {
    const i = pass.indexOf.get(op);
    if (i !== undefined) at.push(i);
    for (const f of pass.fragmentsOf.get(op) ?? []) at.push(...(pass.fragmentIndexes.get(f) ?? []));
  }
  const selected = [...new Set(at)].sort((a, b) => a - b).map((i) => pass.definitions[i]!);

  interface Group {
    reason: RequirementReason;
    subject: string;
    fields: string[];
    fieldSet: Set<string>;
    locations: SourceLocation[];
    locationSet: Set<string>;
    grants: readonly G[];
    alternatives: readonly (readonly string[])[];
  }
  const groups = new Map<string, Group>();
  for (const definition of selected) {
    for (const { node, requirements } of definition.fields) {
      for (const r of requirements) {
        const key = `${r.reason}\u0000${r.subject}`;
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { reason: r.reason, subject: r.subject, fields: [], fieldSet: new Set(), locations: [], locationSet: new Set(), grants: r.grants, alternatives: r.alternatives }));
        if (!group.fieldSet.has(r.field)) {
          group.fieldSet.add(r.field);
          group.fields.push(r.field);
        }
        const at = node.loc ? { line: node.loc.startToken.line, column: node.loc.startToken.column } : undefined;
        if (at && !group.locationSet.has(`${at.line}:${at.column}`)) {
          group.locationSet.add(`${at.line}:${at.column}`);
          group.locations.push(at);
        }
      }
    }
  }
  const all = [...groups.values()];
  const chosen = minimumHittingSet(all.filter((g) => g.alternatives.length > 0).map((g) => g.alternatives));
  const granted = new Set(chosen.permissions);
  const freeze = (g: Group): PermissionRequirement<G> => {
    const satisfiedBy = g.alternatives.find((a) => a.every((p) => granted.has(p)));
    const base = { reason: g.reason, subject: g.subject, fields: Object.freeze(g.fields), locations: Object.freeze(g.locations.map((l) => Object.freeze(l))), grants: g.grants, alternatives: g.alternatives };
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
