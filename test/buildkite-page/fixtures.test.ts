/**
 * One folder per case under test/fixtures/buildkite-enum/<case>/: `input.html`, hand-written on the
 * model of Buildkite's enum pages, and `expected.json`, written by hand, with the exact severity,
 * rule id, position and message of every diagnostic.
 */
import { describe, expect, it } from 'vitest';
import { itMatchesDiagnosticFixtures } from '../helpers/diagnostic-fixtures.ts';
import { extractFixture, fixturesDir } from './pipeline.ts';


describe('Buildkite enum page: diagnostic fixtures', () => {
  itMatchesDiagnosticFixtures(fixturesDir, [
      'descriptions',
      'no-front-matter',
      'enum-name',
      'enum-name-missing',
      'enum-value-duplicate',
      'enum-value-missing',
      'table-empty',
      'table-cell-count',
      'front-matter-yaml',
      'front-matter-unclosed',
    ], extractFixture);
});

describe('Buildkite enum page: other page shapes', () => {
  it('reads values with a description paragraph (entities decoded, inline code kept as text)', () => {
    const { model, doc } = extractFixture('descriptions');
    expect(doc.frontmatter).toEqual({ title: 'BuildStates – Enums – GraphQL API', toc: false });
    expect(model?.name).toBe('BuildStates');
    // The lead is bare text between the h1 and the table (a Markdown paragraph in the page source).
    expect(model?.description).toBe('All the possible states a build can be in');
    expect(model?.values).toEqual([
      { name: 'SKIPPED', description: 'The build was skipped', position: { file: 'input.html', line: 28, column: 30 } },
      { name: 'NOT_RUN', description: "The build wasn't run; compare SKIPPED & FAILED", position: { file: 'input.html', line: 28, column: 120 } },
      { name: 'FAILED', description: 'The build failed', position: { file: 'input.html', line: 28, column: 269 } },
    ]);
    // The description's own code spans follow the value's, with their own positions.
    const cell = doc.blocks.find((b) => b.type === 'table')?.rows[1]?.cells[0];
    expect(cell?.code).toEqual(['NOT_RUN', 'SKIPPED', 'FAILED']);
    expect(cell?.strong).toEqual(['NOT_RUN']);
    expect(cell?.position).toEqual({ file: 'input.html', line: 28, column: 99 });
  });

  it('reads an older page without front matter (HTML comment banner, <p> lead, kramdown {:notoc})', () => {
    const { model, doc } = extractFixture('no-front-matter');
    expect(doc.frontmatter).toEqual({});
    expect(doc.blocks.map((b) => [b.type, b.position.line])).toEqual([
      ['heading', 6],
      ['paragraph', 11],
      ['table', 17],
    ]);
    expect(model?.name).toBe('PipelineVisibility');
    expect(model?.description).toBe('The visibility of the pipeline');
    expect(model?.values.map((v) => [v.name, v.description, v.position.line, v.position.column])).toEqual([
      ['PUBLIC', 'The pipeline is public', 24, 30],
      ['PRIVATE', 'The pipeline is private', 24, 120],
    ]);
  });

  it('keeps the valid rows next to rejected ones', () => {
    expect(extractFixture('table-cell-count').model?.values.map((v) => v.name)).toEqual(['BUSY']);
    expect(extractFixture('enum-value-duplicate').model?.values.map((v) => v.name)).toEqual(['IDLE', 'BUSY']);
    expect(extractFixture('front-matter-unclosed').model?.values.map((v) => [v.name, v.position.line])).toEqual([['IDLE', 7]]);
  });
});
