/**
 * Forgejo scope page → `forgejo/routes.ts`: the scope a request (method + path) needs.
 *
 * The data is the page's level list (method → level) and its route prefixes, each mapped to the shape
 * of Forgejo's real API by a reviewed interpretation (`model/forgejo-route-rules.ts`), emitted with its
 * page position and the interpretation's reason. The matching logic does not depend on the page: it is
 * `runtime/forgejo-route-match.ts` and `runtime/route-path.ts` (the GitLab matcher's canonicalization),
 * copied into the package under `forgejo/runtime/`, so the subpath does not load `gitlab/`.
 */
import { copyRuntime, type RuntimeFile } from './ts/copy-runtime.ts';
import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import type { Emitter } from './emitter.ts';
import type { ForgejoScopesModel } from '../model/catalog.ts';
import { formatPosition } from '../model/position.ts';
import { interpretForgejoRoutes } from '../model/forgejo-route-rules.ts';
import { codeHeader, safeComment } from './header.ts';
import { constantKey, stringLiteral } from './ts/identifier.ts';
import { RECORD_OPEN } from './ts/record.ts';

const OUT = '/generated/forgejo/routes.ts';

/** Runtime files (in `emit/runtime/`) and where they go; `runtime/` folders are not re-exported by the subpath index. */
const RUNTIME_FILES: readonly RuntimeFile[] = Object.freeze([
  { file: 'route-path.ts', to: '/generated/forgejo/runtime/route-path.ts' },
  { file: 'forgejo-route-match.ts', to: '/generated/forgejo/runtime/forgejo-route-match.ts' },
]);

