/** `permgen match gitlab-rest` as users run it: output, JSON and exit codes (lines read on the page with grep -n). */
import { describe, expect, it } from 'vitest';
import { runPermgen as permgen } from '../helpers/cli.ts';

describe('permgen match gitlab-rest', () => {
  it('prints route, access, permissions, boundaries, why and the source line', async () => {
    const r = await permgen(['match', 'gitlab-rest', 'GET', '/api/v4/projects/1/releases']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'GET /api/v4/projects/1/releases',
        '  canonical path: /projects/1/releases',
        '  route:       GET /projects/:id/releases',
        '  source:      sources/gitlab-pat-fine-grained-rest.0739b8b.md:1959:1',
        '  permissions: granted: read_release (all are required), at project; not needed when the target resource is public (publicly accessible endpoint)',
        '  params:      id=1 (raw, still encoded)',
        '  why:         2 candidate(s) matched; the most specific wins (literal over parameter over splat, segment by segment)',
        '    * GET /projects/:id/releases (line 1959)',
        '    - * /*path (line 4028): loses, at segment 1 the literal `projects` beats the splat `*path` (literal over parameter over splat)',
        '',
      ].join('\n'),
    );
  }, 120_000);

  it('answers JSON, and exits 1 for another API prefix', async () => {
    const ok = await permgen(['match', 'gitlab-rest', 'DELETE', '/runners/5', '--json']);
    expect(ok.code).toBe(0);
    const json = JSON.parse(ok.stdout) as { match: { route: string; access: string; permissions: string[]; boundaries: string[]; source: string } };
    expect(json.match).toMatchObject({ route: 'DELETE /runners/:id', access: 'granted', permissions: ['delete_runner'], boundaries: ['project', 'group', 'instance'], source: 'sources/gitlab-pat-fine-grained-rest.0739b8b.md:527:1' });
    const denied = await permgen(['match', 'gitlab-rest', 'GET', '/api/v3/projects/1/releases', '--json']);
    expect(denied.code).toBe(1);
    expect((JSON.parse(denied.stdout) as { match: unknown }).match).toBeNull();
  }, 120_000);

  it('denies a .json path whose reading without the suffix is another row, naming it (line 2176 with grep -n)', async () => {
    const r = await permgen(['match', 'gitlab-rest', 'PUT', '/api/v4/projects/1/labels/promote.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "  denied: GitLab's API also serves `/projects/1/labels/promote.json` by the route of `/projects/1/labels/promote` (Grape's `.json` format suffix): PUT /projects/:id/labels/promote (line 2176), another row than this path's; which one GitLab picks depends on the order of its routes, so the request is denied",
    );
  }, 120_000);
});
