import type { Impact } from './change.ts';

/**
 * One rule for every comparison: a change is `widened` when some token can do something after that
 * it could not before, `narrowed` when some token can no longer do something it could. A change that
 * does both is widened (CI must stop for review) and its note says what narrowed; `neutral` only when
 * it does neither. Each argument lists the reasons found, in words a reviewer reads.
 */
export function judge(wider: readonly string[], narrower: readonly string[]): { impact: Impact; note?: string } {
  if (wider.length > 0) return narrower.length > 0 ? { impact: 'widened', note: `${wider.join('; ')}; also narrows: ${narrower.join('; ')}` } : { impact: 'widened', note: wider.join('; ') };
  if (narrower.length > 0) return { impact: 'narrowed', note: narrower.join('; ') };
  return { impact: 'neutral' };
}

/** Members of `a` that are not in `b`, in `a`'s order, each once. */
export function missing<T>(a: Iterable<T>, b: Iterable<T>): T[] {
  const other = new Set(b);
  return [...new Set(a)].filter((x) => !other.has(x));
}
