/**
 * `sources/reviewed-warnings.json`: warnings accepted with a reason. They stay diagnostics (marked
 * `reviewed`), are not printed one by one, and `--strict` does not promote them; every other
 * warning still fails `--strict`, and a subject that no longer matches is reported.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../generator/generate.ts';
import { projectRoot } from '../helpers/build.ts';
import { runPermgen as permgen } from '../helpers/cli.ts';
import { jobTokenProject } from './helpers.ts';

// The seed job-token page's three route-overlap warnings ([losing row, winning row] as the page
// writes them; the same three as test/routes/rules.test.ts, read off the page's lines 115/170, 125/181, 228/211).
const SEED_OVERLAPS = [
  ['GET /groups/:id/-/packages/npm/*package_name', 'GET /groups/:id/-/packages/npm/-/package/*package_name/dist-tags'],
  ['GET /packages/npm/*package_name', 'GET /packages/npm/-/package/*package_name/dist-tags'],
  ['GET /projects/:id/packages/:package_id/pipelines', 'GET /projects/:id/packages/npm/*package_name'],
];
// Subjects sit at column 9 of lines 8, 12, 16 in the file `reviewed()` writes (JSON.stringify, indent 2: four levels deep).
const REASON = 'Checked against GitLab: the more specific route is the one GitLab dispatches to.';

async function reviewed(root: string, subjects: string[][], source = 'gitlab-job-token-permissions'): Promise<void> {
  await writeFile(path.join(root, 'sources/reviewed-warnings.json'), `${JSON.stringify({ warnings: [{ rule: 'route-overlap', source, reason: REASON, subjects }] }, null, 2)}\n`);
}


describe('reviewed warnings', () => {
  it('--strict passes when every warning is reviewed, and each keeps its review as data', async () => {
    const root = await jobTokenProject();
    // Without the file: the three overlaps fail --strict.
    expect((await generate({ root, strict: true })).ok).toBe(false);
    // The build cache must see the new file (it is an input even while absent).
    await reviewed(root, SEED_OVERLAPS);
    const result = await generate({ root, strict: true });
    expect(result.ok).toBe(true);
    expect(result.written).toBe(true);
    const overlaps = result.diagnostics.filter((d) => d.ruleId === 'route-overlap');
    expect(overlaps.map((d) => [d.line, d.subject, d.reviewed])).toEqual([
      [115, SEED_OVERLAPS[0], { file: 'sources/reviewed-warnings.json', line: 8, column: 9, reason: REASON }],
      [125, SEED_OVERLAPS[1], { file: 'sources/reviewed-warnings.json', line: 12, column: 9, reason: REASON }],
      [228, SEED_OVERLAPS[2], { file: 'sources/reviewed-warnings.json', line: 16, column: 9, reason: REASON }],
    ]);
  });

  it('a warning left out of the file still fails --strict', async () => {
    const root = await jobTokenProject();
    await reviewed(root, SEED_OVERLAPS.slice(0, 2));
    const result = await generate({ root, strict: true });
    expect(result.ok).toBe(false);
    expect(result.written).toBe(false);
    expect(result.diagnostics.filter((d) => d.reviewed === undefined).map((d) => `${d.ruleId} ${d.line}`)).toEqual(['route-overlap 228']);
  });

  it('matches the source by manifest id and the subject exactly: another source or a changed route reviews nothing', async () => {
    const root = await jobTokenProject();
    await reviewed(root, SEED_OVERLAPS, 'some-other-source');
    expect((await generate({ root, strict: true })).ok).toBe(false);
    await reviewed(root, [[SEED_OVERLAPS[0]![0]!, SEED_OVERLAPS[0]![1]!.replace('dist-tags', 'dist_tags')], ...SEED_OVERLAPS.slice(1)]);
    const result = await generate({ root, strict: true });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.filter((d) => d.reviewed === undefined).map((d) => `${d.ruleId} ${d.file}:${d.line}:${d.column}`)).toEqual([
      'route-overlap sources/job-token.md:115:1',
      'reviewed-warning-unused sources/reviewed-warnings.json:8:9',
    ]);
  });

  it('the CLI prints the unreviewed warnings and counts the reviewed ones', async () => {
    const root = await jobTokenProject();
    await reviewed(root, SEED_OVERLAPS.slice(1));
    const lax = await permgen(['generate'], root);
    expect(lax.code).toBe(0);
    expect(lax.stderr.match(/\[route-overlap\]/g)).toHaveLength(1);
    expect(lax.stderr).toContain('sources/job-token.md:115:1 warning `GET /groups/:id/-/packages/npm/*package_name`');
    expect(lax.stderr).toContain('permgen: 2 reviewed warning(s) not shown (accepted in sources/reviewed-warnings.json; --json lists them).\n');
    expect(lax.stdout).toMatch(/, 3 warning\(s\) \(2 reviewed\), \d+ ms\n$/);
    const strict = await permgen(['generate', '--check', '--strict'], root);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('permgen: 0 error(s), 3 warning(s) (2 reviewed) (--strict: unreviewed warnings are errors); nothing was written.\n');
    const json = JSON.parse((await permgen(['generate', '--check', '--json'], root)).stdout) as { diagnostics: { ruleId: string; reviewed?: unknown }[] };
    expect(json.diagnostics.filter((d) => d.ruleId === 'route-overlap' && d.reviewed !== undefined)).toHaveLength(2);
  });
});

describe('the real sources', () => {
  it('every warning is reviewed: the 4 job-token and 74 REST route overlaps (README, "Commands"), so --strict passes', async () => {
    const { buildCatalog } = await import('../../generator/build-catalog.ts');
    const { diagnostics } = await buildCatalog({ root: projectRoot });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(diagnostics.filter((d) => d.reviewed === undefined).map((d) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual([]);
    const count = (file: string) => diagnostics.filter((d) => d.ruleId === 'route-overlap' && d.file === file).length;
    expect([count('sources/gitlab-job-token-fine-grained-permissions.008551b.md'), count('sources/gitlab-pat-fine-grained-rest.0739b8b.md')]).toEqual([4, 74]);
  });
});
