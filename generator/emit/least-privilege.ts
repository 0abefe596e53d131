/**
 * Least privilege for a workload → `gitlab/least-privilege.ts` and `forgejo/least-privilege.ts`.
 *
 * Given the requests and operations an integration makes, the smallest grant of each token kind that
 * lets all of it through, and what no such token can do. The logic does not depend on the pages
 * (`runtime/least-privilege*.ts`, copied under each subpath's `runtime/`); this emitter writes the
 * page-derived data (the classic-scope readings with their page lines, the operation short names)
 * and wires each token kind to the lookup the package compiled for it:
 * - CI/CD job token: `jobTokenRouteFor` (job-token page);
 * - classic scopes: `classicScopeRules` (token-scopes page, readings in
 *   `generator/least-privilege/classic-scope-rules.ts`) and `isScopeAvailableFor`;
 * - fine-grained PAT: the lookups of `FINE_GRAINED_LOOKUPS`, each found by its exported name among
 *   the modules other emitters put in `gitlab/`. A lookup whose page is not compiled is left out and
 *   the requests it would answer are `unknown` (denied), said as such.
 * - Forgejo: `requiredForgejoScope` and `forgejoScopeSatisfiedBy` (Forgejo scope page).
 */
import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import { exportKinds, projectPaths, type ExportKinds } from './emit-project.ts';
import type { EmitContext, Emitter } from './emitter.ts';
import type { ForgejoScopesModel, GitlabOperationNote, GitlabOperationPermissionsModel, GitlabTokenScopesModel, JobTokenEndpointsModel, SourceInfo } from '../model/catalog.ts';
import { copyRuntime, type RuntimeFile } from './ts/copy-runtime.ts';
import { codeHeader, safeComment } from './header.ts';
import { stringLiteral } from './ts/identifier.ts';
import { checkClassicScopeRules, CLASSIC_SCOPE_WEIGHTS } from '../least-privilege/classic-scope-rules.ts';
import { SNIPPET_FOOTNOTE, WORKLOAD_OPERATION_NAMES } from '../least-privilege/operation-names.ts';
import { RECORD_OPEN, withoutPrototype } from './ts/record.ts';

const GITLAB_OUT = '/generated/gitlab/least-privilege.ts';
const FORGEJO_OUT = '/generated/forgejo/least-privilege.ts';

const GITLAB_RUNTIME: readonly RuntimeFile[] = Object.freeze([
  { file: 'route-path.ts', to: '/generated/gitlab/runtime/route-path.ts' },
  { file: 'least-privilege.ts', to: '/generated/gitlab/runtime/least-privilege.ts' },
  { file: 'least-privilege-gitlab.ts', to: '/generated/gitlab/runtime/least-privilege-gitlab.ts' },
]);
const GRAPHQL_OUT = '/generated/gitlab/graphql/least-privilege.ts';
/** The guard of the one fine-grained permission vocabulary (generator/emit/gitlab-fine-grained-permissions.ts). */
const VOCABULARY_CHECK = 'isGitlabFineGrainedPermission';
/** The GraphQL guard's module (generator/emit/graphql-guard.ts) whose `requiredPermissionsForOperation` GraphQL inputs reuse. */
const GRAPHQL_GUARD_MODULE = '/generated/gitlab/graphql/fine-grained-permissions.ts';
// graphql-requirements.ts is the guard's (copied by the guard emitter first); listed so its import is placed.
const GRAPHQL_RUNTIME: readonly RuntimeFile[] = Object.freeze([
  { file: 'least-privilege-graphql.ts', to: '/generated/gitlab/graphql/runtime/least-privilege-graphql.ts' },
  { file: 'graphql-requirements.ts', to: '/generated/gitlab/graphql/runtime/graphql-requirements.ts' },
]);
const FORGEJO_RUNTIME: readonly RuntimeFile[] = Object.freeze([
  { file: 'least-privilege.ts', to: '/generated/forgejo/runtime/least-privilege.ts' },
  { file: 'least-privilege-forgejo.ts', to: '/generated/forgejo/runtime/least-privilege-forgejo.ts' },
]);

