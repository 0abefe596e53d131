/**
 * GitLab job-token page → `gitlab/job-token-routes.ts`: the route table as data and a compiled
 * matcher (method + raw request path → the documented route and the permissions it needs).
 * The matching rules are in the README ("Route matching"); the tree is written by
 * `ts/route-decision-tree.ts`, canonicalization and parameter capture are the runtime file
 * `runtime/route-path.ts`, copied into the package as `gitlab/runtime/route-path.ts`.
 */
import { readFileSync } from 'node:fs';
import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import type { Emitter } from './emitter.ts';
import type { JobTokenEndpointsModel } from '../model/catalog.ts';
import { HTTP_METHODS } from '../model/http-methods.ts';
import { formatPosition } from '../model/position.ts';
import { prepareRouteTable, routeToken } from '../model/job-token-route-table.ts';
import { codeHeader, safeComment } from './header.ts';
import { stringLiteral } from './ts/identifier.ts';
import { writeDecisionTree } from './ts/route-decision-tree.ts';

const RUNTIME_SOURCE = new URL('./runtime/route-path.ts', import.meta.url);
const RUNTIME_OUT = '/generated/gitlab/runtime/route-path.ts';
const OUT = '/generated/gitlab/job-token-routes.ts';

export const jobTokenRoutes: Emitter = {
  name: 'job-token-routes',
  description: 'gitlab/job-token-routes.ts: the job-token route table and a compiled matcher (method + path → permissions).',
  emit(ctx) {
    const model = ctx.catalog.sources.find((s): s is JobTokenEndpointsModel => s.kind === 'gitlab-job-token-endpoints');
    if (!model) return;
    const table = prepareRouteTable(model.endpoints);
    for (const { route, message } of table.unsupported) {
      ctx.report.error(
        'route-pattern-unsupported',
        `\`${route.endpoint.text}\` cannot be compiled: ${message}`,
        route.endpoint.pathPosition,
        'The route is left out of the matcher (requests to it are denied). Rewrite the pattern with an override, or extend the matcher.',
      );
    }

    const header = codeHeader([model.source]);
    const runtime = readFileSync(RUNTIME_SOURCE, 'utf8');
    ctx.project.createSourceFile(RUNTIME_OUT, `${header}\n\n${runtime}`, { overwrite: true });

    // Candidates of every method, numbered in one sequence: the tree returns the number.
    const candidates = table.methods.flatMap((m) => m.candidates);
    const firstOf = new Map<string, number>();
    let next = 0;
    for (const m of table.methods) {
      firstOf.set(m.method, next);
      next += m.candidates.length;
    }
    const methodsWithRoutes = new Set(table.methods.map((m) => m.method));
    const matcherName = (method: string) => `match${method[0]}${method.slice(1).toLowerCase()}`;
    const statements: StatementStructures[] = [];

    statements.push(
      { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: './job-token-permissions.js', namedImports: ['JobTokenPermission'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/route-path.js', namedImports: ['canonicalizePath', 'captureRouteParams', 'type RouteToken'] },
      {
        kind: StructureKind.TypeAlias,
        isExported: true,
        name: 'JobTokenRequestMethod',
        docs: [{ description: 'The request methods the matcher accepts (upper case, as sent). `HEAD` also matches `GET` routes; any other token is denied.' }],
        type: HTTP_METHODS.map((m) => stringLiteral(m)).join(' | '),
      },
      {
        kind: StructureKind.TypeAlias,
        isExported: true,
        name: 'JobTokenRoute',
        docs: [{ description: `A documented route, \`METHOD /path\` as the page writes it (${safeComment(model.source.title)}).` }],
        type: (w) => {
          w.newLine();
          w.indent(() => {
            for (const e of model.endpoints) w.writeLine(`| ${stringLiteral(e.text)}`);
          });
        },
      },
      {
        kind: StructureKind.Interface,
        isExported: true,
        name: 'JobTokenRouteInfo',
        docs: [{ description: 'One row of the page\'s endpoint table.' }],
        properties: [
          { name: 'method', isReadonly: true, type: 'JobTokenRequestMethod' },
          { name: 'path', isReadonly: true, type: 'string', docs: ['The path pattern as written (Grape syntax).'] },
          { name: 'route', isReadonly: true, type: 'JobTokenRoute' },
          { name: 'permissions', isReadonly: true, type: 'readonly JobTokenPermission[]', docs: ['All are required. Empty for `None` rows.'] },
          { name: 'controlled', isReadonly: true, type: 'boolean', docs: ['False for `None` rows: fine-grained permissions cannot control access to the endpoint.'] },
          { name: 'description', isReadonly: true, type: 'string' },
          { name: 'source', isReadonly: true, type: 'string', docs: ['`file:line:column` of the row on the page.'] },
          { name: 'line', isReadonly: true, type: 'number', docs: ['Line of the row on the page.'] },
        ],
      },
      {
        kind: StructureKind.Interface,
        isExported: true,
        name: 'JobTokenRouteMatch',
        docs: [{ description: 'The route a request is for, and what it needs.' }],
        properties: [
          { name: 'method', isReadonly: true, type: 'JobTokenRequestMethod', docs: ['The request\'s method (`HEAD` for a `HEAD` request answered by a `GET` route).'] },
          { name: 'route', isReadonly: true, type: 'JobTokenRoute', docs: ['The documented route that matched (the most specific one).'] },
          { name: 'canonicalPath', isReadonly: true, type: 'string', docs: ['The path the route was matched against: query and fragment dropped, dot segments resolved, unreserved escapes decoded.'] },
          { name: 'params', isReadonly: true, type: 'Readonly<Record<string, string>>', docs: ['Parameter values, raw and still percent-encoded (`group%2Fproject`). A splat may contain `/`.'] },
          { name: 'permissions', isReadonly: true, type: 'readonly JobTokenPermission[]', docs: ['All are required. Empty when `controlled` is false.'] },
          { name: 'controlled', isReadonly: true, type: 'boolean', docs: ['False for `None` rows: fine-grained permissions cannot control access; the job token\'s default access applies.'] },
          { name: 'source', isReadonly: true, type: 'string', docs: ['`file:line:column` of the row on the page.'] },
        ],
      },
    );

    statements.push({
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: 'Every documented route, in the page\'s order.', tags: [{ tagName: 'see', text: safeComment(model.source.url) }] }],
      declarations: [
        {
          name: 'jobTokenRoutes',
          type: 'readonly JobTokenRouteInfo[]',
          initializer: (w) => {
            w.write('Object.freeze([').newLine();
            w.indent(() => {
              for (const e of model.endpoints) {
                const perms = `Object.freeze([${e.permissions.map((p) => `${stringLiteral(p)} as const`).join(', ')}])`;
                w.writeLine(`/** ${safeComment(e.description.trim())} @see ${safeComment(formatPosition(e.position))} */`);
                w.writeLine(
                  `Object.freeze({ method: ${stringLiteral(e.method)}, path: ${stringLiteral(e.path)}, route: ${stringLiteral(e.text)}, permissions: ${perms}, controlled: ${e.controlled}, description: ${stringLiteral(e.description)}, source: ${stringLiteral(formatPosition(e.position))}, line: ${e.position.line} }),`,
                );
              }
            });
            w.write('])');
          },
        },
      ],
    });

    statements.push({
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: 'Per candidate (an alternative of a route after expanding optional groups; most specific first within each method): its row in `jobTokenRoutes`.' }],
      declarations: [{ name: 'candidateRoutes', type: 'readonly number[]', initializer: `[${candidates.map((c) => c.route.index).join(', ')}]` }],
    });

    statements.push({
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: 'Per candidate, its segment tokens `[kind, prefix, suffix, name]` (0 literal, 1 `:param`, 2 `*splat`), to read parameter values.' }],
      declarations: [
        {
          name: 'candidateTokens',
          type: 'readonly (readonly RouteToken[])[]',
          initializer: (w) => {
            w.write('[').newLine();
            w.indent(() => {
              candidates.forEach((c, i) => {
                const tokens = c.alternative.segments.map(routeToken).map((t) => `[${t[0]}, ${stringLiteral(t[1])}, ${stringLiteral(t[2])}, ${stringLiteral(t[3])}]`);
                w.writeLine(`/* ${i}: ${safeComment(c.route.endpoint.method)} ${safeComment(c.alternative.text)} */ [${tokens.join(', ')}],`);
              });
            });
            w.write(']');
          },
        },
      ],
    });

    for (const m of table.methods) {
      const base = firstOf.get(m.method)!;
      statements.push({
        kind: StructureKind.Function,
        name: matcherName(m.method),
        docs: [{ description: `The most specific \`${m.method}\` candidate for a canonical path, or -1. Generated decision tree: see the README, "Route matching".` }],
        parameters: [{ name: 'p', type: 'string' }],
        returnType: 'number',
        statements: (w) => writeDecisionTree(w, m.candidates.map((c, i) => ({ index: base + i, segments: c.alternative.segments }))),
      });
    }

    statements.push({
      kind: StructureKind.Function,
      isExported: true,
      name: 'matchJobTokenRoute',
      docs: [
        {
          description:
            'The documented route a request is for, or `undefined` (deny) when no route matches, the method is not an upper-case standard method, or the path cannot be canonicalized safely. Never throws.\n\n' +
            '`path` is the raw request target (still percent-encoded; a query and fragment are ignored). When several routes match, the most specific wins (README, "Route matching").',
          tags: [{ tagName: 'see', text: safeComment(model.source.url) }],
        },
      ],
      parameters: [
        { name: 'method', type: 'string' },
        { name: 'path', type: 'string' },
      ],
      returnType: 'JobTokenRouteMatch | undefined',
      statements: (w) => {
        w.write('try').block(() => {
          w.writeLine(`if (typeof method !== 'string') return undefined;`);
          w.writeLine('const canonical = canonicalizePath(path);');
          w.writeLine('if (canonical === undefined) return undefined;');
          w.writeLine('let i = -1;');
          w.write('switch (method)').block(() => {
            for (const method of HTTP_METHODS) {
              const own = methodsWithRoutes.has(method);
              const viaGet = method === 'HEAD' && methodsWithRoutes.has('GET');
              if (!own && !viaGet) continue;
              w.writeLine(`case ${stringLiteral(method)}:`);
              w.indent(() => {
                if (own) w.writeLine(`i = ${matcherName(method)}(canonical);`);
                if (viaGet) w.writeLine(`${own ? 'if (i < 0) ' : ''}i = ${matcherName('GET')}(canonical);`);
                w.writeLine('break;');
              });
            }
            w.writeLine('default:').indent().write('return undefined;').newLine();
          });
          w.writeLine('if (i < 0) return undefined;');
          w.writeLine('const route = jobTokenRoutes[candidateRoutes[i]!]!;');
          w.writeLine('const params = captureRouteParams(canonical, candidateTokens[i]!);');
          w.writeLine('// The tree and the capture agree by construction; if they ever did not, deny.');
          w.writeLine('if (params === undefined) return undefined;');
          w.writeLine(
            'return Object.freeze({ method: method as JobTokenRequestMethod, route: route.route, canonicalPath: canonical, params: Object.freeze(params), permissions: route.permissions, controlled: route.controlled, source: route.source });',
          );
        });
        w.write(' catch').block(() => {
          w.writeLine('return undefined;');
        });
      },
    });

    statements.push({
      kind: StructureKind.Function,
      isExported: true,
      name: 'isJobTokenRequestAllowed',
      docs: [
        {
          description:
            'True only when the request matches a route that fine-grained permissions control and `granted` holds every permission it needs. ' +
            'False when no route matches, and also for `None` routes (`controlled: false`): fine-grained permissions do not grant those, the job token\'s default access governs them, so call `matchJobTokenRoute` to tell the two apart. Never throws.',
        },
      ],
      parameters: [
        { name: 'granted', type: 'Iterable<string>' },
        { name: 'method', type: 'string' },
        { name: 'path', type: 'string' },
      ],
      returnType: 'boolean',
      statements: (w) => {
        w.writeLine('const match = matchJobTokenRoute(method, path);');
        w.writeLine('if (match === undefined || !match.controlled || match.permissions.length === 0) return false;');
        w.write('try').block(() => {
          w.writeLine(`if (granted === null || typeof granted !== 'object' || typeof (granted as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') return false;`);
          w.writeLine('let missing = match.permissions.length;');
          w.writeLine('const seen: boolean[] = [];');
          w.write('for (const g of granted)').block(() => {
            w.writeLine('const k = match.permissions.indexOf(g as JobTokenPermission);');
            w.write('if (k >= 0 && !seen[k])').block(() => {
              w.writeLine('seen[k] = true;');
              w.writeLine('if (--missing === 0) return true;');
            });
          });
          w.writeLine('return false;');
        });
        w.write(' catch').block(() => {
          w.writeLine('return false;');
        });
      },
    });

    ctx.project.createSourceFile(OUT, { leadingTrivia: `${header}\n\n`, statements }, { overwrite: true });
  },
};
