/**
 * A workload read from a file: the requests and operations it holds, each with the line it came
 * from, and a diagnostic (file, line, column, rule id) for every line that could not be read. A
 * line is either an item or a diagnostic, or blank / a comment: nothing is dropped silently.
 */
import { createDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import { position } from '../../model/position.ts';

export type WorkloadItem =
  | { readonly kind: 'rest'; readonly method: string; readonly path: string; readonly line: number; readonly text: string }
  | { readonly kind: 'operation'; readonly operation: string; readonly target: string; readonly line: number; readonly text: string };

/**
 * One requirement of a GraphQL operation (`generator/least-privilege/input/graphql.ts`), as the
 * package's `graphqlLeastPrivilegeRequests` builds it: the runtime's own type, not a copy of it.
 */
export type { GraphqlInput as GraphqlWorkloadItem } from '../../emit/runtime/least-privilege-graphql.ts';

export interface Workload {
  format: WorkloadFormat;
  items: WorkloadItem[];
  diagnostics: Diagnostic[];
}

export type WorkloadFormat = 'list' | 'clf' | 'gitlab-json';

/** The result of reading one line: an item, nothing (blank, comment), or why it cannot be read. */
export type LineResult = WorkloadItem | { readonly skip: true } | { readonly error: string; readonly column?: number; readonly ruleId: string; readonly hint: string; readonly severity?: 'error' | 'warning' };

/** Reads every line of `text` with `readLine`; line numbers are 1-based. */
export function readLines(text: string, file: string, format: WorkloadFormat, readLine: (line: string, lineNumber: number) => LineResult): Workload {
  const items: WorkloadItem[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    const r = readLine(raw, i + 1);
    if ('skip' in r) return;
    if ('error' in r) diagnostics.push(createDiagnostic(r.severity ?? 'error', r.ruleId, r.error, position(file, i + 1, r.column ?? 1), r.hint));
    else items.push(r);
  });
  return { format, items, diagnostics };
}

/** The path part of a request target: an absolute-form target (`http://host/p`) loses its origin, the query and fragment are dropped. `%2F` stays encoded. */
export function targetPath(target: string): string | undefined {
  let t = target;
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(t);
  if (origin) t = t.slice(origin[0].length) || '/';
  if (!t.startsWith('/')) return undefined;
  const cut = t.search(/[?#]/);
  return cut < 0 ? t : t.slice(0, cut);
}

/** The query of a request target (without `?`), or ''. */
export function targetQuery(target: string): string {
  const q = target.indexOf('?');
  if (q < 0) return '';
  const h = target.indexOf('#', q);
  return target.slice(q + 1, h < 0 ? undefined : h);
}
