/**
 * The job-token page permgen started from (GitLab's beta single-table layout, 168 rows) is a test
 * fixture now; `sources/` compiles GitLab's current page. Tests of the seed read it through a
 * project laid out as this repository's was: `sources/sources.json` with the same entry (id, title,
 * URL) and the page under its original name, so every position, source line and snapshot still
 * says `sources/gitlab-ci-job-token-fine-grained-permissions.md`, as a user still on that version
 * of the page would see it.
 */
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot, realCatalog } from './build.ts';
import type { BuildResult } from '../../generator/build-catalog.ts';

/** The seed page, byte for byte as it was in `sources/`. */
export const JOB_TOKEN_SEED = 'test/fixtures/seeds/gitlab-ci-job-token-fine-grained-permissions.md';
/** Its name in the seed project's `sources/` (the name it had in this repository). */
export const JOB_TOKEN_SEED_NAME = 'gitlab-ci-job-token-fine-grained-permissions.md';

/** The manifest entry the repository had for the seed page. */
export const JOB_TOKEN_SEED_ENTRY = {
  id: 'gitlab-job-token-permissions',
  file: JOB_TOKEN_SEED_NAME,
  format: 'markdown',
  provider: 'gitlab',
  title: 'Fine-grained permissions for CI/CD job tokens',
  url: 'https://docs.gitlab.com/ci/jobs/fine_grained_permissions/',
} as const;

/** A fresh temp project whose only source is the seed job-token page. */
export async function makeJobTokenSeedProject(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'permgen-seed-'));
  await mkdir(path.join(root, 'sources'));
  await copyFile(path.join(projectRoot, JOB_TOKEN_SEED), path.join(root, 'sources', JOB_TOKEN_SEED_NAME));
  await writeFile(path.join(root, 'sources/sources.json'), `${JSON.stringify({ sources: [JOB_TOKEN_SEED_ENTRY] }, null, 2)}\n`);
  return root;
}

let shared: Promise<string> | undefined;

/** One seed project per test file (read-only: tests that edit a page make their own). */
export function jobTokenSeedProject(): Promise<string> {
  shared ??= makeJobTokenSeedProject();
  return shared;
}

/** The catalog of the seed project (cached like `realCatalog`). */
export async function seedCatalog(): Promise<BuildResult> {
  return realCatalog(await jobTokenSeedProject());
}
