/**
 * explorer.html, "Least privilege for a workload": a pasted plain list (one request or operation per
 * line, the `list` format of `permgen least-privilege`) read by the CLI's own list reader and answered
 * by the bundled package's `leastPrivilegeForRequests`; the answer is the CLI's readable report,
 * printed by the same code (`generator/least-privilege/report.ts`), so the page and the CLI say the
 * same thing. Lines that cannot be read are listed first, with their line number. Text only.
 */
import { formatDiagnostic } from '../../diagnostics/diagnostic.ts';
import { readList } from '../../least-privilege/input/list.ts';
import { gitlabAnswers, report, type GitlabLeastPrivilegeFn } from '../../least-privilege/report.ts';
import { fn, type PackageModules } from './answers.ts';

/** Unreadable lines listed before the answer; the rest are counted. */
const MAX_UNREAD_SHOWN = 50;

/** What the answer calls the pasted text (the CLI names the file). */
const PASTED = 'pasted list';

/** The answer for a pasted list, as the CLI prints it for a file (`permgen least-privilege <file> --format list`). */
function workloadAnswer(pkg: PackageModules, text: string, tokenType = 'personal'): string {
  const least = fn(pkg.gitlab, 'leastPrivilegeForRequests') as GitlabLeastPrivilegeFn | undefined;
  if (!least) return 'This build of token-permissions has no leastPrivilegeForRequests: nothing can be answered (denied).';
  const workload = readList(text, PASTED);
  const answers = gitlabAnswers(least, workload.items, tokenType);
  // The first lines it cannot read, then how many more (a large paste of another format made one diagnostic a line: seconds of text).
  const shown = workload.diagnostics.slice(0, MAX_UNREAD_SHOWN);
  const more = workload.diagnostics.length - shown.length;
  const unread = `${shown.map((d) => `${formatDiagnostic(d)}\n`).join('')}${more > 0 ? `… and ${more} more line(s) not read.\n` : ''}`;
  return `${unread}${unread === '' ? '' : '\n'}${report(PASTED, workload.format, workload.items.length, workload.diagnostics.length, answers)}`;
}

export function startWorkload(pkg: PackageModules): void {
  const input = document.getElementById('workload');
  const output = document.getElementById('workload-answer');
  const type = document.getElementById('workload-token-type');
  if (!(input instanceof HTMLTextAreaElement) || !output) return;
  const show = () => {
    const tokenType = type instanceof HTMLSelectElement ? type.value : 'personal';
    // textContent: page text and pasted text stay text.
    output.textContent = input.value.trim() === '' ? '' : workloadAnswer(pkg, input.value, tokenType);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(show, 120);
  });
  type?.addEventListener('change', show);
  input.disabled = false;
  show();
}
