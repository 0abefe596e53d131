/**
 * Differential test of the fast table-row and prose paths (generator/read/markdown-fast-rows.ts): on generated
 * Markdown pages (pipe tables with plain and non-plain rows, headings and paragraphs plain or not and
 * in code blocks, HTML blocks, lists, quotes and footnotes, code spans with odd backtick runs,
 * strong cells, empty cells, rows that are only `|`, tables in code blocks, front matter, lists,
 * block quotes, paragraphs glued to tables, HTML comments and blank lines inside tables (rows cut off:
 * `strayRows`), GFM footnotes, CRLF and CR line endings), `markdownToBlocks` must return
 * exactly what remark returns for the whole page, `mdastToBlocks(parseMarkdown(text))`, line map
 * included. Also the real pages, and each of them grown to many rows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { parseMarkdown } from '../../generator/read/markdown.ts';
import { markdownToBlocks } from '../../generator/read/markdown-fast-rows.ts';
import { mdastToBlocks } from '../../generator/read/mdast-blocks.ts';
import { recoverScrapedText } from '../../generator/read/code-viewer-scrape.ts';
import { projectRoot } from '../helpers/build.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

function remark(text: string, mapLine?: (l: number) => number) {
  const report = new Reporter();
  const result = mdastToBlocks(parseMarkdown(text), 'page.md', report, mapLine, text);
  return { result, diagnostics: report.diagnostics };
}

function fast(text: string, mapLine?: (l: number) => number) {
  const report = new Reporter();
  const result = markdownToBlocks(text, 'page.md', report, mapLine);
  return { result, diagnostics: report.diagnostics };
}

// Cell contents: plain words, code spans (balanced, unbalanced, doubled, padded), strong, and every
// character that makes a row non-plain.
const piece = fc.constantFrom(
  'Read', 'write', 'a b', ' ', '  ', '', 'x', '`code`', '``a ` b``', '` padded `', '`  `', '` `', '`', '``', '```x``', 'a`b',
  '**bold**', '**(no scope)**', '** x**', '**x **', '**a*b**', '*em*', '_u_', 'snake_case', ':id', 'GET /projects/:id',
  '[link](x)', '[ref]', '<b>', '&amp;', '~~s~~', '\\|', '\\', 'www.example.com', 'https://x.y', 'a@b.co', 'mailto:a@b.co',
  '\u00a0', '\t', 'é', '𝔘', '\u0000', '-', ':--', '---', '#', '> q', '1.', '- item',
  '<sup>1</sup>', ' <sup>2</sup>', '<sup>', '</sup>', '<SUP>1</SUP>', '<sup class="x">1</sup>', '<sup>*a*</sup>', '`<sup>`', '<sup>a@b.co</sup>', '<sup >', 'sup>',
);
const cell = fc.array(piece, { minLength: 0, maxLength: 4 }).map((p) => p.join(''));
const row = fc
  .tuple(fc.array(cell, { minLength: 0, maxLength: 5 }), fc.boolean(), fc.boolean(), fc.constantFrom('', ' ', '  '))
  .map(([cells, lead, trail, pad]) => (lead || cells.length === 0 ? '|' : '') + cells.map((c) => pad + c + pad).join('|') + (trail ? '|' : ''));
// Headers: plain or not, with a delimiter row of as many cells or not, valid or not.
const header = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: -1, max: 1 }), fc.constantFrom(' --- ', ':--', '-:', ' :-: ', '-', ' - - ', '--\t', ' ==='), fc.boolean(), fc.option(cell, { freq: 3 }))
  .map(([n, skew, d, trail, odd]) => ({
    head: '|' + Array.from({ length: n }, (_, i) => (i === 0 && odd !== null ? odd : ` H${i} `)).join('|') + '|',
    delim: '|' + Array.from({ length: Math.max(1, n + skew) }, () => d).join('|') + (trail ? '|' : ''),
  }));
const table = fc.tuple(header, fc.array(row, { maxLength: 8 })).map(([h, rows]) => [h.head, h.delim, ...rows].join('\n'));
// Prose: headings and paragraph lines, plain (read without remark when blank lines surround them)
// or not (markup, autolinks, trailing spaces or `#`, indentation, list and quote markers, setext
// underlines), and prose where remark does not read it as top-level prose: in a fenced code block, an
// HTML block, a list item, a quote, a footnote, front matter, after a paragraph it continues.
const word = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('Grants', 'the ability', 'to read', 'x', 'Read Job', 'é', '2024', ' ', '\u00a0', ':', '!', 'a.b', 'Title: value') },
  { weight: 1, arbitrary: fc.constantFrom('*em*', '_u_', '`code`', '[l](x)', '<b>', '&amp;', 'a@b.co', 'www.x.y', '\\', '|', '~~s~~', '#', '\t', '{{< x >}}') },
);
const proseLine = fc
  .tuple(
    fc.oneof({ weight: 3, arbitrary: fc.constantFrom('', 'Grants ', '#### ', '# ') }, { weight: 1, arbitrary: fc.constantFrom('###### ', '####### ', '#', '- ', '1. ', '> ', '    ', '  ', '=', '---', '***', '[x]: y ', '<div>', '2. ') }),
    fc.array(word, { minLength: 1, maxLength: 4 }),
    fc.constantFrom('', '', '', ' ', '  ', ' #', ' ##', '\t', '.'),
  )
  .map(([prefix, words, suffix]) => prefix + words.join(' ') + suffix);
const prose = fc.array(proseLine, { minLength: 1, maxLength: 4 }).map((l) => l.join('\n'));
const proseInContext = fc
  .tuple(prose, prose, fc.constantFrom('```\n%\n\n%\n```', '~~~\n%\n\n%', '<!--\n%\n\n%\n-->', '<pre>\n\n%\n\n%\n</pre>', '<div>\n%\n\n%', '- item\n\n%\n\n  %', '> quote\n%\n\n%', '[^1]: note\n\n%', '%\n===\n\n%', '%\n---\n\n%', '%\n| a |\n| - |\n\n%', '1. one\n\n   %\n\n%', '    %\n\n    %'))
  .map(([a, b, shape]) => shape.replace('%', a).replace('%', b));
const block = fc.oneof(
  { weight: 6, arbitrary: table },
  { weight: 3, arbitrary: prose },
  { weight: 2, arbitrary: proseInContext },
  { weight: 1, arbitrary: fc.constantFrom('# Heading', 'A paragraph line.', '- item `a`\n- item b', '> | q |\n> | - |\n> | r |', '```\n| a |\n| - |\n| b |\n```', '    | a |\n    | - |\n    | b |', '<div>\n| a |\n| - |\n| b |\n</div>', '[ref]: https://example.com', '- | a |\n  | - |\n  | b |\n| c |', 'text\n| a |\n| - |\n| b |', '| not | a table |', '|', '---', '<!-- markdownlint-disable MD044 -->', '[^1]: Also requires x.', '> | q |\n> | - |\n> | r |') },
  { weight: 1, arbitrary: row },
);
const page = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(block, fc.constantFrom('\n\n', '\n', '\n\n\n')), { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([front, blocks, eol]) => ((front ? (blocks.length % 2 ? "---\ntitle: 'x'\n| y\n---\n" : '---\ntitle: x\n\nGrants: y\n\n---\n\n') : '') + blocks.map(([b, sep]) => b + sep).join('')).replace(/\n/g, eol));

describe('markdownToBlocks = remark on the whole page', () => {
  it('generated pages', () => {
    fc.assert(
      fc.property(page, (text) => {
        expect(fast(text)).toEqual(remark(text));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('generated prose pages', () => {
    // Tables whose header and rows are all plain (the generic `table` rarely is).
    const plainCell = fc.constantFrom('Read', '`GET`', '`/projects/:id`', 'a b', '', 'x');
    const plainTable = fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.array(fc.array(plainCell, { minLength: 1, maxLength: 3 }), { maxLength: 4 }))
      .map(([n, rows]) => [`|${Array.from({ length: n }, (_, i) => ` H${i} `).join('|')}|`, `|${Array.from({ length: n }, () => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n'));
    const prosePage = fc
      .array(fc.tuple(fc.oneof({ weight: 4, arbitrary: prose }, { weight: 2, arbitrary: proseInContext }, { weight: 1, arbitrary: table }, { weight: 3, arbitrary: plainTable }), fc.constantFrom('\n\n', '\n', '\n \n')), { minLength: 1, maxLength: 8 })
      .map((blocks) => blocks.map(([b, sep]) => b + sep).join(''));
    fc.assert(
      fc.property(prosePage, (text) => {
        expect(fast(text)).toEqual(remark(text));
      }),
      { seed: SEED + 2, numRuns: RUNS * 3 },
    );
  });

  // Prose at the edges of what is read without remark: a hard break (two trailing spaces), one
  // trailing space, lazy continuation lines (no blank line before), a setext underline after, a
  // heading's closing `#`s, emphasis, blank lines in front matter, a fenced block and an HTML block.
  it.each([
    '# T\n\nGrants x  \nthe ability\n\n| a |\n| - |\n| b |\n',
    '# T\n\nGrants x \nthe ability\n\n| a |\n| - |\n| b |\n',
    '- item\nGrants x\n\n| a |\n| - |\n| b |\n',
    '> quote\nGrants x\n\n| a |\n| - |\n| b |\n',
    'Intro\nGrants x\n\nGrants y\n===\n\nGrants z\n---\n\n| a |\n| - |\n| b |\n',
    '#### Title ##\n\n#### Title\nGrants *all* x\n\nGrants _x_ y\n\n| a |\n| - |\n| b |\n',
    '---\ntitle: x\n\nGrants: y\n\n---\n\nGrants x\n\n| a |\n| - |\n| b |\n',
    '```\n\nGrants x\n\n```\n\n<!--\n\nGrants y\n\n-->\n\n| a |\n| - |\n| b |\n',
    // Plain tables inside prose: a line right after the rows (a row in GFM), a paragraph right before
    // the header, a table at the end of the page, a table right after a heading.
    '# T\n\n| a | b |\n| - | - |\n| c | d |\nGrants x\n\nGrants y\n\n',
    '# T\n\nGrants y\n| a |\n| - |\n| c |\n\nGrants z\n\n',
    '# T\n\nGrants y\n\n| a |\n| - |\n| c |',
    '# T\n\n#### R\n| a |\n| - |\n| c |\n\nGrants z\n\n',
  ])('prose edge %#', (text) => {
    expect(fast(text)).toEqual(remark(text));
  });

  it('generated pages, with a line map', () => {
    const map = (l: number) => l * 3 + 7;
    fc.assert(
      fc.property(page, (text) => {
        expect(fast(text, map)).toEqual(remark(text, map));
      }),
      { seed: SEED + 1, numRuns: RUNS / 4 },
    );
  });

  const sources = path.join(projectRoot, 'sources');
  const seeds = path.join(projectRoot, 'test/fixtures/seeds');
  it.each(['gitlab-job-token-fine-grained-permissions.008551b.md', 'gitlab-pat-fine-grained-graphql.41946e6.md', 'gitlab-pat-fine-grained-other-operations.3f07355.md', 'gitlab-pat-fine-grained-rest.0739b8b.md'])('the current page %s, as it is', (name) => {
    const text = readFileSync(path.join(sources, name), 'utf8');
    expect(fast(text)).toEqual(remark(text));
  });

  it('the job-token page, as it is and with its table grown to 2,000 rows', () => {
    const text = readFileSync(path.join(seeds, 'gitlab-ci-job-token-fine-grained-permissions.md'), 'utf8');
    expect(fast(text)).toEqual(remark(text));
    const lines = text.split('\n');
    const rows = lines.filter((l) => /^\| [^-]/.test(l)).slice(1);
    const last = lines.lastIndexOf(rows[rows.length - 1]!);
    const grown = [...lines.slice(0, last), ...Array.from({ length: 2000 }, (_, i) => rows[i % rows.length]!), ...lines.slice(last)].join('\n');
    const a = fast(grown);
    expect(a).toEqual(remark(grown));
    // Every row of the page (its `| ` lines other than the header and the `| ---` delimiter, counted
    // with grep '^| [^-]' minus 1 for the header) plus the 2,000 repeated ones.
    const table = a.result.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.rows.length).toBe(rows.length + 2000);
  });

  it('the Forgejo scope page (scraped), recovered', () => {
    const text = readFileSync(path.join(sources, 'forgejo-access-token-scopes.code-viewer.txt'), 'utf8');
    const recovered = recoverScrapedText(text, 'page', new Reporter());
    const map = (l: number) => recovered.pageLine[l - 1] ?? 1;
    expect(fast(recovered.text, map)).toEqual(remark(recovered.text, map));
  });

  it('the GraphQL export, each run of `|` lines', () => {
    const text = readFileSync(path.join(seeds, 'gitlab-graphql-fine-grained-permissions.export.txt'), 'utf8');
    const runs: string[][] = [];
    let inRun = false;
    for (const line of text.split('\n')) {
      if (line.startsWith('|')) {
        if (!inRun) runs.push([]);
        runs[runs.length - 1]!.push(line);
      }
      inRun = line.startsWith('|');
    }
    // 59 delimiter rows on the page: grep -c '^|-' gitlab-graphql-fine-grained-permissions.export.txt
    expect(runs.flat().filter((l) => l.startsWith('|-'))).toHaveLength(59);
    for (const r of runs) expect(fast(r.join('\n'))).toEqual(remark(r.join('\n')));
  });
});
