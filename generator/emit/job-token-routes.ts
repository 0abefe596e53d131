/**
 * GitLab job-token page → `gitlab/job-token-routes.ts`: the route table as data and a compiled
 * matcher (method + raw request path → the documented route and the permissions it needs).
 * The matching rules are in the README ("Route matching"); the matcher's statements (each
 * method's candidates as data) come from `ts/route-matcher.ts`; the trie walk, canonicalization and
 * the span checks are the runtime file `runtime/route-path.ts` (the same whatever the page says, so
 * a real TypeScript file), copied into the package as `gitlab/runtime/route-path.ts`. Parameter
 * values are sliced from the boundaries the walk leaves in scratch arrays, so a lookup allocates only its result (`matchJobTokenRoute`)
 * or nothing (`jobTokenRouteFor`, which answers with the row itself).
 */
import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import type { Emitter } from './emitter.ts';
import type { JobTokenEndpointsModel } from '../model/catalog.ts';
import { formatPosition } from '../model/position.ts';
import { prepareRouteTable } from '../model/route-table.ts';
import { codeHeader, safeComment } from './header.ts';
import { stringLiteral } from './ts/identifier.ts';
import { matchRouteFunction, reportUnsupportedRoutes, requestAllowedFunction, routeForFunction, routeMatcherStatements, routeRowsStatement, routeTypeStatements } from './ts/route-matcher.ts';
import { jsonParseExpression } from './json-data.ts';
import { GITLAB_API_PREFIX, gitlabRouteSources } from '../model/route-tables.ts';
import { copyRuntime, type RuntimeFile } from './ts/copy-runtime.ts';

/** The page-independent canonicalization, copied into the package (`runtime/` folders are not re-exported). */
const RUNTIME_FILES: readonly RuntimeFile[] = Object.freeze([{ file: 'route-path.ts', to: '/generated/gitlab/runtime/route-path.ts' }]);
const OUT = '/generated/gitlab/job-token-routes.ts';

