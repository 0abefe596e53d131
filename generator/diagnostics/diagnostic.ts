/**
 * Diagnostics are values (vfile-message, as remark-lint uses it): the library reports, only the CLI
 * decides what an error means for the process. `fatal: true` is an error, `false` a warning.
 */
import { VFileMessage } from 'vfile-message';
import type { SourcePosition } from '../model/position.ts';
import { visible } from './visible.ts';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  /** Stable rule id, e.g. `table-cell-count`. */
  ruleId: string;
  message: string;
  /** What to do about it. */
  hint: string;
  /**
   * What the warning is about, stable when lines move (for `route-overlap`: the losing and the
   * winning route as the page writes them): what `sources/reviewed-warnings.json` names.
   */
  subject?: readonly string[];
  /** Set when `sources/reviewed-warnings.json` accepts this warning: where, and why. */
  reviewed?: { file: string; line: number; column: number; reason: string };
}

/** Whether `d` stops a run: an error, or under `strict` a warning not accepted in `sources/reviewed-warnings.json`. */
export function isBlocking(d: Diagnostic, strict: boolean): boolean {
  return d.severity === 'error' || (strict && d.reviewed === undefined);
}

export function createDiagnostic(
  severity: Severity,
  ruleId: string,
  message: string,
  at: SourcePosition,
  hint: string,
  subject?: readonly string[],
): Diagnostic {
  const d: Diagnostic = { file: at.file, line: at.line, column: at.column, severity, ruleId, message, hint };
  if (subject !== undefined) d.subject = subject;
  return d;
}

/** The same diagnostic as a vfile message, for tools of the unified ecosystem (reporters, editors). */
export function toVFileMessage(d: Diagnostic): VFileMessage {
  const message = new VFileMessage(d.message, {
    place: { line: d.line, column: d.column },
    ruleId: d.ruleId,
    source: 'permgen',
  });
  message.file = d.file;
  message.fatal = d.severity === 'error';
  message.note = d.hint;
  return message;
}

/** `file:line:col severity message [rule]`, then the hint indented on its own line. */
export function formatDiagnostic(d: Diagnostic): string {
  // Messages quote pages and logs: their control characters are shown as escapes, never sent to the terminal.
  return `${visible(d.file)}:${d.line}:${d.column} ${d.severity} ${visible(d.message)} [${d.ruleId}]\n  hint: ${visible(d.hint)}`;
}

/** Order used everywhere diagnostics are listed: file, line, column, rule id, message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.ruleId, b.ruleId) || cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
