/**
 * The package as a user gets it: `npm pack` the emitted package, install the tarball into an
 * empty project, import every subpath with plain node (no TypeScript, no bundler).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { realCatalog, writePackage } from '../helpers/build.ts';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('npm pack → install → import', () => {
  it('imports every subpath with plain node and has no runtime dependencies', async () => {
    const { catalog } = await realCatalog();
    const { dir } = await writePackage(catalog);
    const pkg = JSON.parse((await import('node:fs')).readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('token-permissions');
    expect(pkg.type).toBe('module');
    expect(pkg.dependencies).toBeUndefined();
    expect(Object.keys(pkg.exports)).toEqual(['.', './gitlab', './gitlab/graphql', './buildkite', './forgejo', './catalog.json', './package.json']);
    // Every file the manifest names by name (not by pattern) is in the package: `files` once listed a
    // `catalog.schema.json` that was never emitted.
    const named = (pkg.files as string[]).filter((f) => !/[*?[]/.test(f));
    expect(named.filter((f) => !existsSync(path.join(dir, f)))).toEqual([]);

    const packDir = await mkdtemp(path.join(tmpdir(), 'permgen-pack-'));
    await run(npm, ['pack', '--silent', '--pack-destination', packDir], { cwd: dir });
    const [tarball] = (await readdir(packDir)).filter((f) => f.endsWith('.tgz'));
    expect(tarball).toBe('token-permissions-0.1.0.tgz');

    const app = await mkdtemp(path.join(tmpdir(), 'permgen-app-'));
    await writeFile(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    await run(npm, ['install', '--no-audit', '--no-fund', '--silent', path.join(packDir, tarball!)], { cwd: app });
    const script = [
      "import * as root from 'token-permissions';",
      "import * as gitlab from 'token-permissions/gitlab';",
      "import * as buildkite from 'token-permissions/buildkite';",
      "import * as forgejo from 'token-permissions/forgejo';",
      "import { createRequire } from 'node:module';",
      "const catalog = createRequire(import.meta.url)('token-permissions/catalog.json');",
      'console.log(JSON.stringify({',
      '  root: Object.keys(root).sort(),',
      "  readJobs: gitlab.isJobTokenPermission('READ_JOBS'),",
      "  nope: gitlab.isJobTokenPermission('read_jobs'),",
      '  permissions: gitlab.jobTokenPermissions.length,',
      '  buildkite: typeof buildkite, forgejo: typeof forgejo,',
      '  sources: catalog.sources.map((s) => s.source.id),',
      '}));',
    ].join('\n');
    const installed = path.join(app, 'node_modules/token-permissions');
    expect((await readdir(installed)).filter((f) => /^(README\.md|catalog\.json|package\.json)$/.test(f)).sort()).toEqual(['README.md', 'catalog.json', 'package.json']);
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: app });
    const out = JSON.parse(stdout);
    // 20: the permission names of the current job-token page (counted in test/job-token-page/current-page.test.ts).
    expect(out).toMatchObject({ root: ['buildkite', 'forgejo', 'gitlab'], readJobs: true, nope: false, permissions: 20, buildkite: 'object', forgejo: 'object' });
    expect(out.sources).toContain('gitlab-job-token-permissions');
  });
});
