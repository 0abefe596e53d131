/** One folder per problem the page can have: input.md and the exact diagnostics (expected.json), hand-written. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFixture } from './pipeline.ts';
import { itMatchesDiagnosticFixtures } from '../helpers/diagnostic-fixtures.ts';

const dir = path.join(import.meta.dirname, '../fixtures/gitlab-operations');
const REQUIRED = ['footnote-undefined', 'boundary-unknown', 'action-none', 'table-outside-section', 'footnote-unused', 'footnotes-list-missing'];

describe('Git and other operations page fixtures', () => {
  itMatchesDiagnosticFixtures(dir, REQUIRED, (name) => extractFixture(path.join(dir, name)));

  it('drops the row citing a missing footnote (deny) and keeps the other', () => {
    const ops = extractFixture(path.join(dir, 'footnote-undefined')).model?.sections[0]?.tables[0]?.operations;
    expect(ops?.map((o) => o.id)).toEqual(['git-operations:clone-or-pull-a-wiki']);
  });

  it('drops the row with an unknown boundary (deny) and keeps the other', () => {
    const ops = extractFixture(path.join(dir, 'boundary-unknown')).model?.sections[0]?.tables[0]?.operations;
    expect(ops?.map((o) => o.id)).toEqual(['git-operations:clone-or-pull-a-wiki']);
  });

  it('keeps the paragraphs between a heading and its table as the section\'s leads, as text', () => {
    // section-leads/input.md: three paragraphs (lines 5, 9, 14) between `## Container registry` (line 3) and its
    // table (line 16), a note between them (line 11); a paragraph before the first heading (line 1) and one after
    // the table (line 20) are no lead; `## Archive…` (line 22) has its table right after the heading.
    const model = extractFixture(path.join(dir, 'section-leads')).model;
    const at = (line: number) => ({ file: 'input.md', line, column: 1 });
    expect(model?.sections.map((s) => [s.title, s.leads])).toEqual([
      ['Container registry', [
        // The link's text, as every paragraph is read (the note's and footnotes' text too).
        { text: 'A fine-grained personal access token used to sign in to the container registry must have the following permissions:', position: at(5) },
        // Inline code without its backticks, a `|` inside it kept.
        { text: 'Sign in with docker login registry.example.com and the token as the password; a | in code stays text.', position: at(9) },
        // An escaped `\|` is a `|`.
        { text: 'Pull | delete: the table below lists both.', position: at(14) },
      ]],
      ['Archive and release asset downloads', undefined],
    ]);
    expect(model?.sections[0]?.notes.map((n) => n.position.line)).toEqual([11]);
  });

  it('reads the table inside a section even when one outside it is refused', () => {
    const model = extractFixture(path.join(dir, 'table-outside-section')).model;
    expect(model?.sections.map((s) => [s.title, s.tables.map((t) => t.operations.map((o) => o.permission))])).toEqual([['RSS and calendar feeds', [['read_activity']]]]);
  });
});
