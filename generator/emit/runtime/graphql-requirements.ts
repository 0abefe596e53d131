/**
 * Runtime of the GraphQL guard (copied verbatim by `generator/emit/graphql-guard.ts` into the
 * generated package as `gitlab/graphql/runtime/graphql-requirements.ts`): what selecting one field
 * requires, by the policy below, and a visitor that collects it over a document. The validation rule
 * and the least-privilege answer both use it, so they cannot disagree. Only the `gitlab/graphql`
 * subpath reaches this file; it is the one place (with its siblings) that imports `graphql`.
 *
 * Policy (fail-closed; README "GraphQL guard"):
 * - A field returning an object type with Type rows needs one of them. An interface or union return
 *   type needs its own Type rows (if any) and, for every possible object type, that type's rows: all
 *   of them, since the server may return any of them.
 * - A field with Field rows (`Project.runners`) needs one of them too. Rows are looked up on the
 *   parent type, the interfaces it implements, for an interface parent every possible type, and for a
 *   root type its role (`Query.project` applies to `QueryRoot.project`).
 * - A Mutation field needs one of its Mutation rows; its payload, the object type the mutation field
 *   returns (whatever it is called), is covered by the mutation itself.
 * - Transparent: scalars, enums, the root operation types, introspection (`__*` fields and types), and,
 *   recognised by their shape, never by their names: connections (object types that expose their items
 *   through `nodes: [X]` or `edges: [E]` where `E` has `node: X`, with or without `pageInfo`), their
 *   edges (the `E` above), and page-info objects (only `hasNextPage`, `hasPreviousPage`, `startCursor`,
 *   `endCursor`, all scalar). A Type row wins over transparency. A field that returns a connection or
 *   an edge needs what the type it lists needs (its count and page info reveal those objects).
 * - Strict (default): any other object type, and any mutation without a row, cannot be granted at all.
 *   Lax: they need nothing.
 */
import {
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isIntrospectionType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isSchema,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationContext,
} from 'graphql';
import type { GuardGrantShape, GuardLookup } from './graphql-guard-lookup.js';

/** `strict` (default): unlisted object types and undocumented mutations are denied. `lax`: allowed. */
export type GuardMode = 'strict' | 'lax';

/** Why a field needs permissions. */
export type RequirementReason =
  /** The field returns (or may return) a type with Type rows. */
  | 'type'
  /** The field itself has Field rows. */
  | 'field'
  /** The field is a mutation with Mutation rows. */
  | 'mutation'
  /** Strict mode: the field returns (or may return) an object type the page does not list. */
  | 'unlisted-type'
  /** Strict mode: the field is a mutation the page does not list. */
  | 'unknown-mutation';

export interface FieldRequirement<G extends GuardGrantShape> {
  readonly reason: RequirementReason;
  /**
   * What the requirement is about: the type (`CiRunner`), the documented field (`Project.runners`) or the
   * documented mutation (`RunnerUpdate`); for `unknown-mutation`, the mutation field's name.
   */
  readonly subject: string;
  /** Schema coordinate of the selected field: `Query.project`. */
  readonly field: string;
  /** True when `subject` is one of the possible types of an interface or union the field returns. */
  readonly possibleType: boolean;
  /** The rows behind it, in page order; empty when nothing can grant it. */
  readonly grants: readonly G[];
  /**
   * Ways to satisfy it: each alternative is a set of permission ids that are all needed (a row's
   * permission plus what its footnotes add), sorted; any one alternative suffices. Empty: ungrantable.
   */
  readonly alternatives: readonly (readonly string[])[];
}

/**
 * An option set on the options object itself. An inherited one is not an option: a property added to
 * `Object.prototype` elsewhere in the process (prototype pollution: `mode: 'lax'`, an
 * `operationName` naming a harmless operation) once switched the guard off for callers that passed `{}`.
 */
export function ownOption(options: unknown, key: string): unknown {
  return options !== null && typeof options === 'object' && Object.hasOwn(options, key) ? (options as Record<string, unknown>)[key] : undefined;
}

