/**
 * GitLab fine-grained PAT REST page → `gitlab/rest-routes.ts`: the endpoint table as data and a
 * compiled matcher (method + raw request target → the documented route, its access and the
 * permissions it needs). The same route compiler as the job-token matcher (`ts/route-matcher.ts`,
 * `model/route-table.ts`); this file only writes the REST API on top of it (README, "Route
 * matching" and "Fine-grained REST routes").
 */
import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import type { Emitter } from './emitter.ts';
import type { GitlabRestPermissionsModel } from '../model/catalog.ts';
import { prepareRouteTable } from '../model/route-table.ts';
import { GITLAB_API_PREFIX, gitlabRouteSources, restRouteRows } from '../model/route-tables.ts';
import { codeHeader, safeComment } from './header.ts';
import { stringLiteral } from './ts/identifier.ts';
import { matchRouteFunction, reportUnsupportedRoutes, requestAllowedFunction, routeForFunction, routeMatcherStatements, routeRowsStatement, routeTypeStatements } from './ts/route-matcher.ts';
import { copyRuntime, type RuntimeFile } from './ts/copy-runtime.ts';
import { jsonParseLines } from './json-data.ts';

const RUNTIME_FILES: readonly RuntimeFile[] = Object.freeze([{ file: 'route-path.ts', to: '/generated/gitlab/runtime/route-path.ts' }]);
const OUT = '/generated/gitlab/rest-routes.ts';

