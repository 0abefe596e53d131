/**
 * GitLab GraphQL page → the guard:
 * - `gitlab/graphql-guard-map.ts` (dependency-free, exported from `token-permissions/gitlab`): every
 *   documented Type, Mutation and Field with the rows that cover it, and `requiredGraphqlPermissions`.
 * - `gitlab/graphql/fine-grained-permissions.ts` (subpath `token-permissions/gitlab/graphql`, needs the
 *   `graphql` peer dependency): the validation rule `fineGrainedPermissionsRule` and the least-privilege
 *   answer `requiredPermissionsForOperation`, bound to that map.
 * The logic is the same whatever the page says, so it lives as real TypeScript in `emit/runtime/` and is
 * copied into the package (see RUNTIME_FILES); only the data and the binding are emitted.
 */
import { copyRuntime, type RuntimeFile } from './ts/copy-runtime.ts';
import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import type { EmitContext, Emitter } from './emitter.ts';
import type { Boundary, GraphqlKind, GraphqlPermissionsModel } from '../model/catalog.ts';
import { formatPosition } from '../model/position.ts';
import { codeHeader, safeComment } from './header.ts';
import { stringLiteral } from './ts/identifier.ts';
import { jsonParseExpression } from './json-data.ts';
import { mutationFieldName } from './runtime/graphql-guard-lookup.ts';
import { exportKinds } from './emit-project.ts';

const MAP_MODULE = '/generated/gitlab/graphql-guard-map.ts';
const RULE_MODULE = '/generated/gitlab/graphql/fine-grained-permissions.ts';
const PERMISSIONS_MODULE = '/generated/gitlab/graphql-permissions.ts';

/**
 * Runtime files (in `emit/runtime/`) and where they go. They sit in `runtime/` folders, which the
 * subpath indexes do not re-export, so only the emitted modules decide the public API. The files that
 * import `graphql` go under `gitlab/graphql/`: the rest of the package never loads them.
 */
const RUNTIME_FILES: readonly RuntimeFile[] = Object.freeze([
  { file: 'graphql-guard-lookup.ts', to: '/generated/gitlab/runtime/graphql-guard-lookup.ts' },
  { file: 'graphql-requirements.ts', to: '/generated/gitlab/graphql/runtime/graphql-requirements.ts' },
  { file: 'graphql-hitting-set.ts', to: '/generated/gitlab/graphql/runtime/graphql-hitting-set.ts' },
  { file: 'graphql-rule.ts', to: '/generated/gitlab/graphql/runtime/graphql-rule.ts' },
  { file: 'graphql-least-privilege.ts', to: '/generated/gitlab/graphql/runtime/graphql-least-privilege.ts' },
]);

const KIND_ORDER: readonly GraphqlKind[] = ['Type', 'Mutation', 'Field'];
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** One row of the page, as the guard map stores it. */
export interface GuardGrantData {
  permission: string;
  alsoRequires: string[];
  action: string;
  resource: string;
  category: string;
  boundary: Boundary;
  kind: GraphqlKind;
  name: string;
  /** `file:line:column` of the row. */
  source: string;
}

/** One documented name and every row that covers it (page order). */
export interface GuardEntryData {
  kind: GraphqlKind;
  name: string;
  schemaName: string;
  grants: GuardGrantData[];
}

/**
 * The page's rows grouped by (kind, name as written), sorted by kind (Type, Mutation, Field) then
 * name; grants keep the page's order. A name the guard could not match against a schema is an error:
 * dropping a Field row would leave its field covered by its parent type alone.
 */