export const forgejoRoutes: Emitter = {
  name: 'forgejo-routes',
  description: 'forgejo/routes.ts: the route rules read from the page and requiredForgejoScope / isForgejoRequestAllowed (method + path → scope).',
  emit(ctx) {
    const model = ctx.catalog.sources.find((s): s is ForgejoScopesModel => s.kind === 'forgejo-scopes');
    if (!model) return;
    const table = interpretForgejoRoutes(model, ctx.report);
    copyRuntime(ctx, [model.source], RUNTIME_FILES, 'forgejo-routes');

    const scopeRef = (name: string) => `ForgejoScope.${constantKey(name)}`;
    const categoryRef = (name: string) => `ForgejoScopeCategory.${constantKey(name)}`;
    const methodUnion = table.methods.map((m) => stringLiteral(m.method)).join(' | ') || 'never';
    const levelDocs = model.levels.map((l) => `${l.text} (${formatPosition(l.position)})`).join('; ');
    const withoutRoutes = table.withoutRoutes.map((c) => `\`${c.category}\` (${formatPosition(c.position)})`).join(', ');

    const statements: StatementStructures[] = [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './scopes.js', namedImports: ['ForgejoScope', 'ForgejoScopeCategory', 'hasForgejoScope'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/forgejo-route-match.js', namedImports: ['matchForgejoPath', 'type ForgejoRuleShape'] },
      {
        kind: StructureKind.TypeAlias,
        isExported: true,
        name: 'ForgejoRequestMethod',
        docs: [{ description: safeComment(`The request methods that need a scope (upper case, as sent), from the page's level list: ${levelDocs}. HEAD is answered as GET. Any other token (OPTIONS, lower case, …) is denied.`) }],
        type: methodUnion,
      },
      {
        kind: StructureKind.Interface,
        isExported: true,
        name: 'ForgejoMethodLevel',
        docs: [{ description: 'The scope level a method needs.' }],
        properties: [
          { name: 'level', isReadonly: true, type: `'read' | 'write'` },
          { name: 'source', isReadonly: true, type: 'string', docs: ['`file:line:column` of the level list item it was derived from.'] },
          { name: 'interpretation', isReadonly: true, hasQuestionToken: true, type: 'string', docs: ['Set when the page does not name the method (HEAD): how it is answered.'] },
        ],
      },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [{ description: safeComment('The level each method needs: of the levels that allow it, the one the others include (GET: `read`, which `write` includes).') }],
        declarations: [
          {
            name: 'forgejoMethodLevels',
            type: 'Readonly<Record<ForgejoRequestMethod, ForgejoMethodLevel>>',
            initializer: (w) => {
              w.write(RECORD_OPEN).newLine();
              w.indent(() => {
                for (const m of table.methods) {
                  const extra = m.interpretation === undefined ? '' : `, interpretation: ${stringLiteral(m.interpretation)}`;
                  w.writeLine(`/** @see ${safeComment(formatPosition(m.position))} */`);
                  w.writeLine(`${m.method}: Object.freeze({ level: ${stringLiteral(m.level)}, source: ${stringLiteral(formatPosition(m.position))}${extra} }),`);
                }
              });
              w.write('})');
            },
          },
        ],
      },
      {
        kind: StructureKind.Interface,
        isExported: true,
        name: 'ForgejoRouteRule',
        docs: [{ description: 'A route prefix of the page, mapped to the shape of Forgejo\'s API (relative to `/api/v1`).' }],
        properties: [
          { name: 'category', isReadonly: true, type: 'ForgejoScopeCategory' },
          { name: 'rule', isReadonly: true, type: 'string', docs: ['The page\'s text: the route prefix as written (`issues/*`); for `basis: \'description\'` the words of the description read.'] },
          { name: 'interpretation', isReadonly: true, type: 'string', docs: ['The API shape it stands for: literal segments, `{name}` any one segment, a trailing `/*` this path and every path below it.'] },
          { name: 'basis', isReadonly: true, type: `'route' | 'description'`, docs: ['`route`: the page names this prefix. `description`: the page names no route for the category; read from its words (interpretation beyond the page).'] },
          { name: 'except', isReadonly: true, type: 'readonly string[]', docs: ['The page\'s exclusions for the category, as written; requests under them are not covered by this rule.'] },
          { name: 'scopes', isReadonly: true, type: `Readonly<Partial<Record<'read' | 'write', ForgejoScope>>>`, docs: ['The scope per level. A level without one is denied.'] },
          { name: 'why', isReadonly: true, type: 'string', docs: ['Why the prefix is read as this shape.'] },
          { name: 'source', isReadonly: true, type: 'string', docs: ['`file:line:column` of the row the rule reads.'] },
        ],
      },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [
          {
            description: safeComment(
              'Every rule, most specific first (literal segments before parameters, longer before shorter, exact before `/*`): the first that covers a path decides it. ' +
                (withoutRoutes ? `The page names no route prefix for ${withoutRoutes}; its rules here, if any, have \`basis: 'description'\`.` : ''),
            ),
            tags: [{ tagName: 'see', text: safeComment(model.source.url) }],
          },
        ],
        declarations: [
          {
            name: 'forgejoRouteRules',
            type: 'readonly ForgejoRouteRule[]',
            initializer: (w) => {
              w.write('Object.freeze([').newLine();
              w.indent(() => {
                for (const r of table.rules) {
                  const scopes = (['read', 'write'] as const).flatMap((l) => (r.scopes[l] === undefined ? [] : [`${l}: ${scopeRef(r.scopes[l])}`]));
                  w.writeLine(`/** ${safeComment(`${r.rule} → ${r.interpretation}: ${r.why}`)} @see ${safeComment(formatPosition(r.position))} */`);
                  w.writeLine(
                    `Object.freeze({ category: ${categoryRef(r.category)}, rule: ${stringLiteral(r.rule)}, interpretation: ${stringLiteral(r.interpretation)}, basis: ${stringLiteral(r.basis)}, ` +
                      `except: Object.freeze([${r.except.map(stringLiteral).join(', ')}]), scopes: Object.freeze({ ${scopes.join(', ')} }), why: ${stringLiteral(r.why)}, source: ${stringLiteral(formatPosition(r.position))} }),`,
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
        docs: [{ description: 'The shape of each rule of `forgejoRouteRules` (same order), for the matcher: segments `[0, literal]` / `[1, parameter]`, `prefix` for a trailing `/*`, and the shapes of its exclusions.' }],
        declarations: [
          {
            name: 'ruleShapes',
            type: 'readonly ForgejoRuleShape[]',
            initializer: (w) => {
              const shape = (s: { segments: readonly (readonly [0 | 1, string])[]; prefix: boolean }) =>
                `segments: [${s.segments.map(([k, t]) => `[${k}, ${stringLiteral(t)}]`).join(', ')}], prefix: ${s.prefix}`;
              w.write('[').newLine();
              w.indent(() => {
                table.rules.forEach((r, i) => {
                  w.writeLine(`/* ${i}: ${safeComment(r.interpretation)} */ { ${shape(r)}, excludes: [${r.excludes.map((e) => `{ ${shape(e)} }`).join(', ')}] },`);
                });
              });
              w.write(']');
            },
          },
        ],
      },
      {
        kind: StructureKind.Interface,
        isExported: true,
        name: 'ForgejoRouteRequirement',
        docs: [{ description: 'The scope a request needs, and where each part of the answer was read.' }],
        properties: [
          { name: 'scope', isReadonly: true, type: 'ForgejoScope', docs: ['`<level>:<category>`. `write:X` also satisfies a `read:X` requirement (`hasForgejoScope`).'] },
          { name: 'category', isReadonly: true, type: 'ForgejoScopeCategory' },
          { name: 'level', isReadonly: true, type: `'read' | 'write'` },
          { name: 'rule', isReadonly: true, type: 'string', docs: ['The page\'s route prefix text (`ForgejoRouteRule.rule`).'] },
          { name: 'interpretation', isReadonly: true, type: 'string', docs: ['The API shape that matched (`/repos/{owner}/{repo}/issues/*`).'] },
          { name: 'basis', isReadonly: true, type: `'route' | 'description'` },
          { name: 'source', isReadonly: true, type: 'string', docs: ['`file:line:column` of the row that states the route.'] },
          { name: 'levelSource', isReadonly: true, type: 'string', docs: ['`file:line:column` of the level list item that decides the level.'] },
          { name: 'apiPath', isReadonly: true, type: 'string', docs: ['The canonical path, relative to `/api/v1`, that was matched.'] },
        ],
      },
      {
        kind: StructureKind.Function,
        isExported: true,
        name: 'requiredForgejoScope',
        docs: [
          {
            description: safeComment(
              'The scope a request needs, or `undefined` (deny): for a method other than an upper-case GET, HEAD, POST, PUT, PATCH or DELETE; a path that cannot be canonicalized; ' +
                'a path with a `.` or `..` segment (Forgejo does not resolve them); a path no rule covers; or one whose `%2F` would change the rule if decoded. Never throws.\n\n' +
                '`path` is the raw request path (still percent-encoded; a query and fragment are ignored), with or without the `/api/v1` base: ' +
                '`/api/v1/repos/o/r/issues` and `/repos/o/r/issues` are the same request. It is canonicalized first (escapes decoded where unreserved, `//` and a trailing `/` dropped), then the most specific rule decides.',
            ),
            tags: [{ tagName: 'see', text: safeComment(model.source.url) }],
          },
        ],
        parameters: [
          { name: 'method', type: 'string' },
          { name: 'path', type: 'string' },
        ],
        returnType: 'ForgejoRouteRequirement | undefined',
        statements: (w) => {
          w.write('try').block(() => {
            w.writeLine('let methodLevel: ForgejoMethodLevel;');
            w.write('switch (method)').block(() => {
              for (const m of table.methods) {
                w.writeLine(`case ${stringLiteral(m.method)}:`);
                w.indent(() => w.writeLine(`methodLevel = forgejoMethodLevels[${stringLiteral(m.method)}];`).writeLine('break;'));
              }
              w.writeLine('default:').indent().write('return undefined;').newLine();
            });
            w.writeLine('const match = matchForgejoPath(ruleShapes, path);');
            w.writeLine('if (match === undefined) return undefined;');
            w.writeLine('const rule = forgejoRouteRules[match.rule];');
            w.writeLine('if (rule === undefined) return undefined;');
            w.writeLine('const scope = rule.scopes[methodLevel.level];');
            w.writeLine('if (scope === undefined) return undefined;');
            w.writeLine(
              'return Object.freeze({ scope, category: rule.category, level: methodLevel.level, rule: rule.rule, interpretation: rule.interpretation, basis: rule.basis, source: rule.source, levelSource: methodLevel.source, apiPath: match.apiPath });',
            );
          });
          w.write(' catch').block(() => {
            w.writeLine('return undefined;');
          });
        },
      },
      {
        kind: StructureKind.Function,
        isExported: true,
        name: 'isForgejoRequestAllowed',
        docs: [
          {
            description:
              'True only when the request needs a scope (`requiredForgejoScope`) and `granted` satisfies it (`hasForgejoScope`: `write:X` includes `read:X`). ' +
              'Unknown granted strings never widen access; a bare string is refused (parse it with `parseForgejoScopes`). Never throws.',
          },
        ],
        parameters: [
          { name: 'granted', type: 'Iterable<string>' },
          { name: 'method', type: 'string' },
          { name: 'path', type: 'string' },
        ],
        returnType: 'boolean',
        statements: (w) => {
          w.writeLine('const required = requiredForgejoScope(method, path);');
          w.writeLine('if (required === undefined) return false;');
          w.write('try').block(() => {
            w.writeLine(`if (granted === null || typeof granted !== 'object' || typeof (granted as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') return false;`);
            w.writeLine('return hasForgejoScope(granted, required.scope);');
          });
          w.write(' catch').block(() => {
            w.writeLine('return false;');
          });
        },
      },
    ];

    ctx.project.createSourceFile(OUT, { leadingTrivia: `${codeHeader([model.source])}\n\n`, statements }, { overwrite: true });
  },
};

