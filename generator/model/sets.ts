/** Whether two lists hold the same members, whatever their order and repetitions (the route tables' `sameAccess`, `permgen diff`). */
export function sameSet<T>(a: Iterable<T>, b: Iterable<T>): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
}
