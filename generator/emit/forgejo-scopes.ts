/**
 * `forgejo/scopes.ts`: the Forgejo scopes as a union, their category and level, the hierarchy the
 * page states, and parsing of a comma-separated scope string.
 *
 * The hierarchy is derived from the page's level list, not assumed: a level includes another when it
 * allows every method the other allows (`write`: POST, PUT, PATCH, DELETE "(in addition to GET)" ⊇
 * `read`: GET), and only within one category. So `write:X` satisfies `read:X` and nothing else does;
 * the page's remark that `write:package` is "currently the same as `read:package`" grants nothing.
 */
import { levelIncludes } from '../model/forgejo-levels.ts';
import { StructureKind, VariableDeclarationKind, type StatementStructures, type WriterFunction } from 'ts-morph';
import type { Emitter } from './emitter.ts';
import type { ForgejoScope, ForgejoScopesModel } from '../model/catalog.ts';
import { codeHeader, safeComment } from './header.ts';
import { stringUnionStatements } from './ts/string-union.ts';
import { constantKey, stringLiteral } from './ts/identifier.ts';
import { formatPosition } from '../model/position.ts';

import { MAX_GRANTED_ITEMS } from './runtime/route-path.ts';
import { RECORD_OPEN } from './ts/record.ts';

const SCOPE = 'ForgejoScope';
/** Longest scope string `parseForgejoScopes` reads (every scope once, comma-separated, is a few hundred characters). */
const MAX_SCOPES_TEXT = 4096;
/** Unknown items its error message names (the result's `unknown` lists all of them). */
const MAX_LISTED_UNKNOWN = 10;
const CATEGORY = 'ForgejoScopeCategory';