/**
 * The lookups the fine-grained answer uses, each found by its exported name in a module of
 * `gitlab/` (whichever emitter writes it). Adding a page that answers fine-grained requests is one
 * entry here; its export must be assignable to the runtime's `*Like` shape, which the package's
 * type check verifies.
 */
export const FINE_GRAINED_LOOKUPS: readonly { role: 'rest' | 'operations'; exportName: string; declaration: 'function' | 'variable'; page: string; sourceFile: RegExp }[] = Object.freeze([
  // GitLab fine-grained REST page: (method, path) → FineGrainedRestMatchLike | undefined.
  { role: 'rest', exportName: 'matchFineGrainedRestRoute', declaration: 'function', page: 'Fine-grained permissions for REST API', sourceFile: /fine-grained-rest|fine_grained_access_tokens_rest/ },
  // GitLab Git and other operations page: Readonly<Record<GitlabOperation, GitlabOperationPermissionLike>>, keyed by operation id.
  { role: 'operations', exportName: 'gitlabOperationPermissions', declaration: 'variable', page: 'Fine-grained permissions for Git and other operations', sourceFile: /fine-grained-other-operations|fine_grained_access_tokens_other/ },
]);

/** The module of `folder` (top level) that exports `name`, as a relative specifier from that folder, or undefined. */
function findExport(ctx: EmitContext, folder: string, name: string, declaration: 'function' | 'variable'): { specifier: string; exports: ExportKinds } | undefined {
  const prefix = `/generated/${folder}/`;
  for (const p of projectPaths(ctx.project)) {
    if (!p.startsWith(prefix) || p.slice(prefix.length).includes('/') || p.endsWith('/index.ts') || p.endsWith('.d.ts') || p === GITLAB_OUT) continue;
    // From the emitters' structures where it can (`emit-project.ts`): parsing every module of gitlab/ to find two names cost ~0.5 s.
    const exports = exportKinds(ctx.project, p);
    if (exports?.get(name) === declaration) return { specifier: `./${p.slice(prefix.length).replace(/\.ts$/, '.js')}`, exports };
  }
  return undefined;
}

const REQUEST_DOCS =
  'One input of a workload: a REST request (`path` as sent, with or without `/api/v4`, query ignored) or an operation by short name (`workloadOperationNames`). `line` and `text` say where it was read; they do not change the answer.';

export const leastPrivilege: Emitter = {
  name: 'least-privilege',
  description: 'gitlab/least-privilege.ts and forgejo/least-privilege.ts: the smallest grant of each token kind for a workload (leastPrivilegeForRequests, leastPrivilegeForForgejoRequests).',
  emit(ctx) {
    emitGitlab(ctx);
    emitForgejo(ctx);
  },
};

