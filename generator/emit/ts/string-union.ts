/**
 * A set of documented string values as TypeScript users prefer them: an `as const` object and a
 * union type of the same name (or, with `enumStyle: 'enum'`, a classic string `enum`), plus an
 * array of every value and a type guard. Built as ts-morph structures; printed in one place.
 */
import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import type { SourcePosition } from '../../model/position.ts';
import type { Reporter } from '../../diagnostics/reporter.ts';
import type { EmitOptions } from '../emitter.ts';
import { docFrom } from './jsdoc.ts';
import { constantKey, stringLiteral } from './identifier.ts';
import { safeComment } from '../header.ts';

export interface UnionMember {
  value: string;
  description: string;
  position: SourcePosition;
}

export interface StringUnionSpec {
  /** Type and object name, e.g. `JobTokenPermission`. */
  typeName: string;
  /** Array of all values, e.g. `jobTokenPermissions`. */
  listName: string;
  /** Type guard, e.g. `isJobTokenPermission`. */
  guardName: string;
  description: string;
  members: UnionMember[];
  url?: string;
}

export function stringUnionStatements(spec: StringUnionSpec, options: EmitOptions, report: Reporter): (StatementStructures | string)[] {
  const keys = new Map<string, UnionMember>();
  const members: (UnionMember & { key: string })[] = [];
  for (const m of spec.members) {
    const key = constantKey(m.value);
    const clash = keys.get(key);
    if (clash) {
      if (clash.value !== m.value) {
        report.error('identifier-collision', `\`${m.value}\` and \`${clash.value}\` both become the member name \`${spec.typeName}.${key}\`.`, m.position, 'Two documented values differ only in case or punctuation; rename one upstream or add an override.');
      }
      continue;
    }
    keys.set(key, m);
    members.push({ ...m, key });
  }
  const doc = docFrom(spec.description, undefined, spec.url);
  const out: (StatementStructures | string)[] = [];
  if (options.enumStyle === 'enum') {
    out.push({
      kind: StructureKind.Enum,
      name: spec.typeName,
      isExported: true,
      docs: [doc],
      members: members.map((m) => ({ name: m.key, value: m.value, docs: [docFrom(m.description, m.position)] })),
    });
    // A TypeScript enum is a plain object at run time: frozen as the `as const` object is.
    out.push(`Object.freeze(${spec.typeName});`);
  } else {
    out.push({
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [doc],
      declarations: [
        {
          name: spec.typeName,
          // Frozen like every other exported table (`JobTokenPermission.READ_RELEASES = 'ADMIN_RELEASES'` elsewhere
          // in a process would change what a grant built from it allows). The type is written out, with the
          // members' docs, because isolated declarations cannot infer it through `Object.freeze`.
          type: (w) => {
            w.write('{').newLine();
            w.indent(() => {
              for (const m of members) {
                w.writeLine(`/** ${safeComment(m.description.trim())} @see ${safeComment(`${m.position.file}:${m.position.line}:${m.position.column}`)} */`);
                w.writeLine(`readonly ${m.key}: ${stringLiteral(m.value)};`);
              }
            });
            w.write('}');
          },
          initializer: (w) => {
            w.write('Object.freeze({').newLine();
            w.indent(() => {
              for (const m of members) w.writeLine(`${m.key}: ${stringLiteral(m.value)},`);
            });
            w.write('})');
          },
        },
      ],
    });
    out.push({
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: spec.typeName,
      docs: [doc],
      type: `(typeof ${spec.typeName})[keyof typeof ${spec.typeName}]`,
    });
  }
  out.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [{ description: `Every \`${spec.typeName}\`, in the page's order.` }],
    declarations: [
      {
        name: spec.listName,
        type: `readonly ${spec.typeName}[]`,
        initializer: `Object.freeze([${members.map((m) => `${spec.typeName}.${m.key}`).join(', ')}])`,
      },
    ],
  });
  out.push({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: `${spec.listName}Set`, type: 'ReadonlySet<string>', initializer: `new Set<string>(${spec.listName})` }],
  });
  out.push({
    kind: StructureKind.Function,
    isExported: true,
    name: spec.guardName,
    docs: [{ description: `True when \`value\` is a documented \`${spec.typeName}\` (exact, case-sensitive).` }],
    parameters: [{ name: 'value', type: 'unknown' }],
    returnType: `value is ${spec.typeName}`,
    statements: [`return typeof value === 'string' && ${spec.listName}Set.has(value);`],
  });
  return out;
}
