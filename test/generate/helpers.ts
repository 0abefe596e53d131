import { cp, mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../helpers/build.ts';

/** A temp project whose only source is a copy of the real job-token page. */
export async function jobTokenProject(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'permgen-project-'));
  await mkdir(path.join(root, 'sources'));
  await cp(path.join(projectRoot, 'sources/gitlab-ci-job-token-fine-grained-permissions.md'), path.join(root, 'sources/job-token.md'));
  await writeFile(
    path.join(root, 'sources/sources.json'),
    JSON.stringify({ sources: [{ id: 'gitlab-job-token-permissions', file: 'job-token.md', format: 'markdown', provider: 'gitlab', title: 'Job tokens', url: 'https://example.test' }] }, null, 2),
  );
  return root;
}
