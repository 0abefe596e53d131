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
  guardMode,
  reachableFragments,
  requirementIndex,
  type CollectedDefinition,
  type RequirementReason,
} from './graphql-requirements.js';
import { minimumHittingSet } from './graphql-hitting-set.js';
import type { GuardOptions } from './graphql-rule.js';

export interface LeastPrivilegeOptions extends GuardOptions {
  /** Only this operation (and the fragments it spreads). Default: every operation of the document. */
  readonly operationName?: string;
}

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
  /** False when some requirement cannot be granted by any permission (see `ungrantable`). */
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
  const mode = guardMode(options.mode);
  const errors: GraphQLError[] = [...validate(schema, document)];
  let selected: CollectedDefinition<G>[] = [];
  const collector: ValidationRule = (context) =>
    collectRequirements(context, requirementIndex(lookup, schema, mode), () => true, (definitions) => {
      const operations = definitions
        .map((d) => d.node)
        .filter((n): n is OperationDefinitionNode => n.kind === Kind.OPERATION_DEFINITION)
        .filter((n) => options.operationName === undefined || n.name?.value === options.operationName);
      if (operations.length === 0) errors.push(new GraphQLError(options.operationName === undefined ? 'Must provide an operation.' : `Unknown operation named "${options.operationName}".`));
      const fragments = reachableFragments(context, operations);
      selected = definitions.filter((d) => (d.node.kind === Kind.OPERATION_DEFINITION ? operations.includes(d.node) : fragments.has(d.node.name.value)));
    });
  validate(schema, document, [collector]);

  interface Group {
    reason: RequirementReason;
    subject: string;
    fields: string[];
    locations: SourceLocation[];
    grants: readonly G[];
    alternatives: readonly (readonly string[])[];
  }
  const groups = new Map<string, Group>();
  for (const definition of selected) {
    for (const { node, requirements } of definition.fields) {
      for (const r of requirements) {
        const key = `${r.reason}\u0000${r.subject}`;
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { reason: r.reason, subject: r.subject, fields: [], locations: [], grants: r.grants, alternatives: r.alternatives }));
        if (!group.fields.includes(r.field)) group.fields.push(r.field);
        const at = node.loc ? { line: node.loc.startToken.line, column: node.loc.startToken.column } : undefined;
        if (at && !group.locations.some((l) => l.line === at.line && l.column === at.column)) group.locations.push(at);
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
    grantable: ungrantable.length === 0,
    requirements: Object.freeze(requirements),
    ungrantable: Object.freeze(ungrantable),
    method: chosen.method,
    errors: Object.freeze(errors),
  });
}
