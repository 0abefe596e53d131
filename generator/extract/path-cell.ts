/**
 * A documented path read into its pattern, shared by the extractors whose rows name REST paths
 * (job-token and REST pages): the path length limit, then `parsePathPattern`, each failure an error
 * at the path's column (a pattern error at its own column inside the path).
 */
import type { ExtractContext } from './extractor.ts';
import type { PathPattern } from '../model/path-pattern.ts';
import type { SourcePosition } from '../model/position.ts';
import { parsePathPattern } from '../model/parse-path-pattern.ts';
import { limits } from '../config/limits.ts';

/** `path`'s pattern, or undefined after reporting why it has none; `at` is where the path starts, `hint` the page's path syntax. */
export function readPathPattern(path: string, at: SourcePosition, ctx: ExtractContext, hint: string): PathPattern | undefined {
  const maxPath = (ctx.limits ?? limits).pathLength;
  if (path.length > maxPath) {
    ctx.report.error('limit-path-length', `Path is ${path.length} characters; the limit is ${maxPath}.`, at, 'Documented paths are short; a path this long is a broken row.');
    return undefined;
  }
  const parsed = parsePathPattern(path);
  if ('error' in parsed) {
    ctx.report.error('path-pattern', parsed.error.message, { ...at, column: at.column + parsed.error.column - 1 }, hint);
    return undefined;
  }
  return parsed.pattern;
}
