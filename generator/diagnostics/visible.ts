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
/** `UNSAFE` beyond C0: DEL, C1, the bidirectional and line-separator characters (one list, in three patterns). */
const BEYOND_C0 = '\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069';
const UNSAFE = new RegExp(`[\\u0000-\\u001f${BEYOND_C0}]`, 'g');
const SHORT: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** `text` with every character of `UNSAFE` written as an escape: `\t`, `\n`, `\r`, `\x1b` (below U+0100), `\u202e`. */
export function visible(text: string): string {
  return text.replace(UNSAFE, (c) => SHORT[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}


/**
 * The characters of `UNSAFE` that JSON.stringify leaves raw (it escapes C0 itself): DEL, C1, the
 * bidirectional and line-separator characters. In generated source and JSON they are written as
 * `\uXXXX` escapes (`escapeInvisible`): the same value, but an editor, a diff or a terminal shows
 * the escape instead of reordering or breaking the line around it ("Trojan Source").
 */
const INVISIBLE_IN_JSON = new RegExp(`[${BEYOND_C0}]`, 'g');

/** JSON or JavaScript string-literal text with `INVISIBLE_IN_JSON`'s characters as `\uXXXX` escapes (valid only inside string literals, where they can only be). */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text for a Markdown or HTML text node: `UNSAFE`'s characters as numeric character references, which both decode to the same text. */
export function referenceInvisible(text: string): string {
  return text.replace(UNSAFE, (c) => `&#x${c.charCodeAt(0).toString(16)};`);
}

/** Whether `text` holds a character of `UNSAFE` (no string is built). */
export function hasUnsafe(text: string): boolean {
  return ANY_UNSAFE.test(text);
}

/** `UNSAFE` without the global flag: `test` keeps no position between calls. */
const ANY_UNSAFE = new RegExp(UNSAFE.source);

/** `text` with every character of `UNSAFE_IN_OUTPUT` (control, bidirectional and line-separator characters but line feed and tab) as a space: for comments. */
export function blankUnsafe(text: string): string {
  return text.replace(UNSAFE_IN_OUTPUT, ' ');
}

/** `UNSAFE` but line feed and tab, which a terminal shows as layout and which cannot rewrite what was written. */
const UNSAFE_IN_OUTPUT = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f${BEYOND_C0}]`, 'g');

/**
 * Everything the CLI writes (`generator/cli/main.ts` wraps stdout and stderr): each control
 * character left in it (a page's or a log's text in a `match`, `read` or `--json` answer) as a
 * `\uXXXX` escape, which is read as text on a terminal and is the same escape in a JSON string, so
 * `--json` output stays JSON that parses back to the same values. Text that went through `visible`
 * has none left.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_IN_OUTPUT, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
