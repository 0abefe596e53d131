/**
 * Text from a page or a log as a terminal shows it: control characters written as escapes, so they
 * are read, not obeyed. Used by every text that permgen prints from its inputs: diagnostics
 * (`formatDiagnostic`) and the least-privilege report.
 */

/**
 * Control characters that would act on a terminal instead of being shown: C0 (U+0000–U+001F), DEL
 * and C1 (U+007F–U+009F; U+009B is a one-character CSI), and the characters that reorder or break
 * the line a reviewer reads: bidirectional embeddings, overrides, isolates and marks (U+061C,
 * U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the line / paragraph separators U+2028, U+2029.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
const SHORT: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** `text` with every character of `UNSAFE` written as an escape: `\t`, `\n`, `\r`, `\x1b` (below U+0100), `\u202e`. */
export function visible(text: string): string {
  return text.replace(UNSAFE, (c) => SHORT[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