export function guardEntries(model: GraphqlPermissionsModel, report: EmitContext['report']): GuardEntryData[] {
  const entries = new Map<string, GuardEntryData>();
  const mutationNames = new Map<string, { name: string; at: string }>();
  for (const category of model.categories) {
    for (const resource of category.resources) {
      for (const grant of resource.grants) {
        const parts = grant.name.split('.');
        const valid = grant.kind === 'Field' ? parts.length === 2 && parts.every((p) => GRAPHQL_NAME.test(p)) : GRAPHQL_NAME.test(grant.name);
        if (!valid) {
          report.error(
            'graphql-guard-name',
            `\`${grant.name}\` is not a GraphQL ${grant.kind === 'Field' ? 'field coordinate (`Type.field`)' : 'name'}, so the guard cannot match it against a schema.`,
            grant.position,
            'Fix the row upstream, or correct the name with an override in sources/overrides.json.',
          );
          continue;
        }
        const schemaName = grant.kind === 'Mutation' ? mutationFieldName(grant.name) : grant.name;
        if (grant.kind === 'Mutation') {
          const seen = mutationNames.get(schemaName);
          if (seen && seen.name !== grant.name) {
            report.warn(
              'graphql-guard-mutation-alias',
              `Mutations \`${seen.name}\` (${seen.at}) and \`${grant.name}\` are both exposed as the field \`${schemaName}\`; the guard accepts the rows of either.`,
              grant.position,
              'Check which spelling GitLab\'s schema uses; if the two rows mean different mutations, report it upstream.',
            );
          } else if (!seen) mutationNames.set(schemaName, { name: grant.name, at: formatPosition(grant.position) });
        }
        const key = `${grant.kind}\u0000${grant.name}`;
        let entry = entries.get(key);
        if (!entry) entries.set(key, (entry = { kind: grant.kind, name: grant.name, schemaName, grants: [] }));
        entry.grants.push({
          permission: grant.permission,
          alsoRequires: [...grant.alsoRequires],
          action: grant.action,
          resource: resource.name,
          category: category.name,
          boundary: grant.boundary,
          kind: grant.kind,
          name: grant.name,
          source: formatPosition(grant.position),
        });
      }
    }
  }
  return [...entries.values()].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compare(a.name, b.name));
}

export const graphqlGuard: Emitter = {
  name: 'graphql-guard',
  description:
    'gitlab/graphql-guard-map.ts (documented GraphQL names → covering rows, requiredGraphqlPermissions) and the gitlab/graphql subpath (fineGrainedPermissionsRule, requiredPermissionsForOperation).',
  emit(ctx) {
    const model = ctx.catalog.sources.find((s): s is GraphqlPermissionsModel => s.kind === 'gitlab-graphql-permissions');
    if (!model) return;
    const entries = guardEntries(model, ctx.report);
    copyRuntime(ctx, [model.source], RUNTIME_FILES, 'graphql-guard');
    emitMap(ctx, model, entries);
    emitRule(ctx, model);
  },
};

