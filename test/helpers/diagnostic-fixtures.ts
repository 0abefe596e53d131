/**
 * The shared shape of the diagnostic-fixture tests: a folder per case with a hand-written
 * `expected.json` (severity, rule id, file, line, column, message of every diagnostic), a list of
 * cases that must exist, and a hint on every diagnostic.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Diagnostic } from '../../generator/diagnostics/diagnostic.ts';

export function fixtureCases(dir: string): string[] {
  return readdirSync(dir).filter((name) => !name.startsWith('.')).sort();
}

/** Declares the tests (inside the caller's `describe`). `run` may be async. */
export function itMatchesDiagnosticFixtures(dir: string, required: readonly string[], run: (name: string) => { diagnostics: readonly Diagnostic[] } | Promise<{ diagnostics: readonly Diagnostic[] }>): void {
  const cases = fixtureCases(dir);
  it('has a fixture for each required case', () => {
    for (const name of required) expect(cases).toContain(name);
  });
  it.each(cases)('%s', async (name) => {
    const expected = JSON.parse(readFileSync(path.join(dir, name, 'expected.json'), 'utf8')) as unknown[];
    const { diagnostics } = await run(name);
    expect(diagnostics.map(({ hint: _hint, ...d }) => d)).toEqual(expected);
    for (const d of diagnostics) expect(d.hint.length).toBeGreaterThan(10);
  });
}
