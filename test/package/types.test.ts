import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { realCatalog, writePackage } from '../helpers/build.ts';
import { typecheckConsumer } from '../helpers/typecheck.ts';
import { emitPackage } from '../../generator/emit/emit-package.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';

const fixtures = path.join(import.meta.dirname, '../fixtures/package');

describe('the generated package type-checks with a strict consumer', () => {
  it('accepts valid uses and rejects each @ts-expect-error line', async () => {
    const { catalog } = await realCatalog();
    const { dir, report } = await writePackage(catalog);
    expect(report.diagnostics).toEqual([]);
    const result = await typecheckConsumer(dir, [path.join(fixtures, 'consumer-core.ts')]);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('type-checks only the declarations under a consumer\'s own settings (a package hunt: the .ts sources beside them were compiled as source)', async () => {
    // With the sources next to the `.d.ts`, `./x.js` resolved to `x.ts`: these settings then failed inside the
    // package (TS1294 erasableSyntaxOnly, TS4111 noPropertyAccessFromIndexSignature), skipLibCheck or not.
    const { catalog } = await realCatalog();
    const { dir } = await writePackage(catalog);
    const result = await typecheckConsumer(dir, [path.join(fixtures, 'consumer-core.ts')], { skipLibCheck: true, erasableSyntaxOnly: true, noPropertyAccessFromIndexSignature: true, listFiles: true });
    expect(result.output.split('\n').filter((f) => f.includes('token-permissions') && f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(result.output.split('\n').filter((f) => f.includes('error TS'))).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('lets a consumer that emits declarations name every type it exports (a package hunt: TS2883 on graphqlLeastPrivilegeRequests)', async () => {
    const { catalog } = await realCatalog();
    const { dir } = await writePackage(catalog);
    const result = await typecheckConsumer(dir, [path.join(fixtures, 'consumer-declarations.ts')], { noEmit: false, declaration: true, emitDeclarationOnly: true, outDir: 'out', preserveSymlinks: true });
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('would notice a type that got looser (an unused @ts-expect-error fails)', async () => {
    const { catalog } = await realCatalog();
    const { dir } = await writePackage(catalog);
    const result = await typecheckConsumer(dir, [path.join(fixtures, 'consumer-loose.ts')]);
    expect(result.ok).toBe(false);
    expect(result.output).toContain("error TS2578: Unused '@ts-expect-error' directive.");
  });
});

describe('the generated TypeScript sources', () => {
  it('type-check as one strict program (what `generate --typecheck` runs)', async () => {
    const { catalog } = await realCatalog();
    const report = new Reporter();
    const files = emitPackage(catalog, { enumStyle: 'const' }, report, { typecheck: true });
    expect(files.size).toBeGreaterThan(50);
    expect(report.diagnostics).toEqual([]);
  });

  it('type-check in classic enum style too', async () => {
    const { catalog } = await realCatalog();
    const report = new Reporter();
    emitPackage(catalog, { enumStyle: 'enum' }, report, { typecheck: true });
    expect(report.diagnostics).toEqual([]);
  });
});
