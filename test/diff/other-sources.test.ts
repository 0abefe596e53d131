/**
 * Change reports for the GraphQL, token-scope and Buildkite pages: copies of the real pages with
 * edits a docs change could make; every expected change is written by hand.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../generator/build-catalog.ts';
import { compareCatalogs } from '../../generator/diff/compare-catalogs.ts';
import { projectRoot } from '../helpers/build.ts';

async function copyOfSources(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'permgen-diff-'));
  await cp(path.join(projectRoot, 'sources'), path.join(root, 'sources'), { recursive: true });
  return root;
}

async function edit(root: string, file: string, edits: [string, string][]): Promise<void> {
  const full = path.join(root, 'sources', file);
  let text = await readFile(full, 'utf8');
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`fixture edit does not apply: ${from}`);
    text = text.replace(from, to);
  }
  await writeFile(full, text);
}

describe('permgen diff on the GraphQL, scope and enum pages', async () => {
  const oldRoot = await copyOfSources();
  const newRoot = await copyOfSources();
  await edit(newRoot, 'gitlab-pat-fine-grained-graphql.41946e6.md', [
    // RunnerCreate no longer granted at instance level: a grant moves between boundaries (narrowed).
    ['| Create | Instance | Mutation | `RunnerCreate` |\n', ''],
    // Label now also readable at instance level (widened).
    ['| Read | Group | Type | `Label` |\n', '| Read | Group | Type | `Label` |\n| Read | Instance | Type | `Label` |\n'],
    // Blob's only row dropped (`grep -c 'Type | .Blob.' page` → 1): widened, lax mode now allows Blob
    // with no permission. Project.jobs gains its first Field row (the page has none): narrowed, the
    // field now needs read_runner on top of its parent type.
    ['| Read | Project | Type | `Blob` |\n', ''],
    ['| Read | Project | Type | `CiRunner` |\n', '| Read | Project | Type | `CiRunner` |\n| Read | Project | Field | `Project.jobs` |\n'],
  ]);
  await edit(newRoot, 'gitlab-access-token-scopes.ja.flattened.txt', [
    // sudo becomes available to group tokens (widened); read_user is removed (narrowed: no token can hold it).
    ['sudoPersonalGrants permission', 'sudoPersonal, groupGrants permission'],
    ['read_userPersonalGrants read-only access to the authenticated user’s profile through the /user API endpoint, which includes username, public email, and full name. Also grants access to read-only API endpoints under /users.\n', ''],
  ]);
  await edit(newRoot, 'buildkite-graphql-enum-api-access-token-scopes.html', [
    ['<tr><td><p><strong><code>GRAPHQL</code></strong></p></td></tr>', ''],
    ['<tr><td><p><strong><code>WRITE_TEST_PLAN</code></strong></p></td></tr>', '<tr><td><p><strong><code>WRITE_TEST_PLAN</code></strong></p></td></tr><tr><td><p><strong><code>READ_AUDIT_LOG</code></strong></p></td></tr>'],
  ]);

  it('classifies each edit', async () => {
    const [a, b] = await Promise.all([buildCatalog({ root: oldRoot }), buildCatalog({ root: newRoot })]);
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const report = compareCatalogs(a.catalog, b.catalog);
    expect(report.changes.map((c) => `${c.impact} ${c.type} ${c.subject}: ${c.before ?? '∅'} → ${c.after ?? '∅'}`).sort()).toEqual([
      // Removing read_user's row (line 35) loses its two readings, and moves api's footnote (line 41) to line 40, where
      // the reading pinned to line 41 no longer finds its words: the package's classic answers lose all three (as generate warns).
      'narrowed classic-reading-lost api: "For a personal access token, api also grants complete read and write access to the registry and repository through Git-over-HTTP.": git-pull, git-pull-wiki, git-pull-snippet, lfs-download, git-push, git-push-wiki, git-push-snippet, lfs-upload (personal tokens) → ∅',
      'narrowed classic-reading-lost read_user: "Also grants access to read-only API endpoints under /users.": GET /users/* (personal tokens) → ∅',
      'narrowed classic-reading-lost read_user: "through the /user API endpoint": GET /user (personal tokens) → ∅',
      'narrowed enum-value-removed APIAccessTokenScopes.GRAPHQL: ∅ → ∅',
      'narrowed grant-added Field Project.jobs ← read_runner: ∅ → project',
      'narrowed grant-boundaries Mutation RunnerCreate ← create_runner: group, instance, project → group, project',
      'narrowed scope-removed read_user: personal → ∅',
      'widened enum-value-added APIAccessTokenScopes.READ_AUDIT_LOG: ∅ → ∅',
      'widened grant-boundaries Type Label ← read_label: group, project → group, instance, project',
      'widened grant-removed Type Blob ← read_repository: project → ∅',
      'widened scope-availability sudo: personal → personal, group',
    ]);
  });
});