function emitGitlab(ctx: EmitContext): void {
  const jobToken = ctx.catalog.sources.find((s): s is JobTokenEndpointsModel => s.kind === 'gitlab-job-token-endpoints');
  const scopes = ctx.catalog.sources.find((s): s is GitlabTokenScopesModel => s.kind === 'gitlab-token-scopes');
  if (!jobToken || !scopes) return;
  const readings = checkClassicScopeRules(scopes, ctx.report);
  const unavailableLines = jobToken.endpoints.filter((e) => e.section?.kind === 'unavailable').map((e) => e.position.line);
  const lookups = FINE_GRAINED_LOOKUPS.map((l) => ({ ...l, found: findExport(ctx, 'gitlab', l.exportName, l.declaration) }));
  for (const l of lookups) {
    const page = ctx.catalog.sources.find((s) => l.sourceFile.test(s.source.file));
    // The page is compiled but its lookup was not found under the expected name: the fine-grained answer would deny what the page grants.
    if (page && !l.found)
      ctx.report.warn(
        'least-privilege-lookup-missing',
        `${l.page} is a source, but no module of gitlab/ exports \`${l.exportName}\`: the fine-grained least-privilege answer denies every ${l.role === 'rest' ? 'REST request' : 'operation'} as not compiled.`,
        { file: page.source.file, line: 1, column: 1 },
        `Name the lookup in generator/emit/least-privilege.ts FINE_GRAINED_LOOKUPS after the export the page's emitter writes.`,
      );
  }
  const rest = lookups.find((l) => l.role === 'rest' && l.found);
  const operations = lookups.find((l) => l.role === 'operations' && l.found);
  // Each kind's lookup, written once: the exported one-request verdicts wrap it in `safeVerdict`, and
  // `leastGrant` (which applies `safeVerdict` itself) takes it as it is, so a request is read once per kind.
  const jobTokenLookup = '(r: GitlabLeastPrivilegeRequest) => jobTokenVerdict(r, jobTokenRouteFor, JOB_TOKEN_UNAVAILABLE_LINES)';
  // GraphQL inputs name permission ids; only the package's vocabulary is read (a hand-made input's made-up ids were
  // granted, and each new one widened the least-grant search).
  const vocabulary = findExport(ctx, 'gitlab', VOCABULARY_CHECK, 'function');
  const fineGrainedLookup = `(r: GitlabLeastPrivilegeRequest) => fineGrainedVerdict(r, ${rest ? rest.exportName : 'undefined'}, ${operations ? operations.exportName : 'undefined'}, workloadOperationNames, ${vocabulary ? VOCABULARY_CHECK : 'undefined'})`;
  const operationsModel = ctx.catalog.sources.find((s): s is GitlabOperationPermissionsModel => s.kind === 'gitlab-operation-permissions');
  const sources: SourceInfo[] = [jobToken.source, scopes.source, ...(operations?.found && operationsModel ? [operationsModel.source] : [])];
  // route-path.ts is the route emitters' copy when they ran (copyRuntime copies a file once per package).
  copyRuntime(ctx, [jobToken.source], GITLAB_RUNTIME, 'least-privilege');

  const operationIds = Object.keys(WORKLOAD_OPERATION_NAMES).sort();
  const snippetFootnoteHolds = checkOperationNames(ctx, operationsModel);
  // The short names' ids are typed with the operations page's union when the package has it: a name pointing at no row does not compile.
  const operationIdType = operations?.found?.exports.get('GitlabOperation') === 'type' ? 'GitlabOperation' : 'string';
  const scopeFile = scopes.source.file;
  const notCompiled = lookups.filter((l) => !l.found).map((l) => `${l.page} (\`${l.exportName}\`)`);

  const statements: StatementStructures[] = [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './job-token-routes.js', namedImports: ['jobTokenRouteFor'] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './job-token-permissions.js', namedImports: ['type JobTokenPermission'] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './token-scopes.js', namedImports: ['isScopeAvailableFor', 'type TokenScope', 'type TokenType'] },
    ...(rest?.found ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: rest.found.specifier, namedImports: [rest.exportName] }] : []),
    ...(vocabulary ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: vocabulary.specifier, namedImports: [VOCABULARY_CHECK] }] : []),
    ...(operations?.found
      ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: operations.found.specifier, namedImports: [operations.exportName, ...(operationIdType === 'string' ? [] : [`type ${operationIdType}`])] }]
      : []),
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/least-privilege.js', namedImports: ['leastGrant', 'safeVerdict', 'type GraphqlWorkloadRequest', 'type RequestVerdict', 'type TokenKindAnswer'] },
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: './runtime/least-privilege-gitlab.js',
      namedImports: ['classicScopeVerdict', 'fineGrainedVerdict', 'jobTokenVerdict', 'type ClassicScopeRule', 'type WorkloadOperationName'],
    },
    {
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: './runtime/least-privilege.js',
      namedExports: ['GrantedId', 'GraphqlWorkloadRequest', 'RequestAnswer', 'RequestVerdict', 'TokenKindAnswer'],
    },
    {
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: './runtime/least-privilege-gitlab.js',
      namedExports: ['ClassicScopeGrant', 'ClassicScopeRule', 'FineGrainedRestMatchLike', 'GitlabOperationPermissionLike', 'WorkloadOperationName'],
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'WorkloadOperation',
      docs: [
        {
          description:
            'Short names of the operations of the "Fine-grained permissions for Git and other operations" page in a workload (`git-push`; README, "Least privilege"). Each stands for one `GitlabOperation` id of that page (`workloadOperationNames`).',
        },
      ],
      type: operationIds.map(stringLiteral).join(' | '),
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: 'Each short name and the id of the operations page\'s operation it stands for (or the page\'s words saying fine-grained tokens cannot do it), with the list syntax that produces it.' }],
      declarations: [
        {
          name: 'workloadOperationNames',
          type: `Readonly<Record<WorkloadOperation, WorkloadOperationName<${operationIdType}> & { readonly syntax: string }>>`,
          initializer: (w) => {
            w.write(RECORD_OPEN).newLine();
            w.indent(() => {
              for (const id of operationIds) {
                const n = WORKLOAD_OPERATION_NAMES[id]!;
                const fields = [`syntax: ${stringLiteral(n.syntax)}`];
                if (n.operation !== undefined) fields.push(`operation: ${stringLiteral(n.operation)}`);
                if (n.unavailable !== undefined) fields.push(`unavailable: Object.freeze({ quote: ${stringLiteral(n.unavailable.quote)}, source: ${stringLiteral(n.unavailable.source)} })`);
                if (n.snippetBoundaries !== undefined && snippetFootnoteHolds.has(id)) fields.push(`snippetBoundaries: Object.freeze({ personal: ${stringLiteral(n.snippetBoundaries.personal)}, project: ${stringLiteral(n.snippetBoundaries.project)}, source: ${stringLiteral(n.snippetBoundaries.source)} })`);
                w.writeLine(`${stringLiteral(id)}: Object.freeze({ ${fields.join(', ')} }),`);
              }
            });
            w.write('})');
          },
        },
      ],
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'GitlabLeastPrivilegeRequest',
      docs: [{ description: REQUEST_DOCS }],
      type:
        "{ readonly kind: 'rest'; readonly method: string; readonly path: string; readonly line?: number; readonly text?: string } | { readonly kind: 'operation'; readonly operation: WorkloadOperation; readonly target: string; readonly line?: number; readonly text?: string } | GraphqlWorkloadRequest",
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        {
          description: safeComment(
            'What each classic scope lets through, as read from the token-scopes page: one entry per reading, with the words it rests on and their line. A request no reading covers is denied for classic tokens (README, "Least privilege", lists what the page is silent about).',
          ),
          tags: [{ tagName: 'see', text: safeComment(scopes.source.url) }],
        },
      ],
      declarations: [
        {
          name: 'classicScopeRules',
          type: 'readonly ClassicScopeRule[]',
          initializer: (w) => {
            w.write('Object.freeze([').newLine();
            w.indent(() => {
              for (const r of readings) {
                const grants =
                  r.grants.kind === 'rest'
                    ? `{ kind: 'rest', methods: Object.freeze([${r.grants.methods.map(stringLiteral).join(', ')}]), paths: Object.freeze([${r.grants.paths.map(stringLiteral).join(', ')}]) }`
                    : `{ kind: 'operation', operations: Object.freeze([${r.grants.operations.map(stringLiteral).join(', ')}]) }`;
                w.writeLine(`/** ${safeComment(r.why)} @see ${safeComment(`${scopeFile}:${r.line}:1`)} */`);
                w.writeLine(
                  `Object.freeze({ scope: ${stringLiteral(r.scope)}, grants: Object.freeze(${grants}), tokenTypes: Object.freeze([${r.tokenTypes.map(stringLiteral).join(', ')}]), ` +
                    `alsoRequires: Object.freeze([${r.alsoRequires.map(stringLiteral).join(', ')}]), quote: ${stringLiteral(r.quote)}, why: ${stringLiteral(r.why)}, source: ${stringLiteral(`${scopeFile}:${r.line}:1`)} }),`,
                );
              }
            });
            w.write('])');
          },
        },
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: safeComment(`The page lines of the rows the job-token page's unavailable section lists (${unavailableLines.length}): job tokens cannot make those requests.`) }],
      declarations: [{ name: 'JOB_TOKEN_UNAVAILABLE_LINES', type: 'ReadonlySet<number>', initializer: `new Set([${unavailableLines.join(', ')}])` }],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: 'How much each classic scope allows, to choose between alternatives (`read_api` and `read_repository` rather than `api`). Reviewed data; a scope not listed weighs 1000.' }],
      declarations: [
        {
          name: 'classicScopeWeights',
          type: 'Readonly<Partial<Record<TokenScope, number>>>',
          // Without a prototype, like every record keyed by names (ts/record.ts): `classicScopeWeights.constructor` is
          // undefined, and a page scope named `constructor` type-checks against `Partial<Record<TokenScope, number>>`.
          initializer: withoutPrototype(`{ ${Object.entries(CLASSIC_SCOPE_WEIGHTS)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ')} }`),
        },
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        {
          description: safeComment(
            'Which fine-grained lookups this package was generated with. A lookup that is false answers every request it would decide `unknown` (denied).' +
              (notCompiled.length > 0 ? ` Not compiled: ${notCompiled.join('; ')}.` : ''),
          ),
        },
      ],
      declarations: [
        {
          name: 'fineGrainedLookupsCompiled',
          type: '{ readonly rest: boolean; readonly operations: boolean }',
          initializer: `Object.freeze({ rest: ${rest !== undefined}, operations: ${operations !== undefined} })`,
        },
      ],
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: 'jobTokenRequestVerdict',
      docs: [{ description: 'What a CI/CD job token needs for one request (job-token page): the row\'s permissions; `unavailable` (denied) for the rows of the page\'s unavailable section ("CI/CD job tokens cannot access the following endpoints"); `default-access` for `None` rows, which fine-grained permissions do not control; `unknown` (denied) for requests the page does not list and for operations. Never throws: a request that cannot be read (not an object, a throwing getter) is `unknown` (denied), and its fields are read once.' }],
      parameters: [{ name: 'request', type: 'GitlabLeastPrivilegeRequest' }],
      returnType: 'RequestVerdict',
      statements: `return safeVerdict(${jobTokenLookup}, request);`,
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: 'classicScopeRequestVerdict',
      docs: [{ description: 'What a classic access token of `tokenType` needs for one request: any one of the scopes `classicScopeRules` lets it through with (with the scopes they also require), or `unknown` (denied). Never throws: a request that cannot be read (not an object, a throwing getter) is `unknown` (denied), and its fields are read once.' }],
      parameters: [
        { name: 'request', type: 'GitlabLeastPrivilegeRequest' },
        { name: 'tokenType', type: 'TokenType', initializer: "'personal'" },
      ],
      returnType: 'RequestVerdict',
      statements: 'return safeVerdict((r: GitlabLeastPrivilegeRequest) => classicScopeVerdict(r, classicScopeRules, tokenType, isScopeAvailableFor), request);',
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: 'fineGrainedRequestVerdict',
      docs: [{ description: 'What a fine-grained personal access token needs for one request: the permission ids (own first, then "also requires") and the boundaries, or `always`, `unavailable`, `unknown` (denied). Never throws: a request that cannot be read (not an object, a throwing getter) is `unknown` (denied), and its fields are read once.' }],
      parameters: [{ name: 'request', type: 'GitlabLeastPrivilegeRequest' }],
      returnType: 'RequestVerdict',
      statements: `return safeVerdict(${fineGrainedLookup}, request);`,
    },
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: 'GitlabLeastPrivilege',
      docs: [{ description: 'The smallest grant of each GitLab token kind for a workload, and the requests each kind cannot make (`notGranted`).' }],
      properties: [
        { name: 'fineGrained', isReadonly: true, type: "TokenKindAnswer<'fine-grained', GitlabLeastPrivilegeRequest>", docs: ['Fine-grained personal access token: permission ids, each with the boundaries it is needed at.'] },
        { name: 'jobToken', isReadonly: true, type: "TokenKindAnswer<'job-token', GitlabLeastPrivilegeRequest> & { readonly grant: readonly JobTokenPermission[] }", docs: ['CI/CD job token: the job-token permissions.'] },
        { name: 'classic', isReadonly: true, type: "TokenKindAnswer<'classic', GitlabLeastPrivilegeRequest> & { readonly grant: readonly TokenScope[]; readonly tokenType: TokenType }", docs: ['Classic access token of `tokenType`: the scopes.'] },
      ],
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: 'leastPrivilegeForRequests',
      docs: [
        {
          description:
            'The smallest grant of each GitLab token kind that lets every request of the workload through, and what each kind cannot do. Pure: no I/O, never throws for any request. ' +
            'The grant is minimal: dropping any id denies at least one request (README, "Least privilege").',
        },
      ],
      parameters: [
        { name: 'requests', type: 'readonly GitlabLeastPrivilegeRequest[]' },
        { name: 'options', type: '{ readonly classicTokenType?: TokenType }', initializer: '{}' },
      ],
      returnType: 'GitlabLeastPrivilege',
      statements: [
        // Read once, in a try: an `options` whose getter throws (or a revoked Proxy) denies every classic answer instead of throwing.
        "let tokenType: TokenType = 'personal';",
        'let unreadable = false;',
        'try {',
        // Own properties only: an `Object.prototype.classicTokenType` set elsewhere in the process is not an option.
        "  tokenType = (options !== null && typeof options === 'object' && Object.hasOwn(options, 'classicTokenType') ? options.classicTokenType : undefined) ?? 'personal';",
        '} catch {',
        '  unreadable = true;',
        '}',
        "const classicVerdict = (r: GitlabLeastPrivilegeRequest): RequestVerdict => (unreadable ? { status: 'unknown', why: 'options.classicTokenType could not be read: denied.', source: [] } : classicScopeVerdict(r, classicScopeRules, tokenType, isScopeAvailableFor));",
        'return Object.freeze({',
        `  fineGrained: leastGrant('fine-grained', requests, ${fineGrainedLookup}),`,
        `  jobToken: leastGrant('job-token', requests, ${jobTokenLookup}) as GitlabLeastPrivilege['jobToken'],`,
        "  classic: Object.freeze({ ...leastGrant('classic', requests, classicVerdict, (s) => (classicScopeWeights as Readonly<Record<string, number>>)[s] ?? 1000), tokenType }) as GitlabLeastPrivilege['classic'],",
        '});',
      ],
    },
  ];
  ctx.project.createSourceFile(GITLAB_OUT, { leadingTrivia: `${codeHeader(sources)}\n\n`, statements }, { overwrite: true });
  emitGraphqlInputs(ctx);
}

