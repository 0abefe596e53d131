/**
 * `permgen diff --fail-on widened` and two ways a widening went unreported (second diff bug hunt):
 * the Grape `.json` rule (README, "Route matching": a `.json` path is denied when the path without
 * it is another row's) was not applied by the diff, and rows were keyed by their text with names
 * erased even after a backslash, so two different escaped literal routes were one row "renamed".
 * Expectations written by hand from the REST page (line numbers: `grep -n`).
 */
import { describe, expect, it } from 'vitest';
import { diff, diffEdit, REST, sourcesWith } from './helpers.ts';

describe('the .json format suffix', () => {
  it('deleting a redundant row makes its .json path allowed: widened (REST lines 2026 and 2027)', async () => {
    // 2026: Read | User | GET /snippets/public; 2027: Read | User | GET /snippets/:id (read_snippet both).
    // Before: /snippets/public.json is `:id` = `public.json` as written and /snippets/public without the suffix: two rows, denied.
    // After: one row for both readings: read_snippet.
    const { code, changes } = await diffEdit(REST, ['| Read | User | `GET` | `/snippets/public` |\n', '']);
    expect(code).toBe(1);
    const widened = changes.filter((c) => c.impact === 'widened');
    expect(widened.map((c) => [c.subject, c.example])).toEqual([['no route → GET /snippets/:id', 'GET /snippets/public.json']]);
  });
});

describe('rows keyed by their parsed pattern', () => {
  it('`dependencies\\:export` and `dependencies\\:everything` are two literal routes: the new one is added, widened (REST line 65)', async () => {
    const row = '| Read | Project | `GET` | `/projects/:id/dependencies` |';
    const [old, now] = await Promise.all([
      sourcesWith(REST, [row, `${row}\n| Read | Project | \`GET\` | \`/projects/:id/dependencies\\:export\` |`]),
      sourcesWith(REST, [row, `${row}\n| Read | Project | \`GET\` | \`/projects/:id/dependencies\\:everything\` |`]),
    ]);
    const { code, changes } = await diff(old, now);
    expect(code).toBe(1);
    expect(changes.map((c) => [c.impact, c.type, c.subject]).sort((a, b) => b[0]!.localeCompare(a[0]!))).toEqual([
      ['widened', 'endpoint-added', 'GET /projects/:id/dependencies\\:everything'],
      ['narrowed', 'endpoint-removed', 'GET /projects/:id/dependencies\\:export'],
    ]);
  });
});
