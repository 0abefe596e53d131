/** `permgen match forgejo`: the answer, the reasons and the exit status, on the real page. */
import { describe, expect, it } from 'vitest';
import { matchCommand } from '../../generator/cli/commands/match.ts';
import { projectRoot } from '../helpers/build.ts';
import { PAGE } from './helpers.ts';

async function match(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await matchCommand.run(args, { cwd: projectRoot, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

describe('permgen match forgejo', () => {
  it('answers GET /repos/o/r/issues with read:issue, the rule, the level and the rule it beat', async () => {
    expect(await match('forgejo', 'GET', '/repos/o/r/issues')).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'GET /repos/o/r/issues',
        '  scope:       read:issue (or write:issue)',
        `  rule:        issues/* → /repos/{owner}/{repo}/issues/* (issue, ${PAGE}:76:1)`,
        '  why:         Issues live under a repository: /repos/{owner}/{repo}/issues and everything below it (comments, attachments, reactions, …).',
        `  level:       read for GET (${PAGE}:36:3)`,
        '    - /repos/* → /repos/* (repository): less specific',
        '',
      ].join('\n'),
    });
  });

  it('shows the API path and the exclusion when denied, and exits 1', async () => {
    const r = await match('forgejo', 'GET', '/api/v1/repos/issues/foo');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'GET /api/v1/repos/issues/foo',
        '  api path:    /repos/issues/foo (canonical, relative to /api/v1)',
        '  denied:      no rule covers the path: the page names no route prefix for it',
        '    - /repos/* → /repos/* (repository): excluded by the page (except /repos/issues/*)',
        '',
      ].join('\n'),
    );
  });

  it('names each denial reason', async () => {
    expect((await match('forgejo', 'get', '/user')).stdout).toContain('denied:      `get` is not a method the page\'s level list covers (GET, HEAD, POST, PUT, PATCH, DELETE; upper case)');
    expect((await match('forgejo', 'GET', '/api/v1/../../admin/users')).stdout).toContain('denied:      the path starts with /api/v1 but leaves it through `..` (canonical: /admin/users)');
    expect((await match('forgejo', 'GET', '/repos/o%2Fr/issues')).stdout).toContain(
      'denied:      the path has %2F, and decoding it changes the rule: /repos/* (repository) as sent, /repos/{owner}/{repo}/issues/* (issue) as /repos/o/r/issues',
    );
    expect((await match('forgejo', 'GET', '/user/%zz')).stdout).toContain('denied:      the path cannot be canonicalized safely');
  });

  it('flags a misc rule as interpretation beyond the page, and HEAD as GET', async () => {
    const r = await match('forgejo', 'HEAD', '/settings/api');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('the page names no route for this category: interpretation beyond the page, read from its description');
    expect(r.stdout).toContain(`level:       read for HEAD (${PAGE}:36:3); HEAD as GET: `);
  });

  it('prints JSON with --json', async () => {
    const r = await match('forgejo', 'DELETE', '/api/v1/admin/users/bob', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      table: 'forgejo',
      method: 'DELETE',
      path: '/api/v1/admin/users/bob',
      apiPath: '/admin/users/bob',
      denied: null,
      requirement: {
        scope: 'write:admin',
        category: 'admin',
        level: 'write',
        rule: '/admin/*',
        interpretation: '/admin/*',
        basis: 'route',
        why: 'As written.',
        source: `${PAGE}:67:1`,
        levelSource: `${PAGE}:39:3`,
        levelInterpretation: null,
      },
      alsoCovering: [],
    });
  });
});
