/** `permgen read` without --reader: each real page is recognised by its content, not its name. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectReader } from '../../generator/read/registry.ts';
import { projectRoot } from '../helpers/build.ts';

describe('reader detection', () => {
  it.each([
    ['gitlab-job-token-fine-grained-permissions.008551b.md', 'markdown'],
    ['forgejo-access-token-scopes.code-viewer.txt', 'code-viewer-scrape'],
    ['gitlab-access-token-scopes.ja.flattened.txt', 'flattened-table-text'],
    ['gitlab-pat-fine-grained-graphql.41946e6.md', 'markdown'],
    ['buildkite-graphql-enum-api-access-token-scopes.html', 'html'],
  ])('%s → %s', (file, reader) => {
    expect(detectReader(readFileSync(path.join(projectRoot, 'sources', file), 'utf8'))?.name).toBe(reader);
  });

  it('recognises nothing in text that is no permission page', () => {
    expect(detectReader('Just a line of prose.\n')).toBeUndefined();
  });
});
