/** The shared row rule (generator/extract/row-cells.ts): which malformed rows are read, which are errors. */
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { readMarkdownText } from '../../generator/read/markdown.ts';
import { fitRowToHeader, pipeWithoutSpace } from '../../generator/extract/row-cells.ts';
import type { TableBlock } from '../../generator/read/document.ts';

function fit(markdown: string) {
  const report = new Reporter();
  const table = readMarkdownText(markdown, 'x.md', 'markdown', report).blocks.find((b): b is TableBlock => b.type === 'table')!;
  const header = table.header.map((c) => c.text);
  const rows = table.rows.map((row) => fitRowToHeader(row, header, { report, table: 'the test table' })?.map((c) => c.text));
  return { rows, diagnostics: report.diagnostics.map((d) => [d.severity, d.ruleId, d.line, d.column, d.message]) };
}

describe('fitRowToHeader', () => {
  it('reads well-formed rows, compact or padded, without a word', () => {
    expect(fit('|A|B|\n|-|-|\n|a|b|\n|`x\\|y`|c|\n')).toEqual({ rows: [['a', 'b'], ['x|y', 'c']], diagnostics: [] });
    expect(fit('| A   | B |\n| --- | - |\n| a   | b (c) |\n')).toEqual({ rows: [['a', 'b (c)']], diagnostics: [] });
  });

  it('reads a row with empty extra cells, a cell run into its pipe or an open parenthesis, and warns at the row', () => {
    expect(fit('| A | B |\n|---|---|\n| a | b |  |\n| `c`| d |\n| e | f (g |\n')).toEqual({
      rows: [['a', 'b'], ['c', 'd'], ['e', 'f (g']],
      diagnostics: [
        ['warning', 'table-row-malformed', 3, 1, 'Row of the test table read despite an extra empty cell after the last column.'],
        ['warning', 'table-row-malformed', 4, 1, 'Row of the test table read despite no space before the `|` at column 6.'],
        ['warning', 'table-row-malformed', 5, 1, 'Row of the test table read despite an unclosed `(` in the B cell.'],
      ],
    });
  });

  it('keeps rows whose cells cannot be assigned an error: too few cells, or an extra cell with text', () => {
    expect(fit('| A | B |\n|---|---|\n| a |\n| a | b | c |\n')).toEqual({
      rows: [undefined, undefined],
      diagnostics: [
        ['error', 'table-cell-count', 3, 1, 'Row has 1 cells; the test table has 2 (A | B).'],
        ['error', 'table-cell-count', 4, 1, 'Row has 3 cells; the test table has 2 (A | B).'],
      ],
    });
  });
});

describe('pipeWithoutSpace', () => {
  it('finds the separator a padded row runs into, not the style of a compact row', () => {
    expect(pipeWithoutSpace('| `read_service_ping`| Grant |')).toBe(21); // offset of the pipe: column 22 of the row
    expect(pipeWithoutSpace('|a|b|')).toBeUndefined();
    expect(pipeWithoutSpace('| a\\| b | c |')).toBeUndefined();
    expect(pipeWithoutSpace('| a || b |')).toBeUndefined();
  });
});
