/** One folder per problem the page can have: input.md and the exact diagnostics (expected.json), hand-written. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFixture } from './pipeline.ts';
import { itMatchesDiagnosticFixtures } from '../helpers/diagnostic-fixtures.ts';

const dir = path.join(import.meta.dirname, '../fixtures/gitlab-operations');
const REQUIRED = ['footnote-undefined', 'boundary-unknown', 'table-outside-section', 'footnote-unused', 'footnotes-list-missing'];

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

  it('reads the table inside a section even when one outside it is refused', () => {
    const model = extractFixture(path.join(dir, 'table-outside-section')).model;
    expect(model?.sections.map((s) => [s.title, s.tables.map((t) => t.operations.map((o) => o.permission))])).toEqual([['RSS and calendar feeds', [['read_activity']]]]);
  });
});