/**
 * Whether `schema` is a schema of the `graphql` this package loads. One from another copy (a nested or
 * mismatched install of the peer dependency) is not: graphql-js's own checks then throw ("another
 * module or realm"), or, with NODE_ENV=production, answer `false` for every `is…Type`, and a type that
 * is neither a leaf, an object nor an abstract type once got no requirement at all (allowed).
 */
export function isPackageSchema(schema: unknown): boolean {
  try {
    return isSchema(schema);
  } catch {
    return false;
  }
}

/** The error for a schema of another copy of `graphql` (`isPackageSchema`): nothing is granted. */
export const FOREIGN_SCHEMA_MESSAGE =
  'The schema is not one of the `graphql` package token-permissions loads (two copies of graphql are installed): nothing is granted. Install one copy (npm dedupe).';

/** Parses the `mode` option; anything but the two documented values is a programming error. */
export function guardMode(mode: unknown): GuardMode {
  if (mode === undefined || mode === 'strict') return 'strict';
  if (mode === 'lax') return 'lax';
  throw new TypeError(`Unknown guard mode ${JSON.stringify(mode)}: use 'strict' (the default) or 'lax'.`);
}

/** True when `granted` holds every permission of at least one alternative. */
export function isSatisfied(alternatives: readonly (readonly string[])[], granted: ReadonlySet<string>): boolean {
  return alternatives.some((alternative) => alternative.every((p) => granted.has(p)));
}

/** Requirements of every field of one schema, computed once per (parent type, field). */
export class RequirementIndex<G extends GuardGrantShape> {
  private readonly byParent = new Map<GraphQLCompositeType, Map<string, readonly FieldRequirement<G>[]>>();

  constructor(
    readonly schema: GraphQLSchema,
    private readonly lookup: GuardLookup<G>,
    readonly mode: GuardMode,
  ) {}

  forField(parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>): readonly FieldRequirement<G>[] {
    let fields = this.byParent.get(parent);
    if (!fields) this.byParent.set(parent, (fields = new Map()));
    let found = fields.get(field.name);
    if (!found) fields.set(field.name, (found = Object.freeze(this.build(parent, field))));
    return found;
  }

