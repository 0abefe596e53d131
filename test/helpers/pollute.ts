/**
 * Runs `body` with `key` set on a built-in prototype (as prototype pollution elsewhere in a process
 * would), and removes it afterwards, also when `body` throws. Non-enumerable, so the test runner's
 * own `for…in` loops are not disturbed.
 */
export function polluted<T>(target: object, key: PropertyKey, value: unknown, body: () => T): T {
  Object.defineProperty(target, key, { value, configurable: true, writable: true, enumerable: false });
  try {
    return body();
  } finally {
    delete (target as Record<PropertyKey, unknown>)[key];
  }
}
