/**
 * The emphasis cap (generator/read/emphasis-runs.ts): a block over 1,000 runs of `*` or `_` is
 * reported and not read, before micromark (quadratic in them) sees it. An escaping hunt measured
 * 60,000 runs of `*\/ x ` in one paragraph at 22 s, a 2 MiB page of them at minutes.
 */
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { blankHeavyEmphasis, MAX_EMPHASIS_RUNS } from '../../generator/read/emphasis-runs.ts';
import { readMarkdownText } from '../../generator/read/markdown.ts';

const blank = (lines: string[]) => {
  const report = new Reporter();
  return { out: blankHeavyEmphasis(lines, 'p.md', report, (l) => l), errors: report.diagnostics.map((d) => `${d.line} ${d.ruleId}`) };
};

describe('blankHeavyEmphasis', () => {
  it('leaves a page at the cap alone (no copy), and blanks what is over it, keeping the line count', () => {
    expect(MAX_EMPHASIS_RUNS).toBe(1000);
    expect(blank(['a', '*x '.repeat(1000), '', 'b'])).toEqual({ out: undefined, errors: [] });
    expect(blank(['a', '*x '.repeat(600), '_y '.repeat(401), '', 'b'])).toEqual({ out: ['', '', '', '', 'b'], errors: ['1 limit-emphasis-runs'] });
  });

  it('counts each table line alone: 2,000 lines of one run each are fine, one line of 1,001 is not', () => {
    const table = ['| A | B |', '| - | - |', ...Array.from({ length: 2000 }, () => '| `READ_X` | b |')];
    expect(blank(table)).toEqual({ out: undefined, errors: [] });
    expect(blank([...table, `| a | ${'* '.repeat(1001)}|`, '| c | d |']).out?.slice(-3)).toEqual(['| `READ_X` | b |', '', '| c | d |']);
  });
});

describe('a page of 60,000 runs in one paragraph', () => {
  it('is refused with one error instead of being parsed, and the rest of the page is read', () => {
    const report = new Reporter();
    const doc = readMarkdownText(`# T\n\nText ${'*/ x '.repeat(60_000)} end\n\n| A | B |\n| - | - |\n| a | b |\n`, 'p.md', 'markdown', report);
    expect(report.diagnostics.map((d) => `${d.line} ${d.ruleId}`)).toEqual(['3 limit-emphasis-runs']);
    expect(doc.blocks.filter((b) => b.type === 'table').map((b) => (b.type === 'table' ? b.rows.map((r) => r.cells.map((c) => c.text)) : []))).toEqual([[['a', 'b']]]);
  });
});
