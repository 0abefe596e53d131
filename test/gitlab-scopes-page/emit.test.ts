/** Behaviour of the emitted gitlab/token-scopes module, imported from a package written to a temp folder. */
import { beforeAll, describe, expect, it } from 'vitest';
import { importGenerated, realCatalog, writePackage } from '../helpers/build.ts';

interface TokenScopesModule {
  tokenScopes: readonly string[];
  tokenTypes: readonly string[];
  tokenScopeAvailability: Record<string, readonly string[]>;
  isTokenScope(value: unknown): boolean;
  isTokenType(value: unknown): boolean;
  isScopeAvailableFor(scope: string, tokenType: string): boolean;
  scopesFor(tokenType: string): readonly string[];
}

let mod: TokenScopesModule;
let source: string;

beforeAll(async () => {
  const { catalog } = await realCatalog();
  const pkg = await writePackage(catalog);
  expect(pkg.report.diagnostics.filter((d) => d.message.includes('gitlab/token-scopes'))).toEqual([]);
  source = pkg.files.get('src/gitlab/token-scopes.ts') ?? '';
  mod = await importGenerated<TokenScopesModule>(pkg.dir, 'gitlab/token-scopes.js');
});

const personalOnly = ['admin_mode', 'read_service_ping', 'sudo', 'read_user'];
const personalAndGroup = ['read_virtual_registry', 'write_virtual_registry'];

describe('gitlab/token-scopes', () => {
  it('has the 17 scopes and 3 token types', () => {
    expect(mod.tokenScopes).toHaveLength(17);
    expect(mod.tokenTypes).toEqual(['personal', 'group', 'project']);
    expect(Object.isFrozen(mod.tokenScopeAvailability)).toBe(true);
    expect(Object.isFrozen(mod.tokenScopeAvailability.api)).toBe(true);
  });

  it('documents each scope with its description, footnotes and page line', () => {
    expect(source).toMatch(/\/\*\* Grants complete read and write access to the API for the token’s scope\. Includes the container registry, the dependency proxy, and the package registry\. Footnote 1: For a personal access token, api also grants complete read and write access to the registry and repository through Git-over-HTTP\. Group and project access tokens do not include this Git-over-HTTP clause\. \(sources\/gitlab-access-token-scopes\.ja\.flattened\.txt:41:6\) @see sources\/gitlab-access-token-scopes\.ja\.flattened\.txt:19:1 \*\/\n\s+readonly API: "api";/);
  });

  it('isScopeAvailableFor: the availability facts of the page', () => {
    for (const scope of personalOnly) {
      expect([scope, mod.isScopeAvailableFor(scope, 'personal'), mod.isScopeAvailableFor(scope, 'group'), mod.isScopeAvailableFor(scope, 'project')]).toEqual([scope, true, false, false]);
    }
    for (const scope of personalAndGroup) {
      expect([scope, mod.isScopeAvailableFor(scope, 'personal'), mod.isScopeAvailableFor(scope, 'group'), mod.isScopeAvailableFor(scope, 'project')]).toEqual([scope, true, true, false]);
    }
    for (const scope of ['api', 'read_api', 'read_repository', 'write_repository', 'read_registry', 'write_registry', 'self_rotate', 'create_runner', 'manage_runner', 'ai_features', 'k8s_proxy']) {
      expect([scope, mod.isScopeAvailableFor(scope, 'personal'), mod.isScopeAvailableFor(scope, 'group'), mod.isScopeAvailableFor(scope, 'project')]).toEqual([scope, true, true, true]);
    }
  });

  it('isScopeAvailableFor: false for unknown scopes and token types', () => {
    expect(mod.isScopeAvailableFor('API', 'personal')).toBe(false);
    expect(mod.isScopeAvailableFor('read_api ', 'personal')).toBe(false);
    expect(mod.isScopeAvailableFor('write_api', 'personal')).toBe(false);
    expect(mod.isScopeAvailableFor('api', 'Personal')).toBe(false);
    expect(mod.isScopeAvailableFor('api', 'instance')).toBe(false);
    expect(mod.isScopeAvailableFor('api', 'deploy')).toBe(false);
    expect(mod.isScopeAvailableFor('toString', 'personal')).toBe(false);
    expect(mod.isScopeAvailableFor('api', 'constructor')).toBe(false);
  });

  it('scopesFor: the scopes of each token type in page order', () => {
    expect(mod.scopesFor('personal')).toHaveLength(17);
    expect(mod.scopesFor('group')).toHaveLength(13);
    expect(mod.scopesFor('group')).toEqual(mod.tokenScopes.filter((s) => !personalOnly.includes(s)));
    expect(mod.scopesFor('project')).toHaveLength(11);
    expect(mod.scopesFor('project')).toEqual(['api', 'read_api', 'read_repository', 'write_repository', 'read_registry', 'write_registry', 'self_rotate', 'create_runner', 'manage_runner', 'ai_features', 'k8s_proxy']);
    expect(mod.scopesFor('instance')).toEqual([]);
    expect(mod.scopesFor('__proto__')).toEqual([]);
  });

  it('type-checks in enum style too', async () => {
    const { catalog } = await realCatalog();
    const { files, report } = await writePackage(catalog, { enumStyle: 'enum' });
    expect(report.diagnostics.filter((d) => d.message.includes('gitlab/token-scopes'))).toEqual([]);
    expect(files.get('src/gitlab/token-scopes.ts')).toContain('export enum TokenScope {');
  });
});