  private build(parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>): FieldRequirement<G>[] {
    // `__typename`, `__schema`, `__type`: names starting with `__` are reserved for introspection.
    if (field.name.startsWith('__')) return [];
    const coordinate = `${parent.name}.${field.name}`;
    const out: FieldRequirement<G>[] = [];
    const add = (reason: RequirementReason, subject: string, grants: readonly G[], possibleType = false) => {
      if (out.some((r) => r.reason === reason && r.subject === subject)) return;
      out.push(Object.freeze({ reason, subject, field: coordinate, possibleType, grants, alternatives: alternativesOf(grants) }));
    };

    // The payload is what the mutation field returns, by structure: `runnerUpdate: RunnerUpdatePayload`
    // and `runnerUpdate: RunnerChange` alike. Only this field's return is covered, not the type anywhere.
    let payload: GraphQLObjectType | undefined;
    const mutationRoot = this.schema.getMutationType();
    if (this.onRoot(parent, mutationRoot)) {
      const grants = this.lookup('Mutation', field.name);
      if (grants && grants.length > 0) add('mutation', grants[0]!.name, grants);
      else if (this.mode === 'strict') add('unknown-mutation', field.name, []);
      // The payload is covered on the root itself only: through an interface or union the object may
      // be another type that implements it (`project { ... on RunnerMutations { runnerCreate } }` runs
      // `Project.runnerCreate`), so there its return type needs rows of its own, as anywhere else.
      const returns = getNamedType(field.type);
      if (parent === mutationRoot && isObjectType(returns)) payload = returns;
    }

    for (const owner of this.fieldOwners(parent)) {
      const name = `${owner}.${field.name}`;
      const grants = this.lookup('Field', name);
      if (grants && grants.length > 0) add('field', name, grants);
    }

    let returned = getNamedType(field.type);
    if (isLeafType(returned)) return out;
    let own = this.lookup('Type', returned.name);
    // A connection or edge needs no row of its own, but it is not empty: `project { issues { count } }`
    // tells how many issues there are. So the field that returns one needs what the type it lists
    // needs, as if it returned that type (its `nodes`/`node` fields are checked again, for free). A
    // connection of connections is followed to its items; one that lists itself, directly or through
    // others, never reaches items and is denied like any type the page does not list.
    let listed = false;
    if (!own && isObjectType(returned)) {
      const seen = new Set<GraphQLCompositeType>([returned]);
      for (let item = this.listedType(returned); item; item = isObjectType(item) && !own ? this.listedType(item) : undefined) {
        listed = true;
        returned = item;
        own = this.lookup('Type', item.name);
        if (seen.has(item)) break;
        seen.add(item);
      }
    }
    if (own && own.length > 0) add('type', returned.name, own);
    if (isObjectType(returned)) {
      // What a connection lists must be covered by rows (or be a payload-free scalar wrapper such as
      // page info): being a connection itself no longer makes it transparent.
      const transparent = listed ? this.isRootOrIntrospection(returned) || isPageInfo(returned) : this.isTransparent(returned);
      if (!own && returned !== payload && !transparent && this.mode === 'strict') add('unlisted-type', returned.name, []);
    } else if (isAbstractType(returned)) {
      // A possible type needs its own rows: only root, introspection and page-info types are exempt
      // (a connection among the possible types would hide what it lists).
      for (const possible of this.schema.getPossibleTypes(returned)) {
        const grants = this.lookup('Type', possible.name);
        if (grants && grants.length > 0) add('type', possible.name, grants, true);
        else if (!this.isRootOrIntrospection(possible) && !isPageInfo(possible) && this.mode === 'strict') add('unlisted-type', possible.name, [], true);
      }
    } else {
      // Neither a leaf, an object nor an abstract type: not a type this package's graphql knows. Denied in either mode.
      add('unlisted-type', (returned as { name?: unknown }).name === undefined ? String(returned) : String((returned as { name?: unknown }).name), []);
    }
    return out;
  }

  /**
   * Names whose `Name.field` rows apply to a field selected on `parent`: its own, its interfaces', every
   * possible type's for an interface, and `Query`/`Mutation`/`Subscription` for a root type named otherwise
   * (the page writes root fields as `Query.project`, whatever a schema calls its root).
   */
  private fieldOwners(parent: GraphQLCompositeType): string[] {
    const names = [parent.name];
    const s = this.schema;
    if (this.onRoot(parent, s.getQueryType())) names.push('Query');
    if (this.onRoot(parent, s.getMutationType())) names.push('Mutation');
    if (this.onRoot(parent, s.getSubscriptionType())) names.push('Subscription');
    if (isObjectType(parent) || isInterfaceType(parent)) for (const i of parent.getInterfaces()) names.push(i.name);
    if (isAbstractType(parent)) for (const t of this.schema.getPossibleTypes(parent)) names.push(t.name);
    return [...new Set(names)];
  }

  /**
   * Whether a field selected on `parent` may be `root`'s field: `parent` is the root, or an interface
   * or union the root is a possible type of (`mutation { ... on RunnerMutations { runnerDelete } }`
   * runs the root's resolver just the same, and so does `{ me { runnerDelete } }` when `me` returns
   * such an interface), so the root's rules apply to it too.
   */
  private onRoot(parent: GraphQLCompositeType, root: GraphQLObjectType | null | undefined): boolean {
    if (!root) return false;
    return parent === root || (isAbstractType(parent) && this.schema.isSubType(parent, root));
  }

  /**
   * The type a connection or an edge lists (see `connectionItem`, `edgeItem`); undefined for anything
   * else, root operation types and introspection types included.
   */
  private listedType(type: GraphQLObjectType): GraphQLCompositeType | undefined {
    if (this.isRootOrIntrospection(type)) return undefined;
    return this.connectionItem(type) ?? (this.edgeTypes().has(type) ? edgeItem(type) : undefined);
  }