/**
 * `gitlab/graphql/least-privilege.ts`: GraphQL operations as workload inputs, through the GraphQL
 * guard's own `requiredPermissionsForOperation` (in the `gitlab/graphql` subpath, the only one that
 * imports `graphql`). Written only when the guard is.
 */
function emitGraphqlInputs(ctx: EmitContext): void {
  const guard = exportKinds(ctx.project, GRAPHQL_GUARD_MODULE);
  const model = ctx.catalog.sources.find((s) => s.kind === 'gitlab-graphql-permissions');
  if (guard?.get('requiredPermissionsForOperation') !== 'function' || !model) return;
  copyRuntime(ctx, [model.source], GRAPHQL_RUNTIME, 'least-privilege');
  const statements: StatementStructures[] = [
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: 'graphql', namedImports: ['DocumentNode', 'GraphQLSchema'] },
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: './fine-grained-permissions.js', namedImports: ['GraphqlGuardOptions'] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: '../graphql-guard-map.js', namedImports: ['requiredGraphqlPermissions'] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/graphql-least-privilege.js', namedImports: ['computeRequiredPermissionsByOperation'] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/least-privilege-graphql.js', namedImports: ['graphqlInputs', 'type GraphqlInputs'] },
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: '../least-privilege.js', namedImports: ['GraphqlWorkloadRequest'] },
    {
      // Exported so a consumer's own declarations can name what `graphqlLeastPrivilegeRequests` returns (TS2883 otherwise: the runtime type is not a subpath).
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'GraphqlLeastPrivilegeInputs',
      docs: [{ description: 'What `graphqlLeastPrivilegeRequests` returns: the workload inputs of a GraphQL document, the operations answered, and graphql-js\'s errors.' }],
      type: "Omit<GraphqlInputs, 'requests'> & { readonly requests: readonly GraphqlWorkloadRequest[] }",
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: 'graphqlLeastPrivilegeRequests',
      docs: [
        {
          description: safeComment(
            'The inputs of `leastPrivilegeForRequests` (gitlab) for a GraphQL document: every operation is answered by `requiredPermissionsForOperation` and each of its requirements is one input named after the operation (`query GetProject: CiRunner`), so the fine-grained grant covers REST requests, Git operations and GraphQL operations together and stays minimal. ' +
              'A requirement the page does not grant (strict mode) is an input no fine-grained token can make; job tokens and classic scopes deny GraphQL inputs (their pages do not say). `errors` holds the validation errors of graphql-js. Pure; needs the `graphql` peer dependency.\n\n' +
              '```ts\nconst { requests } = graphqlLeastPrivilegeRequests(buildSchema(sdl), parse(operations));\nleastPrivilegeForRequests([...restRequests, ...requests]).fineGrained.grant;\n```',
          ),
          tags: [{ tagName: 'see', text: safeComment(model.source.url) }],
        },
      ],
      parameters: [
        { name: 'schema', type: 'GraphQLSchema' },
        { name: 'document', type: 'DocumentNode' },
        { name: 'options', type: 'GraphqlGuardOptions', hasQuestionToken: true },
      ],
      returnType: 'GraphqlLeastPrivilegeInputs',
      // Every operation answered as `requiredPermissionsForOperation` answers it, from one pass over the document.
      statements: 'return graphqlInputs((s, d, o) => computeRequiredPermissionsByOperation(requiredGraphqlPermissions, s, d, o), schema, document, options);',
    },
  ];
  ctx.project.createSourceFile(GRAPHQL_OUT, { leadingTrivia: `${codeHeader([model.source])}\n\n`, statements }, { overwrite: true });
}

