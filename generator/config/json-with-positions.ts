/**
 * Reads a JSON config file keeping the line/column of every value, so that a bad manifest or
 * override entry is reported where it is. `yaml` parses JSON (a YAML subset) with source ranges;
 * no JSON parser in the standard library keeps positions.
 */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import type { Reporter } from '../diagnostics/reporter.ts';
import type { SourcePosition } from '../model/position.ts';

export interface PositionedJson {
  value: unknown;
  /** Position of the node at a path like `sources.2.file` (falls back to the nearest parent). */
  at(path: (string | number)[]): SourcePosition;
}

export function parseJsonWithPositions(text: string, file: string, report: Reporter): PositionedJson | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const start: SourcePosition = { file, line: 1, column: 1 };
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const p = lineCounter.linePos(e.pos[0]);
    report.error('config-json', `${file} is not valid JSON: ${e.message.split('\n')[0]}`, { file, line: p.line, column: p.col }, 'Fix the syntax; nothing was generated.');
    return null;
  }
  const at = (path: (string | number)[]): SourcePosition => {
    let node: unknown = doc.contents;
    let best = start;
    const posOf = (n: unknown): SourcePosition | null => {
      const range = (n as Node | null)?.range;
      if (!range) return null;
      const p = lineCounter.linePos(range[0]);
      return { file, line: p.line, column: p.col };
    };
    best = posOf(node) ?? best;
    for (const key of path) {
      if (isMap(node)) node = node.get(key, true);
      else if (isSeq(node)) node = node.get(Number(key), true);
      else break;
      if (isScalar(node) || isMap(node) || isSeq(node)) best = posOf(node) ?? best;
      else break;
    }
    return best;
  };
  return { value: doc.toJS(), at };
}