export const gitlabRestRoutes: Emitter = {
  name: 'gitlab-rest-routes',
  description: 'gitlab/rest-routes.ts: the fine-grained REST endpoint table and a compiled matcher (method + path → access, permissions, boundaries).',
  emit(ctx) {
    const model = ctx.catalog.sources.find((s): s is GitlabRestPermissionsModel => s.kind === 'gitlab-rest-permissions');
    if (!model) return;
    const rows = restRouteRows(model);
    const table = prepareRouteTable(rows);
    // A `*` row is several routes (one per method): it is reported, and emitted, as the one row it is.
    const rowOf = (r: (typeof table.routes)[number]) => r.endpoint.endpointIndex;
    reportUnsupportedRoutes(ctx.report, table, rowOf);
    copyRuntime(ctx, gitlabRouteSources(ctx.catalog), RUNTIME_FILES, 'gitlab-rest-routes');

    const matcher = routeMatcherStatements(table, 'fineGrainedRestRoutes', GITLAB_API_PREFIX, rowOf);
    const endpoints = model.endpoints;
    const routeNames = [...new Set(endpoints.map((e) => `${e.method} ${e.path}`))];
    const statements: StatementStructures[] = [];

    statements.push(
      { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: './fine-grained-permissions.js', namedImports: ['GitlabFineGrainedPermission'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/route-path.js', namedImports: matcher.runtimeImports },
      ...routeTypeStatements({
        prefix: 'FineGrainedRest',
        table,
        apiPrefix: GITLAB_API_PREFIX,
        routeNames,
        routeDoc: `A documented route, \`METHOD /path\` as the page writes it (\`*\`: any method) (${safeComment(model.source.title)}).`,
        matchKeys: 'keyof FineGrainedRestRouteParams',
        ownTypes: [
          { kind: StructureKind.TypeAlias, isExported: true, name: 'FineGrainedRestBoundary', docs: [{ description: 'Where a permission may be granted.' }], type: "'project' | 'group' | 'user' | 'instance'" },
          {
            kind: StructureKind.TypeAlias,
            isExported: true,
            name: 'FineGrainedRestAccess',
            docs: [{ description: '`granted`: the token needs every permission in `permissions` at one of `boundaries`; `always`: no authentication, no permission check; `unavailable`: fine-grained tokens cannot call it.' }],
            type: "'granted' | 'always' | 'unavailable'",
          },
          {
            kind: StructureKind.Interface,
            isExported: true,
            name: 'FineGrainedRestRouteInfo',
            docs: [{ description: 'One endpoint of the page: one method + path of one section, the rows listing it merged.' }],
            properties: [
              { name: 'method', isReadonly: true, type: "FineGrainedRestRequestMethod | '*'", docs: ['`*`: every method (the unavailable section\'s catch-all).'] },
              { name: 'path', isReadonly: true, type: 'string', docs: ['The path pattern as written (Grape syntax, `\\(` escapes kept).'] },
              { name: 'route', isReadonly: true, type: 'FineGrainedRestRoute' },
              { name: 'access', isReadonly: true, type: 'FineGrainedRestAccess' },
              { name: 'permissions', isReadonly: true, type: 'readonly `${GitlabFineGrainedPermission}`[]', docs: ['All are required (`granted` only; `[]` otherwise): the row\'s own permission first, then what its footnotes add.'] },
              { name: 'boundaries', isReadonly: true, type: 'readonly FineGrainedRestBoundary[]', docs: ['Where the permissions may be granted (`granted` only; `[]` otherwise).'] },
              { name: 'public', isReadonly: true, type: 'boolean', docs: ['Also a publicly accessible endpoint: the permissions are not needed when the target resource is public.'] },
              { name: 'reason', isReadonly: true, hasQuestionToken: true, type: 'string', docs: ['Why fine-grained tokens cannot call it (`unavailable`, when the page says).'] },
              { name: 'category', isReadonly: true, hasQuestionToken: true, type: 'string' },
              { name: 'resource', isReadonly: true, hasQuestionToken: true, type: 'string' },
              { name: 'source', isReadonly: true, type: 'string', docs: ['`file:line:column` of the first row on the page.'] },
              { name: 'sources', isReadonly: true, type: 'readonly string[]', docs: ['Every row it comes from (several boundaries, the publicly accessible row).'] },
              { name: 'line', isReadonly: true, type: 'number', docs: ['Line of the first row on the page.'] },
            ],
          },
        ],
        matchProperties: [
          { name: 'access', isReadonly: true, type: 'FineGrainedRestAccess' },
          { name: 'permissions', isReadonly: true, type: 'readonly `${GitlabFineGrainedPermission}`[]', docs: ['All are required (`granted`); `[]` otherwise.'] },
          { name: 'boundaries', isReadonly: true, type: 'readonly FineGrainedRestBoundary[]' },
          { name: 'public', isReadonly: true, type: 'boolean' },
          { name: 'reason', isReadonly: true, hasQuestionToken: true, type: 'string' },
          { name: 'source', isReadonly: true, type: 'string', docs: ['`file:line:column` of the first row on the page.'] },
        ],
      }),
    );

    const file = model.source.file.startsWith('sources/') ? model.source.file : `sources/${model.source.file}`;
    const files = new Set(endpoints.flatMap((e) => e.rowPositions.map((p) => p.file)));
    // One file for every row (the page): positions are written as `line:column`, the file once.
    const pageFile = files.size === 1 ? [...files][0]! : file;
    statements.push({
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: 'The page every row comes from (`source` is `PAGE:line:column`).' }],
      declarations: [{ name: 'PAGE', initializer: stringLiteral(pageFile) }],
    });
    statements.push({
      kind: StructureKind.TypeAlias,
      name: 'RestRowPosition',
      docs: [{ description: 'Where a row is on the page: its line (column 1, every table row) or `"line:column"`.' }],
      type: 'number | string',
    });
    const methodType = "FineGrainedRestRequestMethod | '*'";
    const permissionsType = 'readonly `${GitlabFineGrainedPermission}`[]';
    const grantedRow = `readonly [method: ${methodType}, path: string, permissions: ${permissionsType}, boundaries: readonly FineGrainedRestBoundary[], isPublic: boolean, positions: RestRowPosition[]]`;
    const closingRow = `readonly [method: ${methodType}, path: string, positions: RestRowPosition[]]`;
    statements.push({
      kind: StructureKind.TypeAlias,
      name: 'RestRowGroup',
      docs: [
        {
          description:
            'A line of the table\'s JSON: a run of `granted` rows of one category and resource, a run of `always` or `unavailable` rows with one reason (`null`: none; no permissions, boundaries, category or resource; not public), or any other row on its own.',
        },
      ],
      type:
        `readonly [kind: 'granted', category: string, resource: string, rows: readonly (${grantedRow})[]]` +
        ` | readonly [kind: 'closing', access: 'always' | 'unavailable', reason: string | null, rows: readonly (${closingRow})[]]` +
        ` | readonly [kind: 'row', method: ${methodType}, path: string, access: FineGrainedRestAccess, permissions: ${permissionsType}, boundaries: readonly FineGrainedRestBoundary[], isPublic: boolean, positions: RestRowPosition[], category: string | null, resource: string | null, reason: string | null]`,
    });
    statements.push({
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: 'The `permissions` and `boundaries` of every `always` and `unavailable` row.' }],
      declarations: [{ name: 'NONE', type: 'readonly never[]', initializer: 'Object.freeze([])' }],
    });
    statements.push({
      kind: StructureKind.Function,
      name: 'row',
      docs: [
        {
          description:
            'One frozen row of `fineGrainedRestRoutes` (`positions`, freshly parsed, becomes its `sources`). Plain loops and no closures: this runs 2,000 times at load, before V8 has compiled it (README, "Import time").',
        },
      ],
      parameters: [
        { name: 'method', type: methodType },
        { name: 'path', type: 'string' },
        { name: 'access', type: 'FineGrainedRestAccess' },
        { name: 'permissions', type: permissionsType },
        { name: 'boundaries', type: 'readonly FineGrainedRestBoundary[]' },
        { name: 'isPublic', type: 'boolean' },
        { name: 'positions', type: 'RestRowPosition[]' },
        { name: 'category', type: 'string | null' },
        { name: 'resource', type: 'string | null' },
        { name: 'reason', type: 'string | null' },
      ],
      returnType: 'FineGrainedRestRouteInfo',
      statements: (w) => {
        w.writeLine('const first = positions[0]!;');
        w.writeLine('for (let i = 0; i < positions.length; i++) {');
        w.writeLine('  const p = positions[i]!;');
        w.writeLine("  positions[i] = typeof p === 'number' ? `${PAGE}:${p}:1` : `${PAGE}:${p}`;");
        w.writeLine('}');
        w.writeLine('const sources = Object.freeze(positions as string[]);');
        w.writeLine('const info: { -readonly [K in keyof FineGrainedRestRouteInfo]: FineGrainedRestRouteInfo[K] } = {');
        w.indent(() => {
          w.writeLine('method, path, route: `${method} ${path}` as FineGrainedRestRoute, access,');
          w.writeLine('permissions: Object.freeze(permissions), boundaries: Object.freeze(boundaries), public: isPublic,');
          w.writeLine("source: sources[0]!, sources, line: typeof first === 'number' ? first : Number(first.split(':')[0]),");
        });
        w.writeLine('};');
        w.writeLine('if (reason !== null) info.reason = reason;');
        w.writeLine('if (category !== null) info.category = category;');
        w.writeLine('if (resource !== null) info.resource = resource;');
        w.writeLine('return Object.freeze(info);');
      },
    });
    statements.push({
      kind: StructureKind.Function,
      name: 'restRows',
      docs: [{ description: 'The frozen rows of the parsed table, in its order.' }],
      parameters: [{ name: 'groups', type: 'readonly RestRowGroup[]' }],
      returnType: 'readonly FineGrainedRestRouteInfo[]',
      statements: (w) => {
        w.writeLine('const out: FineGrainedRestRouteInfo[] = [];');
        w.writeLine('for (const g of groups) {');
        w.writeLine("  if (g[0] === 'granted') {");
        w.writeLine('    const rows = g[3];');
        w.writeLine("    for (let i = 0; i < rows.length; i++) { const r = rows[i]!; out.push(row(r[0], r[1], 'granted', r[2], r[3], r[4], r[5], g[1], g[2], null)); }");
        w.writeLine("  } else if (g[0] === 'closing') {");
        w.writeLine('    const rows = g[3];');
        w.writeLine('    for (let i = 0; i < rows.length; i++) { const r = rows[i]!; out.push(row(r[0], r[1], g[1], NONE, NONE, false, r[2], null, null, g[2])); }');
        w.writeLine('  } else {');
        w.writeLine('    out.push(row(g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], g[10]));');
        w.writeLine('  }');
        w.writeLine('}');
        w.writeLine('return Object.freeze(out);');
      },
    });
    const json = (x: unknown) => JSON.stringify(x);
    const positionsOf = (e: (typeof endpoints)[number]) => e.rowPositions.map((p) => (p.column === 1 ? p.line : `${p.line}:${p.column}`));
    // Consecutive rows of one kind share a group: `["granted", category, resource, [rows]]` or
    // `["closing", access, reason, [rows]]`; a row that fits neither is a `["row", …]` of its own.
    // One row per line, each built by JSON.stringify (page text stays data: json-data.ts).
    const lines: string[] = ['['];
    let open: string | undefined;
    const start = (key: string | undefined, head: string | undefined) => {
      if (open === key) return;
      if (open !== undefined) lines.push(']],');
      open = key;
      if (head !== undefined) lines.push(head);
    };
    const rowLines: string[] = [];
    const flush = () => {
      if (rowLines.length === 0) return;
      lines.push(rowLines.join(',\n'));
      rowLines.length = 0;
    };
    for (const e of endpoints) {
      if (e.access === 'granted' && e.category !== undefined && e.resource !== undefined && e.reason === undefined) {
        const key = json(['granted', e.category, e.resource]);
        if (open !== key) flush();
        start(key, `${json(['granted', e.category, e.resource]).slice(0, -1)},[`);
        rowLines.push(json([e.method, e.path, e.permissions, e.boundaries, e.public, positionsOf(e)]));
      } else if (e.access !== 'granted' && e.permissions.length === 0 && e.boundaries.length === 0 && !e.public && e.category === undefined && e.resource === undefined) {
        const key = json([e.access, e.reason ?? null]);
        if (open !== key) flush();
        start(key, `${json(['closing', e.access, e.reason ?? null]).slice(0, -1)},[`);
        rowLines.push(json([e.method, e.path, positionsOf(e)]));
      } else {
        flush();
        start(undefined, undefined);
        lines.push(`${json(['row', e.method, e.path, e.access, e.permissions, e.boundaries, e.public, positionsOf(e), e.category ?? null, e.resource ?? null, e.reason ?? null])},`);
      }
    }
    flush();
    start(undefined, undefined);
    // The last group or row ends the array: no comma after it.
    lines[lines.length - 1] = lines[lines.length - 1]!.replace(/,$/, '');
    lines.push(']');
    statements.push(
      routeRowsStatement(
        'fineGrainedRestRoutes',
        'FineGrainedRestRouteInfo',
        [
          {
            description:
              'Every endpoint of the page (permission section, then always accessible, then unavailable), one per method + path and section, one per line with its page lines (`line`, column 1, or `"line:column"`), as JSON parsed at load (README, "Import time"): ' +
              '`["granted", category, resource, [[method, path, permissions, boundaries, public, positions], …]]` for a run of one category and resource, `["closing", access, reason, [[method, path, positions], …]]` for always accessible and unavailable rows, `["row", method, path, access, permissions, boundaries, public, positions, category, resource, reason]` for any other.',
            tags: [{ tagName: 'see', text: safeComment(model.source.url) }],
          },
        ],
        `restRows(${jsonParseLines(lines)} as readonly RestRowGroup[])`,
      ),
    );
    statements.push(...matcher.statements);

    statements.push(
      routeForFunction('fineGrainedRestRouteFor', 'fineGrainedRestRoutes', 'FineGrainedRestRouteInfo', [
        { description: 'The endpoint a request is for (its frozen entry in `fineGrainedRestRoutes`), or `undefined` (deny): the same decision as `matchFineGrainedRestRoute`, without parameters and canonical path, and without allocating (unless the path must be canonicalized). Never throws.' },
      ]),
    );
    statements.push(
      matchRouteFunction(
        'matchFineGrainedRestRoute',
        'FineGrainedRestRouteMatch',
        [
          {
            description:
              'The documented REST endpoint a request is for, or `undefined` (deny) when no row matches, the method is not an upper-case standard method, or the path cannot be canonicalized safely. Never throws.\n\n' +
              '`path` is the raw request target, with or without `/api/v4` (still percent-encoded; a query and fragment are ignored). When several rows match, the most specific wins (README, "Route matching"); with the page\'s catch-all, any other canonical request is `unavailable`.',
            tags: [{ tagName: 'see', text: safeComment(model.source.url) }],
          },
        ],
        'fineGrainedRestRoutes',
        'e',
        [
          'const params = paramsOf(i, canonical);',
          '// The tree and `paramsOf` give route `e.route` exactly the parameters `FineGrainedRestRouteParams` names for it (tests compare them with an independent reference).',
          '// Two object literals, not a spread: copying `base` into a new object cost a fifth of a lookup on the catch-all (every miss).',
          'if (e.reason === undefined) return { method: method as FineGrainedRestRequestMethod, route: e.route, canonicalPath: canonical, params, access: e.access, permissions: e.permissions, boundaries: e.boundaries, public: e.public, source: e.source } as FineGrainedRestRouteMatch;',
          'return { method: method as FineGrainedRestRequestMethod, route: e.route, canonicalPath: canonical, params, access: e.access, permissions: e.permissions, boundaries: e.boundaries, public: e.public, source: e.source, reason: e.reason } as FineGrainedRestRouteMatch;',
        ],
      ),
    );
    statements.push(
      requestAllowedFunction({
        name: 'isFineGrainedRestRequestAllowed',
        docs: [
          {
            description:
              'True when the request matches an `always` accessible endpoint, or a `granted` endpoint and `granted` holds every permission it needs (at the right boundary: checking where a permission was granted is the caller\'s part). ' +
              'False when no row matches, for `unavailable` endpoints, and for a publicly accessible endpoint without the permissions (whether the target resource is public is not known here: check `matchFineGrainedRestRoute(…).public`). Never throws.',
          },
        ],
        find: ['const e = fineGrainedRestRouteFor(method, path);', "if (e === undefined || e.access === 'unavailable') return false;", "if (e.access === 'always') return true;", 'if (e.permissions.length === 0) return false;'],
        rowVar: 'e',
        permissionType: '`${GitlabFineGrainedPermission}`',
        mostPermissions: endpoints.reduce((most, e) => Math.max(most, e.permissions.length), 0),
      }),
    );

    ctx.project.createSourceFile(OUT, { leadingTrivia: `${codeHeader([model.source])}\n\n`, statements }, { overwrite: true });
  },
};
