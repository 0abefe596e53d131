import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { realCatalog, writePackage } from '../helpers/build.ts';
import { typecheckConsumer } from '../helpers/typecheck.ts';
import { emitPackage, emitPackageAsync, transpile, transpileAsync } from '../../generator/emit/emit-package.ts';
import { resetTranspileMemory } from '../../generator/emit/transpile-cache.ts';
import { formatDeclarations } from '../../generator/emit/ts/declarations.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';

const fixtures = path.join(import.meta.dirname, '../fixtures/package');

describe('declarations written by oxc', () => {
  it('give a strict consumer the package types on their own (every .ts removed)', async () => {
    const { catalog } = await realCatalog();
    const { dir, files, report } = await writePackage(catalog);
    expect(report.diagnostics).toEqual([]);
    // Without the .ts beside them, TypeScript can only read the .d.ts (otherwise it prefers the .ts).
    for (const rel of files.keys()) if (rel.endsWith('.ts') && !rel.endsWith('.d.ts')) await rm(path.join(dir, rel));
    const ok = await typecheckConsumer(dir, [path.join(fixtures, 'consumer-core.ts')]);
    expect(ok.output).toBe('');
    expect(ok.ok).toBe(true);
    // …and they are not looser than the sources: the loose consumer's @ts-expect-error lines still fail.
    const loose = await typecheckConsumer(dir, [path.join(fixtures, 'consumer-loose.ts')]);
    expect(loose.ok).toBe(false);
    expect(loose.output).toContain("error TS2578: Unused '@ts-expect-error' directive.");
  }, 120_000);

  it('keep the do-not-edit header first and the JSDoc of exports', () => {
    const out = new Map<string, string>();
    const report = new Reporter();
    const text = `/*\n * header\n */\n/**\n * Rows.\n * @see page.md:3:1\n */\nexport const rows: readonly string[] = ['a'];\nexport interface Shape {\n  /** X, from the page. */\n  readonly x: number;\n}\n`;
    transpile('gitlab/a.ts', text, out, report);
    expect(report.diagnostics).toEqual([]);
    expect(out.get('gitlab/a.d.ts')).toBe(
      '/*\n * header\n */\n/**\n * Rows.\n * @see page.md:3:1\n */\nexport declare const rows: readonly string[];\nexport interface Shape {\n    /** X, from the page. */\n    readonly x: number;\n}\n',
    );
    expect(out.get('gitlab/a.js')).toBe('/*\n * header\n */\nconst rows = ["a"];\nexport {\n  rows\n};\n');
  });
});

describe('the asynchronous emit (what `permgen generate` runs)', () => {
  it('gives the same files and diagnostics as the synchronous one on the real sources', async () => {
    const { catalog } = await realCatalog();
    resetTranspileMemory(); // each computes its own transpiles (the transpile cache is in memory only)
    const syncReport = new Reporter();
    const sync = emitPackage(catalog, { enumStyle: 'const' }, syncReport);
    resetTranspileMemory();
    const asyncReport = new Reporter();
    const async = await emitPackageAsync(catalog, { enumStyle: 'const' }, asyncReport);
    expect([...async.keys()]).toEqual([...sync.keys()]);
    for (const [rel, text] of sync) expect(async.get(rel), rel).toBe(text);
    expect(asyncReport.diagnostics).toEqual(syncReport.diagnostics);
  }, 120_000);
});

describe.each([
  ['transformSync', (text: string, report: Reporter) => transpile('gitlab/bad.ts', text, new Map(), report)],
  ['transform (asynchronous)', (text: string, report: Reporter) => transpileAsync('gitlab/bad.ts', text, new Map(), report)],
] as const)('emit-typescript diagnostics, esbuild %s', (_, run) => {
  const diagnose = async (text: string) => {
    resetTranspileMemory(); // both variants share a cache key: each must compute, not read the other's result
    const report = new Reporter();
    await run(text, report);
    return report.diagnostics.map((d) => `${d.ruleId} ${d.message}`);
  };

  it('report a file that does not parse, with its line', async () => {
    const messages = await diagnose("/* ‘page’ text */\nexport const a: number = 1;\nexport const b: number = (;\n");
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(m).toMatch(/^emit-typescript Generated TypeScript does not compile \(gitlab\/bad\.ts:3\): /);
  });

  it('report an export whose type needs the checker (isolated declarations), with its line', async () => {
    const messages = await diagnose("// ‘é’ before it, ‘é’ ‘é’ ‘é’\nexport const ok: number = 1;\nexport function f(x: number) {\n  return x;\n}\n");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^emit-typescript Generated TypeScript does not compile \(gitlab\/bad\.ts:3\): .*return type/i);
  });

  it('report a duplicate key esbuild warns about', async () => {
    const messages = await diagnose("export const o: Record<string, number> = {\n  a: 1,\n  a: 2,\n};\n");
    expect(messages).toEqual([expect.stringMatching(/^emit-typescript Generated TypeScript does not compile \(gitlab\/bad\.ts:3\): Duplicate key "a"/)]);
  });
});

describe('formatDeclarations', () => {
  it('lays out tabs and JSDoc continuation lines as TypeScript does', () => {
    expect(formatDeclarations('export interface A {\n\t/**\n* Doc.\n* @see x\n*/\n\treadonly b: {\n\t\tc: 1;\n\t};\n}\n')).toBe(
      'export interface A {\n    /**\n     * Doc.\n     * @see x\n     */\n    readonly b: {\n        c: 1;\n    };\n}\n',
    );
  });

  it('leaves page text in strings and templates alone', () => {
    const code = 'export type P = "/projects/*\\t" | \'/a/**\' | `x${"/*"}\ty`;\n/**\n* after\n*/\nexport type Q = 1;\n';
    expect(formatDeclarations(code)).toBe('export type P = "/projects/*\\t" | \'/a/**\' | `x${"/*"}\ty`;\n/**\n * after\n */\nexport type Q = 1;\n');
  });
});
