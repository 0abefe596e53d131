/**
 * The real page (sources/gitlab-pat-fine-grained-other-operations.3f07355.md). Every count is read
 * off the page with grep, as written next to it; lines and columns are the page's.
 */
import { describe, expect, it } from 'vitest';
import { extractRealPage, PAGE } from './pipeline.ts';
import { realCatalog } from '../helpers/build.ts';
import type { GitlabOperation, GitlabOperationPermissionsModel } from '../../generator/model/catalog.ts';

const at = (line: number, column: number) => ({ file: PAGE, line, column });
const model = (): GitlabOperationPermissionsModel => {
  const { model } = extractRealPage();
  if (!model) throw new Error('the page was not recognised');
  return model;
};
const operations = (): GitlabOperation[] => model().sections.flatMap((s) => s.tables.flatMap((t) => t.operations));
const byName = (name: string) => operations().find((o) => o.name === name);

/** Recursively drops `position` (structure compared apart from positions, as remark's removePosition). */
function withoutPositions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPositions);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'position').map(([k, v]) => [k, withoutPositions(v)]));
  return value;
}

describe('GitLab "Fine-grained permissions for Git and other operations"', () => {
  it('reads without diagnostics', () => {
    expect(extractRealPage().diagnostics).toEqual([]);
  });

  it('has the page\'s tables and rows', () => {
    // grep -cE '^\| (Operation|Feed) +\| Resource' → 6 tables.
    const tables = model().sections.flatMap((s) => s.tables);
    expect(tables).toHaveLength(6);
    // Rows per table: awk over the `|` lines after each header, delimiter rows skipped → 8, 2, 1, 2, 9, 3.
    expect(tables.map((t) => t.operations.length)).toEqual([8, 2, 1, 2, 9, 3]);
    // grep -c '^|' → 37 table lines, minus 6 headers and 6 delimiter rows (grep -c '^| -') → 25 rows.
    expect(operations()).toHaveLength(25);
    // The one `Feed | …` table is at line 89 (grep -n '^| Feed').
    expect(tables.map((t) => [t.subject, t.position.line])).toEqual([
      ['Operation', 37],
      ['Operation', 59],
      ['Operation', 73],
      ['Operation', 79],
      ['Feed', 89],
      ['Operation', 103],
    ]);
  });

  it('keeps the section of every table', () => {
    // grep -n '^## ' → the six sections, each with one table.
    expect(model().sections.map((s) => [s.title, s.anchor, s.position, s.tables.length])).toEqual([
      ['Git operations', 'git-operations', at(32, 1), 1],
      ['Container registry', 'container-registry', at(53, 1), 1],
      ['Dependency proxy', 'dependency-proxy', at(67, 1), 1],
      ['Archive and release asset downloads', 'archive-and-release-asset-downloads', at(77, 1), 1],
      ['RSS and calendar feeds', 'rss-and-calendar-feeds', at(84, 1), 1],
      ['Other operations', 'other-operations', at(101, 1), 1],
    ]);
  });

  it('reads the footnotes after `**Footnotes**:` (grep -c "^1\\. " → 2) into the table above them', () => {
    const git = model().sections[0]!.tables[0]!;
    expect(git.footnotes).toEqual([
      { id: 1, text: 'Project wikis use the project boundary and group wikis use the group boundary.', position: at(50, 4) },
      { id: 2, text: 'Project snippets use the project boundary and personal snippets use the user boundary.', position: at(51, 4) },
    ]);
    expect(model().sections.slice(1).flatMap((s) => s.tables.flatMap((t) => t.footnotes))).toEqual([]);
  });

  it('gives the footnoted rows every boundary of their Access cell, footnote text attached', () => {
    // grep -n '<sup>' → lines 41–44, the only rows citing a footnote.
    const footnoted = operations().filter((o) => o.footnotes.length > 0);
    expect(footnoted.map((o) => [o.name, o.position.line, o.access, o.boundaries, o.footnotes.map((f) => f.id)])).toEqual([
      ['Clone or pull a wiki', 41, 'Project, Group <sup>1</sup>', ['project', 'group'], [1]],
      ['Push to a wiki', 42, 'Project, Group <sup>1</sup>', ['project', 'group'], [1]],
      ['Clone or pull a snippet', 43, 'Project, User <sup>2</sup>', ['project', 'user'], [2]],
      ['Push to a snippet', 44, 'Project, User <sup>2</sup>', ['project', 'user'], [2]],
    ]);
    expect(byName('Push to a wiki')?.footnotes[0]?.text).toBe('Project wikis use the project boundary and group wikis use the group boundary.');
    // Rows listing several boundaries without a footnote (line 96 and 107).
    expect(byName('Issues and work items, including calendars')?.boundaries).toEqual(['project', 'group', 'user']);
    expect(byName('Receive live comment updates over WebSocket')?.boundaries).toEqual(['project', 'group']);
  });

  it('keeps the `> [!note]` callout (grep -c "^> \\[!note\\]" → 1) as a note of its section', () => {
    const notes = model().sections.flatMap((s) => s.notes.map((n) => [s.title, n]));
    expect(notes).toEqual([['Container registry', { callout: 'note', text: 'You cannot use fine-grained personal access tokens to push container images.', position: at(64, 1) }]]);
  });

  it('keeps each section\'s lead paragraph, link text kept, and none where the table follows the heading', () => {
    // Sections whose first non-blank line after the `## ` heading is not a `|` line:
    // awk '/^## /{w=1;next} w&&NF{if($0!~/^\|/)n++;w=0} END{print n}' → 4, at lines 34, 55, 69 and 86
    // (Archive and release asset downloads, Other operations: the table follows the heading).
    expect(model().sections.map((s) => [s.title, s.leads])).toEqual([
      ['Git operations', [{ text: 'A fine-grained personal access token used as the password for Git over HTTPS must have the following permissions:', position: at(34, 1) }]],
      // `[container registry](../../user/packages/…)`: the link's text, as every paragraph is read.
      ['Container registry', [{ text: 'A fine-grained personal access token used to sign in to the container registry must have the following permissions:', position: at(55, 1) }]],
      ['Dependency proxy', [{ text: 'A fine-grained personal access token used to sign in to the dependency proxy must have the following permissions:', position: at(69, 1) }]],
      ['Archive and release asset downloads', undefined],
      ['RSS and calendar feeds', [{ text: 'A fine-grained personal access token used to authenticate RSS or iCalendar feed requests must have the following permissions:', position: at(86, 1) }]],
      ['Other operations', undefined],
    ]);
    expect(model().sections.filter((s) => 'leads' in s)).toHaveLength(4);
  });

  it('names permissions as the GraphQL page does: snake(action)_snake(resource)', () => {
    expect(byName('Clone or pull a project repository')?.permission).toBe('download_code');
    expect(byName('Clone or pull a wiki')?.permission).toBe('read_wiki');
    expect(byName('Pull container images')?.permission).toBe('read_container_repository');
    expect(byName('Personal access token expiration calendar')?.permission).toBe('read_personal_access_token');
  });

  it('gives each row an id from its section anchor and its name, and its position', () => {
    expect(byName('Push to a project repository')).toMatchObject({ id: 'git-operations:push-to-a-project-repository', position: at(40, 1) });
    expect(byName('Issues and work items, including calendars')?.id).toBe('rss-and-calendar-feeds:issues-and-work-items-including-calendars');
    expect(new Set(operations().map((o) => o.id)).size).toBe(25);
  });

  it('matches the reviewed model (positions checked above)', () => {
    expect(withoutPositions(model().sections)).toMatchSnapshot();
  });

  it('is a source of the real catalog', async () => {
    const { catalog, diagnostics } = await realCatalog();
    const source = catalog.sources.find((s) => s.kind === 'gitlab-operation-permissions');
    expect(source?.source.id).toBe('gitlab-pat-other-operations');
    expect(diagnostics.filter((d) => d.file === PAGE)).toEqual([]);
  });
});
