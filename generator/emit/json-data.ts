/**
 * Large, frozen data tables emitted as JSON that the module parses at load, instead of as object
 * literals. V8 turns an object literal of thousands of properties (with an `Object.freeze` call per
 * object) into an AST and bytecode before the module can run; a string literal is only scanned, and
 * `JSON.parse` builds the same objects several times faster. Measured on
 * `gitlab/fine-grained-permissions.js` (`npm run bench:import`): see README "Performance", "Import
 * time".
 *
 * The table stays readable in the generated `.ts`: one JSON row per line, in a template literal,
 * each row carrying its `file:line:column`. Page text stays data: every row is `JSON.stringify`'d,
 * then escaped for the template literal (`\`, `` ` `` and `${`), so no page text can end the literal or
 * interpolate code; bidirectional and C1 characters are written as JSON `\uXXXX` escapes (`escapeInvisible`).
 */

import { StructureKind, type FunctionDeclarationStructure } from 'ts-morph';
import { escapeInvisible } from '../diagnostics/visible.ts';

/**
 * `JSON.parse(`…`)` of rows already serialised with `JSON.stringify`: an array of them
 * (`[row, row]`), or an object whose members they are (`{"key": row}`; pass `"key":row` strings).
 */
export function jsonParseExpression(rows: readonly string[], shape: 'array' | 'object'): string {
  const [open, close] = shape === 'array' ? ['[', ']'] : ['{', '}'];
  if (rows.length === 0) return `JSON.parse(${JSON.stringify(open + close)})`;
  return `JSON.parse(\`${open}\n${rows.map((row) => templateText(escapeInvisible(row))).join(',\n')}\n${close}\`)`;
}

/**
 * `JSON.parse(`…`)` of JSON text given line by line, for tables whose readable layout is not one row
 * per member (groups of rows under a header line). Every line must be built from `JSON.stringify`'d
 * pieces; the text is checked to be JSON here, so a layout mistake fails the generator, not the
 * module's load.
 */
export function jsonParseLines(lines: readonly string[]): string {
  const text = lines.join('\n');
  JSON.parse(text);
  return `JSON.parse(\`${templateText(escapeInvisible(text))}\`)`;
}

/** One object member for `jsonParseExpression(…, 'object')`: `"key":value`. */
export function jsonMember(key: string, value: unknown): string {
  return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
}

/**
 * Text as the body of a template literal whose cooked value is `text` again: every backslash doubled
 * first, then backticks and `${` escaped. Carriage returns are escaped too, since a template literal
 * normalises a raw CR or CRLF to LF (JSON.stringify already escapes them; this keeps the function
 * correct on its own).
 */
export function templateText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${').replace(/\r/g, '\\r');
}

/**
 * The emitted helper that freezes a parsed JSON value and everything in it, so no caller can widen
 * a permission by mutating a shared table. The tables are acyclic plain JSON, so plain recursion is
 * enough. Emitted into each module that needs it (a few lines; a shared runtime file would cost a
 * module load of its own).
 */
export function deepFreezeFunction(): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: 'deepFreeze',
    docs: [{ description: 'Freezes a value parsed from JSON and every object and array in it; returns it.' }],
    typeParameters: [{ name: 'T', constraint: 'object' }],
    parameters: [{ name: 'value', type: 'T' }],
    returnType: 'T',
    statements: [
      // Measured (bench:import): an index loop and for-in that skip strings cost about nothing next to
      // JSON.parse; a generic `Object.values` recursion costs several milliseconds on the largest table.
      'if (Array.isArray(value)) {',
      "  for (let i = 0; i < value.length; i++) { const item: unknown = value[i]; if (typeof item === 'object' && item !== null) deepFreeze(item); }",
      '} else {',
      // Own keys only: a key someone added to `Object.prototype` (for-in lists it) once sent this into endless recursion at import.
      "  for (const key in value) { if (!Object.hasOwn(value, key)) continue; const item: unknown = value[key]; if (typeof item === 'object' && item !== null) deepFreeze(item); }",
      '}',
      'Object.freeze(value);',
      'return value;',
    ],
  };
}
