/** The emitted operations lookup and permission vocabulary: types (strict consumer) and behaviour (the emitted JavaScript, run). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGenerated, realCatalog, writePackage } from '../helpers/build.ts';
import { typecheckConsumer } from '../helpers/typecheck.ts';

interface GitlabModule {
  requiredPermissionsForGitlabOperation(operation: unknown): readonly string[] | undefined;
  gitlabOperationNamed(name: unknown): string | undefined;
  gitlabOperationPermissions: Record<string, { permissions: readonly string[]; boundaries: readonly string[]; footnotes: readonly string[]; notes: readonly string[]; source: string }>;
  gitlabOperations: readonly string[];
  gitlabFineGrainedPermissionInfo: Record<string, { category: string | null; namedOn: readonly { source: string; at: string }[] }>;
  gitlabFineGrainedPermissions: readonly string[];
  graphqlPermissions: readonly string[];
}

const PAGE = 'sources/gitlab-pat-fine-grained-other-operations.3f07355.md';

async function gitlab(): Promise<GitlabModule> {
  const { catalog } = await realCatalog();
  const { dir } = await writePackage(catalog);
  return importGenerated<GitlabModule>(dir, 'gitlab/index.js');
}

describe('the emitted operations lookup', () => {
  it('type-checks with a strict consumer and rejects each @ts-expect-error line', async () => {
    const { catalog } = await realCatalog();
    const { dir, report } = await writePackage(catalog);
    expect(report.diagnostics).toEqual([]);
    const result = await typecheckConsumer(dir, [path.join(import.meta.dirname, '../fixtures/gitlab-operations-package/consumer.ts')]);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('answers the page\'s rows (25 operations: see page.test.ts for the count)', async () => {
    const g = await gitlab();
    expect(g.gitlabOperations).toHaveLength(25);
    expect(g.requiredPermissionsForGitlabOperation('git-operations:push-to-a-project-repository')).toEqual(['push_code']);
    expect(g.requiredPermissionsForGitlabOperation('rss-and-calendar-feeds:issues-and-work-items-including-calendars')).toEqual(['read_work_item']);
    const wiki = g.gitlabOperationPermissions['git-operations:clone-or-pull-a-wiki'];
    expect(wiki).toMatchObject({ permissions: ['read_wiki'], boundaries: ['project', 'group'], footnotes: ['Project wikis use the project boundary and group wikis use the group boundary.'], source: `${PAGE}:41:1` });
    expect(g.gitlabOperationPermissions['container-registry:pull-container-images']?.notes).toEqual(['You cannot use fine-grained personal access tokens to push container images.']);
    expect(g.gitlabOperationNamed('Push to a project repository')).toBe('git-operations:push-to-a-project-repository');
  });

  it('denies (undefined) anything else and never throws', async () => {
    const g = await gitlab();
    for (const input of ['git-operations:force-push', 'GIT-OPERATIONS:push-to-a-project-repository', '', '__proto__', 'constructor', 'toString', 'hasOwnProperty', null, undefined, 42, {}, [], Symbol('x')]) {
      expect(g.requiredPermissionsForGitlabOperation(input)).toBeUndefined();
      expect(g.gitlabOperationNamed(input)).toBeUndefined();
    }
  });

  it('freezes its data', async () => {
    const g = await gitlab();
    const entry = g.gitlabOperationPermissions['git-operations:push-to-a-project-repository']!;
    expect(Object.isFrozen(g.gitlabOperationPermissions)).toBe(true);
    expect(Object.isFrozen(entry)).toBe(true);
    expect(Object.isFrozen(entry.permissions)).toBe(true);
    expect(Object.isFrozen(entry.boundaries)).toBe(true);
  });

  it('refers to one vocabulary: every operation and GraphQL permission is a GitlabFineGrainedPermission', async () => {
    const g = await gitlab();
    const vocabulary = new Set(g.gitlabFineGrainedPermissions);
    for (const id of g.gitlabOperations) for (const p of g.gitlabOperationPermissions[id]!.permissions) expect(vocabulary).toContain(p);
    for (const p of g.graphqlPermissions) expect(vocabulary).toContain(p);
    // `read_code`: the GraphQL page, the REST page (`#### Code` under `### Repository resources`, its
    // `Read` row at line 2705) and this page, in the vocabulary's contributor order.
    expect(g.gitlabFineGrainedPermissionInfo.read_code?.namedOn.map((n) => n.source)).toEqual(['gitlab-graphql-fine-grained-permissions', 'gitlab-pat-rest-permissions', 'gitlab-pat-other-operations']);
    // Grep the operations page: no category lines; `read_code` gets its category from the GraphQL page.
    expect(g.gitlabFineGrainedPermissionInfo.read_code?.category).toBe('Repository');
    expect(g.gitlabFineGrainedPermissionInfo.create_editor_telemetry).toMatchObject({ category: null, namedOn: [{ source: 'gitlab-pat-other-operations', at: `${PAGE}:106:1` }] });
  });
});
