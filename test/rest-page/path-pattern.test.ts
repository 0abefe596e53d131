/**
 * The path parser on the route language of GitLab's fine-grained PAT REST page: every path of the page
 * parses and prints back as written, the in-segment, escaped and consecutive forms give the AST by hand,
 * and each malformed form is reported at its exact column.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePathPattern, printPathPattern } from '../../generator/model/parse-path-pattern.ts';
import type { PathPattern } from '../../generator/model/path-pattern.ts';

const PAGE = new URL('../../sources/gitlab-pat-fine-grained-rest.0739b8b.md', import.meta.url);

function parse(text: string): PathPattern {
  const parsed = parsePathPattern(text);
  if ('error' in parsed) throw new Error(parsed.error.message);
  return parsed.pattern;
}

function error(text: string): [number, string] {
  const parsed = parsePathPattern(text);
  if (!('error' in parsed)) throw new Error(`\`${text}\` parsed`);
  return [parsed.error.column, parsed.error.message];
}

describe('every path of the REST page', () => {
  // Path cells are the backticked cells that start with `/`, in all four tables of the page.
  // Counted with: grep -o '| `/[^`]*` |' gitlab-pat-fine-grained-rest.0739b8b.md | wc -l        → 2600
  //        and:   grep -o '| `/[^`]*` |' gitlab-pat-fine-grained-rest.0739b8b.md | sort -u | wc -l → 1586
  // (2600 = 2095 permission rows + 27 always accessible + 246 publicly accessible + 232 unavailable.)
  const cells = [...readFileSync(PAGE, 'utf8').matchAll(/\| `(\/[^`]*)` \|/g)].map((m) => m[1]!);
  const distinct = [...new Set(cells)];

  it('finds 2,600 path cells, 1,586 distinct paths', () => {
    expect(cells.length).toBe(2600);
    expect(distinct.length).toBe(1586);
  });

  it('parses every one and prints it back as written', () => {
    const failures = distinct.flatMap((p) => {
      const parsed = parsePathPattern(p);
      if ('error' in parsed) return [`${p}: ${parsed.error.message}`];
      const printed = printPathPattern(parsed.pattern);
      return printed === p ? [] : [`${p} printed as ${printed}`];
    });
    expect(failures).toEqual([]);
  });
});

describe('the route language of the REST page', () => {
  it('reads parameters with literal text before and after them inside one segment', () => {
    expect(parse('/projects/:id/packages/debian/dists/*distribution/:component/binary-:architecture/Packages').nodes).toEqual([
      { type: 'literal', value: '/projects/', column: 1 },
      { type: 'param', name: 'id', column: 11 },
      { type: 'literal', value: '/packages/debian/dists/', column: 14 },
      { type: 'splat', name: 'distribution', column: 37 },
      { type: 'literal', value: '/', column: 50 },
      { type: 'param', name: 'component', column: 51 },
      { type: 'literal', value: '/binary-', column: 61 },
      { type: 'param', name: 'architecture', column: 69 },
      { type: 'literal', value: '/Packages', column: 82 },
    ]);
    expect(parse('/projects/:id/packages/helm/:channel/charts/:file_name.tgz').nodes.slice(-2)).toEqual([
      { type: 'param', name: 'file_name', column: 45 },
      { type: 'literal', value: '.tgz', column: 55 },
    ]);
  });

  it('reads backslash-escaped parentheses as literal characters, and `$ \' = ,` as literals', () => {
    const text = "/projects/:project_id/packages/nuget/v2/Packages\\(Id='*package_name',Version='*package_version'\\)";
    expect(parse(text).nodes).toEqual([
      { type: 'literal', value: '/projects/', column: 1 },
      { type: 'param', name: 'project_id', column: 11 },
      { type: 'literal', value: "/packages/nuget/v2/Packages(Id='", column: 22 },
      { type: 'splat', name: 'package_name', column: 55 },
      { type: 'literal', value: "',Version='", column: 68 },
      { type: 'splat', name: 'package_version', column: 79 },
      { type: 'literal', value: "')", column: 95 },
    ]);
    expect(parse('/projects/:project_id/packages/nuget/v2/FindPackagesById\\(\\)').nodes.at(-1)).toEqual({
      type: 'literal',
      value: '/packages/nuget/v2/FindPackagesById()',
      column: 22,
    });
    expect(parse('/groups/:id/-/packages/nuget/v2/$metadata').nodes.at(-1)).toEqual({ type: 'literal', value: '/-/packages/nuget/v2/$metadata', column: 12 });
  });

  it('keeps consecutive splats separated by `/` (the matcher decides the split)', () => {
    expect(parse('/projects/:id/packages/nuget/symbolfiles/*file_name/*signature/*same_file_name').nodes.slice(-5)).toEqual([
      { type: 'splat', name: 'file_name', column: 42 },
      { type: 'literal', value: '/', column: 52 },
      { type: 'splat', name: 'signature', column: 53 },
      { type: 'literal', value: '/', column: 63 },
      { type: 'splat', name: 'same_file_name', column: 64 },
    ]);
    expect(parse('/a/:x.:y').nodes.map((n) => n.type)).toEqual(['literal', 'param', 'literal', 'param']);
  });

  it('reads optional groups holding parameters', () => {
    expect(parse('/projects/:id/(ref/:ref/)trigger/pipeline').nodes).toEqual([
      { type: 'literal', value: '/projects/', column: 1 },
      { type: 'param', name: 'id', column: 11 },
      { type: 'literal', value: '/', column: 14 },
      {
        type: 'optional',
        column: 15,
        nodes: [
          { type: 'literal', value: 'ref/', column: 16 },
          { type: 'param', name: 'ref', column: 20 },
          { type: 'literal', value: '/', column: 24 },
        ],
      },
      { type: 'literal', value: 'trigger/pipeline', column: 26 },
    ]);
    expect(parse('/vscode/settings_sync(/:settings_context_hash)/v1/manifest').nodes[1]).toEqual({
      type: 'optional',
      column: 22,
      nodes: [
        { type: 'literal', value: '/', column: 23 },
        { type: 'param', name: 'settings_context_hash', column: 24 },
      ],
    });
    // A group that ends in `/` separates a splat inside it from a parameter after it.
    expect(parse('/p/*v/(*path/):file_name').nodes.map((n) => n.type)).toEqual(['literal', 'splat', 'literal', 'optional', 'param']);
  });

  it('escapes what would read as syntax when printing, so printing round-trips', () => {
    for (const text of ['/a/\\:x', '/a/\\*b\\\\c', '/a/\\#x', '/a/b\\(c\\)', "/a/$b'c=d,e;f!g&h+i"]) {
      expect(printPathPattern(parse(text))).toBe(text);
    }
    // An unneeded escape is read as the character, and printed without the backslash.
    expect(printPathPattern(parse('/a/\\b'))).toBe('/a/b');
  });
});

describe('malformed paths, at the exact column', () => {
  it.each([
    // [path, column, message]
    ['projects/:id', 1, 'Path `projects/:id` does not start with `/`.'],
    ['/projects/:id/(-/search', 15, 'Unbalanced `(` in `/projects/:id/(-/search`: the group is never closed.'],
    ['/a/(b/(c)', 4, 'Unbalanced `(` in `/a/(b/(c)`: the group is never closed.'],
    ['/projects/:id/-)/search', 16, 'Unbalanced `)` in `/projects/:id/-)/search`.'],
    ['/projects/()x', 11, 'Empty optional group `()` in `/projects/()x`.'],
    ['/nuget/Packages\\(\\', 18, 'Dangling `\\` at the end of `/nuget/Packages\\(\\`: it escapes nothing.'],
    ['/a/\\ b', 5, '`\\` escapes " " in `/a/\\ b`; only visible ASCII characters can be escaped.'],
    ['/projects/:/releases', 11, '`:` is not followed by a parameter name in `/projects/:/releases`.'],
    ['/projects/:id/files/*', 21, '`*` is not followed by a parameter name in `/projects/:id/files/*`.'],
    ['/projects/:1d', 11, '`:` is not followed by a parameter name in `/projects/:1d`.'],
    ['/projects/{id}/releases', 11, 'Unexpected character "{" in path `/projects/{id}/releases`.'],
    ['/projects/:id?x', 14, 'Unexpected character "?" in path `/projects/:id?x`.'],
    ['/a/:x:y', 6, 'Parameter `:y` can follow `:x` with no literal between them, so the split between the two is ambiguous.'],
    ['/a/*x*y/z', 6, 'Parameter `*y` can follow `*x` with no literal between them, so the split between the two is ambiguous.'],
    ['/a/:x(:y)', 7, 'Parameter `:y` can follow `:x` with no literal between them, so the split between the two is ambiguous.'],
    ['/a/(:x):y', 8, 'Parameter `:y` can follow `:x` with no literal between them, so the split between the two is ambiguous.'],
    ['/a/:x(b)(*y)', 10, 'Parameter `*y` can follow `:x` with no literal between them, so the split between the two is ambiguous.'],
    ['/a/:x((b):y)', 10, 'Parameter `:y` can follow `:x` with no literal between them, so the split between the two is ambiguous.'],
  ])('%s → column %i', (text, column, message) => {
    expect(error(text)).toEqual([column, message]);
  });
});
