/** The emitted Buildkite module, imported from a package written to a temp folder. */
import { describe, expect, it } from 'vitest';
import { importGenerated, realCatalog, writePackage } from '../helpers/build.ts';
import { buildkiteEnumNames } from '../../generator/emit/buildkite-enums.ts';

interface BuildkiteModule {
  APIAccessTokenScope: Record<string, string>;
  apiAccessTokenScopes: readonly string[];
  isAPIAccessTokenScope(value: unknown): boolean;
}

describe('buildkite enum emitter', () => {
  it('names exports by one rule from the GraphQL enum name', () => {
    expect(
      ['APIAccessTokenScopes', 'BuildStates', 'PipelineVisibility', 'SSOProviderStates', 'RegistryAccessLevels', 'JobEventSignalReason', 'OrganizationMemberSSOModeEnum', '__TypeKind', 'Policies', 'Status'].map(buildkiteEnumNames),
    ).toEqual([
      { typeName: 'APIAccessTokenScope', listName: 'apiAccessTokenScopes', guardName: 'isAPIAccessTokenScope', moduleName: 'api-access-token-scopes' },
      { typeName: 'BuildState', listName: 'buildStates', guardName: 'isBuildState', moduleName: 'build-states' },
      { typeName: 'PipelineVisibility', listName: 'pipelineVisibilityValues', guardName: 'isPipelineVisibility', moduleName: 'pipeline-visibility' },
      { typeName: 'SSOProviderState', listName: 'ssoProviderStates', guardName: 'isSSOProviderState', moduleName: 'sso-provider-states' },
      { typeName: 'RegistryAccessLevel', listName: 'registryAccessLevels', guardName: 'isRegistryAccessLevel', moduleName: 'registry-access-levels' },
      { typeName: 'JobEventSignalReason', listName: 'jobEventSignalReasonValues', guardName: 'isJobEventSignalReason', moduleName: 'job-event-signal-reason' },
      { typeName: 'OrganizationMemberSSOModeEnum', listName: 'organizationMemberSSOModeEnumValues', guardName: 'isOrganizationMemberSSOModeEnum', moduleName: 'organization-member-sso-mode-enum' },
      { typeName: '__TypeKind', listName: '__typeKindValues', guardName: 'is__TypeKind', moduleName: 'type-kind' },
      { typeName: 'Policy', listName: 'policies', guardName: 'isPolicy', moduleName: 'policies' },
      { typeName: 'Status', listName: 'statusValues', guardName: 'isStatus', moduleName: 'status' },
    ]);
  });

  it('emits buildkite/api-access-token-scopes with the 36 values, a list and a guard', async () => {
    const { catalog } = await realCatalog();
    const { dir, files, report } = await writePackage(catalog);
    expect(report.diagnostics.filter((d) => d.message.includes('buildkite/'))).toEqual([]);
    const source = files.get('src/buildkite/api-access-token-scopes.ts') ?? '';
    expect(source).toContain('export type APIAccessTokenScope =');
    expect(source).toContain('@see sources/buildkite-graphql-enum-api-access-token-scopes.html:42:234 */');
    const mod = await importGenerated<BuildkiteModule>(dir, 'buildkite/index.js');
    expect(mod.apiAccessTokenScopes).toHaveLength(36);
    expect(mod.apiAccessTokenScopes[0]).toBe('DELETE_PACKAGES');
    expect(mod.apiAccessTokenScopes[35]).toBe('WRITE_TEST_PLAN');
    expect(mod.APIAccessTokenScope.READ_SECRETS_DETAILS).toBe('READ_SECRETS_DETAILS');
    expect(Object.isFrozen(mod.apiAccessTokenScopes)).toBe(true);
    expect(mod.isAPIAccessTokenScope('READ_BUILD_LOGS')).toBe(true);
    // Exact and case-sensitive; the pill is not a value; READ_SECRETS is not on the page (WRITE_SECRETS and READ_SECRETS_DETAILS are).
    for (const v of ['read_build_logs', ' READ_BUILD_LOGS', 'ENUM', 'READ_SECRETS', '', null, 42, 'toString']) expect(mod.isAPIAccessTokenScope(v)).toBe(false);
  });

  it('type-checks in enum style too', async () => {
    const { catalog } = await realCatalog();
    const { files, report } = await writePackage(catalog, { enumStyle: 'enum' });
    expect(report.diagnostics.filter((d) => d.message.includes('buildkite/'))).toEqual([]);
    expect(files.get('src/buildkite/api-access-token-scopes.ts')).toContain('export enum APIAccessTokenScope {');
  });
});
