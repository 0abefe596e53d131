/**
 * The HTML reader reads plain table rows without parse5 (generator/read/html-fast-rows.ts). This
 * differential test holds it to the reader parsing the whole page with parse5 (`fastRows: false`,
 * the reader as it was): same blocks, same positions, same diagnostics, on the real Buildkite page,
 * the Buildkite fixtures, and generated pages that put plain and non-plain rows in every context
 * where parse5 reads `<tr>` differently: a table with and without `<thead>`/`<tbody>`, a caption, an
 * unclosed cell, a nested table, text between rows (foster parenting), a comment, a `<template>`,
 * a `<textarea>`, `<script>`, SVG, an attribute value, outside any table; with entities, CR, NUL,
 * upper-case tags, attributes and unclosed or misnested inline markup.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { readHtml, readHtmlDocument } from '../../generator/read/html.ts';
import { projectRoot } from '../helpers/build.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);

function both(text: string) {
  const fastReport = new Reporter();
  const fast = readHtmlDocument(text, 'page.html', fastReport);
  const slowReport = new Reporter();
  const slow = readHtml(text, 'page.html', slowReport, { fastRows: false });
  return { fast: fast.document, fastRows: fast.fastRows, slow, fastDiagnostics: fastReport.diagnostics, slowDiagnostics: slowReport.diagnostics };
}

describe('HTML fast rows', () => {
  it('reads the real Buildkite page as parse5 does, its 36 rows without parse5', () => {
    const text = readFileSync(path.join(projectRoot, 'sources/buildkite-graphql-enum-api-access-token-scopes.html'), 'utf8');
    const r = both(text);
    expect(r.fast).toEqual(r.slow);
    expect(r.fastDiagnostics).toEqual(r.slowDiagnostics);
    // `grep -o '<tr>' sources/buildkite-graphql-enum-api-access-token-scopes.html | wc -l`: 36, all plain.
    expect(r.fastRows).toBe(36);
  });

  it('reads every Buildkite fixture as parse5 does', () => {
    const dir = path.join(projectRoot, 'test/fixtures/buildkite-enum');
    const names = readdirSync(dir);
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      const r = both(readFileSync(path.join(dir, name, 'input.html'), 'utf8'));
      expect(r.fast, name).toEqual(r.slow);
      expect(r.fastDiagnostics, name).toEqual(r.slowDiagnostics);
    }
  });

  it('reads a page grown to about 150 KB (its row line repeated 60 times) as parse5 does', () => {
    const text = readFileSync(path.join(projectRoot, 'sources/buildkite-graphql-enum-api-access-token-scopes.html'), 'utf8');
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.includes('<tr>'));
    const grown = [...lines.slice(0, i), ...Array.from({ length: 60 }, () => lines[i]!), ...lines.slice(i)].join('\n');
    const r = both(grown);
    expect(r.fast).toEqual(r.slow);
    expect(r.fastDiagnostics).toEqual(r.slowDiagnostics);
    expect(r.fastRows).toBe(36 * 61);
  });

  const text = fc.constantFrom('READ_AGENTS', 'The build', ' ', '\n', 'a &amp; b', '&#39;', '&#x27;', '&lt;x&gt;', '&quot;', '&apos;', '&nbsp;', '&amp', '&#0;', '&#128;', '&bogus;', 'x\r\ny', 'x\u0000y', 'é', '\u00a0', '\t', '\u000c', '\ud83d\ude00', '\ud800');
  const inline: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      text,
      fc.tuple(fc.constantFrom('strong', 'b', 'code', 'em', 'i', 'p', 'span', 'a href="#x"', 'code class="x"', 'STRONG', 'span class="pill"'), fc.array(tie('node'), { maxLength: 3 })).map(([tag, children]) => `<${tag}>${children.join('')}</${tag.split(' ')[0]}>`),
      fc.constantFrom('<br>', '<strong>', '</strong>', '</p>', '<p>', '<code>x', '</td>', '<td>', '</tr>', '<!-- c -->', '<hr>'),
    ),
  })).node;
  const cell = fc.tuple(fc.constantFrom('td', 'th', 'td class="x"', 'TD'), fc.array(inline, { maxLength: 4 })).map(([tag, children]) => `<${tag}>${children.join('')}</${tag.split(' ')[0]}>`);
  const plainCell = fc.tuple(fc.constantFrom('td', 'th'), fc.array(fc.constantFrom('READ_AGENTS', ' ', '<p><strong><code>READ_BUILDS</code></strong></p>', '<p>The build &amp; its jobs</p>', '<code>A</code>'), { maxLength: 3 })).map(([tag, children]) => `<${tag}>${children.join('')}</${tag}>`);
  const row = fc.oneof(
    { weight: 3, arbitrary: fc.array(plainCell, { minLength: 1, maxLength: 2 }).map((cells) => `<tr>${cells.join('')}</tr>`) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('<tr>', '<TR>', '<tr class="x">', '<tr >'), fc.array(cell, { maxLength: 3 }), fc.constantFrom('</tr>', '', '</TR>')).map(([open, cells, close]) => `${open}${cells.join('')}${close}`) },
  );
  const rows = fc.array(fc.tuple(row, fc.constantFrom('', '\n', '  ', '\n    ', 'stray text', '\r\n')).map(([r, sep]) => r + sep), { minLength: 1, maxLength: 5 }).map((rs) => rs.join(''));
  const tableContext = fc.constantFrom(
    (r: string) => `<table>\n<thead><th><h2>ENUM Values</h2></th></thead>\n<tbody>\n${r}\n</tbody>\n</table>`,
    (r: string) => `<table>${r}</table>`,
    (r: string) => `<table><thead>${r}</thead><tbody>${r}</tbody></table>`,
    (r: string) => `<table><caption>Values ${r}</caption></table>`,
    (r: string) => `<table><tr><td>open cell ${r}</table>`,
    (r: string) => `<table><tr><td><table>${r}</table></td></tr></table>`,
    (r: string) => `<table><tbody>${r}<tr><td>last</td></tr></tbody></table>\n<p>After</p>`,
  );
  const otherContext = fc.constantFrom(
    (r: string) => `<!-- ${r} -->`,
    (r: string) => `<template>${r}</template><table>${r}</table>`,
    (r: string) => `<textarea>${r}</textarea>`,
    (r: string) => `<script>${r}</script>`,
    (r: string) => `<svg>${r}</svg><table>${r}</table>`,
    (r: string) => `<div title="${r}">x</div>`,
    (r: string) => `<p>${r}</p>`,
    (r: string) => r,
  );
  const context = fc.oneof({ weight: 5, arbitrary: tableContext }, { weight: 1, arbitrary: otherContext });
  const page = fc.tuple(fc.constantFrom('', '---\ntitle: T\n---\n', '<h1>AgentStates</h1>\n<p>Lead</p>\n'), fc.array(fc.tuple(context, rows).map(([c, r]) => c(r)), { minLength: 1, maxLength: 3 })).map(([head, parts]) => head + parts.join('\n'));

  it('reads generated pages as parse5 does', () => {
    let fastPages = 0;
    fc.assert(
      fc.property(page, (p) => {
        const r = both(p);
        expect(r.fast).toEqual(r.slow);
        expect(r.fastDiagnostics).toEqual(r.slowDiagnostics);
        if (r.fastRows > 0) fastPages++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The comparison means something only if the fast path is taken often (and refused often).
    expect(fastPages).toBeGreaterThan(RUNS / 5);
    expect(fastPages).toBeLessThan(RUNS);
  });
});
