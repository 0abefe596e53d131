/**
 * Workload input formats, by name; `detectFormat` picks one from the first line that is not blank or
 * a comment: `{` → gitlab-json, a common-log-format line → clf, anything else → list.
 */
import { readClf, CLF_LINE } from './clf.ts';
import { readGitlabJson } from './gitlab-json.ts';
import { readList } from './list.ts';
import type { Workload, WorkloadFormat } from './workload.ts';

export type { Workload, WorkloadFormat, WorkloadItem } from './workload.ts';

export const WORKLOAD_FORMATS: Readonly<Record<WorkloadFormat, { description: string; read(text: string, file: string, apiBase: string): Workload }>> = Object.freeze({
  list: { description: 'one request (`GET /projects/1/releases`) or operation (`git push group/project`) per line, `#` comments', read: readList },
  clf: { description: 'an HTTP access log in the common or combined log format (nginx, Apache)', read: readClf },
  'gitlab-json': { description: 'GitLab JSON log lines (api_json.log): `method` and `path` or `route`', read: readGitlabJson },
});

export function detectFormat(text: string): WorkloadFormat {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (first === undefined) return 'list';
  if (first.trimStart().startsWith('{')) return 'gitlab-json';
  if (CLF_LINE.test(first.trimEnd())) return 'clf';
  return 'list';
}

/** `apiBase` (`/api/v4` for GitLab, `/api/v1` for Forgejo) tells a log's API requests from the rest; their paths are kept as sent. */
export function readWorkload(text: string, file: string, apiBase: string, format: WorkloadFormat = detectFormat(text)): Workload {
  // An own key only: `constructor` or `__proto__` as a format is no format.
  if (!Object.hasOwn(WORKLOAD_FORMATS, format)) throw new TypeError(`Unknown workload format \`${String(format)}\`.`);
  return WORKLOAD_FORMATS[format].read(text, file, apiBase);
}
