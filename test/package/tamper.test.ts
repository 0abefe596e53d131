/**
 * What other code in the same process can do to the package (a package hunt): change an exported
 * constant, add a key to `Object.prototype` or an index to `Array.prototype`. None may change an
 * answer, and importing must still work. The exported values are those of the subpaths a user imports.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { polluted } from '../helpers/pollute.ts';
import { realCatalog, writePackage, importGenerated } from '../helpers/build.ts';

const run = promisify(execFile);
const generated = path.resolve(import.meta.dirname, '../../generated');
const SUBPATHS = ['index.js', 'gitlab/index.js', 'buildkite/index.js', 'forgejo/index.js'];

/** The objects and arrays reachable from `value` through own properties that are not deeply frozen, by path. */
function unfrozen(value: unknown, at: string, seen: Set<object>, out: string[]): void {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return;
  seen.add(value);
  // Functions are exported behaviour, not data: their own properties are not walked.
  if (typeof value === 'function') return;
  if (value instanceof Map || value instanceof Set || ArrayBuffer.isView(value)) {
    out.push(`${at} (a ${value.constructor.name})`);
    return;
  }
  // A module namespace (`export * as gitlab`) cannot be assigned to, though its properties report writable.
  if (!Object.isFrozen(value) && Object.prototype.toString.call(value) !== '[object Module]') out.push(at);
  for (const key of Reflect.ownKeys(value)) {
    const d = Object.getOwnPropertyDescriptor(value, key)!;
    if ('value' in d) unfrozen(d.value, `${at}.${String(key)}`, seen, out);
  }
}

describe('exported data cannot be changed by other code', () => {
  it('every exported object and array of every subpath is frozen, all the way down (the value constants such as JobTokenPermission were not)', async () => {
    const out: string[] = [];
    const seen = new Set<object>();
    for (const sub of SUBPATHS) {
      const mod = (await import(pathToFileURL(path.join(generated, sub)).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) unfrozen(value, `${sub} ${name}`, seen, out);
    }
    expect(out).toEqual([]);
  });
});

describe('exported data cannot be changed by other code, in --enum-style enum too', () => {
  it('the enums are frozen (a review: only the as-const objects were)', async () => {
    const { catalog } = await realCatalog();
    const { dir } = await writePackage(catalog, { enumStyle: 'enum' });
    const gitlab = await importGenerated<Record<string, unknown>>(dir, 'gitlab/index.js');
    const forgejo = await importGenerated<Record<string, unknown>>(dir, 'forgejo/index.js');
    const buildkite = await importGenerated<Record<string, unknown>>(dir, 'buildkite/index.js');
    const enums = { JobTokenPermission: gitlab.JobTokenPermission, TokenScope: gitlab.TokenScope, GitlabFineGrainedPermission: gitlab.GitlabFineGrainedPermission, ForgejoScope: forgejo.ForgejoScope, APIAccessTokenScope: buildkite.APIAccessTokenScope };
    for (const [name, value] of Object.entries(enums)) {
      expect(typeof value, name).toBe('object');
      expect(Object.isFrozen(value), name).toBe(true);
    }
  });
});

describe('a polluted prototype', () => {
  it('an index on Array.prototype does not turn a REST grant into a deny', async () => {
    const rest = (await import(pathToFileURL(path.join(generated, 'gitlab/index.js')).href)) as { isFineGrainedRestRequestAllowed(g: Iterable<string>, m: string, p: string): boolean };
    // REST page: `GET /projects/:id/releases` needs read_release (line 1959).
    expect(rest.isFineGrainedRestRequestAllowed(['read_release'], 'GET', '/projects/1/releases')).toBe(true);
    polluted(Array.prototype, 0, true, () => {
      expect(rest.isFineGrainedRestRequestAllowed(['read_release'], 'GET', '/projects/1/releases')).toBe(true);
      expect(rest.isFineGrainedRestRequestAllowed([], 'GET', '/projects/1/releases')).toBe(false);
    });
  });

  it('a key on Object.prototype before the import does not break it (deepFreeze once recursed forever)', async () => {
    const script = [
      'Object.prototype.polluted = {};',
      `for (const sub of ${JSON.stringify(SUBPATHS)}) await import(${JSON.stringify(pathToFileURL(generated).href)} + '/' + sub);`,
      `const g = await import(${JSON.stringify(pathToFileURL(path.join(generated, 'gitlab/index.js')).href)});`,
      "console.log(JSON.stringify([g.isJobTokenRequestAllowed(['READ_RELEASES'], 'GET', '/projects/1/releases'), g.isJobTokenRequestAllowed(['READ_RELEASES'], 'POST', '/projects/1/releases')]));",
    ].join('\n');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
    // Job-token page: GET releases needs READ_RELEASES, POST needs ADMIN_RELEASES.
    expect(JSON.parse(stdout)).toEqual([true, false]);
  });
});
