/** Pattern alternatives, the specificity order, and what the compiler refuses: expectations by hand. */
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { parsePathPattern } from '../../generator/model/parse-path-pattern.ts';
import { compareAlternatives, expandAlternatives, printSegments, type RouteAlternative } from '../../generator/model/route-alternatives.ts';
import { jobTokenRoutes } from '../../generator/emit/job-token-routes.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import type { Catalog, JobTokenEndpointsModel } from '../../generator/model/catalog.ts';

function alternatives(path: string): RouteAlternative[] | string {
  const parsed = parsePathPattern(path);
  if ('error' in parsed) throw new Error(parsed.error.message);
  const result = expandAlternatives(parsed.pattern);
  return 'error' in result ? result.error : result.alternatives;
}

const texts = (path: string) => {
  const a = alternatives(path);
  return typeof a === 'string' ? a : a.map((x) => x.text);
};

describe('expandAlternatives', () => {
  it('expands optional groups, drops a trailing slash, lists equal alternatives once', () => {
    expect(texts('/projects/:id/releases/permalink/latest(/)(*suffix_path)')).toEqual([
      '/projects/:id/releases/permalink/latest/*suffix_path',
      '/projects/:id/releases/permalink/latest*suffix_path',
      '/projects/:id/releases/permalink/latest',
    ]);
    expect(texts('/projects/:id/packages/generic/:package_name/*package_version/(*path/):file_name')).toEqual([
      '/projects/:id/packages/generic/:package_name/*package_version/*path/:file_name',
      '/projects/:id/packages/generic/:package_name/*package_version/:file_name',
    ]);
    expect(texts('/a/')).toEqual(['/a']);
    expect(texts('/')).toEqual(['/']);
  });

  it('keeps a parameter\'s literal prefix and suffix in its segment', () => {
    const [alt] = alternatives('/go/*module_name/@v/:module_version.info') as RouteAlternative[];
    expect(alt!.segments[3]).toEqual({ kind: 'param', name: 'module_version', prefix: '', suffix: '.info' });
    expect(alt!.segments[1]).toEqual({ kind: 'splat', name: 'module_name', prefix: '', suffix: '' });
  });

  it('refuses what the matcher cannot compile exactly', () => {
    expect(texts('/a//b')).toBe('The pattern has an empty segment (`//`), which no canonical path has.');
    expect(texts('/a/../b')).toBe('The pattern has a `..` segment, which canonicalization removes from every path.');
    expect(texts('/*a/*b/*c/*d/*e/*f/*g/*h/*i')).toBe('An alternative has 9 splats; the matcher handles at most 8.');
  });

  it('refuses literal text no canonical path has (the raw path would match it, the canonical one not)', () => {
    // `GET /a?b` is `/a` with a query: a route `/a\?b` must not take it (review of the raw-path
    // shortcut: the raw walk matched its literal before this check). `%41` is `A` once canonical,
    // `%2f` is `%2F`; `%2F` itself stays encoded, so it is canonical literal text.
    const refused = (literal: string) => `Segment \`${literal}\` has literal text \`${literal}\` that canonicalization rewrites or denies (a \`?\` or \`#\`, an escape of an unreserved character, a character outside RFC 3986 \`pchar\`), so no canonical path has it.`;
    expect(texts('/a\\?b')).toBe(refused('a?b'));
    expect(texts('/a\\#b')).toBe(refused('a#b'));
    expect(texts('/b\\%41')).toBe(refused('b%41'));
    expect(texts('/b\\%2f')).toBe(refused('b%2f'));
    expect(texts('/b\\%2F')).toEqual(['/b%2F']);
    // Inside a segment with a parameter: the literal piece is checked on its own.
    expect(texts('/:id\\?x')).toMatch(/^Segment `:id\?x` has literal text `\?x` that canonicalization rewrites/);
    // `.` and `..` as part of a longer segment are canonical.
    expect(texts('/a/:name..json/x.')).toEqual(['/a/:name..json/x.']);
  });

  // The REST page's language (issue 12): several variables in one segment, three splats.
  it('keeps a segment with several parameters or splats as one compound segment', () => {
    const [alt] = alternatives('/a/:x.:y') as RouteAlternative[];
    expect(alt!.segments[1]).toEqual({ kind: 'compound', splat: false, parts: [{ type: 'param', name: 'x' }, { type: 'literal', value: '.' }, { type: 'param', name: 'y' }] });
    const [nuget] = alternatives('/v2/Packages-*package_name-V-*package_version-x') as RouteAlternative[];
    expect(nuget!.segments[1]).toMatchObject({ kind: 'compound', splat: true });
    expect(texts('/*a/x/*b/y/*c')).toEqual(['/*a/x/*b/y/*c']);
  });
});

describe('compareAlternatives: the specificity order', () => {
  it('sorts by hand-checked order: literal > parameter > splat > end, more literal characters first, then ordinal', () => {
    const patterns = ['/a/*s', '/a/:x', '/a/b', '/a', '/a/:x.info', '/a/bb', '/a/*s/c', '/a/c', '/a/:x/*s'];
    const sorted = patterns
      .map((p) => (alternatives(p) as RouteAlternative[])[0]!)
      .sort((x, y) => -compareAlternatives(x.segments, y.segments))
      .map((a) => printSegments(a.segments));
    expect(sorted).toEqual(['/a/bb', '/a/b', '/a/c', '/a/:x.info', '/a/:x/*s', '/a/:x', '/a/*s/c', '/a/*s', '/a']);
  });
});

describe('job-token-routes emitter', () => {
  it('reports a pattern it cannot compile at the path cell, and leaves the row out of the matcher', () => {
    const file = 'sources/hand.md';
    const parsed = parsePathPattern('/a/../b');
    if ('error' in parsed) throw new Error('unexpected');
    const model: JobTokenEndpointsModel = {
      kind: 'gitlab-job-token-endpoints',
      source: { id: 'hand', file: 'hand.md', format: 'markdown', provider: 'gitlab', title: 'Hand', url: 'https://example.com', sha256: '0' },
      permissions: [],
      endpoints: [
        { text: 'GET /a/../b', method: 'GET', path: '/a/../b', pattern: parsed.pattern, permissions: ['READ_JOBS'], labels: 'Jobs: Read', controlled: true, description: 'd', position: { file, line: 7, column: 1 }, pathPosition: { file, line: 7, column: 35 } },
      ],
    };
    const catalog: Catalog = { catalogVersion: 1, sources: [model] };
    const report = new Reporter();
    const project = new Project({ useInMemoryFileSystem: true });
    jobTokenRoutes.emit({ catalog, project, files: [], options: { enumStyle: 'const' }, report });
    expect(report.diagnostics.map((d) => [d.ruleId, d.severity, `${d.file}:${d.line}:${d.column}`, d.message])).toEqual([
      ['route-pattern-unsupported', 'error', 'sources/hand.md:7:35', '`GET /a/../b` cannot be compiled: The pattern has a `..` segment, which canonicalization removes from every path.'],
    ]);
    const text = project.getSourceFileOrThrow('/generated/gitlab/job-token-routes.ts').getFullText();
    expect(text).toContain('"GET /a/../b"'); // still listed in the table
    expect(text).not.toContain('function matchGet('); // but no GET matcher: every request is denied
  });
});
