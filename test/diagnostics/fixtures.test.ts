/**
 * One fixture folder per diagnostic: `test/fixtures/diagnostics/<case>/sources/` (a manifest and
 * a page) and `expected.json`, written by hand, with the exact rule id, position and message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../generator/build-catalog.ts';

const dir = path.join(import.meta.dirname, '../fixtures/diagnostics');
const cases = readdirSync(dir).filter((name) => !name.startsWith('.')).sort();

describe('diagnostic fixtures', () => {
  it('has a fixture for each required case', () => {
    for (const required of ['table-cell-count', 'http-method-unknown', 'path-unbalanced-parenthesis', 'path-bad-token', 'route-duplicate', 'permission-label-mismatch', 'table-empty', 'source-missing']) {
      expect(cases).toContain(required);
    }
  });

  it.each(cases)('%s', async (name) => {
    const root = path.join(dir, name);
    const expected = JSON.parse(readFileSync(path.join(root, 'expected.json'), 'utf8')) as unknown[];
    const { diagnostics } = await buildCatalog({ root });
    expect(diagnostics.map(({ hint: _hint, ...d }) => d)).toEqual(expected);
    for (const d of diagnostics) expect(d.hint.length).toBeGreaterThan(10);
  });
});