  /**
   * A connection, by shape: `nodes: [X]`, or `edges: [E]` with `E.node: X` (Relay's cursor connection),
   * or both with the same `X`; `pageInfo`, `count` and other fields may be there or not. Returns `X`.
   * Two different item types (`nodes: [X]`, `edges { node: Y }`) are no connection: fail closed.
   */
  private connectionItem(type: GraphQLObjectType): GraphQLCompositeType | undefined {
    if (this.isRootOrIntrospection(type)) return undefined;
    const nodes = listField(type, 'nodes');
    const edge = listField(type, 'edges');
    const viaEdges = edge && isObjectType(edge) ? edgeItem(edge) : undefined;
    if (nodes && viaEdges) return nodes === viaEdges ? nodes : undefined;
    return nodes ?? viaEdges;
  }

  /** Edge types: the item types of the `edges` lists of the schema's connections, computed once. */
  private edgeTypes(): ReadonlySet<GraphQLObjectType> {
    if (this.edges) return this.edges;
    const edges = new Set<GraphQLObjectType>();
    for (const type of Object.values(this.schema.getTypeMap())) {
      if (!isObjectType(type) || !this.connectionItem(type)) continue;
      const edge = listField(type, 'edges');
      if (edge && isObjectType(edge) && edgeItem(edge)) edges.add(edge);
    }
    return (this.edges = edges);
  }

  private edges: ReadonlySet<GraphQLObjectType> | undefined;

  private isRootOrIntrospection(type: GraphQLObjectType): boolean {
    const s = this.schema;
    return type === s.getQueryType() || type === s.getMutationType() || type === s.getSubscriptionType() || isIntrospectionType(type);
  }

  /** Object types that need no row of their own (see the policy above). */
  private isTransparent(type: GraphQLObjectType): boolean {
    if (this.isRootOrIntrospection(type)) return true;
    return isPageInfo(type) || this.listedType(type) !== undefined;
  }
}

/** The composite item type of `type`'s list field `name` (see `listItem`); undefined when there is no such field. */
function listField(type: GraphQLObjectType, name: string): GraphQLCompositeType | undefined {
  const fields = type.getFields();
  return Object.hasOwn(fields, name) ? listItem(fields[name]!.type) : undefined;
}

/** The composite item type of a list field (`[X]`, `[X!]!`); undefined for anything else. */
function listItem(type: GraphQLOutputType): GraphQLCompositeType | undefined {
  const list = isNonNullType(type) ? type.ofType : type;
  if (!isListType(list)) return undefined;
  const item = getNamedType(list);
  return isLeafType(item) ? undefined : item;
}

/** The composite type of an object's `node` field when it is a single object, not a list (an edge's item). */
function edgeItem(type: GraphQLObjectType): GraphQLCompositeType | undefined {
  const fields = type.getFields();
  if (!Object.hasOwn(fields, 'node')) return undefined;
  const node = fields['node']!.type;
  if (isListType(isNonNullType(node) ? node.ofType : node)) return undefined;
  const item = getNamedType(node);
  return isLeafType(item) ? undefined : item;
}

/** Relay's page info, by shape: nothing but scalar `hasNextPage`, `hasPreviousPage`, `startCursor`, `endCursor`. */
const PAGE_INFO_FIELDS: ReadonlySet<string> = new Set(['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor']);

function isPageInfo(type: GraphQLObjectType): boolean {
  const fields = Object.values(type.getFields());
  return fields.length > 0 && fields.every((f) => PAGE_INFO_FIELDS.has(f.name) && isLeafType(getNamedType(f.type)));
}

