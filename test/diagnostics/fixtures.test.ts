/**
 * One fixture folder per diagnostic: `test/fixtures/diagnostics/<case>/sources/` (a manifest and
 * a page) and `expected.json`, written by hand, with the exact rule id, position and message.
 */
import path from 'node:path';
import { describe } from 'vitest';
import { itMatchesDiagnosticFixtures } from '../helpers/diagnostic-fixtures.ts';
import { buildCatalog } from '../../generator/build-catalog.ts';

const dir = path.join(import.meta.dirname, '../fixtures/diagnostics');

describe('diagnostic fixtures', () => {
  itMatchesDiagnosticFixtures(dir, ['table-cell-count', 'http-method-unknown', 'path-unbalanced-parenthesis', 'path-bad-token', 'route-duplicate', 'permission-label-mismatch', 'table-empty', 'source-missing', 'enum-value-identifier', 'reviewed-warnings', 'reviewed-warning-shape', 'limit-emphasis-runs'], (name) =>
    buildCatalog({ root: path.join(dir, name) }),
  );
});
