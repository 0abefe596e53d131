/**
 * The real Buildkite page (sources/buildkite-graphql-enum-api-access-token-scopes.html). Counts,
 * names and positions are read off the page by hand: the values are the 36 `<code>` spans of the
 * one-line tbody (line 42); a value's column is where its text starts, right after `<code>`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract, PAGE } from './pipeline.ts';
import { projectRoot, realCatalog } from '../helpers/build.ts';
import type { BuildkiteEnumModel } from '../../generator/model/catalog.ts';

const page = () => extract(readFileSync(path.join(projectRoot, PAGE), 'utf8'), PAGE);
const at = (line: number, column: number) => ({ file: PAGE, line, column });

describe('Buildkite APIAccessTokenScopes page', () => {
  it('reads without diagnostics', () => {
    expect(page().diagnostics).toEqual([]);
  });

  it('reads the front matter despite its `#` comment banner', () => {
    expect(page().doc.frontmatter).toEqual({ title: 'APIAccessTokenScopes – Enums – GraphQL API', toc: false });
  });

  it('reads the blocks with their positions; the ENUM pill is not part of the heading', () => {
    const { doc } = page();
    expect(doc.blocks.map((b) => ({ type: b.type, text: b.type === 'table' ? undefined : b.type === 'list' ? undefined : b.text, position: b.position }))).toEqual([
      { type: 'heading', text: 'APIAccessTokenScopes', position: at(18, 1) },
      { type: 'paragraph', text: "All possible scopes on a user's API Access Token", position: at(25, 1) },
      { type: 'table', text: undefined, position: at(35, 1) },
    ]);
    const table = doc.blocks[2];
    if (table?.type !== 'table') throw new Error('expected a table');
    expect(table.header.map((c) => [c.text, c.position])).toEqual([['ENUM Values', at(37, 5)]]);
    expect(table.rows).toHaveLength(36);
    expect(table.rows[0]?.position).toEqual(at(42, 5));
    expect(table.rows[1]?.position).toEqual(at(42, 75));
  });

  it('has the 36 values in page order, from DELETE_PACKAGES to WRITE_TEST_PLAN', () => {
    const model = page().model!;
    expect(model.name).toBe('APIAccessTokenScopes');
    expect(model.description).toBe("All possible scopes on a user's API Access Token");
    expect(model.values).toHaveLength(36);
    expect(model.values[0]).toEqual({ name: 'DELETE_PACKAGES', description: '', position: at(42, 30) });
    expect(model.values[3]).toEqual({ name: 'READ_AGENTS', description: '', position: at(42, 234) });
    expect(model.values[35]).toEqual({ name: 'WRITE_TEST_PLAN', description: '', position: at(42, 2437) });
    expect(model.values.filter((v) => v.name.startsWith('READ_'))).toHaveLength(18);
    expect(model.values.filter((v) => v.name.startsWith('WRITE_'))).toHaveLength(15);
    expect(model.values.filter((v) => v.name.startsWith('DELETE_'))).toHaveLength(2);
    // Every value is on the one-line tbody.
    expect(new Set(model.values.map((v) => v.position.line))).toEqual(new Set([42]));
  });

  it('matches the reviewed model snapshot', async () => {
    const { catalog } = await realCatalog();
    const model = catalog.sources.find((s): s is BuildkiteEnumModel => s.kind === 'buildkite-enum');
    await expect(`${JSON.stringify(model, null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/api-access-token-scopes.model.json');
  });
});
