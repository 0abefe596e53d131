/**
 * Words a page may write in an Action or Permission cell that name no permission: `None`, `Any`,
 * `All`, `Public`, `Not Applicable` (a list: the readers' word patterns already refuse `N/A`). Each passes the extractors' "capitalised word" shape, and the permission id derived
 * from it (`none_code`, `any_attestation`) is one no token holds: matchers would deny, but least
 * privilege would tell a token-minting service to grant it. The GitLab extractors refuse such a row
 * instead (the job-token page's `None` rows have their own reading). Compared case-insensitively.
 */
import type { Reporter } from '../diagnostics/reporter.ts';
import type { SourcePosition } from '../model/position.ts';

const NO_PERMISSION_WORDS: ReadonlySet<string> = new Set([
  'none', 'any', 'all', 'na', 'nothing', 'every', 'everything', 'null', 'nobody', 'anyone', 'everyone', 'public', 'unavailable',
  'not applicable', 'not required', 'no permission', 'no permissions', 'none required',
]);

/**
 * Reports `permission-action-none` when the Action (or Permission) cell names no permission; true
 * when it did (the row is not read).
 */
export function refusesNoPermission(report: Reporter, label: 'Action' | 'Permission', action: { readonly value: string; readonly at: SourcePosition }): boolean {
  if (!NO_PERMISSION_WORDS.has(action.value.trim().toLowerCase())) return false;
  report.error('permission-action-none', `${label} \`${action.value}\` names no permission; the row is not read.`, action.at, NO_PERMISSION_HINT);
  return true;
}

const NO_PERMISSION_HINT =
  'Such a word names no permission, and the id derived from it would be one no token has. Check the upstream page: an endpoint fine-grained tokens cannot use belongs in its unavailable section.';
