/** An endless grant: `'nope'` forever, except `granted` at item `at` (0-based; -1: never). For the checks that must stop reading (`MAX_GRANTED_ITEMS`). */
export function* endlessGrant(granted: string, at: number): Generator<string> {
  for (let i = 0; ; i++) yield i === at ? granted : 'nope';
}
