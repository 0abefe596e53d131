/**
 * One folder per malformed-row case under test/rest-page/fixtures/<case>/: `input.md` (GitLab's
 * layout) and `expected.json`, checked by hand, with the exact severity, rule id, position and message.
 * Columns of the method and path are those of the code span's first character; a path-pattern
 * error is at the offending character of the path.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { itMatchesDiagnosticFixtures } from '../helpers/diagnostic-fixtures.ts';
import { extractFixture } from './pipeline.ts';

const dir = path.join(import.meta.dirname, 'fixtures');
const fixture = (name: string) => extractFixture(path.join(dir, name));
const routes = (name: string) => fixture(name).model!.endpoints.map((e) => [e.access, `${e.method} ${e.path}`, e.permissions, e.boundaries, e.public]);

describe('REST permission page: diagnostic fixtures', () => {
  itMatchesDiagnosticFixtures(
    dir,
    [
      'table-cell-count',
      'action-unknown',
      'action-none',
      'boundary-unknown',
      'http-method-unknown',
      'path-pattern',
      'grant-duplicate',
      'footnotes-invalid',
      'permission-mismatch',
      'public-mismatch',
      'route-conflict',
      'sections',
      'older-layout',
    ],
    fixture,
  );
});

describe('REST permission page: what the fixtures extract', () => {
  it('drops malformed rows and keeps the rest', () => {
    expect(routes('table-cell-count')).toEqual([['granted', 'GET /projects', ['read_project'], ['project'], false]]);
    expect(routes('path-pattern')).toEqual([['granted', 'GET /projects/:id/releases', ['read_project'], ['project'], false]]);
    expect(routes('http-method-unknown')).toEqual([]);
  });

  it('drops a row citing an undefined footnote: the route is denied, not granted with less', () => {
    expect(routes('footnotes-invalid')).toEqual([
      ['granted', 'GET /projects/:id/deployments', ['read_project', 'read_job'], ['project'], false],
      ['granted', 'GET /projects/:id', ['read_project'], ['project'], false],
    ]);
  });

  it('keeps an exact duplicate once; another boundary of the same route joins it', () => {
    expect(routes('grant-duplicate')).toEqual([['granted', 'GET /projects/:id', ['read_project'], ['project', 'group'], false]]);
  });

  it('requires every permission when rows of one route disagree (fail closed)', () => {
    expect(routes('permission-mismatch')).toEqual([
      ['granted', 'GET /projects/:id', ['read_project', 'read_project_setting'], ['project'], false],
      ['granted', 'GET /projects/:id/settings', ['read_project_setting', 'read_project'], ['project', 'group'], false],
    ]);
  });

  it('makes a route public only when the publicly accessible row names exactly its permissions (in any order)', () => {
    expect(routes('public-mismatch')).toEqual([
      ['granted', 'GET /projects/:id', ['read_project'], ['project'], true],
      ['granted', 'GET /projects/:id/jobs', ['read_project', 'read_job'], ['project'], true],
      ['granted', 'GET /projects/:id/events', ['read_project'], ['project'], false],
      ['granted', 'GET /projects/:id/jobs/:job_id', ['read_job'], ['project'], false],
    ]);
  });

  it('reads the older two-column unavailable table, both copies of a repeated row in one route', () => {
    const { model } = fixture('older-layout');
    expect([model!.always, model!.public]).toEqual([null, null]);
    expect(model!.unavailable!.rows.map((r) => [r.method, r.path, r.reason, r.position.line])).toEqual([
      ['POST', '/runners', undefined, 17],
      ['POST', '/runners', undefined, 18],
      ['GET', '/swagger_doc', undefined, 19],
    ]);
    expect(model!.endpoints.filter((e) => e.access === 'unavailable').map((e) => [e.method, e.path, e.rowPositions.map((p) => p.line), 'reason' in e])).toEqual([
      ['POST', '/runners', [17, 18], false],
      ['GET', '/swagger_doc', [19], false],
    ]);
  });

  it('keeps headings as written and reads the first of two sections of one kind', () => {
    const { model } = fixture('sections');
    // The Markdown reader collapses the heading's double space; the case is kept.
    expect(model!.always?.heading).toBe('always accessible endpoints');
    expect(model!.always?.rows.map((r) => r.path)).toEqual(['/topics']);
    expect(model!.unavailable).toMatchObject({ heading: 'Unavailable endpoints', rows: [] });
  });
});