export const jobTokenRoutes: Emitter = {
  name: 'job-token-routes',
  description: 'gitlab/job-token-routes.ts: the job-token route table and a compiled matcher (method + path → permissions).',
  emit(ctx) {
    const model = ctx.catalog.sources.find((s): s is JobTokenEndpointsModel => s.kind === 'gitlab-job-token-endpoints');
    if (!model) return;
    const table = prepareRouteTable(model.endpoints);
    reportUnsupportedRoutes(ctx.report, table);

    copyRuntime(ctx, gitlabRouteSources(ctx.catalog), RUNTIME_FILES, 'job-token-routes');

    const matcher = routeMatcherStatements(table, 'jobTokenRoutes', GITLAB_API_PREFIX);
    const maxPermissions = model.endpoints.reduce((most, e) => Math.max(most, e.permissions.length), 0);
    const statements: StatementStructures[] = [];

    statements.push(
      { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: './job-token-permissions.js', namedImports: ['JobTokenPermission'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/route-path.js', namedImports: matcher.runtimeImports },
      ...routeTypeStatements({
        prefix: 'JobToken',
        table,
        apiPrefix: GITLAB_API_PREFIX,
        routeNames: model.endpoints.map((e) => e.text),
        routeDoc: `A documented route, \`METHOD /path\` as the page writes it (${safeComment(model.source.title)}).`,
        matchKeys: 'JobTokenRoute',
        ownTypes: [
          {
            kind: StructureKind.Interface,
            isExported: true,
            name: 'JobTokenRouteInfo',
            docs: [{ description: 'One row of the page\'s endpoint table.' }],
            properties: [
              { name: 'method', isReadonly: true, type: 'JobTokenRequestMethod' },
              { name: 'path', isReadonly: true, type: 'string', docs: ['The path pattern as written (Grape syntax).'] },
              { name: 'route', isReadonly: true, type: 'JobTokenRoute' },
              { name: 'permissions', isReadonly: true, type: 'readonly `${JobTokenPermission}`[]', docs: ['All are required. Empty for `None` rows.'] },
              { name: 'controlled', isReadonly: true, type: 'boolean', docs: ['False for `None` rows and for the rows of the page\'s unavailable section: fine-grained permissions cannot control access to the endpoint.'] },
              { name: 'description', isReadonly: true, type: 'string' },
              { name: 'source', isReadonly: true, type: 'string', docs: ['`file:line:column` of the row on the page.'] },
              { name: 'line', isReadonly: true, type: 'number', docs: ['Line of the row on the page.'] },
            ],
          },
        ],
        matchProperties: [
          { name: 'permissions', isReadonly: true, type: 'readonly `${JobTokenPermission}`[]', docs: ['All are required. Empty when `controlled` is false.'] },
          { name: 'controlled', isReadonly: true, type: 'boolean', docs: ['False for `None` rows (fine-grained permissions cannot control access; the job token\'s default access applies) and for the rows of the page\'s unavailable section ("CI/CD job tokens cannot access the following endpoints").'] },
          { name: 'source', isReadonly: true, type: 'string', docs: ['`file:line:column` of the row on the page.'] },
        ],
      }),
    );

    const files = new Set(model.endpoints.map((e) => e.position.file));
    // One file for every row (the page): positions are written as `line` (column 1) or `line:column`, the file once.
    const pageFile = files.size === 1 ? [...files][0]! : undefined;
    statements.push({
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: 'The page every row comes from (`source` is `PAGE:line:column`; empty when rows come from several files).' }],
      declarations: [{ name: 'PAGE', type: 'string', initializer: stringLiteral(pageFile ?? '') }],
    });
    statements.push({
      kind: StructureKind.Function,
      name: 'row',
      docs: [{ description: 'One frozen row of `jobTokenRoutes`: `position` is its line on the page (column 1), or `"line:column"`, or (rows from several files) `"file:line:column"`.' }],
      parameters: [
        { name: 'method', type: 'JobTokenRequestMethod' },
        { name: 'path', type: 'string' },
        { name: 'permissions', type: 'readonly `${JobTokenPermission}`[]' },
        { name: 'controlled', type: 'boolean' },
        { name: 'description', type: 'string' },
        { name: 'position', type: 'number | string' },
      ],
      returnType: 'JobTokenRouteInfo',
      statements: [
        "const source = typeof position === 'number' ? `${PAGE}:${position}:1` : PAGE === '' ? position : `${PAGE}:${position}`;",
        "const parts = source.split(':');",
        'const line = typeof position === \'number\' ? position : Number(parts[parts.length - 2]);',
        'return Object.freeze({ method, path, route: `${method} ${path}` as JobTokenRoute, permissions: Object.freeze(permissions), controlled, description, source, line });',
      ],
    });
    statements.push({
      kind: StructureKind.TypeAlias,
      name: 'JobTokenRowData',
      docs: [{ description: 'A line of the table\'s JSON: the arguments of `row`.' }],
      type: 'readonly [method: JobTokenRequestMethod, path: string, permissions: readonly `${JobTokenPermission}`[], controlled: boolean, description: string, position: number | string]',
    });
    statements.push({
      kind: StructureKind.Function,
      name: 'jobTokenRows',
      docs: [{ description: 'The frozen rows of the parsed table, in its order.' }],
      parameters: [{ name: 'rows', type: 'readonly JobTokenRowData[]' }],
      returnType: 'readonly JobTokenRouteInfo[]',
      statements: [
        'const out: JobTokenRouteInfo[] = [];',
        'for (let i = 0; i < rows.length; i++) {',
        '  const r = rows[i]!;',
        '  out.push(row(r[0], r[1], r[2], r[3], r[4], r[5]));',
        '}',
        'return Object.freeze(out);',
      ],
    });
    const positionOf = (e: (typeof model.endpoints)[number]) =>
      pageFile === undefined ? formatPosition(e.position) : e.position.column === 1 ? e.position.line : `${e.position.line}:${e.position.column}`;
    statements.push(
      routeRowsStatement(
        'jobTokenRoutes',
        'JobTokenRouteInfo',
        [
          {
            description:
              'Every documented route, in the page\'s order, one per line, as JSON parsed at load (README, "Import time"): `[method, path, permissions, controlled, description, line on the page]`.',
            tags: [{ tagName: 'see', text: safeComment(model.source.url) }],
          },
        ],
        `jobTokenRows(${jsonParseExpression(
          model.endpoints.map((e) => JSON.stringify([e.method, e.path, e.permissions, e.controlled, e.description, positionOf(e)])),
          'array',
        )} as readonly JobTokenRowData[])`,
      ),
    );

    statements.push(...matcher.statements);

    statements.push(
      routeForFunction('jobTokenRouteFor', 'jobTokenRoutes', 'JobTokenRouteInfo', [
        {
          description:
            'The documented row a request is for (its frozen entry in `jobTokenRoutes`), or `undefined` (deny): the same decision as `matchJobTokenRoute`, without the parameters and the canonical path, and without allocating (unless the path has to be canonicalized). Never throws.',
          tags: [{ tagName: 'see', text: safeComment(model.source.url) }],
        },
      ]),
    );
    statements.push(
      matchRouteFunction(
        'matchJobTokenRoute',
        'JobTokenRouteMatch',
        [
          {
            description:
              'The documented route a request is for, or `undefined` (deny) when no route matches, the method is not an upper-case standard method, or the path cannot be canonicalized safely. Never throws.\n\n' +
              '`path` is the raw request target (still percent-encoded; a query and fragment are ignored). When several routes match, the most specific wins (README, "Route matching").',
            tags: [{ tagName: 'see', text: safeComment(model.source.url) }],
          },
        ],
        'jobTokenRoutes',
        'route',
        [
          '// The tree and `paramsOf` give route `route.route` exactly the parameters `JobTokenRouteParams` names for it (tests compare them with an independent reference).',
          'return { method: method as JobTokenRequestMethod, route: route.route, canonicalPath: canonical, params: paramsOf(i, canonical), permissions: route.permissions, controlled: route.controlled, source: route.source } as JobTokenRouteMatch;',
        ],
      ),
    );

    statements.push(
      requestAllowedFunction({
        name: 'isJobTokenRequestAllowed',
        docs: [
          {
            description:
              'True only when the request matches a route that fine-grained permissions control and `granted` holds every permission it needs. ' +
              'False when no route matches, and also for uncontrolled routes (`controlled: false`): a single-table page\'s `None` routes, which fine-grained permissions do not grant (the job token\'s default access governs them), and the routes of the page\'s unavailable section, which job tokens cannot access; `matchJobTokenRoute` tells an uncontrolled route from a denial by permissions, and `jobTokenRequestVerdict` (least privilege) tells the two kinds apart. Never throws.',
          },
        ],
        find: ['const match = jobTokenRouteFor(method, path);', 'if (match === undefined || !match.controlled || match.permissions.length === 0) return false;'],
        rowVar: 'match',
        permissionType: '`${JobTokenPermission}`',
        mostPermissions: maxPermissions,
      }),
    );

    ctx.project.createSourceFile(OUT, { leadingTrivia: `${codeHeader([model.source])}\n\n`, statements }, { overwrite: true });
  },
};
