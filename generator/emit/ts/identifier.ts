/** Identifier and literal helpers: page text becomes data in generated code, never code. */

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

/** A string literal for TypeScript/JavaScript source: JSON escaping plus the line separators JSON leaves raw. */
export function stringLiteral(value: string): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Whether `name` can be used as a bare identifier. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !RESERVED.has(name);
}
