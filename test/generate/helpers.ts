import { cp, mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../helpers/build.ts';
import { JOB_TOKEN_SEED } from '../helpers/job-token-seed.ts';

/** A temp project whose only source is a copy of the seed job-token page (single-table layout, 168 rows). */
export async function jobTokenProject(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'permgen-project-'));
  await mkdir(path.join(root, 'sources'));
  await cp(path.join(projectRoot, JOB_TOKEN_SEED), path.join(root, 'sources/job-token.md'));
  await writeFile(
    path.join(root, 'sources/sources.json'),
    JSON.stringify({ sources: [{ id: 'gitlab-job-token-permissions', file: 'job-token.md', format: 'markdown', provider: 'gitlab', title: 'Job tokens', url: 'https://example.test' }] }, null, 2),
  );
  return root;
}