function emitMap(ctx: EmitContext, model: GraphqlPermissionsModel, entries: readonly GuardEntryData[]): void {
  // Reuse the permission and boundary unions of gitlab/graphql-permissions.ts when that emitter made them:
  // the data then fails to compile if a row names a permission the union lacks. `${T}` accepts both the
  // const-object union and the string enum of `--enum-style enum`.
  // From the module's structure (`exportKinds`): asking ts-morph for the file would parse its 68 KB (~35 ms of a first run).
  const exported = exportKinds(ctx.project, PERMISSIONS_MODULE) ?? new Map();
  const permissionType = exported.has('GraphqlPermission') ? '`${GraphqlPermission}`' : 'string';
  const boundaryType = exported.has('Boundary') ? '`${Boundary}`' : `'project' | 'group' | 'user' | 'instance'`;
  const typeImports = [...(exported.has('GraphqlPermission') ? ['GraphqlPermission'] : []), ...(exported.has('Boundary') ? ['Boundary'] : [])];

  const statements: StatementStructures[] = [];
  if (typeImports.length > 0) statements.push({ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: './graphql-permissions.js', namedImports: typeImports });
  statements.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/graphql-guard-lookup.js', namedImports: ['createGuardLookup', 'freezeGuardEntries', { name: 'GuardLookup', isTypeOnly: true }] });
  statements.push({
    kind: StructureKind.TypeAlias,
    isExported: true,
    name: 'GraphqlGuardKind',
    docs: [{ description: 'The kinds of rows of the page: a GraphQL object type, a mutation, or one field of a type (`Project.runners`).' }],
    type: KIND_ORDER.map(stringLiteral).join(' | '),
  });
  statements.push({
    kind: StructureKind.Interface,
    isExported: true,
    name: 'GraphqlGuardGrant',
    docs: [{ description: 'One row of the page: a permission that covers a documented type, mutation or field.' }],
    properties: [
      { name: 'permission', isReadonly: true, type: permissionType, docs: ['The permission id (`read_runner`).'] },
      { name: 'alsoRequires', isReadonly: true, type: `readonly ${permissionType}[]`, docs: ["Permissions the page's footnotes add to this row: all of them are needed with `permission`."] },
      { name: 'action', isReadonly: true, type: 'string', docs: ['The Action column as written (`Read`).'] },
      { name: 'resource', isReadonly: true, type: 'string', docs: ['The resource the row is listed under (`Runner`).'] },
      { name: 'category', isReadonly: true, type: 'string', docs: ['The resource category (`CI/CD`).'] },
      { name: 'boundary', isReadonly: true, type: boundaryType, docs: ['Where the permission applies: the Access column (`project`, `group`, `user`, `instance`).'] },
      { name: 'kind', isReadonly: true, type: 'GraphqlGuardKind' },
      { name: 'name', isReadonly: true, type: 'string', docs: ['The Name column as written (`CiRunner`, `RunnerUpdate`, `Project.runners`).'] },
      { name: 'source', isReadonly: true, type: 'string', docs: ['`file:line:column` of the row in the page.'] },
    ],
  });
  statements.push({
    kind: StructureKind.Interface,
    isExported: true,
    name: 'GraphqlGuardEntry',
    docs: [{ description: 'A documented name and every row that covers it; any one of the rows is enough.' }],
    properties: [
      { name: 'kind', isReadonly: true, type: 'GraphqlGuardKind' },
      { name: 'name', isReadonly: true, type: 'string', docs: ['As the page writes it.'] },
      { name: 'schemaName', isReadonly: true, type: 'string', docs: ['As a schema names it: the Mutation field (`runnerUpdate` for `RunnerUpdate`); otherwise the same as `name`.'] },
      { name: 'grants', isReadonly: true, type: 'readonly GraphqlGuardGrant[]', docs: ['In page order.'] },
    ],
  });
  statements.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [
      {
        description: safeComment(`Every Type, Mutation and Field the page documents, sorted by kind (Type, Mutation, Field) then name; frozen. ${model.source.title}.`),
        tags: [{ tagName: 'see', text: safeComment(model.source.url) }],
      },
    ],
    declarations: [
      {
        name: 'graphqlGuardEntries',
        type: 'readonly GraphqlGuardEntry[]',
        // JSON parsed at load (json-data.ts): one entry per line, each grant with its `file:line:column`.
        initializer: `freezeGuardEntries<GraphqlGuardGrant>(${jsonParseExpression(
          entries.map((e) => JSON.stringify(e)),
          'array',
        )})`,
      },
    ],
  });
  statements.push({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Let,
    docs: [{ description: 'Built on the first lookup, so importing the package does not pay for it.' }],
    declarations: [{ name: 'lookup', type: 'GuardLookup<GraphqlGuardGrant> | undefined' }],
  });
  statements.push({
    kind: StructureKind.Function,
    isExported: true,
    name: 'requiredGraphqlPermissions',
    docs: [
      {
        description: [
          'The rows that cover a documented GraphQL name, in page order (frozen), or `undefined` when the page does not list it.',
          'Any one of the rows is enough. Types are looked up by name (`CiRunner`), fields by coordinate (`Project.runners`),',
          'mutations by their documented name (`RunnerUpdate`) or their schema field name (`runnerUpdate`).',
          '`undefined` means the page grants nothing for it: the GraphQL rule denies an undocumented object type or mutation in strict mode.',
        ].join('\n'),
        tags: [{ tagName: 'see', text: safeComment(model.source.url) }],
      },
    ],
    parameters: [
      { name: 'kind', type: 'GraphqlGuardKind' },
      { name: 'name', type: 'string' },
    ],
    returnType: 'readonly GraphqlGuardGrant[] | undefined',
    statements: ['return (lookup ??= createGuardLookup(graphqlGuardEntries))(kind, name);'],
  });
  ctx.project.createSourceFile(MAP_MODULE, { leadingTrivia: `${codeHeader([model.source])}\n\n`, statements }, { overwrite: true });
}

