/** How a page's tables are named in the `layout-unknown` diagnostic (build and `permgen read`). */
import type { Block } from '../read/document.ts';
import type { SourcePosition } from '../model/position.ts';

/**
 * The distinct header rows of a page's tables, each once with how many tables have it and where the
 * first is: `| Action | Access | Method | Path | ×158, first at 33:1; | Method | Path | at 2410:1`.
 * A page of 160 tables of two layouts reads as two entries, not 160.
 */
export function describeTables(blocks: readonly Block[]): string {
  const seen = new Map<string, { count: number; first: SourcePosition }>();
  for (const b of blocks) {
    if (b.type !== 'table') continue;
    const header = `| ${b.header.map((c) => c.text).join(' | ')} |`;
    const entry = seen.get(header);
    if (entry) entry.count++;
    else seen.set(header, { count: 1, first: b.position });
  }
  if (seen.size === 0) return 'none';
  const at = (p: SourcePosition) => `${p.line}:${p.column}`;
  return [...seen].map(([header, { count, first }]) => (count === 1 ? `${header} at ${at(first)}` : `${header} ×${count}, first at ${at(first)}`)).join('; ');
}
