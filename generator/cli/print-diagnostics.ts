import type { CommandIo } from './command.ts';
import { formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';

export interface DiagnosticCounts {
  errors: number;
  /** Every warning, reviewed ones included. */
  warnings: number;
  /** Warnings accepted in `sources/reviewed-warnings.json`. */
  reviewed: number;
}

/**
 * Writes a build's diagnostics to stderr, one by one, except the warnings accepted in
 * `sources/reviewed-warnings.json` (`Diagnostic.reviewed`), which are counted in one line instead:
 * the CLI's `generate` and `docs` print the same way.
 */
export function printDiagnostics(io: CommandIo, diagnostics: readonly Diagnostic[]): DiagnosticCounts {
  const counts: DiagnosticCounts = { errors: 0, warnings: 0, reviewed: 0 };
  for (const d of diagnostics) {
    if (d.severity === 'error') counts.errors++;
    else counts.warnings++;
    if (d.reviewed !== undefined) counts.reviewed++;
    else io.stderr.write(`${formatDiagnostic(d)}\n`);
  }
  if (counts.reviewed > 0) io.stderr.write(`permgen: ${counts.reviewed} reviewed warning(s) not shown (accepted in sources/reviewed-warnings.json; --json lists them).\n`);
  return counts;
}

/** `N warning(s)`, with how many of them are reviewed. */
export function warningCount(c: DiagnosticCounts): string {
  return `${c.warnings} warning(s)${c.reviewed > 0 ? ` (${c.reviewed} reviewed)` : ''}`;
}