export const forgejoScopes: Emitter = {
  name: 'forgejo-scopes',
  description: 'forgejo/scopes.ts: ForgejoScope and ForgejoScopeCategory unions, scope info, hasForgejoScope, parseForgejoScopes.',
  emit(ctx) {
    const model = ctx.catalog.sources.find((s): s is ForgejoScopesModel => s.kind === 'forgejo-scopes');
    if (!model) return;
    const scopes: ForgejoScope[] = model.categories.flatMap((c) => c.scopes);
    const categoryOf = new Map(model.categories.flatMap((c) => c.scopes.map((s) => [s.name, c.name] as const)));
    const ref = (type: string, value: string) => `${type}.${constantKey(value)}`;

    const statements: (StatementStructures | string)[] = [
      ...stringUnionStatements(
        {
          typeName: SCOPE,
          listName: 'forgejoScopes',
          guardName: 'isForgejoScope',
          description: `A Forgejo access token scope (${model.source.title}): \`read:\` or \`write:\` and a category.`,
          url: model.source.url,
          members: scopes.map((s) => ({ value: s.name, description: safeComment(s.description), position: s.position })),
        },
        ctx.options,
        ctx.report,
      ),
      ...stringUnionStatements(
        {
          typeName: CATEGORY,
          listName: 'forgejoScopeCategories',
          guardName: 'isForgejoScopeCategory',
          description: 'A category of Forgejo scopes: the group of API routes its `read:` and `write:` scopes cover.',
          url: model.source.url,
          members: model.categories.map((c) => ({ value: c.name, description: safeComment(c.description), position: c.position })),
        },
        ctx.options,
        ctx.report,
      ),
    ];

    statements.push({
      kind: StructureKind.Interface,
      isExported: true,
      name: 'ForgejoScopeInfo',
      docs: [{ description: 'What the page says about one scope.' }],
      properties: [
        { name: 'category', type: CATEGORY, isReadonly: true },
        { name: 'level', type: `'read' | 'write'`, isReadonly: true },
        { name: 'description', type: 'string', isReadonly: true, docs: [{ description: 'The Description cell as written.' }] },
      ],
    });
    statements.push(constRecord('forgejoScopeInfo', `Readonly<Record<${SCOPE}, ForgejoScopeInfo>>`, 'Category, level and description of every scope.', (w) => {
      for (const s of scopes) {
        w.writeLine(`/** @see ${safeComment(formatPosition(s.position))} */`);
        w.writeLine(`[${ref(SCOPE, s.name)}]: Object.freeze({ category: ${ref(CATEGORY, categoryOf.get(s.name)!)}, level: ${stringLiteral(s.level)}, description: ${stringLiteral(s.description)} }),`);
      }
    }));

    const levelDocs = model.levels.map((l) => `${safeComment(l.text)} (${formatPosition(l.position)})`).join('; ');
    statements.push(constRecord('forgejoScopeSatisfiedBy', `Readonly<Record<${SCOPE}, readonly ${SCOPE}[]>>`, `The granted scopes that satisfy each required scope: the scope itself and the scopes of the same category whose level allows every method its level allows. From the page's levels: ${levelDocs || 'none stated'}.`, (w) => {
      for (const category of model.categories) {
        for (const required of category.scopes) {
          const by = category.scopes.filter((g) => levelIncludes(model, g.level, required.level));
          w.writeLine(`[${ref(SCOPE, required.name)}]: Object.freeze([${by.map((g) => ref(SCOPE, g.name)).join(', ')}]),`);
        }
      }
    }));

    statements.push({
      kind: StructureKind.Function,
      isExported: true,
      name: 'hasForgejoScope',
      docs: [
        {
          description:
            'True when the `granted` scopes satisfy `required`: `write:X` includes `read:X`, nothing else includes anything. ' +
            'Granted strings that are not documented scopes are ignored (they never widen access); an unknown `required` is never satisfied. ' +
            'Pass a list, not a comma-separated string: parse that with `parseForgejoScopes` first. ' +
            `Anything that is not an iterable object is \`false\`; at most ${MAX_GRANTED_ITEMS} items are read (an endless iterable is \`false\`, not a hang). Never throws.`,
        },
      ],
      parameters: [
        { name: 'granted', type: 'Iterable<string>' },
        { name: 'required', type: SCOPE },
      ],
      returnType: 'boolean',
      statements: [
        `if (!isForgejoScope(required)) return false;`,
        `try {`,
        `  if (granted === null || typeof granted !== 'object' || typeof (granted as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') return false;`,
        `  const satisfying: readonly string[] = forgejoScopeSatisfiedBy[required];`,
        `  let budget = ${MAX_GRANTED_ITEMS};`,
        `  for (const scope of granted) {`,
        `    if (--budget < 0) return false;`,
        `    if (typeof scope === 'string' && satisfying.includes(scope)) return true;`,
        `  }`,
        `  return false;`,
        `} catch {`,
        `  return false;`,
        `}`,
      ],
    });

    statements.push({
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'ParseForgejoScopesResult',
      docs: [{ description: 'Result of `parseForgejoScopes`: the scopes, or why the string was refused.' }],
      type: `{ readonly ok: true; readonly scopes: readonly ${SCOPE}[] } | { readonly ok: false; readonly error: string; readonly unknown: readonly string[] }`,
    });
    const noScope = model.noScope
      ? `No scope given. The page says of \`${model.noScope.text}\`: ${model.noScope.description}`
      : 'No scope given.';
    statements.push({
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: model.noScope ? [{ description: `@see ${safeComment(formatPosition(model.noScope.position))}` }] : [],
      declarations: [{ name: 'noScopeError', initializer: stringLiteral(noScope) }],
    });
    statements.push({
      kind: StructureKind.Function,
      isExported: true,
      name: 'parseForgejoScopes',
      docs: [
        {
          description:
            'Parses a comma-separated scope string (`read:repository, write:issue`): items are trimmed of ASCII whitespace (Forgejo compares them as given: a BOM or a no-break space is part of the item), empty items ignored, ' +
            'duplicates dropped, and the scopes returned sorted. Matching is exact and case-sensitive: any unknown item refuses the ' +
            'whole string (listed in `unknown`). A string with no scope at all is refused too: Forgejo does not support tokens without one. ' +
            `So is anything that is not a string, and a string longer than ${MAX_SCOPES_TEXT} characters (every scope once fits in a fraction of that): ` +
            `the work is linear in the input and bounded. The error names the first ${MAX_LISTED_UNKNOWN} unknown items; \`unknown\` has them all.`,
        },
      ],
      parameters: [{ name: 'text', type: 'string' }],
      returnType: 'ParseForgejoScopesResult',
      statements: [
        `if (typeof text !== 'string') return { ok: false, error: 'Forgejo scopes must be given as a string.', unknown: [] };`,
        `if (text.length > ${MAX_SCOPES_TEXT}) return { ok: false, error: \`Scope string of \${text.length} characters refused: at most ${MAX_SCOPES_TEXT}.\`, unknown: [] };`,
        `const scopes = new Set<${SCOPE}>();`,
        `const unknownSet = new Set<string>();`,
        `for (const part of text.split(',')) {`,
        // ASCII whitespace only (space, tab, line feed, vertical tab, form feed, carriage return), in a
        // loop, not a regular expression that would backtrack over a run of it: Forgejo compares its
        // items as given, and a BOM, a no-break space or a line separator is not a separator.
        `  let from = 0;`,
        `  let to = part.length;`,
        `  while (from < to && (part.charCodeAt(from) === 32 || (part.charCodeAt(from) >= 9 && part.charCodeAt(from) <= 13))) from++;`,
        `  while (to > from && (part.charCodeAt(to - 1) === 32 || (part.charCodeAt(to - 1) >= 9 && part.charCodeAt(to - 1) <= 13))) to--;`,
        `  const item = part.slice(from, to);`,
        `  if (item === '') continue;`,
        `  if (isForgejoScope(item)) scopes.add(item);`,
        `  else unknownSet.add(item);`,
        `}`,
        `const unknown = [...unknownSet];`,
        `if (unknown.length > 0) {`,
        `  const described = unknown.slice(0, ${MAX_LISTED_UNKNOWN}).map((item) => {`,
        `    const near = forgejoScopes.find((scope) => scope.toLowerCase() === item.toLowerCase());`,
        `    return near === undefined ? JSON.stringify(item) : \`\${JSON.stringify(item)} (scopes are case-sensitive: did you mean "\${near}"?)\`;`,
        `  });`,
        `  const more = unknown.length > described.length ? \` and \${unknown.length - described.length} more\` : '';`,
        `  const error = \`Unknown Forgejo scope\${unknown.length === 1 ? '' : 's'}: \${described.join(', ')}\${more}. Valid scopes: \${forgejoScopes.join(', ')}.\`;`,
        `  return { ok: false, error, unknown };`,
        `}`,
        `if (scopes.size === 0) return { ok: false, error: noScopeError, unknown: [] };`,
        `return { ok: true, scopes: [...scopes].sort() };`,
      ],
    });

    ctx.project.createSourceFile('/generated/forgejo/scopes.ts', { leadingTrivia: `${codeHeader([model.source])}\n\n`, statements }, { overwrite: true });
  },
};

function constRecord(name: string, type: string, description: string, body: (w: Parameters<WriterFunction>[0]) => void): StatementStructures {
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [{ description: safeComment(description) }],
    declarations: [
      {
        name,
        type,
        initializer: (w) => {
          w.write(RECORD_OPEN).newLine();
          w.indent(() => body(w));
          w.write('})');
        },
      },
    ],
  };
}
