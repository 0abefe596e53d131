/**
 * Runtime of the GraphQL guard (copied verbatim by `generator/emit/graphql-guard.ts` into the
 * generated package as `gitlab/graphql/runtime/graphql-rule.ts`): the graphql-js validation rule.
 * The generated `gitlab/graphql/fine-grained-permissions.ts` binds it to the page's guard map.
 */
import { GraphQLError, Kind, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import type { GuardGrantShape, GuardLookup } from './graphql-guard-lookup.js';
import {
  collectRequirements,
  FOREIGN_SCHEMA_MESSAGE,
  guardMode,
  isPackageSchema,
  isSatisfied,
  ownOption,
  reachableFragments,
  selectOperations,
  requirementIndex,
  type FieldRequirement,
  type GuardMode,
} from './graphql-requirements.js';

/**
 * The most permission ids a grant is read for; a longer one grants nothing. The route matchers'
 * `MAX_GRANTED_ITEMS` (`route-path.ts`), restated: importing it would load the route runtime into this subpath.
 */
const MAX_GRANTED_PERMISSIONS = 65_536;

export interface GuardOptions {
  /**
   * `strict` (default): an object type the page does not list, or a mutation without a row, is denied.
   * `lax`: they are allowed; documented types, fields and mutations are still enforced.
   */
  readonly mode?: GuardMode;
  /**
   * The operation a server will run (GraphQL-over-HTTP's `operationName`): only it, and the
   * fragments it spreads, are checked. Not given (or `null`): every operation of the document.
   * A name no operation has, or anything but a string, is an error: nothing runs.
   */
  readonly operationName?: string | null;
}

/**
 * A validation rule that reports every selected field the granted permissions do not cover, with
 * the field node's location. Every operation of the document is checked (or the one named by
 * `operationName`), with every fragment it spreads (each fragment once); `@skip`/`@include` are not
 * evaluated, so a skipped field still counts.
 * `granted` is read once, when the rule is created, up to `MAX_GRANTED_PERMISSIONS` ids (more grant nothing).
 */
export function createFineGrainedPermissionsRule<G extends GuardGrantShape>(lookup: GuardLookup<G>, granted: Iterable<string>, options: GuardOptions = {}): ValidationRule {
  if (typeof granted === 'string' || granted === null || typeof (granted as Partial<Iterable<string>>)[Symbol.iterator] !== 'function') {
    throw new TypeError('fineGrainedPermissionsRule: `granted` must be an iterable of permission ids (an array or a Set), not a single string.');
  }
  const permissions = new Set<string>();
  // Read with a bound, as the route matchers read a grant (`MAX_GRANTED_ITEMS`): an endless iterable
  // once ran the process out of memory. Past the bound nothing is granted (every permission is denied).
  let budget = MAX_GRANTED_PERMISSIONS;
  for (const p of granted) {
    if (--budget < 0) {
      permissions.clear();
      break;
    }
    if (typeof p === 'string') permissions.add(p);
  }
  // Own properties only (`ownOption`); a JavaScript caller may pass `null` for "no options".
  const mode = guardMode(ownOption(options, 'mode'));
  const given: unknown = ownOption(options, 'operationName');
  return (context) => {
    if (!isPackageSchema(context.getSchema())) {
      context.reportError(new GraphQLError(FOREIGN_SCHEMA_MESSAGE));
      return {};
    }
    const index = requirementIndex(lookup, context.getSchema(), mode);
    const satisfied = new Map<FieldRequirement<G>, boolean>();
    const unmet = (r: FieldRequirement<G>) => {
      let ok = satisfied.get(r);
      if (ok === undefined) satisfied.set(r, (ok = isSatisfied(r.alternatives, permissions)));
      return !ok;
    };
    return collectRequirements(context, index, unmet, (definitions) => {
      const all = definitions.map((d) => d.node).filter((n): n is OperationDefinitionNode => n.kind === Kind.OPERATION_DEFINITION);
      const operations = selectOperations(all, given);
      if (typeof operations === 'string') {
        context.reportError(new GraphQLError(operations));
        return;
      }
      const selected = new Set<OperationDefinitionNode>(operations);
      const fragments = reachableFragments(context, operations);
      for (const definition of definitions) {
        if (definition.node.kind === Kind.FRAGMENT_DEFINITION && !fragments.has(definition.node.name.value)) continue;
        if (definition.node.kind === Kind.OPERATION_DEFINITION && !selected.has(definition.node)) continue;
        for (const { node, requirements } of definition.fields) {
          // One error per way of satisfying it: `Query.project` needs read_project as a Field row and
          // for its type `Project`; saying so once is enough.
          const said = new Set<string>();
          for (const r of requirements) {
            const key = r.alternatives.length > 0 ? r.alternatives.map((a) => a.join('+')).join('|') : `${r.reason}:${r.subject}`;
            if (said.has(key)) continue;
            said.add(key);
            context.reportError(new GraphQLError(requirementMessage(r), { nodes: node }));
          }
        }
      }
    });
  };
}

/** The error message for an unmet requirement. Names the field, the type or mutation, and what would cover it. */
export function requirementMessage(r: FieldRequirement<GuardGrantShape>): string {
  const fieldName = r.field.slice(r.field.indexOf('.') + 1);
  switch (r.reason) {
    case 'field':
      return `Field "${r.field}"${r.subject === r.field ? '' : ` (documented as ${r.subject})`} needs ${permissionsPhrase(r.alternatives)}.`;
    case 'type':
      return `Field "${r.field}" ${r.possibleType ? 'may return' : 'returns'} type "${r.subject}", which needs ${permissionsPhrase(r.alternatives)}.`;
    case 'mutation':
      return `Mutation "${fieldName}"${r.subject === fieldName ? '' : ` (documented as ${r.subject})`} needs ${permissionsPhrase(r.alternatives)}.`;
    case 'unlisted-type':
      return `Field "${r.field}" ${r.possibleType ? 'may return' : 'returns'} type "${r.subject}", which no fine-grained permission covers (the type is not documented; strict mode denies it).`;
    case 'unknown-mutation':
      return `Mutation "${fieldName}" is not documented for fine-grained permissions, so no permission covers it (strict mode denies it).`;
  }
}

/** `the fine-grained permission a`, `the fine-grained permissions a + b`, `one of the fine-grained permissions a, b + c`. */
export function permissionsPhrase(alternatives: readonly (readonly string[])[]): string {
  const only = alternatives.length === 1 ? alternatives[0] : undefined;
  if (only) return only.length === 1 ? `the fine-grained permission ${only[0]}` : `the fine-grained permissions ${only.join(' + ')}`;
  return `one of the fine-grained permissions ${alternatives.map((a) => a.join(' + ')).join(', ')}`;
}
