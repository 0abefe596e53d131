/**
 * `permgen diff --fail-on widened` against the widenings a bug hunt found it missed (findings 1-4,
 * 7-10 of the hunt report, their reproducers' names in each test's title). Each test copies the
 * real pages of `sources/` twice, makes the hunter's one edit (or an equivalent minimal one) on one
 * side, runs the CLI command and checks the change and the exit code. The rule (README "Docs, docs
 * site and change reports"): widened when some token can do something after that it could not
 * before; a change that also narrows is still widened, its note saying what narrowed.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../generator/build-catalog.ts';
import { compareCatalogs } from '../../generator/diff/compare-catalogs.ts';
import { projectRoot } from '../helpers/build.ts';
import { diff, line } from './helpers.ts';

const FORGEJO = 'forgejo-access-token-scopes.code-viewer.txt';
const GRAPHQL = 'gitlab-pat-fine-grained-graphql.41946e6.md';
const OPERATIONS = 'gitlab-pat-fine-grained-other-operations.3f07355.md';
const SCOPES = 'gitlab-access-token-scopes.ja.flattened.txt';
const MANIFEST = 'sources.json';

type Edit = (text: string) => string;

/** Replaces `from` (which must be on the page, once) by `to`. */
const replace =
  (from: string, to: string): Edit =>
  (text) => {
    if (text.split(from).length !== 2) throw new Error(`fixture edit does not apply once: ${from}`);
    return text.replace(from, () => to);
  };

/** A copy of `sources/` with each file's edit applied; returns the sources folder. */
async function sources(edits: Record<string, Edit> = {}): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'permgen-widening-')), 'sources');
  await cp(path.join(projectRoot, 'sources'), dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) await writeFile(path.join(dir, file), edit(await readFile(path.join(dir, file), 'utf8')));
  return dir;
}


