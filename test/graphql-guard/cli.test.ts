/**
 * `permgen graphql-permissions` on the real page and the test schema: exact text output (lines of the
 * real page), JSON, exit codes, usage and syntax errors.
 */
import { describe, expect, it } from 'vitest';
import { graphqlPermissionsCommand } from '../../generator/cli/commands/graphql-permissions.ts';
import { commands } from '../../generator/cli/commands/registry.ts';
import { projectRoot } from '../helpers/build.ts';

const PAGE = 'sources/gitlab-pat-fine-grained-graphql.41946e6.md';
const SCHEMA = 'test/fixtures/graphql-guard/schema.graphql';
const CLI = 'test/fixtures/graphql-guard/cli';

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await graphqlPermissionsCommand.run(args, { cwd: projectRoot, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

describe('permgen graphql-permissions', () => {
  it('is registered', async () => {
    const entry = commands.find((c) => c.name === 'graphql-permissions');
    expect(await entry?.load()).toBe(graphqlPermissionsCommand);
  });

  it('prints the permissions, each requirement, where it is selected and the rows behind it', async () => {
    const result = await run('--schema', SCHEMA, `${CLI}/runners.graphql`);
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `${CLI}/runners.graphql needs 3 fine-grained permission(s): read_project, read_runner, read_work_item`,
        '',
        'Requirements (any one alternative covers each):',
        '  type Project (returned by Query.project): read_project',
        `    selected at ${CLI}/runners.graphql:2:3`,
        `    documented at ${PAGE}:765:1 (read_project, project)`,
        '  type CiRunner (returned by Project.runners, CiRunnerConnection.nodes): read_runner',
        `    selected at ${CLI}/runners.graphql:4:5, ${CLI}/runners.graphql:4:15`,
        `    documented at ${PAGE}:322:1 (read_runner, project), ${PAGE}:323:1 (read_runner, group), ${PAGE}:324:1 (read_runner, instance)`,
        '  type Milestone (returned by Query.milestone): read_work_item',
        `    selected at ${CLI}/runners.graphql:6:3`,
        `    documented at ${PAGE}:691:1 (read_work_item, project), ${PAGE}:699:1 (read_work_item, group)`,
        '',
      ].join('\n'),
    });
  });

  it('exits 1 and lists what cannot be granted; --lax allows it', async () => {
    const strict = await run('--schema', SCHEMA, `${CLI}/audit.graphql`);
    expect(strict.code).toBe(1);
    expect(strict.stdout.split('\n')[0]).toBe(`${CLI}/audit.graphql cannot be granted (see below); the rest needs 1 fine-grained permission(s): read_runner`);
    expect(strict.stdout).toContain(
      ['Cannot be granted by any permission (strict mode denies them; --lax allows them):', '  undocumented type AuditEvent (returned by Query.auditEvents)', `    selected at ${CLI}/audit.graphql:2:3`, ''].join('\n'),
    );
    const lax = await run('--schema', SCHEMA, '--lax', `${CLI}/audit.graphql`);
    expect(lax.code).toBe(0);
    expect(lax.stdout.split('\n')[0]).toBe(`${CLI}/audit.graphql needs 1 fine-grained permission(s): read_runner (lax mode)`);
  });

  it('--json', async () => {
    const result = await run('--schema', SCHEMA, '--json', '--operation', 'ProjectRunners', `${CLI}/runners.graphql`);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { ok: boolean; mode: string; permissions: string[]; requirements: { subject: string; grants: { source: string }[] }[]; ungrantable: unknown[]; errors: unknown[] };
    expect([json.ok, json.mode, json.permissions, json.ungrantable, json.errors]).toEqual([true, 'strict', ['read_project', 'read_runner', 'read_work_item'], [], []]);
    expect(json.requirements.map((r) => [r.subject, r.grants.map((g) => g.source)])).toEqual([
      ['Project', [`${PAGE}:765:1`]],
      ['CiRunner', [`${PAGE}:322:1`, `${PAGE}:323:1`, `${PAGE}:324:1`]],
      ['Milestone', [`${PAGE}:691:1`, `${PAGE}:699:1`]],
    ]);
  });

  it('reports an unknown operation name as an error', async () => {
    const result = await run('--schema', SCHEMA, '--operation', 'Nope', `${CLI}/runners.graphql`);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`${CLI}/runners.graphql:1:1 error Unknown operation named "Nope". [graphql-validation]\n`);
  });

  it('reports a syntax error at its line and column', async () => {
    const result = await run('--schema', SCHEMA, `${CLI}/broken.graphql`);
    expect(result).toEqual({ code: 1, stdout: '', stderr: `${CLI}/broken.graphql:3:1 error Syntax Error: Expected Name, found <EOF>. [graphql-syntax]\n` });
  });

  it.each([
    [['query.graphql'], 'missing --schema FILE'],
    [['--schema', SCHEMA], 'expected one operation file'],
    [['--schema', SCHEMA, '--bogus', 'q.graphql'], "Unknown option '--bogus'"],
  ])('usage error %j', async (args, message) => {
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toContain(message);
  });
});
