import path from 'node:path';
import type { Command } from '../command.ts';
import { parse } from '../args.ts';
import { generate } from '../../generate.ts';
import { printDiagnostics, warningCount } from '../print-diagnostics.ts';
import { isBlocking } from '../../diagnostics/diagnostic.ts';
import { LockHeldError } from '../../write/lock.ts';
import { countEntries } from '../../model/count-entries.ts';
import { watchAndGenerate } from '../../watch.ts';

const HELP = `Usage: permgen generate [--check] [--strict] [--typecheck] [--watch] [--enum-style const|enum] [--root DIR] [--json] [--no-cache]

Reads every page in sources/sources.json and writes the token-permissions package to generated/.
  --check        write nothing; exit 1 when generated/ differs from what the sources produce
  --strict       treat warnings as errors
  --typecheck    also type-check the generated TypeScript as one strict program (slower)
  --watch        regenerate whenever sources, templates or config change (Ctrl-C to stop)
  --enum-style   'const' (as-const object + union type, default) or 'enum' (classic enums)
  --root DIR     project root (default: current folder)
  --json         print diagnostics and the summary as JSON
  --no-cache     neither read nor write the build and emit caches in node_modules/.cache/permgen
                 (the same as PERMGEN_CACHE=off)
`;

export const generateCommand: Command = {
  async run(args, io) {
    const parsed = parse(args, {
      check: { type: 'boolean' },
      strict: { type: 'boolean' },
      typecheck: { type: 'boolean' },
      watch: { type: 'boolean' },
      'enum-style': { type: 'string' },
      root: { type: 'string' },
      json: { type: 'boolean' },
      'no-cache': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    }, false);
    if (!parsed.ok) {
      io.stderr.write(`permgen generate: ${parsed.error}\n\n${HELP}`);
      return 2;
    }
    const v = parsed.values;
    if (v.help) {
      io.stdout.write(HELP);
      return 0;
    }
    const enumStyle = v['enum-style'] ?? 'const';
    if (enumStyle !== 'const' && enumStyle !== 'enum') {
      io.stderr.write(`permgen generate: --enum-style must be 'const' or 'enum', not '${enumStyle}'\n`);
      return 2;
    }
    // The caches read this switch when they are used; the flag sets it for this process.
    if (v['no-cache']) process.env.PERMGEN_CACHE = 'off';
    const root = path.resolve(io.cwd, v.root ?? '.');
    if (v.watch) {
      if (v.check) {
        io.stderr.write('permgen generate: --watch and --check do not go together\n');
        return 2;
      }
      const watcher = watchAndGenerate({
        root,
        strict: v.strict === true,
        emit: { enumStyle },
        onResult(result, changed) {
          const what = changed.length > 0 ? `${[...new Set(changed)].join(', ')} changed: ` : '';
          if (result instanceof Error) io.stderr.write(`permgen: ${what}${result.message}\n`);
          else {
            printDiagnostics(io, result.diagnostics);
            io.stdout.write(`permgen: ${what}${result.written ? `wrote ${result.files.size} files` : result.upToDate ? `generated/ already up to date (${result.files.size} files), nothing written` : 'nothing written (errors above)'}\n`);
          }
        },
      });
      await watcher.ready;
      io.stdout.write('permgen: watching sources/ and templates/ (Ctrl-C to stop)\n');
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
      await watcher.close();
      return 0;
    }
    const started = performance.now();
    let result;
    try {
      result = await generate({ root, check: v.check === true, strict: v.strict === true, typecheck: v.typecheck === true, emit: { enumStyle } });
    } catch (error) {
      if (error instanceof LockHeldError) {
        io.stderr.write(`permgen generate: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
    const ms = Math.round(performance.now() - started);
    const entries = result.catalog.sources.map((s) => ({ id: s.source.id, entries: countEntries(s) }));
    if (v.json) {
      io.stdout.write(`${JSON.stringify({ ok: result.ok, written: result.written, upToDate: result.upToDate, diagnostics: result.diagnostics, sources: entries, differences: result.differences, ms }, null, 2)}\n`);
      return result.ok ? 0 : 1;
    }
    const counts = printDiagnostics(io, result.diagnostics);
    const promoted = v.strict === true && result.diagnostics.some((d) => d.severity === 'warning' && isBlocking(d, true));
    if (!result.ok && (counts.errors > 0 || promoted)) {
      io.stderr.write(`permgen: ${counts.errors} error(s), ${warningCount(counts)}${promoted ? ' (--strict: unreviewed warnings are errors)' : ''}; nothing was written.\n`);
      return 1;
    }
    const summary = `${entries.length} sources, ${entries.reduce((n, e) => n + e.entries, 0)} entries (${entries.map((e) => `${e.id}: ${e.entries}`).join(', ')}), ${warningCount(counts)}, ${ms} ms`;
    if (v.check) {
      if (result.differences.length === 0) {
        io.stdout.write(`permgen: generated/ is up to date. ${summary}\n`);
        return 0;
      }
      io.stderr.write(`permgen: generated/ is stale: ${result.differences.length} file(s) differ from what the sources produce. Run \`npm run generate\` and commit the result.\n`);
      for (const d of result.differences.slice(0, 10)) {
        io.stderr.write(`  ${d.change} ${d.path}\n`);
        for (const line of d.excerpt) io.stderr.write(`      ${line}\n`);
      }
      if (result.differences.length > 10) io.stderr.write(`  … and ${result.differences.length - 10} more\n`);
      return 1;
    }
    if (result.upToDate) io.stdout.write(`permgen: generated/ is already up to date (${result.files.size} files); nothing written. ${summary}\n`);
    else io.stdout.write(`permgen: wrote ${result.files.size} files to generated/. ${summary}\n`);
    return 0;
  },
};
