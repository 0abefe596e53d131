/**
 * One module per Buildkite enum page: `buildkite/<enum-name-kebab>.ts` with the values as a string
 * union (see `ts/string-union.ts`). Names follow one rule, from the GraphQL enum name alone, so they
 * stay stable when values change: `APIAccessTokenScopes` → type `APIAccessTokenScope` (singular),
 * list `apiAccessTokenScopes`, guard `isAPIAccessTokenScope`, module `api-access-token-scopes.ts`.
 */
import type { Emitter } from './emitter.ts';
import type { BuildkiteEnumModel } from '../model/catalog.ts';
import { codeHeader, safeComment } from './header.ts';
import { stringUnionStatements } from './ts/string-union.ts';
import { isDeclarableName, isIdentifier } from './ts/identifier.ts';
import { formatPosition, type SourcePosition } from '../model/position.ts';

export interface BuildkiteEnumNames {
  /** `APIAccessTokenScope`: the union of values (and, in const style, the object of the same name). */
  typeName: string;
  /** `apiAccessTokenScopes`: every value in page order. */
  listName: string;
  /** `isAPIAccessTokenScope` */
  guardName: string;
  /** `api-access-token-scopes`: the module under `buildkite/`. */
  moduleName: string;
}

/**
 * The names of an enum's exports. The type is singular (a value is one scope), the list plural:
 * a trailing `ies` becomes `y`, `sses`/`xes`/`ches`/`shes` lose `es`, another trailing `s` is dropped
 * unless the word ends in `ss`, `us` or `is` (`Access`, `Status`, `Analysis`). A name that is not plural gets a list named `…Values`.
 */
export function buildkiteEnumNames(enumName: string): BuildkiteEnumNames {
  const typeName = singular(enumName);
  let listName = lowerCamel(enumName);
  if (typeName === enumName || !isIdentifier(listName)) listName = `${lowerCamel(typeName)}Values`;
  return { typeName, listName, guardName: `is${typeName}`, moduleName: kebab(enumName) };
}

function singular(name: string): string {
  if (/[a-z]ies$/.test(name)) return `${name.slice(0, -3)}y`;
  if (/[a-z](ss|x|ch|sh)es$/.test(name)) return name.slice(0, -2);
  if (/[a-rt-z]s$/.test(name) && !/(us|is)$/.test(name)) return name.slice(0, -1);
  return name;
}

/** `APIAccessTokenScopes` → `apiAccessTokenScopes`; `BuildStates` → `buildStates`; `__TypeKind` → `__typeKind`. */
function lowerCamel(name: string): string {
  const m = /^(_*)([A-Z]+)(?=[A-Z][a-z]|$|[^A-Za-z])/.exec(name) ?? /^(_*)([A-Z])/.exec(name);
  if (!m) return name;
  return `${m[1]}${m[2]!.toLowerCase()}${name.slice(m[0].length)}`;
}

/** `APIAccessTokenScopes` → `api-access-token-scopes`; `__TypeKind` → `type-kind`. */
function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/_+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

/** Module names under `buildkite/` the package writes itself: the subpath index and the runtime folder. */
const RESERVED_MODULES: ReadonlySet<string> = new Set(['index', 'runtime']);

export const buildkiteEnums: Emitter = {
  name: 'buildkite-enums',
  description: 'buildkite/<enum>.ts per Buildkite enum page: a string union of its values, the list of values and a type guard.',
  emit(ctx) {
    const models = ctx.catalog.sources.filter((s): s is BuildkiteEnumModel => s.kind === 'buildkite-enum' && s.name !== '');
    // Every module is re-exported from `buildkite/index.ts`, so names must be unique across pages.
    const taken = new Map<string, { enumName: string; at: SourcePosition }>();
    for (const model of models) {
      const names = buildkiteEnumNames(model.name);
      const at: SourcePosition = model.values[0]?.position ?? { file: `sources/${model.source.file}`, line: 1, column: 1 };
      // Names the module cannot declare (a global it would shadow, a reserved word) and module names the package
      // already uses (`index.ts`, `runtime/`): refused here, at the page, rather than a package that fails to load.
      const exported = [names.typeName, names.listName, names.guardName, `${names.listName}Set`];
      const undeclarable = exported.find((n) => !isDeclarableName(n));
      if (undeclarable !== undefined || RESERVED_MODULES.has(names.moduleName) || names.moduleName === '') {
        const what = undeclarable !== undefined ? `the name \`${undeclarable}\`, which JavaScript or TypeScript reserves or the module itself needs` : `the module \`buildkite/${names.moduleName}.ts\`, which the package already uses`;
        ctx.report.error('identifier-reserved', `Buildkite enum \`${model.name}\` would produce ${what}.`, at, 'The generated names follow from the enum name alone (README, "Sources"); report the page if the name is wrong, or leave this page out of sources/sources.json.');
        continue;
      }
      const keys = [...exported, `module ${names.moduleName}`];
      const clashes = keys.filter((n) => taken.has(n));
      if (clashes.length > 0) {
        const other = taken.get(clashes[0]!)!;
        ctx.report.error('identifier-collision', `Buildkite enums \`${model.name}\` and \`${other.enumName}\` both produce \`${clashes[0]}\` (other at ${formatPosition(other.at)}).`, at, 'Two enum pages map to the same generated names; remove the duplicate page from sources/sources.json.');
        continue;
      }
      for (const n of keys) taken.set(n, { enumName: model.name, at });
      const statements = stringUnionStatements(
        {
          typeName: names.typeName,
          listName: names.listName,
          guardName: names.guardName,
          description: `A value of the Buildkite GraphQL enum \`${model.name}\`${model.description ? `: ${safeComment(model.description)}` : '.'}`,
          url: model.source.url,
          members: model.values.map((v) => ({ value: v.name, description: v.description ? safeComment(v.description) : '(The page gives no description.)', position: v.position })),
        },
        ctx.options,
        ctx.report,
      );
      ctx.project.createSourceFile(`/generated/buildkite/${names.moduleName}.ts`, { leadingTrivia: `${codeHeader([model.source])}\n\n`, statements }, { overwrite: true });
    }
  },
};
