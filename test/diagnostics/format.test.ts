/**
 * A diagnostic quotes its page or log (a cell, a request line): printed, that text must not act on
 * the terminal. ESC [2K (erase line) and CR in a message would let a hostile page or log rewrite the
 * line a reviewer reads; they are shown as escapes. Expectations written by hand.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../../generator/diagnostics/diagnostic.ts';

const base: Diagnostic = { file: 'sources/page.md', line: 3, column: 7, severity: 'warning', ruleId: 'some-rule', message: 'plain', hint: 'fix it' };

describe('formatDiagnostic', () => {
  it('prints plain text as it is', () => {
    expect(formatDiagnostic(base)).toBe('sources/page.md:3:7 warning plain [some-rule]\n  hint: fix it');
  });

  it('shows control characters of the message, hint and file as escapes', () => {
    const d = { ...base, file: 'logs/a\u001b[2K.log', message: 'Cannot read `GET /a\u001b[2K\r b`', hint: 'see \u202eevil' };
    expect(formatDiagnostic(d)).toBe('logs/a\\x1b[2K.log:3:7 warning Cannot read `GET /a\\x1b[2K\\r b` [some-rule]\n  hint: see \\u202eevil');
  });
});
