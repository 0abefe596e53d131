/** Behaviour of the emitted forgejo/scopes module, imported from a package written to a temp folder. */
import { beforeAll, describe, expect, it } from 'vitest';
import { importGenerated, realCatalog, writePackage } from '../helpers/build.ts';
import { endlessGrant } from '../helpers/endless.ts';

type Result = { ok: true; scopes: readonly string[] } | { ok: false; error: string; unknown: readonly string[] };
interface ScopesModule {
  forgejoScopes: readonly string[];
  forgejoScopeCategories: readonly string[];
  forgejoScopeInfo: Record<string, { category: string; level: string; description: string }>;
  isForgejoScope(value: unknown): boolean;
  hasForgejoScope(granted: Iterable<string>, required: string): boolean;
  parseForgejoScopes(text: string): Result;
}

let mod: ScopesModule;
let files: Map<string, string>;

beforeAll(async () => {
  const { catalog } = await realCatalog();
  const pkg = await writePackage(catalog);
  expect(pkg.report.diagnostics.filter((d) => d.message.includes('forgejo/scopes'))).toEqual([]);
  files = pkg.files;
  mod = await importGenerated<ScopesModule>(pkg.dir, 'forgejo/scopes.js');
});

describe('forgejo/scopes: unions and info', () => {
  it('has the 18 scopes and 9 categories in page order; (no scope) is not a scope', () => {
    expect(mod.forgejoScopes).toEqual([
      'read:activitypub', 'write:activitypub', 'read:admin', 'write:admin', 'read:issue', 'write:issue', 'read:misc', 'write:misc',
      'read:notification', 'write:notification', 'read:organization', 'write:organization', 'read:package', 'write:package',
      'read:repository', 'write:repository', 'read:user', 'write:user',
    ]);
    expect(mod.forgejoScopeCategories).toEqual(['activitypub', 'admin', 'issue', 'misc', 'notification', 'organization', 'package', 'repository', 'user']);
    expect(mod.isForgejoScope('(no scope)')).toBe(false);
    expect(mod.isForgejoScope('repository')).toBe(false);
  });

  it('gives each scope its category, level and description', () => {
    expect(mod.forgejoScopeInfo['write:package']).toEqual({ category: 'package', level: 'write', description: 'Grants read/write/delete access to package operations. Currently the same as read:package.' });
    expect(mod.forgejoScopeInfo['read:misc']?.category).toBe('misc');
    expect(Object.keys(mod.forgejoScopeInfo)).toHaveLength(18);
  });

  it('links every scope to its page line', () => {
    expect(files.get('src/forgejo/scopes.ts')).toContain('READ_REPOSITORY: "read:repository"');
    expect(files.get('src/forgejo/scopes.ts')).toContain('@see sources/forgejo-access-token-scopes.code-viewer.txt:124:1 */');
  });
});

describe('hasForgejoScope', () => {
  it.each([
    // [granted, required, expected]
    [['read:repository'], 'read:repository', true],
    [['write:repository'], 'read:repository', true],
    [['write:repository'], 'write:repository', true],
    [['read:repository'], 'write:repository', false],
    // Only within a category.
    [['write:issue'], 'read:repository', false],
    [['write:admin'], 'read:user', false],
    [['write:repository'], 'read:issue', false],
    // "Currently the same as read:package" grants nothing extra.
    [['read:package'], 'write:package', false],
    [['write:package'], 'read:package', true],
    [[], 'read:user', false],
    [['read:issue', 'write:user'], 'read:user', true],
  ] as const)('%j satisfies %s: %s', (granted, required, expected) => {
    expect(mod.hasForgejoScope(granted, required)).toBe(expected);
  });

  it('ignores unknown granted strings: they never widen', () => {
    for (const granted of [['all'], ['write:*'], ['*'], ['WRITE:REPOSITORY'], ['write:repository '], ['repository'], ['(no scope)'], ['sudo']]) {
      expect(mod.hasForgejoScope(granted, 'read:repository')).toBe(false);
    }
  });

  it('never satisfies an unknown required scope', () => {
    expect(mod.hasForgejoScope(['write:repository'], 'write:repo')).toBe(false);
    expect(mod.hasForgejoScope(['toString'], 'toString')).toBe(false);
    expect(mod.hasForgejoScope(['__proto__'], '__proto__')).toBe(false);
  });

  it('accepts any iterable, and refuses a bare string instead of iterating its characters', () => {
    expect(mod.hasForgejoScope(new Set(['write:user']), 'read:user')).toBe(true);
    expect(mod.hasForgejoScope('write:user', 'read:user')).toBe(false);
  });

  it('is false, without throwing, for anything else: not iterable, throwing iterators, revoked proxies', () => {
    const { proxy, revoke } = Proxy.revocable(['write:user'], {});
    revoke();
    const throwing = {
      *[Symbol.iterator]() {
        yield 'read:issue';
        throw new Error('boom');
      },
    };
    for (const granted of [null, undefined, 42, {}, proxy, throwing, { [Symbol.iterator]: () => null }]) {
      expect(mod.hasForgejoScope(granted as unknown as Iterable<string>, 'read:user')).toBe(false);
    }
  });

  it('stops reading an endless iterable (false, not a hang), and still finds a scope within the first 65,536 items', () => {
    expect(mod.hasForgejoScope(endlessGrant('write:user', -1), 'read:user')).toBe(false);
    expect(mod.hasForgejoScope(endlessGrant('write:user', 65_535), 'read:user')).toBe(true);
    expect(mod.hasForgejoScope(endlessGrant('write:user', 65_536), 'read:user')).toBe(false);
  });
});

