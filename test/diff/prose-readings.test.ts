/**
 * Prose the package rests on, in the change report: the token-scopes readings and the operations page notes.
 * `permgen diff` and the token-scopes page's prose: what the package's classic-scope answers rest on
 * is the reviewed readings of it (generator/least-privilege/classic-scope-rules.ts) that the page's
 * words support. A bug hunt found two words-only edits that widen those answers reported as "No
 * permission changes". Each test diffs an old page (the current one with the words removed) against
 * the current page (lines: `sed -n 19p`, `sed -n 35p` of sources/gitlab-access-token-scopes.ja.flattened.txt).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diff, runDiff, sourcesWith } from './helpers.ts';

const SCOPES = 'gitlab-token-scopes';
const FILE = 'gitlab-access-token-scopes.ja.flattened.txt';

/** A sources folder with the current token-scopes page, line `n` (1-based) changed by `edit`. */
async function withLine(n: number, edit: (line: string) => string): Promise<string> {
  const dir = await sourcesWith(SCOPES);
  const lines = (await readFile(path.join(dir, FILE), 'utf8')).split('\n');
  const edited = edit(lines[n - 1]!);
  if (edited === lines[n - 1]) throw new Error(`the edit does not apply to line ${n}`);
  lines[n - 1] = edited;
  await writeFile(path.join(dir, FILE), lines.join('\n'));
  return dir;
}

describe('classic-scope readings in the change report', () => {
  it('read_user gains "Also grants access to read-only API endpoints under /users." (line 35): widened', async () => {
    const old = await withLine(35, (l) => l.replace(' Also grants access to read-only API endpoints under /users.', ''));
    const { code, changes } = await diff(old, await sourcesWith(SCOPES));
    expect(code).toBe(1);
    expect(changes.map((c) => [c.impact, c.type, c.subject, c.after, c.position?.line])).toEqual([
      ['widened', 'classic-reading-gained', 'read_user: "Also grants access to read-only API endpoints under /users."', 'GET /users/* (personal tokens)', 35],
    ]);
  });

  it('api gains footnote 1 (line 19 ends with its marker; the footnote at line 41 says personal api tokens also get Git over HTTP): widened, and the reverse narrowed', async () => {
    const old = await withLine(19, (l) => l.replace(/ 1$/, ''));
    const now = await sourcesWith(SCOPES);
    const widened = await diff(old, now);
    expect(widened.code).toBe(1);
    expect(widened.changes.map((c) => [c.impact, c.type, c.position?.line])).toEqual([['widened', 'classic-reading-gained', 41]]);
    expect(widened.changes[0]!.after).toBe('git-pull, git-pull-wiki, git-pull-snippet, lfs-download, git-push, git-push-wiki, git-push-snippet, lfs-upload (personal tokens)');
    const narrowed = await diff(now, old);
    expect(narrowed.code).toBe(0);
    expect(narrowed.changes.map((c) => [c.impact, c.type])).toEqual([['narrowed', 'classic-reading-lost']]);
  });
});

describe('operations page prose in the change report', () => {
  it('the registry note (line 65: the words that deny registry push) reversed is widened for review', async () => {
    const note = '> You cannot use fine-grained personal access tokens to push container images.';
    const now = await sourcesWith('gitlab-pat-other-operations', [note, '> You can use fine-grained personal access tokens to push container images.']);
    const { code, changes } = await diff(await sourcesWith('gitlab-pat-other-operations'), now);
    expect(code).toBe(1);
    expect(changes.map((c) => [c.impact, c.type, c.subject])).toEqual([['widened', 'operation-notes', 'Container registry']]);
  });
});

describe('the Markdown report\'s line column', () => {
  it('says "before:" for a line of the old page (a change with no after side)', async () => {
    const now = await sourcesWith(SCOPES);
    const old = await withLine(19, (l) => l.replace(/ 1$/, ''));
    const { stdout } = await runDiff(now, old);
    // The reading lost is at line 41 of the old side (`now` here): the current page's footnote.
    expect(stdout).toMatch(/\| before: `[^`]*gitlab-access-token-scopes\.ja\.flattened\.txt`:41 \|/);
  });
});
