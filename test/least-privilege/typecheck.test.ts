/** The emitted least-privilege modules compile strictly and are usable from the package's public subpaths; misuse is a type error. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { typecheckConsumer } from '../helpers/typecheck.ts';
import { realCatalog, writePackage } from '../helpers/build.ts';

describe('least-privilege types', () => {
  it('a strict consumer of token-permissions/gitlab and /forgejo type-checks, with @ts-expect-error on misuse', async () => {
    const { catalog } = await realCatalog();
    const { dir, report } = await writePackage(catalog);
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const result = await typecheckConsumer(dir, [path.join(import.meta.dirname, 'fixtures/consumer/consumer.ts')]);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  }, 120_000);

  it('the package compiles in enum style too', async () => {
    const { catalog } = await realCatalog();
    const { files, report } = await writePackage(catalog, { enumStyle: 'enum' });
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(files.get('src/gitlab/least-privilege.ts')).toContain('export function leastPrivilegeForRequests(');
  }, 120_000);
});
