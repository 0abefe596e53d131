/**
 * Records keyed by names from a page have no prototype: a JavaScript caller that indexes one with an
 * unchecked value (`constructor`, `toString`, `__proto__`, `hasOwnProperty`) gets `undefined`, never
 * an inherited member it could take for an entry. Every exported record of the generated package is
 * listed here by hand (grep `Readonly<Record<` in generated/*\/*.ts), with one real key each.
 */
import { describe, expect, it } from 'vitest';

const records: [module: string, name: string, realKey: string][] = [
  ['forgejo/routes.js', 'forgejoMethodLevels', 'GET'],
  ['forgejo/scopes.js', 'forgejoScopeInfo', 'read:issue'],
  ['forgejo/scopes.js', 'forgejoScopeSatisfiedBy', 'read:issue'],
  ['gitlab/fine-grained-permissions.js', 'gitlabFineGrainedPermissionInfo', 'read_project'],
  ['gitlab/graphql-permissions.js', 'graphqlPermissionInfo', 'read_project'],
  ['gitlab/job-token-permissions.js', 'jobTokenPermissionInfo', 'READ_JOBS'],
  ['gitlab/least-privilege.js', 'workloadOperationNames', 'git-push'],
  ['gitlab/least-privilege.js', 'classicScopeWeights', 'api'],
  ['gitlab/operation-permissions.js', 'gitlabOperationPermissions', 'git-operations:push-to-a-project-repository'],
  ['gitlab/token-scopes.js', 'tokenScopeAvailability', 'api'],
];

describe('exported records', () => {
  it.each(records)('%s %s: a real key answers, inherited names do not, and it is frozen', async (module, name, realKey) => {
    const mod = (await import(`../../generated/${module}`)) as Record<string, Record<string, unknown>>;
    const record = mod[name]!;
    expect(record[realKey]).toBeDefined();
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', '__defineGetter__']) expect(record[key], key).toBeUndefined();
    expect(Object.getPrototypeOf(record)).toBeNull();
    expect(Object.isFrozen(record)).toBe(true);
  });
});