describe('parseForgejoScopes', () => {
  it('trims, ignores empty items, dedupes and sorts', () => {
    expect(mod.parseForgejoScopes(' write:issue,read:repository , ,write:issue,')).toEqual({ ok: true, scopes: ['read:repository', 'write:issue'] });
    expect(mod.parseForgejoScopes('write:user')).toEqual({ ok: true, scopes: ['write:user'] });
    // Only ASCII whitespace is trimmed: a BOM, a no-break space or a line separator is part of the item (Forgejo compares items as given).
    expect(mod.parseForgejoScopes('\twrite:user\t ')).toEqual({ ok: true, scopes: ['write:user'] });
    for (const odd of ['\ufeffwrite:admin', '\u00a0write:admin', 'write:admin\u2028']) expect(mod.parseForgejoScopes(odd), JSON.stringify(odd)).toMatchObject({ ok: false, unknown: [odd] });
  });

  it('refuses unknown scopes, exact and case-sensitive, naming them and the valid ones', () => {
    const result = mod.parseForgejoScopes('read:repository, Write:Issue, admin, admin');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.unknown).toEqual(['Write:Issue', 'admin']);
    expect(result.error).toBe(
      'Unknown Forgejo scopes: "Write:Issue" (scopes are case-sensitive: did you mean "write:issue"?), "admin". Valid scopes: ' +
        'read:activitypub, write:activitypub, read:admin, write:admin, read:issue, write:issue, read:misc, write:misc, read:notification, write:notification, ' +
        'read:organization, write:organization, read:package, write:package, read:repository, write:repository, read:user, write:user.',
    );
  });

  it('shows control characters of an unknown item escaped', () => {
    const result = mod.parseForgejoScopes('read:user\n');
    expect(result).toEqual({ ok: true, scopes: ['read:user'] });
    const bad = mod.parseForgejoScopes('read:us\u0000er');
    expect(bad.ok === false && bad.error.startsWith('Unknown Forgejo scope: "read:us\\u0000er". Valid scopes: ')).toBe(true);
  });

  it('refuses what is not a string, and a string over 4,096 characters, before reading it', () => {
    for (const text of [null, 42, Object.create(null), { toString: () => 'read:user' }]) {
      expect(mod.parseForgejoScopes(text as unknown as string)).toEqual({ ok: false, error: 'Forgejo scopes must be given as a string.', unknown: [] });
    }
    // Every scope once, comma-separated, is far below the limit; 1 MiB of them is refused on its length alone.
    const long = 'read:user,'.repeat(104_858);
    expect(mod.parseForgejoScopes(long)).toEqual({ ok: false, error: `Scope string of ${long.length} characters refused: at most 4096.`, unknown: [] });
    expect(mod.parseForgejoScopes(`read:user,${' '.repeat(4_086)}`)).toEqual({ ok: true, scopes: ['read:user'] });
    expect(mod.parseForgejoScopes(`read:user,${' '.repeat(4_087)}`).ok).toBe(false);
  });

  it('lists every distinct unknown item in `unknown`, and names the first ten in the error', () => {
    // 500 distinct unknown items, each twice: 0,0,1,1,…,499,499 (within the length limit).
    const items = Array.from({ length: 500 }, (_, i) => String(i));
    const result = mod.parseForgejoScopes(items.flatMap((i) => [i, i]).join(','));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.unknown).toEqual(items);
    expect(result.error.startsWith('Unknown Forgejo scopes: "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" and 490 more. Valid scopes: read:activitypub, ')).toBe(true);
  });

  it('refuses a string with no scope: the page says a scope is required', () => {
    expect(mod.parseForgejoScopes(' , ')).toEqual({
      ok: false,
      error: 'No scope given. The page says of `(no scope)`: Not supported. A scope is required even for public repositories.',
      unknown: [],
    });
  });
});

describe('forgejo/scopes in enum style', () => {
  it('type-checks', async () => {
    const { catalog } = await realCatalog();
    const { files: enumFiles, report } = await writePackage(catalog, { enumStyle: 'enum' });
    expect(report.diagnostics.filter((d) => d.message.includes('forgejo/scopes'))).toEqual([]);
    expect(enumFiles.get('src/forgejo/scopes.ts')).toContain('export enum ForgejoScope {');
  });
});