describe('permgen diff --fail-on widened catches every widening', () => {
  it('1. a Forgejo level allowing another method is widened, one losing methods narrowed (fj-read-level-methods, fj-write-level-only-get)', async () => {
    const old = await sources();
    const wider = await diff(old, await sources({ [FORGEJO]: replace('- `read`: `GET` routes', '- `read`: `GET` and `POST` routes') }));
    expect([wider.code, wider.lines]).toEqual([1, ['widened level-methods read: GET → GET, POST']]);
    expect(wider.report.changes[0]!.note).toBe('read scopes now allow POST');

    const now = await sources({ [FORGEJO]: replace('- `write`: `POST`, `PUT`, `PATCH`, and `DELETE` routes (in addition to `GET`)', '- `write`: `GET` routes') });
    const narrower = await diff(old, now);
    expect([narrower.code, narrower.lines]).toEqual([0, ['narrowed level-methods write: POST, PUT, PATCH, DELETE, GET → GET']]);
    expect((await diff(old, now, 'narrowed')).code).toBe(1);
    // Back again: the write level gains four methods.
    expect((await diff(now, old)).lines).toEqual(['widened level-methods write: GET → POST, PUT, PATCH, DELETE, GET']);
  });

  it('1. the Forgejo `(no scope)` row changing is widened, for review (permgen does not read its prose)', async () => {
    const r = await diff(await sources(), await sources({ [FORGEJO]: replace('Not supported. A scope is required even for public repositories.', 'Read access to public repositories.') }));
    expect([r.code, r.lines]).toEqual([1, ['widened no-scope (no scope): Not supported. A scope is required even for public repositories. → Read access to public repositories.']]);
  });

  it('2. a Forgejo category losing its exception is widened, one losing a route narrowed (fj-prefix-widened)', async () => {
    const old = await sources();
    const wider = await diff(old, await sources({ [FORGEJO]: replace('`/repos/*` API routes except `/repos/issues/*`:', '`/repos/*` API routes:') }));
    expect([wider.code, wider.lines]).toEqual([1, ['widened scope-routes repository: /repos/* except /repos/issues/* → /repos/*']]);
    expect(wider.report.changes[0]!.note).toBe('/repos/issues/* no longer excepted');

    const narrower = await diff(old, await sources({ [FORGEJO]: replace('`issues/*`, `labels/*`, `milestones/*` API routes', '`issues/*`, `labels/*` API routes') }));
    expect([narrower.code, narrower.lines]).toEqual([0, ['narrowed scope-routes issue: issues/*, labels/*, milestones/* → issues/*, labels/*']]);
  });

  it('2. a Forgejo category on one side only: added with scopes is widened, removed narrowed', async () => {
    // A row more or less on the scraped page breaks its line-count banner, so the category is
    // dropped from the model the real page gives.
    const { catalog } = await buildCatalog({ root: projectRoot });
    const without = structuredClone(catalog);
    const forgejo = without.sources.find((s) => s.kind === 'forgejo-scopes')!;
    if (forgejo.kind !== 'forgejo-scopes') throw new Error('no Forgejo source');
    forgejo.categories = forgejo.categories.filter((c) => c.name !== 'package');
    expect(compareCatalogs(catalog, without).changes.map(line)).toEqual(['narrowed category-removed package: read:package, write:package on /packages/* → ∅']);
    expect(compareCatalogs(without, catalog).changes.map(line)).toEqual(['widened category-added package: ∅ → read:package, write:package on /packages/*']);
  });

  it('3. a GraphQL "Also requires" footnote removed is widened, added narrowed (gql-runner-footnote-removed)', async () => {
    // The hunter's edit: CiRunner's three rows cite footnote 1, `Also requires the Read Job permission`.
    const footnoted = await sources({
      [GRAPHQL]: (text) =>
        replace(
          '| Update | Instance | Mutation | `RunnerUpdate` |\n',
          '| Update | Instance | Mutation | `RunnerUpdate` |\n\n<sup>1</sup> Also requires the `Read Job` permission.\n',
        )(
          replace(
            '| Read | Project | Type | `CiRunner` |\n| Read | Group | Type | `CiRunner` |\n| Read | Instance | Type | `CiRunner` |',
            '| Read <sup>1</sup> | Project | Type | `CiRunner` |\n| Read <sup>1</sup> | Group | Type | `CiRunner` |\n| Read <sup>1</sup> | Instance | Type | `CiRunner` |',
          )(text),
        ),
    });
    const plain = await sources();
    const footnote = 'group (also requires read_job), instance (also requires read_job), project (also requires read_job)';
    const removed = await diff(footnoted, plain);
    expect([removed.code, removed.lines]).toEqual([1, [`widened grant-also-requires Type CiRunner ← read_runner: ${footnote} → group, instance, project`]]);
    expect(removed.report.changes[0]!.note).toBe('a token with read_runner at project now passes; a token with read_runner at group now passes; a token with read_runner at instance now passes');

    const added = await diff(plain, footnoted);
    expect([added.code, added.lines]).toEqual([0, [`narrowed grant-also-requires Type CiRunner ← read_runner: group, instance, project → ${footnote}`]]);
  });

  it('4. a field losing its last Field row, a type losing its last row, are widened (gql-field-row-removed, gql-type-rows-removed)', async () => {
    const old = await sources();
    // `grep -c 'findingReportsComparer' page` → 1: the field's only row.
    const field = await diff(old, await sources({ [GRAPHQL]: replace('| Read | Project | Field | `MergeRequest.findingReportsComparer` |\n', '') }));
    expect([field.code, field.lines]).toEqual([1, ['widened grant-removed Field MergeRequest.findingReportsComparer ← read_vulnerability: project → ∅']]);
    expect(field.report.changes[0]!.note).toBe('its last Field row: the field is now covered by its parent type alone');

    // `grep -c 'Type | .CiRunner.' page` → 3: every row of CiRunner.
    const type = await diff(old, await sources({ [GRAPHQL]: replace('| Read | Project | Type | `CiRunner` |\n| Read | Group | Type | `CiRunner` |\n| Read | Instance | Type | `CiRunner` |\n', '') }));
    expect([type.code, type.lines]).toEqual([1, ['widened grant-removed Type CiRunner ← read_runner: group, instance, project → ∅']]);
    expect(type.report.changes[0]!.note).toBe('its last row: lax mode now allows this Type without a permission; also narrows: strict mode now denies it');

    // One of three rows removed: the other boundaries still need read_runner, so only narrowed.
    const one = await diff(old, await sources({ [GRAPHQL]: replace('| Read | Instance | Type | `CiRunner` |\n', '') }));
    expect([one.code, one.lines]).toEqual([0, ['narrowed grant-boundaries Type CiRunner ← read_runner: group, instance, project → group, project']]);
  });

  it('7. an operation needing Read instead of Push is widened (ops-push-to-read)', async () => {
    const r = await diff(await sources(), await sources({ [OPERATIONS]: replace('| Push to a project repository       | Code     | Push       | Project       |', '| Push to a project repository       | Code     | Read       | Project       |') }));
    expect([r.code, r.lines]).toEqual([1, ['widened operation-permission git-operations:push-to-a-project-repository: push_code (project) → read_code (project)']]);
    expect(r.report.changes[0]!.note).toBe('a token with read_code alone now passes; also narrows: a token with push_code alone no longer passes');
  });

  it('8. a scope available to new token types and no longer to another is widened, saying what narrowed (scope-availability-swapped)', async () => {
    const r = await diff(await sources(), await sources({ [SCOPES]: replace('sudoPersonalGrants', 'sudoGroup, projectGrants') }));
    expect([r.code, r.lines]).toEqual([1, ['widened scope-availability sudo: personal → group, project']]);
    expect(r.report.changes[0]!.note).toBe('now available to group, project tokens; also narrows: no longer available to personal tokens');
  });

  it('an operation footnote\'s text changing is widened for review: the footnote qualifies the boundary in prose permgen does not interpret (ops-footnote-text)', async () => {
    // Operations page line 50, footnote 1 of the wiki rows (lines 41 and 42).
    const r = await diff(await sources(), await sources({ [OPERATIONS]: replace('1. Project wikis use the project boundary and group wikis use the group boundary.', '1. Project and group wikis use either boundary.') }));
    expect([r.code, r.lines]).toEqual([
      1,
      [
        'widened operation-footnotes git-operations:clone-or-pull-a-wiki: Project wikis use the project boundary and group wikis use the group boundary. → Project and group wikis use either boundary.',
        'widened operation-footnotes git-operations:push-to-a-wiki: Project wikis use the project boundary and group wikis use the group boundary. → Project and group wikis use either boundary.',
      ],
    ]);
  });

  it('8. an operation moved from one boundary to another is widened', async () => {
    const r = await diff(await sources(), await sources({ [OPERATIONS]: replace('| Push to a project repository       | Code     | Push       | Project       |', '| Push to a project repository       | Code     | Push       | Group       |') }));
    expect([r.code, r.lines]).toEqual([1, ['widened operation-boundaries git-operations:push-to-a-project-repository: push_code (project) → push_code (group)']]);
    expect(r.report.changes[0]!.note).toBe('now at group; also narrows: no longer at project');
  });

  it('8. a GraphQL grant moved from one boundary to another is widened', async () => {
    // `grep -n 'Type | .Label.' page` → two rows, Project and Group.
    const r = await diff(await sources(), await sources({ [GRAPHQL]: replace('| Read | Group | Type | `Label` |', '| Read | Instance | Type | `Label` |') }));
    expect([r.code, r.lines]).toEqual([1, ['widened grant-boundaries Type Label ← read_label: group, project → instance, project']]);
    expect(r.report.changes[0]!.note).toBe('a token with read_label at instance now passes; also narrows: a token with read_label at group no longer passes');
  });

  it('9. a source whose id changed is compared with its old self by its page (source-id-renamed-plus-widen)', async () => {
    const renamed: Edit = replace('"id": "gitlab-token-scopes"', '"id": "gitlab-token-scopes-v2"');
    const r = await diff(await sources(), await sources({ [MANIFEST]: renamed, [SCOPES]: replace('sudoPersonalGrants', 'sudoPersonal, groupGrants') }));
    expect(r.code).toBe(1);
    expect(r.lines).toEqual(['neutral source-renamed gitlab-token-scopes-v2: gitlab-token-scopes → gitlab-token-scopes-v2', 'widened scope-availability sudo: personal → personal, group']);
    expect([r.report.sourcesAdded, r.report.sourcesRemoved]).toEqual([[], []]);
  });

  it('9. every source removed fails --fail-on any and narrowed, and a new source fails widened (sources-empty)', async () => {
    const old = await sources();
    const empty = await sources({ [MANIFEST]: () => '{"sources": []}' });
    // The manifest lists 7 sources: `grep -c '"id"' sources/sources.json`.
    const gone = await diff(old, empty, 'any');
    expect(gone.code).toBe(1);
    expect(gone.report.changes.map((c) => `${c.impact} ${c.type}`)).toEqual(Array(7).fill('narrowed source-removed'));
    expect(gone.report.sourcesRemoved).toHaveLength(7);
    expect((await diff(old, empty, 'narrowed')).code).toBe(1);
    expect((await diff(old, empty, 'widened')).code).toBe(0);
    const back = await diff(empty, old, 'widened');
    expect([back.code, back.report.changes.filter((c) => c.type === 'source-added' && c.impact === 'widened').length]).toEqual([1, 7]);
  });

  it('9. a source read as another kind of page is widened (source-kind-swap)', async () => {
    const swapped: Edit = (text) => {
      const manifest = JSON.parse(text) as { sources: { id: string; file: string }[] };
      manifest.sources.find((s) => s.id === 'gitlab-job-token-permissions')!.file = 'gitlab-pat-fine-grained-rest.0739b8b.md';
      return JSON.stringify(manifest, null, 2);
    };
    const r = await diff(await sources(), await sources({ [MANIFEST]: swapped }));
    expect([r.code, r.lines]).toEqual([1, ['widened source-kind gitlab-job-token-permissions: gitlab-job-token-endpoints → gitlab-rest-permissions']]);
  });

  it('10. token types reordered are no change (scope-availability-reordered)', async () => {
    const r = await diff(await sources(), await sources({ [SCOPES]: replace('read_apiPersonal, group, projectGrants', 'read_apiProject, group, personalGrants') }), 'any');
    expect([r.code, r.lines]).toEqual([0, []]);
  });
});
