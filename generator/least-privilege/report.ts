/**
 * The readable least-privilege report (`permgen least-privilege` without `--json`), shared by the CLI
 * and the docs site's explorer so both show the same answer: per token kind the grant, then per id
 * the first few inputs that need it with their line numbers and page lines, then what the kind
 * cannot do, grouped by reason. Pure: no I/O.
 *
 * The inputs are text from a log anyone can write to: every line of the report goes through
 * `visible`, so a control character in a logged path cannot move the cursor, erase or overwrite what
 * the reviewer reads. `--json` output is escaped where the CLI writes it (`terminalSafe` in
 * `generator/cli/main.ts`: JSON itself escapes C0 only, not DEL, C1 or bidi controls).
 */
import type { RequestAnswer, TokenKindAnswer } from '../emit/runtime/least-privilege.ts';
import type { GraphqlWorkloadItem, WorkloadItem } from './input/workload.ts';
import { visible } from '../diagnostics/visible.ts';

/** An input as read: a line of a log or list, or a requirement of a GraphQL operation. */
export type Item = WorkloadItem | GraphqlWorkloadItem;

/** The answers to report, in order; `tokenType` is the classic token's type (GitLab). */
export interface Answers {
  kinds: TokenKindAnswer[];
  tokenType?: string;
}

/** The package's `leastPrivilegeForRequests` (gitlab), as the CLI and the explorer load it. */
export type GitlabLeastPrivilegeFn = (requests: readonly unknown[], options: { classicTokenType: string }) => { fineGrained: TokenKindAnswer; jobToken: TokenKindAnswer; classic: TokenKindAnswer };

/** The GitLab answers in report order: fine-grained, job token, classic scopes of `tokenType`. */
export function gitlabAnswers(least: GitlabLeastPrivilegeFn, items: readonly unknown[], tokenType: string): Answers {
  const a = least(items, { classicTokenType: tokenType });
  return { kinds: [a.fineGrained, a.jobToken, a.classic], tokenType };
}

/** Requests shown under each granted id in the readable report. */
const SHOWN = 3;

export const KIND_TITLES: Readonly<Record<string, string>> = {
  'fine-grained': 'Fine-grained personal access token',
  'job-token': 'CI/CD job token',
  classic: 'Classic access token scopes',
  forgejo: 'Forgejo access token scopes',
};

/** The input as read (raw: `--json` and callers escape it their own way; the text report shows it through `visible`). */
export function itemText(r: RequestAnswer): string {
  const item = r.request as Item;
  if (item.kind === 'graphql') return item.text;
  return item.kind === 'rest' ? `${item.method} ${item.path}` : `${item.operation} ${item.target}`;
}

function lineOf(r: RequestAnswer): string {
  const line = (r.request as Item).line;
  return line === undefined ? `#${r.index + 1}` : `line ${line}`;
}

/** `at project`, `at group or project` (either is enough), `at project, and at group` (both are needed). */
function boundaryText(sets: readonly (readonly string[])[]): string {
  return sets.map((set) => `at ${set.join(' or ')}`).join(', and ');
}

export function report(file: string, format: string, count: number, diagnostics: number, answers: Answers): string {
  const out: string[] = [`${file}: ${count} input(s) read as ${format}${diagnostics > 0 ? `, ${diagnostics} line(s) not answered (see stderr)` : ''}.`, ''];
  for (const k of answers.kinds) {
    const title = k.kind === 'classic' && answers.tokenType ? `${KIND_TITLES[k.kind]} (${answers.tokenType} access token)` : KIND_TITLES[k.kind] ?? k.kind;
    const status = k.complete ? 'grants every input' : `cannot grant ${k.notGranted.length} of ${k.requests.length} input(s)`;
    out.push(`${title}: ${status}`);
    out.push(`  grant: ${k.grant.length > 0 ? k.grant.join(', ') : '(nothing)'}`);
    for (const id of k.ids) {
      out.push(`  ${id.id}${id.boundarySets.length > 0 ? ` (${boundaryText(id.boundarySets)})` : ''}: ${id.neededBy.length} input(s)`);
      for (const r of id.neededBy.slice(0, SHOWN)) out.push(`    ${lineOf(r).padEnd(9)} ${itemText(r)}  ${(r.grantedWith?.source ?? r.verdict.source).join(', ')}`);
      if (id.neededBy.length > SHOWN) out.push(`    … and ${id.neededBy.length - SHOWN} more`);
    }
    if (k.free.length > 0) out.push(`  needs nothing: ${k.free.map((r) => `${lineOf(r)} ${itemText(r)}`).join('; ')}`);
    if (k.notGranted.length > 0) {
      // Grouped by reason: a log repeats the same denial thousands of times.
      const groups = new Map<string, RequestAnswer[]>();
      for (const r of k.notGranted) {
        const key = `${r.verdict.status}: ${r.verdict.why}${r.verdict.source.length > 0 ? ` (${r.verdict.source.join(', ')})` : ''}`;
        const group = groups.get(key);
        if (group) group.push(r);
        else groups.set(key, [r]);
      }
      out.push(`  not granted: ${k.notGranted.length} input(s)`);
      for (const [reason, rs] of groups) {
        out.push(`    ${reason}`);
        for (const r of rs.slice(0, SHOWN)) out.push(`      ${lineOf(r).padEnd(9)} ${itemText(r)}`);
        if (rs.length > SHOWN) out.push(`      … and ${rs.length - SHOWN} more`);
      }
    }
    out.push('');
  }
  // Per line, so the report's own line breaks stay and nothing taken from the input (a path, a file name, a reason quoting it) reaches the terminal raw.
  return out.map(visible).join('\n');
}