/**
 * Every short name must point at an operation the operations page has (else the fine-grained answer
 * would deny it as unknown while the page grants it): an error, generation stops. An operation of
 * the page without a short name cannot be asked about in a workload list: a warning. A short name
 * the page says fine-grained tokens cannot do must still be said by the page, in a note; one that
 * gives a snippet target its own boundary must still cite the footnote with its words
 * (`SNIPPET_FOOTNOTE`). Returns the short names whose snippet footnote the page still gives.
 */
function checkOperationNames(ctx: EmitContext, model: GitlabOperationPermissionsModel | undefined): ReadonlySet<string> {
  const snippetFootnoteHolds = new Set<string>();
  if (!model) return snippetFootnoteHolds;
  const operationsById = new Map(model.sections.flatMap((s) => s.tables.flatMap((t) => t.operations.map((o) => [o.id, o] as const))));
  const at = { file: model.source.file, line: 1, column: 1 };
  const named = new Set<string>();
  for (const [short, entry] of Object.entries(WORKLOAD_OPERATION_NAMES)) {
    if (entry.operation !== undefined) {
      named.add(entry.operation);
      if (!operationsById.has(entry.operation))
        ctx.report.error(
          'least-privilege-operation-missing',
          `The workload operation \`${short}\` stands for \`${entry.operation}\`, which ${model.source.file} does not have: the fine-grained answer would deny it while the page may grant it.`,
          at,
          `Point \`${short}\` at the page's operation id (\`gitlabOperationPermissions\` keys) in generator/least-privilege/operation-names.ts, or drop it if the page dropped the operation.`,
        );
    }
    const unavailable = entry.unavailable;
    // `sources/<file>:line:column`.
    const line = unavailable ? Number(unavailable.source.split(':').at(-2)) : 0;
    if (unavailable !== undefined && !model.sections.some((s) => s.notes.some((n) => n.text.trim() === unavailable.quote && noteSpans(n, line))))
      ctx.report.warn(
        'least-privilege-operation-missing',
        `The workload operation \`${short}\` is answered "unavailable" for fine-grained tokens from the words "${unavailable.quote}", which no note of the page says at line ${line} any more.`,
        { file: model.source.file, line, column: 1 },
        'Check whether the page now lets fine-grained tokens make it, and give the short name the operation id if so.',
      );
    const boundaries = entry.snippetBoundaries;
    if (boundaries !== undefined) {
      const footnoteLine = Number(boundaries.source.split(':').at(-2));
      const op = entry.operation === undefined ? undefined : operationsById.get(entry.operation);
      if (op?.footnotes.some((f) => f.text.trim() === SNIPPET_FOOTNOTE && f.position.line === footnoteLine)) snippetFootnoteHolds.add(short);
      else
        ctx.report.warn(
          'least-privilege-operation-missing',
          `The workload operation \`${short}\` gives a snippet target its own boundary from the footnote "${SNIPPET_FOOTNOTE}", which the operation no longer cites at line ${footnoteLine}: the row's boundaries are answered instead.`,
          { file: model.source.file, line: footnoteLine, column: 1 },
          'Check the footnote, then update SNIPPET_FOOTNOTE and its line in generator/least-privilege/operation-names.ts.',
        );
    }
  }
  for (const s of model.sections)
    for (const t of s.tables)
      for (const o of t.operations)
        if (!named.has(o.id))
          ctx.report.warn(
            'least-privilege-operation-unnamed',
            `\`${o.id}\` (${o.name}) has no workload short name: a workload list cannot ask for it.`,
            o.position,
            'Add a short name and its list syntax in generator/least-privilege/operation-names.ts and generator/least-privilege/input/list.ts.',
          );
  return snippetFootnoteHolds;
}

