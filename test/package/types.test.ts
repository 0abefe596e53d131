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
