/**
 * Forgejo scopes as least-privilege verdicts (copied by `generator/emit/least-privilege.ts` into the
 * package as `forgejo/runtime/least-privilege-forgejo.ts`). The lookups are parameters: the route
 * rules (`requiredForgejoScope`) and the scope hierarchy (`forgejoScopeSatisfiedBy`).
 */
import type { LeastPrivilegeRequest, RequestVerdict } from './least-privilege.js';

/** The fields of `ForgejoRouteRequirement` the answer reads. */
export interface ForgejoRequirementLike {
  readonly scope: string;
  readonly source: string;
  readonly levelSource: string;
  readonly interpretation: string;
}

/** What a Forgejo access token needs for a request: the required scope or any scope that includes it (`write:issue` includes `read:issue`). */
export function forgejoVerdict(
  request: LeastPrivilegeRequest,
  required: (method: string, path: string) => ForgejoRequirementLike | undefined,
  satisfiedBy: Readonly<Record<string, readonly string[]>>,
): RequestVerdict {
  if (request.kind !== 'rest') return { status: 'unknown', why: 'The Forgejo scope page covers API requests only: denied.', source: [] };
  const r = required(request.method, request.path);
  if (r === undefined) return { status: 'unknown', why: 'No route rule of the Forgejo scope page covers this request (or its method): denied.', source: [] };
  const alternatives = (satisfiedBy[r.scope] ?? []).map((s) => [s]);
  return { status: 'needs', alternatives, why: `\`${r.scope}\` (route ${r.interpretation}).`, source: [r.source, r.levelSource] };
}

/** The weight of a scope: 1 plus the number of other scopes it includes, so `read:issue` is preferred to `write:issue`. */
export function forgejoScopeWeight(satisfiedBy: Readonly<Record<string, readonly string[]>>): (scope: string) => number {
  // Counted once here, not on every call: the exact search weighs candidate sets many times.
  const includes = new Map<string, number>();
  for (const [required, by] of Object.entries(satisfiedBy)) for (const s of new Set(by)) if (s !== required) includes.set(s, (includes.get(s) ?? 0) + 1);
  return (scope) => 1 + (includes.get(scope) ?? 0);
}
