/**
 * HTTP access logs in the common or combined log format (nginx's and Apache's default):
 * `host ident user [time] "METHOD target PROTOCOL" status bytes` and, combined, `"referer" "agent"`.
 * The method and target come from the quoted request line; the rest is ignored.
 */
import { readLines, type LineResult, type Workload } from './workload.ts';
import { webRequestItem } from './web-request.ts';

/**
 * Common format, optionally followed by the combined format's two quoted fields (and anything after them, as nginx variants add).
 * Group 1 is everything up to the request line's opening quote (its length is where the request starts, so a diagnostic points
 * into it even when an earlier field is quoted: cheaper than the `d` flag's indices), group 2 the request line.
 */
export const CLF_LINE = /^(\S+ \S+ (?:\S+|"[^"]*") \[[^\]]+\] ")((?:[^"\\]|\\.)*)" (?:\d{3}|-) (?:\d+|-)(?: "(?:[^"\\]|\\.)*" "(?:[^"\\]|\\.)*"(?: .*)?)?$/;

function readClfLine(raw: string, line: number, apiBase: string): LineResult {
  if (raw.trim() === '') return { skip: true };
  const m = CLF_LINE.exec(raw.trimEnd());
  if (!m) return { error: 'Not a common or combined log format line.', ruleId: 'workload-clf-syntax', hint: 'Expected `host ident user [time] "METHOD /path HTTP/1.1" status bytes` (and `"referer" "agent"`).' };
  const request = m[2]!;
  const parts = request.split(' ');
  // 1-based column of the request line's first character (after its opening quote), from what matched before it:
  // the user field may be quoted (`"us er"`), so the first quote of the line is not the request's.
  const column = m[1]!.length + 1;
  if (parts.length !== 3 || !/^HTTP\/\d(\.\d)?$/.test(parts[2]!))
    return { error: `Cannot read the request line \`${request}\`.`, column, ruleId: 'workload-clf-request', hint: 'The request line must be `METHOD target HTTP/x.y` (a `-` or a garbled request has none).' };
  const result = webRequestItem(parts[0]!, parts[1]!, line, raw, apiBase);
  return 'error' in result ? { ...result, column: result.column ?? column } : result;
}

export function readClf(text: string, file: string, apiBase: string): Workload {
  return readLines(text, file, 'clf', (raw, line) => readClfLine(raw, line, apiBase));
}
