/**
 * Reader fuzzing: random mutations of each real source (lines dropped, duplicated, swapped; cells
 * and pipes cut or added; unbalanced parentheses; unicode, zero-width and control characters;
 * CRLF; truncation at any byte). Every run must end in a model or diagnostics whose positions lie
 * inside the page, never an exception. A fixed seed runs in CI; FUZZ_SEED picks another, and a
 * failure prints the seed and the shrunk mutation.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSourceFromText } from '../../generator/build-catalog.ts';
import { parseManifest } from '../../generator/config/manifest.ts';
import { parseOverrides } from '../../generator/config/overrides.ts';
import { limits } from '../../generator/config/limits.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { validationRules } from '../../generator/validate/registry.ts';
import { projectRoot } from '../helpers/build.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
/** A fresh seed each run, on top of the fixed one; fast-check prints it with any counterexample. */
const RANDOM_SEED = Number(process.env.FUZZ_RANDOM_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RANDOM_RUNS = Number(process.env.FUZZ_RANDOM_RUNS ?? 40);

const entries = parseManifest(readFileSync(path.join(projectRoot, 'sources/sources.json'), 'utf8'), 'sources/sources.json', new Reporter());
const overridesText = readFileSync(path.join(projectRoot, 'sources/overrides.json'), 'utf8');

type Mutation =
  | { op: 'drop' | 'duplicate'; line: number }
  | { op: 'swap'; line: number; other: number }
  | { op: 'insert'; line: number; column: number; text: string }
  | { op: 'truncate'; at: number }
  | { op: 'crlf' }
  | { op: 'cut-cell'; line: number };

const NASTY = ['|', '||', '| |', '(', ')', '((', '`', '```', '*/', '<!--', '-->', '<sup>1</sup>', ':', '*', '\u0000', '\u0007', '\u200b', '\u202e', '\ufeff', '\r', '\t', 'é', '𝔘', '%2F', '\\', '${', "'", '"', '</script>', '---', '# ', '- ', 'None', 'Read', 'resources'];

const mutation = (lines: number, bytes: number): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({ op: fc.constantFrom('drop' as const, 'duplicate' as const), line: fc.nat(lines - 1) }),
    fc.record({ op: fc.constant('swap' as const), line: fc.nat(lines - 1), other: fc.nat(lines - 1) }),
    fc.record({ op: fc.constant('insert' as const), line: fc.nat(lines - 1), column: fc.nat(200), text: fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', maxLength: 8 })) }),
    fc.record({ op: fc.constant('truncate' as const), at: fc.nat(bytes) }),
    fc.constant({ op: 'crlf' as const }),
    fc.record({ op: fc.constant('cut-cell' as const), line: fc.nat(lines - 1) }),
  );

function apply(text: string, ms: Mutation[]): string {
  let lines = text.split('\n');
  for (const m of ms) {
    const i = 'line' in m ? m.line % Math.max(lines.length, 1) : 0;
    switch (m.op) {
      case 'drop':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, lines[i] ?? '');
        break;
      case 'swap': {
        const j = m.other % Math.max(lines.length, 1);
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
        break;
      }
      case 'insert': {
        const l = lines[i] ?? '';
        const c = Math.min(m.column, l.length);
        lines[i] = l.slice(0, c) + m.text + l.slice(c);
        break;
      }
      case 'cut-cell': {
        const l = lines[i] ?? '';
        const k = l.indexOf('|', 1);
        lines[i] = k < 0 ? l : l.slice(0, k) + l.slice(l.indexOf('|', k + 1) < 0 ? k : l.indexOf('|', k + 1));
        break;
      }
      case 'truncate': {
        const joined = lines.join('\n');
        // Truncate at a byte, not a character: the cut may split a multi-byte character.
        const cut = Buffer.from(joined, 'utf8').subarray(0, m.at % (Buffer.byteLength(joined) + 1));
        lines = new TextDecoder().decode(cut).split('\n');
        break;
      }
      case 'crlf':
        lines = lines.map((l) => `${l}\r`);
        break;
    }
  }
  return lines.join('\n');
}

describe.each(entries.map((e) => [e.id, e] as const))('fuzzing %s', (_id, entry) => {
  const file = `sources/${entry.file}`;
  const original = readFileSync(path.join(projectRoot, file), 'utf8');
  const lineCount = original.split('\n').length;
  // Every run reads the whole page: a page larger than 32 KB (the REST page, 234 KB) gets
  // proportionally fewer runs (so each source costs about the same) and more time.
  const share = Math.min(1, 32_000 / Buffer.byteLength(original));

  it.each([
    [SEED, Math.ceil(RUNS * share)],
    [RANDOM_SEED, Math.ceil(RANDOM_RUNS * share)],
  ])(`${entry.id}: never throws; diagnostics stay inside the page (seed %i, %i runs)`, (seed, numRuns) => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(mutation(lineCount, Buffer.byteLength(original)), { minLength: 1, maxLength: 6 }), (ms) => {
        const text = apply(original, ms);
        const report = new Reporter();
        const overrides = parseOverrides(overridesText, 'sources/overrides.json', report);
        const model = buildSourceFromText(text, '0'.repeat(64), file, entry, overrides, limits, report);
        // The whole-model rules (route overlap works on automata, ~0.5 s) run on every 5th case:
        // they read the model, not the page, so fewer runs still cover them.
        if (model && run++ % 5 === 0) for (const rule of validationRules) rule.check({ catalogVersion: 1, sources: [model] }, report);
        JSON.stringify(model);
        // CommonMark (and so every reader) ends a line at \r\n, \r or \n.
        const lines = text.split(/\r\n|\r|\n/).length + 1;
        for (const d of report.diagnostics) {
          if (d.file !== file) continue;
          expect(d.line, `${d.ruleId}: ${d.message}`).toBeGreaterThanOrEqual(1);
          expect(d.line, `${d.ruleId}: ${d.message}`).toBeLessThanOrEqual(lines);
          expect(d.column).toBeGreaterThanOrEqual(1);
          expect(d.message.length).toBeGreaterThan(0);
        }
      }),
      { seed, numRuns, verbose: 1 },
    );
    // Pages over 32 KB get proportionally fewer runs (share) and the longest timeout; the 942-line GraphQL
    // Markdown page took 88 s for its runs on the shared two-core machine, over the suite's 60 s default.
  }, share < 1 ? 600_000 : 240_000);
});
