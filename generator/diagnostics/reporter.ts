import type { SourcePosition } from '../model/position.ts';
import { createDiagnostic, type Diagnostic } from './diagnostic.ts';

/** Collects diagnostics for one run; passed to every stage instead of throwing. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];

  error(ruleId: string, message: string, at: SourcePosition, hint: string): void {
    this.diagnostics.push(createDiagnostic('error', ruleId, message, at, hint));
  }

  /** `subject`: what the warning is about, for `sources/reviewed-warnings.json` (see `Diagnostic.subject`). */
  warn(ruleId: string, message: string, at: SourcePosition, hint: string, subject?: readonly string[]): void {
    this.diagnostics.push(createDiagnostic('warning', ruleId, message, at, hint, subject));
  }

  get errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === 'error').length;
  }
}
