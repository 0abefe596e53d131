/**
 * Page text in generated Markdown (generator/docs/handlebars.ts): it must stay the same text, never markup.
 * `markdownCode` puts page text in a Markdown table cell as a code span. An escaping hunt found text
 * with a backslash right before a pipe splitting the cell under remark-gfm (the parser permgen reads
 * pages with): the rest of the text became live Markdown (an `<img onerror>`, a link). Each case is
 * rendered into a one-row table and parsed back: one cell, whose text is the input as written.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { blockMarkdown, markdownCode } from '../../generator/docs/handlebars.ts';
import { scratchSlots } from '../../generator/model/route-table.ts';

type Node = { type: string; url?: string; children?: Node[] };

/** The row's cells as text, and its nodes other than text and code, with a link as `link <url> <its text>`. */
function cellsOf(cell: string): { cells: string[]; markup: string[] } {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(`| a | b |\n| - | - |\n| ${cell} | end |\n`);
  const row = (tree.children[0] as unknown as { children: Node[] }).children[1]!;
  const markup = row.children!.flatMap((c) => c.children!).filter((n) => n.type !== 'text' && n.type !== 'inlineCode').map((n) => (n.type === 'link' ? `link ${n.url} ${toString(n as never)}` : n.type));
  return { cells: row.children!.map((c) => toString(c as never)), markup };
}

describe('markdownCode in a table cell', () => {
  it.each([
    'Project wikis use the project boundary \\| <img src=x onerror=alert(1)> [click](https://evil.example)',
    'a | b',
    'ends with a backslash \\',
    'a \\\\| b',
    '`ticks` and | a pipe',
    'plain',
  ])('%j stays one cell holding the text, with no HTML and no link of the text\'s making', (text) => {
    const { cells, markup } = cellsOf(markdownCode(text));
    expect(cells).toEqual([text, 'end']);
    // GFM links a bare URL to itself (the text shown is the URL): never `[click](…)`'s link, never HTML.
    expect(markup.filter((m) => !/^link (\S+) \1$/.test(m))).toEqual([]);
  });

  it('takes text with 140,000 backtick runs without overflowing the call stack', () => {
    const text = '`a '.repeat(140_000);
    expect(markdownCode(text).startsWith('``')).toBe(true);
  });
});

describe('scratchSlots', () => {
  it('counts over 200,000 alternatives without overflowing the call stack', () => {
    const literal = { alternative: { segments: [{ kind: 'literal', text: 'x' }] } };
    expect(scratchSlots(Array.from({ length: 200_000 }, () => literal) as never)).toBe(1);
  });
});

describe('blockMarkdown at the start of a list item (a footnote: `2. <text>`)', () => {
  // A bug hunt: a token-scopes footnote starting `- For a personal…` was written `2. - For …` and read back as a nested list.
  it.each(['- For a personal access token', '= heading underline', '10. numbered', '1) numbered', '+ plus', '* star', '# hash', '> quote', 'plain'])('%j stays the item\'s text', (text) => {
    const tree = unified().use(remarkParse).use(remarkGfm).parse(`1. first\n2. ${blockMarkdown(text)}\n`);
    const list = tree.children[0] as unknown as Node;
    expect(list.type).toBe('list');
    const item = list.children![1]!;
    expect(item.children!.map((n) => n.type)).toEqual(['paragraph']);
    expect(toString(item as never)).toBe(text);
  });
});
