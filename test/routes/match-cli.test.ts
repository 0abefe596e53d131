/** `permgen match` as users run it: output, JSON and exit codes. */
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/build.ts';
import { runPermgen } from '../helpers/cli.ts';
import { jobTokenSeedProject } from '../helpers/job-token-seed.ts';

const permgen = async (args: string[]) => runPermgen(args, await jobTokenSeedProject());

describe('permgen match', () => {
  it('denies (exit 1) a request whose matching row the page marks unavailable, still naming the row', async () => {
    // The REST page's catch-all `* /*path` (unavailable: Catch-all fallback) takes a path no other row matches.
    const r = await permgen(['match', 'gitlab-rest', 'GET', '/nonexistent/thing', '--json', '--root', projectRoot]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { denied: string | null; match: { route: string } | null };
    expect(json.match?.route).toBe('* /*path');
    expect(json.denied).toMatch(/^the matching route is unavailable: /);
    const text = await permgen(['match', 'gitlab-rest', 'GET', '/nonexistent/thing', '--root', projectRoot]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('  route:       * /*path\n');
    expect(text.stdout).toMatch(/\n  denied: +the matching route is unavailable: .*\n$/);
  });

  it('prints the route, permissions, source line and why the winner beat the other candidates', async () => {
    const r = await permgen(['match', 'gitlab-job-token', 'GET', '/packages/npm/-/package/@scope%2Fpkg/dist-tags']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'GET /packages/npm/-/package/@scope%2Fpkg/dist-tags',
        '  route:       GET /packages/npm/-/package/*package_name/dist-tags',
        '  source:      sources/gitlab-ci-job-token-fine-grained-permissions.md:181:1',
        '  permissions: READ_PACKAGES (Packages: Read); all are required',
        '  params:      package_name=@scope%2Fpkg (raw, still encoded)',
        '  why:         2 candidate(s) matched; the most specific wins (literal over parameter over splat, segment by segment)',
        '    * GET /packages/npm/-/package/*package_name/dist-tags (line 181)',
        '    - GET /packages/npm/*package_name (line 125): loses, at segment 3 the literal `-` beats the splat `*package_name` (literal over parameter over splat)',
        '',
      ].join('\n'),
    );
  });

  it('answers JSON for scripts, with the canonical path', async () => {
    const r = await permgen(['match', 'gitlab-job-token', 'HEAD', '/%70rojects/1/releases/', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { canonicalPath: string; denied: null; match: { route: string; permissions: string[]; source: string; params: Record<string, string> } };
    expect(json.canonicalPath).toBe('/projects/1/releases');
    expect(json.denied).toBeNull();
    expect(json.match).toMatchObject({ route: 'GET /projects/:id/releases', permissions: ['READ_RELEASES'], source: 'sources/gitlab-ci-job-token-fine-grained-permissions.md:242:1', params: { id: '1' } });
  });

  it('exits 1 when denied, and says why', async () => {
    const unlisted = await permgen(['match', 'gitlab-job-token', 'GET', '/projects/1/issues']);
    expect(unlisted.code).toBe(1);
    expect(unlisted.stdout).toBe('GET /projects/1/issues\n  denied: no documented route matches\n');
    const method = await permgen(['match', 'gitlab-job-token', 'get', '/projects/1/releases']);
    expect(method.code).toBe(1);
    expect(method.stdout).toContain('denied: `get` is not an upper-case standard method');
  });

  it('exits 2 on usage errors', async () => {
    const r = await permgen(['match', 'nope', 'GET', '/x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown table `nope`');
  });
});

describe('--help among other arguments (a bug hunt: exit 0, read by a script as "allowed")', () => {
  it('is a usage error (2) anywhere but alone; a path that starts with "-" goes after "--" and is denied (1)', async () => {
    for (const args of [
      ['match', 'gitlab-rest', 'DELETE', '-h'],
      ['match', 'gitlab-job-token', 'GET', '--help'],
      ['match', 'forgejo', '-h', '/repos/o/r'],
      ['match', 'gitlab-rest', 'GET', '/projects/1/releases', '--help'],
      ['diff', 'a', 'b', '--fail-on', 'widened', '-h'],
      ['graphql-permissions', '--schema', 'x.graphql', '--help', 'q.graphql'],
      ['least-privilege', 'x.log', '--require', 'classic', '--help'],
    ]) expect((await runPermgen(args)).code, args.join(' ')).toBe(2);
    expect((await runPermgen(['match', 'gitlab-rest', 'GET', '--', '-h'])).code).toBe(1);
    expect((await runPermgen(['match', '--help'])).code).toBe(0);
  });
});