function emitRule(ctx: EmitContext, model: GraphqlPermissionsModel): void {
  const see = [{ tagName: 'see', text: safeComment(model.source.url) }];
  const statements: StatementStructures[] = [
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: 'graphql', namedImports: ['DocumentNode', 'GraphQLSchema', 'ValidationRule'] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../graphql-guard-map.js', namedImports: ['requiredGraphqlPermissions', { name: 'GraphqlGuardGrant', isTypeOnly: true }] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/graphql-rule.js', namedImports: ['createFineGrainedPermissionsRule', { name: 'GuardOptions', isTypeOnly: true }] },
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: './runtime/graphql-least-privilege.js',
      namedImports: ['computeRequiredPermissions', { name: 'LeastPrivilegeOptions', isTypeOnly: true }, { name: 'LeastPrivilegeResult', alias: 'Result', isTypeOnly: true }, { name: 'PermissionRequirement', alias: 'Requirement', isTypeOnly: true }],
    },
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: './runtime/graphql-requirements.js', namedImports: ['GuardMode', 'RequirementReason'] },
    { kind: StructureKind.ExportDeclaration, isTypeOnly: true, namedExports: [{ name: 'GuardOptions', alias: 'GraphqlGuardOptions' }, { name: 'GuardMode', alias: 'GraphqlGuardMode' }, 'LeastPrivilegeOptions', 'RequirementReason'] },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'GraphqlPermissionRequirement',
      docs: [{ description: 'Something an operation needs (a type, field or mutation), the fields that need it and the permission sets that satisfy it.' }],
      type: 'Requirement<GraphqlGuardGrant>',
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'LeastPrivilegeResult',
      docs: [{ description: 'The answer of `requiredPermissionsForOperation`.' }],
      type: 'Result<GraphqlGuardGrant>',
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: 'fineGrainedPermissionsRule',
      docs: [
        {
          description: [
            'A graphql-js validation rule that reports every field a fine-grained personal access token with the `granted` permissions may not select:',
            'a type without a covering row, a documented field (`Project.runners`) or mutation without its permission, and in strict mode (the default)',
            'any object type or mutation the page does not document. Interfaces and unions need every possible type covered. Errors point at the field.',
            '',
            '```ts',
            "validate(schema, document, [...specifiedRules, fineGrainedPermissionsRule(['read_project', 'read_runner'])]);",
            '```',
          ].join('\n'),
          tags: [
            { tagName: 'param', text: 'granted The permission ids the token holds (read once). Unknown ids cover nothing.' },
            { tagName: 'param', text: "options `{ mode: 'lax' }` allows undocumented object types and mutations; `{ operationName }` checks only the operation a server will run (and the fragments it spreads)." },
            ...see,
          ],
        },
      ],
      parameters: [
        { name: 'granted', type: 'Iterable<string>' },
        { name: 'options', type: 'GuardOptions', hasQuestionToken: true },
      ],
      returnType: 'ValidationRule',
      statements: ['return createFineGrainedPermissionsRule(requiredGraphqlPermissions, granted, options);'],
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: 'requiredPermissionsForOperation',
      docs: [
        {
          description: [
            'The smallest set of permissions a token needs to run the document\'s operations (or `options.operationName`), by the rules of',
            '`fineGrainedPermissionsRule`: a minimum set, ties broken by the alphabetically first sorted list. Lists every requirement with its',
            'alternatives, and in `ungrantable` what no permission can grant (undocumented types and mutations in strict mode).',
          ].join('\n'),
          tags: see,
        },
      ],
      parameters: [
        { name: 'schema', type: 'GraphQLSchema' },
        { name: 'document', type: 'DocumentNode' },
        { name: 'options', type: 'LeastPrivilegeOptions', hasQuestionToken: true },
      ],
      returnType: 'LeastPrivilegeResult',
      statements: ['return computeRequiredPermissions(requiredGraphqlPermissions, schema, document, options);'],
    },
  ];
  ctx.project.createSourceFile(RULE_MODULE, { leadingTrivia: `${codeHeader([model.source])}\n\n`, statements }, { overwrite: true });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
