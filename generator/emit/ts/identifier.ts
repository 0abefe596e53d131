/** Identifier and literal helpers: page text becomes data in generated code, never code. */
import { escapeInvisible } from '../../diagnostics/visible.ts';

const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await'.split(' '),
);

/** `read:issue` → `READ_ISSUE`; `2fa` → `_2FA`. Used for enum member and const-object keys. */
export function constantKey(value: string): string {
  let key = value
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  if (key === '') key = '_';
  if (/^[0-9]/.test(key)) key = `_${key}`;
  if (RESERVED.has(key.toLowerCase()) && key === key.toLowerCase()) key = `_${key}`;
  return key;
}

/** A string literal for TypeScript/JavaScript source: JSON escaping plus the line separators, bidirectional and C1 characters JSON leaves raw. */
export function stringLiteral(value: string): string {
  return escapeInvisible(JSON.stringify(value));
}

/**
 * Names a module of the package must not declare at its top level although they are identifiers:
 * TypeScript's predefined type names (a type alias cannot take them) and ECMAScript's global objects
 * and functions (a `const Object` or `const Set` would shadow the global the module's own code calls:
 * `Object.freeze` would throw on import). A fixed list, not the running Node's globals, so output
 * does not depend on the Node version.
 */
const UNDECLARABLE = new Set(
  ('any unknown never object string number boolean symbol bigint undefined void ' +
    'Object Function Array Number Boolean String Symbol BigInt Date Promise RegExp Error AggregateError EvalError RangeError ReferenceError SyntaxError TypeError URIError ' +
    'JSON Math Intl Reflect Proxy Atomics globalThis Map Set WeakMap WeakSet WeakRef FinalizationRegistry ArrayBuffer SharedArrayBuffer DataView ' +
    'Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array Int32Array Uint32Array Float32Array Float64Array BigInt64Array BigUint64Array ' +
    'Infinity NaN eval arguments isFinite isNaN parseFloat parseInt decodeURI decodeURIComponent encodeURI encodeURIComponent escape unescape').split(' '),
);

/** Whether a module may declare `name` at its top level: an identifier, not reserved, not a predefined type or a global it would shadow. */
export function isDeclarableName(name: string): boolean {
  return isIdentifier(name) && !UNDECLARABLE.has(name);
}

/** Whether `name` can be used as a bare identifier. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !RESERVED.has(name);
}
