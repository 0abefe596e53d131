/**
 * Records keyed by names from a page (`jobTokenPermissionInfo`, `tokenScopeAvailability`, …) are
 * emitted without a prototype: a lookup by an unchecked key (`constructor`, `toString`,
 * `__proto__`) is then `undefined`, never an inherited member, so a JavaScript caller that indexes a
 * record with a value from a request cannot take `Object.prototype`'s members for entries. The
 * package's own functions check names first; this protects callers that do not.
 */

/** The opening of a frozen record literal; `__proto__: null` in an object literal sets its prototype (it is not a property). */
export const RECORD_OPEN = 'Object.freeze({ __proto__: null,';

/** A frozen record without a prototype holding the members of `expression` (a record parsed from JSON: `JSON.parse` gives `Object.prototype`). */
export function withoutPrototype(expression: string): string {
  return `Object.freeze(Object.assign(Object.create(null), ${expression}))`;
}
