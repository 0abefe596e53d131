/**
 * GraphQL operations as inputs of a workload (copied by `generator/emit/least-privilege.ts` into the
 * package as `gitlab/graphql/runtime/least-privilege-graphql.ts`): each operation of a document is
 * answered as `requiredPermissionsForOperation` answers it (`computeRequiredPermissionsByOperation`,
 * passed in: one pass over the document for all of them), and each of its requirements becomes
 * one input of `leastPrivilegeForRequests`, named after the operation. The workload's grant is then
 * chosen over every input together (REST, Git and other operations, GraphQL), so it stays minimal
 * across them. Nothing is dropped: a requirement no permission grants is an input the answer lists
 * as not granted, an operation of a document the schema rejects is one such input too (reason
 * `invalid`), and an operation that needs nothing is one input that needs nothing.
 */
import { Kind, type DocumentNode, type GraphQLError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { ownOption } from './graphql-requirements.js';

/** The fields of a `requiredPermissionsForOperation` requirement this file reads. */
export interface GraphqlRequirementLike {
  readonly reason: string;
  readonly subject: string;
  readonly fields: readonly string[];
  readonly locations: readonly { readonly line: number; readonly column: number }[];
  readonly grants: readonly { readonly boundary: string; readonly source: string }[];
  readonly alternatives: readonly (readonly string[])[];
}

/** The fields of a `requiredPermissionsForOperation` answer this file reads. */
export interface GraphqlAnswerLike {
  readonly requirements: readonly GraphqlRequirementLike[];
  readonly ungrantable: readonly GraphqlRequirementLike[];
}

/** What `computeRequiredPermissionsByOperation` returns: the document's errors and each operation's answer. */
export interface GraphqlDocumentAnswerLike {
  readonly errors: readonly GraphQLError[];
  readonly operations: readonly { readonly node: OperationDefinitionNode; readonly answer: GraphqlAnswerLike }[];
}

/** One requirement of one operation, as an input of the workload (the package's `GraphqlWorkloadRequest`). */
export interface GraphqlInput {
  readonly kind: 'graphql';
  readonly operation: string;
  readonly subject: string;
  readonly reason: string;
  readonly fields: readonly string[];
  readonly alternatives: readonly (readonly string[])[];
  readonly boundaries: readonly string[];
  readonly source: readonly string[];
  readonly line?: number;
  readonly text: string;
}

export interface GraphqlInputs {
  /** Every requirement of every operation, in document order. */
  readonly requests: readonly GraphqlInput[];
  /** The operations read, in document order (`query GetProject`). */
  readonly operations: readonly string[];
  /** graphql-js validation errors of the document (once each), and operations that cannot be selected on their own. */
  readonly errors: readonly GraphQLError[];
}

/**
 * The inputs for a document, from `byOperation` (the guard's per-operation answers, computed in one
 * pass over the document): each requirement of each operation is one input; every operation of a
 * document with errors is one `invalid` input.
 */
export function graphqlInputs<O extends { readonly mode?: 'strict' | 'lax'; readonly operationName?: string | null }>(
  byOperation: (schema: GraphQLSchema, document: DocumentNode, options?: O) => GraphqlDocumentAnswerLike,
  schema: GraphQLSchema,
  document: DocumentNode,
  options?: O,
): GraphqlInputs {
  try {
    return inputsOf(byOperation, schema, document, options);
  } catch (e) {
    // A hand-built document graphql-js validated but this code cannot read (`loc: {}`, a name whose `toString` throws): denied, never a throw.
    return invalidDocument([], `The document could not be read (${e instanceof Error ? e.message : 'not an error'}): nothing is granted.`);
  }
}

function inputsOf<O extends { readonly mode?: 'strict' | 'lax'; readonly operationName?: string | null }>(
  byOperation: (schema: GraphQLSchema, document: DocumentNode, options?: O) => GraphqlDocumentAnswerLike,
  schema: GraphQLSchema,
  document: DocumentNode,
  options?: O,
): GraphqlInputs {
  // Not a parsed document (`null`, `{}`): no operations; `byOperation` answers it with an error.
  const all: unknown = document !== null && typeof document === 'object' ? document.definitions : undefined;
  // Read index by index, as graphql-js reads a document (never the caller's own `filter`, which could hide an operation).
  const every: OperationDefinitionNode[] = [];
  if (Array.isArray(all)) {
    for (let i = 0, n = all.length; i < n; i++) {
      const d: unknown = all[i];
      if (d !== null && typeof d === 'object' && (d as { kind?: unknown }).kind === Kind.OPERATION_DEFINITION) every.push(d as OperationDefinitionNode);
    }
  }
  // `operationName`: only that operation runs (as `requiredPermissionsForOperation` answers it); anything but a string names none.
  // Own properties only (`ownOption`): an inherited `operationName` is not an option.
  const wanted: unknown = ownOption(options, 'operationName') ?? undefined;
  const definitions = wanted === undefined ? every : every.filter((d) => typeof wanted === 'string' && d.name?.value === wanted);
  if (wanted !== undefined && definitions.length === 0) return invalidDocument([], typeof wanted === 'string' ? `Unknown operation named "${wanted}".` : 'operationName must be a string.');
  const requests: GraphqlInput[] = [];
  const operations: string[] = [];
  const errors: GraphQLError[] = [];
  const seen = new Set<string>();
  // The options as read here, once (a getter could answer differently to `byOperation`).
  const mode = ownOption(options, 'mode');
  const read = { ...(mode !== undefined ? { mode } : {}), ...(wanted !== undefined ? { operationName: wanted } : {}) } as O;
  const { errors: documentErrors, operations: answered } = byOperation(schema, document, read);
  for (const e of documentErrors) {
    const key = `${e.message}\u0000${JSON.stringify(e.locations ?? [])}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(e);
  }
  const answerOf = new Map(answered.map((a) => [a.node, a.answer]));
  for (const definition of definitions) {
    const value: unknown = definition.name?.value;
    const label = `${String(definition.operation)} ${typeof value === 'string' ? value : '(anonymous)'}`;
    const at: unknown = definition.loc?.startToken?.line;
    const line = typeof at === 'number' ? at : undefined;
    operations.push(label);
    const answer = answerOf.get(definition);
    // A document the schema rejects (an anonymous operation that is not alone too: LoneAnonymousOperationRule) is not run by a
    // server, and whatever it was meant to do is not known: each of its operations is one input no grant lets through.
    if (errors.length > 0 || answer === undefined) {
      const why = errors[0]?.message ?? 'The operation could not be answered.';
      requests.push(invalidInput(label, why, line));
      continue;
    }
    const all = [...answer.requirements, ...answer.ungrantable].sort((a, b) => firstLine(a, line) - firstLine(b, line));
    if (all.length === 0) {
      requests.push(Object.freeze({ kind: 'graphql', operation: label, subject: '', reason: 'none', fields: Object.freeze([]), alternatives: Object.freeze([Object.freeze([])]), boundaries: Object.freeze([]), source: Object.freeze([]), ...(line !== undefined ? { line } : {}), text: label }));
      continue;
    }
    for (const r of all) {
      const at = r.locations[0]?.line ?? line;
      requests.push(
        Object.freeze({
          kind: 'graphql',
          operation: label,
          subject: r.subject,
          reason: r.reason,
          fields: Object.freeze([...r.fields]),
          alternatives: Object.freeze(r.alternatives.map((a) => Object.freeze([...a]))),
          boundaries: Object.freeze([...new Set(r.grants.map((g) => g.boundary.toLowerCase()))]),
          source: Object.freeze([...new Set(r.grants.map((g) => g.source))]),
          ...(at !== undefined ? { line: at } : {}),
          text: `${label}: ${r.subject}`,
        }),
      );
    }
  }
  // Errors and no operation to hang them on (not a document, or one without operations): one input no grant lets through.
  if (errors.length > 0 && definitions.length === 0) return invalidDocument(errors, errors[0]!.message);
  return Object.freeze({ requests: Object.freeze(requests), operations: Object.freeze(operations), errors: Object.freeze(errors) });
}

/** The answer for a document no operation of which can be answered: one `invalid` input, `(document)`, that no grant lets through. */
function invalidDocument(errors: readonly GraphQLError[], why: string): GraphqlInputs {
  const label = '(document)';
  return Object.freeze({ requests: Object.freeze([invalidInput(label, why, undefined)]), operations: Object.freeze([label]), errors: Object.freeze([...errors]) });
}

/** An operation (or document) that cannot be answered, as an input no grant lets through. */
function invalidInput(label: string, why: string, line: number | undefined): GraphqlInput {
  return Object.freeze({ kind: 'graphql', operation: label, subject: why, reason: 'invalid', fields: Object.freeze([]), alternatives: Object.freeze([]), boundaries: Object.freeze([]), source: Object.freeze([]), ...(line !== undefined ? { line } : {}), text: `${label}: not valid against the schema` });
}

function firstLine(r: GraphqlRequirementLike, fallback: number | undefined): number {
  return r.locations[0]?.line ?? fallback ?? 0;
}
