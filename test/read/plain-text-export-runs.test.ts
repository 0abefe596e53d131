/**
 * The plain-text export reader parses all its runs of `|` lines in one remark call
 * (generator/read/plain-text-export.ts, readRuns). This differential test holds it to the reader as
 * it was, one remark parse per run (copied below as `reference`, with remark's own Markdown path):
 * same blocks, same positions, same diagnostics, on generated exports mixing tables, malformed runs,
 * indented `|` lines, lists, bare lines, blank lines and CRLF, and on the real export.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import type { Block, ParagraphBlock } from '../../generator/read/document.ts';
import { parseMarkdown } from '../../generator/read/markdown.ts';
import { clean, mdastToBlocks, type StrayRows } from '../../generator/read/mdast-blocks.ts';
import { reportStrayRows } from '../../generator/read/stray-table-rows.ts';
import { plainTextExportReader } from '../../generator/read/plain-text-export.ts';
import { projectRoot } from '../helpers/build.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const LIST_ITEM = /^(\s*)- (\s*)(\S.*)$/;

// The reader before readRuns (commit 611f2b4), each run parsed alone by remark.
function reference(text: string, file: string, report: Reporter): Block[] {
  // TextDecoder already drops a BOM; a caller passing a decoded string with one keeps column 1 right.
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const blocks: Block[] = [];
  // Since table-split: `|` lines that look like rows of no table are an error, reported with the
  // page's blocks (and no pipe-table-malformed warning for their run).
  const strays: StrayRows[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (line.trimStart().startsWith('|')) {
      let end = i;
      while (end < lines.length && lines[end]!.trimStart().startsWith('|')) end++;
      const first = lineNo;
      const run = lines.slice(i, end).join('\n');
      const { blocks: parsed, strayRows } = mdastToBlocks(parseMarkdown(run), file, report, (l) => first + l - 1, run);
      strays.push(...strayRows);
      if (!parsed.some((b) => b.type === 'table') && strayRows.length === 0) {
        report.warn(
          'pipe-table-malformed',
          `Lines ${first}–${end} start with \`|\` but are not a table.`,
          { file, line: first, column: column(line) },
          'A pipe table needs a header row and a delimiter row (`|---|---|`) right below it; its lines are kept as a paragraph.',
        );
      }
      blocks.push(...parsed);
      i = end;
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const items: ParagraphBlock[] = [];
      const start = lineNo;
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i]!);
        if (!m) break;
        const col = m[1]!.length + 2 + m[2]!.length + 1;
        items.push({ type: 'paragraph', text: clean(m[3]!), code: [], position: { file, line: i + 1, column: col } });
        i++;
      }
      blocks.push({ type: 'list', ordered: false, items, position: { file, line: start, column: item[1]!.length + 1 } });
      continue;
    }
    blocks.push({ type: 'paragraph', text: clean(line), code: [], position: { file, line: lineNo, column: column(line) } });
    i++;
  }
  reportStrayRows(strays, blocks, report);
  return blocks;
}

/** 1-based column of the first non-blank character. */
function column(line: string): number {
  return line.length - line.trimStart().length + 1;
}

function run(read: (text: string, file: string, report: Reporter) => Block[], text: string) {
  const report = new Reporter();
  const blocks = read(text, 'export.txt', report);
  return { blocks, diagnostics: report.diagnostics };
}
const current = (text: string, file: string, report: Reporter) => plainTextExportReader.read(text, file, report).blocks;

const line = fc.constantFrom(
  '| Action | Access | Kind | Name |', '|---|---|---|---|', '| --- | :-: |', '| Read | Project | Type | CiRunner |', '| Read | Group | Field | `Project.runners` |',
  '| **x** | y |', '| a_b | *c* |', '| [l](u) | x |', '|', '||', '| a', '  | indented |', '    | code? |', '\t| tab |', 'Bare line', 'Runner', 'Grants the ability to read runners.',
  '- Tier: Free', '- Offering: GitLab.com', '', '   ', '[ref]: https://example.com', '# not a heading here', '---', '```', '<div>',
);
const page = fc.tuple(fc.array(line, { minLength: 1, maxLength: 40 }), fc.constantFrom('\n', '\r\n')).map(([ls, eol]) => ls.join(eol));

describe('plain-text export: one remark call for all runs = one per run', () => {
  it('generated exports', () => {
    fc.assert(
      fc.property(page, (text) => {
        expect(run(current, text)).toEqual(run(reference, text));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('the real export', () => {
    const text = readFileSync(path.join(projectRoot, 'test/fixtures/seeds/gitlab-graphql-fine-grained-permissions.export.txt'), 'utf8');
    const a = run(current, text);
    expect(a).toEqual(run(reference, text));
    // 59 tables on the page: grep -c '^|-' gitlab-graphql-fine-grained-permissions.export.txt
    expect(a.blocks.filter((b) => b.type === 'table')).toHaveLength(59);
  });
});
