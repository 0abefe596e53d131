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
}

export function createDiagnostic(
  severity: Severity,
  ruleId: string,
  message: string,
  at: SourcePosition,
  hint: string,
): Diagnostic {
  return { file: at.file, line: at.line, column: at.column, severity, ruleId, message, hint };
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