/** The page line is one of the note's: a `> [!note]` callout starts a line above its text. */
function noteSpans(n: GitlabOperationNote, line: number): boolean {
  return line >= n.position.line && line < n.position.line + n.text.split('\n').length + (n.callout !== undefined ? 1 : 0);
}

function emitForgejo(ctx: EmitContext): void {
  const model = ctx.catalog.sources.find((s): s is ForgejoScopesModel => s.kind === 'forgejo-scopes');
  if (!model) return;
  copyRuntime(ctx, [model.source], FORGEJO_RUNTIME, 'least-privilege');
  const statements: StatementStructures[] = [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './routes.js', namedImports: ['requiredForgejoScope'] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './scopes.js', namedImports: ['forgejoScopeSatisfiedBy', 'type ForgejoScope'] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/least-privilege.js', namedImports: ['leastGrant', 'safeVerdict', 'type RequestVerdict', 'type TokenKindAnswer'] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/least-privilege-forgejo.js', namedImports: ['forgejoScopeWeight', 'forgejoVerdict'] },
    { kind: StructureKind.ExportDeclaration, isTypeOnly: true, moduleSpecifier: './runtime/least-privilege.js', namedExports: ['GrantedId', 'RequestAnswer', 'RequestVerdict', 'TokenKindAnswer'] },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'ForgejoLeastPrivilegeRequest',
      docs: [{ description: 'One request of a workload: `path` as sent, with or without `/api/v1`, query ignored. `line` and `text` say where it was read.' }],
      type: "{ readonly kind: 'rest'; readonly method: string; readonly path: string; readonly line?: number; readonly text?: string }",
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: 'forgejoRequestVerdict',
      docs: [{ description: 'What a Forgejo access token needs for one request: the scope `requiredForgejoScope` names or one that includes it, or `unknown` (denied). Never throws: a request that cannot be read (not an object, a throwing getter) is `unknown` (denied), and its fields are read once.' }],
      parameters: [{ name: 'request', type: 'ForgejoLeastPrivilegeRequest' }],
      returnType: 'RequestVerdict',
      statements: 'return safeVerdict((r: ForgejoLeastPrivilegeRequest) => forgejoVerdict(r, requiredForgejoScope, forgejoScopeSatisfiedBy), request);',
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: 'leastPrivilegeForForgejoRequests',
      docs: [
        {
          description:
            'The least Forgejo scopes that let every request of the workload through (`read:issue` rather than `write:repository`), and the requests no scope grants. Pure, never throws. Minimal: dropping any scope denies at least one request.',
        },
      ],
      parameters: [{ name: 'requests', type: 'readonly ForgejoLeastPrivilegeRequest[]' }],
      returnType: "TokenKindAnswer<'forgejo', ForgejoLeastPrivilegeRequest> & { readonly grant: readonly ForgejoScope[] }",
      statements: [
        // The lookup itself: `leastGrant` applies `safeVerdict` (the exported `forgejoRequestVerdict` would apply it twice).
        "return leastGrant('forgejo', requests, (r: ForgejoLeastPrivilegeRequest) => forgejoVerdict(r, requiredForgejoScope, forgejoScopeSatisfiedBy), forgejoScopeWeight(forgejoScopeSatisfiedBy)) as TokenKindAnswer<'forgejo', ForgejoLeastPrivilegeRequest> & { readonly grant: readonly ForgejoScope[] };",
      ],
    },
  ];
  ctx.project.createSourceFile(FORGEJO_OUT, { leadingTrivia: `${codeHeader([model.source])}\n\n`, statements }, { overwrite: true });
}