/** The distinct permission sets of some rows, sorted, without any set that contains another. */
export function alternativesOf(grants: readonly GuardGrantShape[]): readonly (readonly string[])[] {
  const sets = new Map<string, readonly string[]>();
  for (const g of grants) {
    const set = [...new Set([g.permission, ...g.alsoRequires])].sort(compareStrings);
    sets.set(set.join('\u0000'), set);
  }
  const all = [...sets.values()].sort((a, b) => a.length - b.length || compareStrings(a.join('\u0000'), b.join('\u0000')));
  const kept = all.filter((set, i) => !all.some((other, j) => j !== i && other.length < set.length && other.every((p) => set.includes(p))));
  return Object.freeze(kept.map((s) => Object.freeze([...s])));
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Per mode a Map, not an object: `byMode.strict` of a plain object would read an `Object.prototype.strict` someone set.
const indexes = new WeakMap<GuardLookup<GuardGrantShape>, WeakMap<GraphQLSchema, Map<GuardMode, RequirementIndex<GuardGrantShape>>>>();

/** The index for one lookup, schema and mode, cached as long as the schema lives. */
export function requirementIndex<G extends GuardGrantShape>(lookup: GuardLookup<G>, schema: GraphQLSchema, mode: GuardMode): RequirementIndex<G> {
  let bySchema = indexes.get(lookup);
  if (!bySchema) indexes.set(lookup, (bySchema = new WeakMap()));
  let byMode = bySchema.get(schema);
  if (!byMode) bySchema.set(schema, (byMode = new Map()));
  let index = byMode.get(mode) as RequirementIndex<G> | undefined;
  if (!index) byMode.set(mode, (index = new RequirementIndex(schema, lookup, mode) as RequirementIndex<GuardGrantShape> as RequirementIndex<G>));
  return index;
}

export interface CollectedField<G extends GuardGrantShape> {
  readonly node: FieldNode;
  readonly requirements: readonly FieldRequirement<G>[];
}

export interface CollectedDefinition<G extends GuardGrantShape> {
  readonly node: OperationDefinitionNode | FragmentDefinitionNode;
  readonly fields: CollectedField<G>[];
}

/**
 * A visitor (for a validation rule: it relies on the context's TypeInfo) that records, per operation
 * and fragment definition in document order, the requirements of each selected field that `keep`
 * accepts, and hands them to `done` when the document is left. Fragments are recorded where they are
 * defined (once, however often they are spread); callers pick the ones operations reach.
 */
export function collectRequirements<G extends GuardGrantShape>(
  context: ValidationContext,
  index: RequirementIndex<G>,
  keep: (requirement: FieldRequirement<G>) => boolean,
  done: (definitions: readonly CollectedDefinition<G>[]) => void,
): ASTVisitor {
  const definitions: CollectedDefinition<G>[] = [];
  let current: CollectedDefinition<G> | undefined;
  return {
    OperationDefinition(node) {
      definitions.push((current = { node, fields: [] }));
    },
    FragmentDefinition(node) {
      definitions.push((current = { node, fields: [] }));
    },
    Field(node) {
      const parent = context.getParentType();
      const field = context.getFieldDef();
      // Unknown parents or fields are reported by the standard rules, and graphql-js never executes them.
      if (!current || !parent || !field) return;
      const requirements = index.forField(parent, field);
      if (requirements.length === 0) return;
      const kept = requirements.filter(keep);
      if (kept.length > 0) current.fields.push({ node, requirements: kept });
    },
    Document: {
      leave() {
        done(definitions);
      },
    },
  };
}

/** Names of the fragments the given operations spread, directly or through other fragments. */
/**
 * The operations `operationName` selects (GraphQL-over-HTTP): every one when it is not given (or
 * `null`), else those with that name; a message instead when it names none or is not a string (never
 * converted to one: an object from a request body may throw on it).
 */
export function selectOperations(all: readonly OperationDefinitionNode[], operationName: unknown): readonly OperationDefinitionNode[] | string {
  if (operationName === undefined || operationName === null) return all;
  if (typeof operationName !== 'string') return 'operationName must be a string.';
  const named = all.filter((n) => n.name?.value === operationName);
  return named.length > 0 ? named : `Unknown operation named "${operationName}".`;
}

export function reachableFragments(context: ValidationContext, operations: readonly OperationDefinitionNode[]): Set<string> {
  const names = new Set<string>();
  for (const operation of operations) for (const fragment of context.getRecursivelyReferencedFragments(operation)) names.add(fragment.name.value);
  return names;
}

