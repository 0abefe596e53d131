import path from 'node:path';
import type { Command } from '../command.ts';
import { parse } from '../args.ts';
import { buildSite } from '../../site/build-site.ts';
import { printDiagnostics, warningCount } from '../print-diagnostics.ts';

const HELP = `Usage: permgen docs [--out DIR] [--root DIR] [--strict]

Builds a static documentation site from the sources and the generated package (built in memory):
an index of the sources, one page per source with sortable, filterable tables and a link per entry,
and an explorer that answers queries with the package itself. Open index.html from disk or serve
the folder as is.
  --out DIR    output folder (default: site/ in the project root); replaced as a whole
  --root DIR   project root (default: current folder)
  --strict     treat warnings as errors
`;

export const docsCommand: Command = {
  async run(args, io) {
    const parsed = parse(args, { out: { type: 'string' }, root: { type: 'string' }, strict: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, false);
    if (!parsed.ok) {
      io.stderr.write(`permgen docs: ${parsed.error}\n\n${HELP}`);
      return 2;
    }
    const v = parsed.values;
    if (v.help) {
      io.stdout.write(HELP);
      return 0;
    }
    const started = performance.now();
    const root = path.resolve(io.cwd, v.root ?? '.');
    const outDir = v.out === undefined ? path.join(root, 'site') : path.resolve(io.cwd, v.out);
    const result = await buildSite({ root, outDir, strict: v.strict === true });
    const counts = printDiagnostics(io, result.diagnostics);
    if (!result.ok) {
      io.stderr.write(`permgen docs: ${counts.errors} error(s), ${warningCount(counts)}; nothing was written.\n`);
      return 1;
    }
    const bytes = [...result.files.values()].reduce((n, s) => n + Buffer.byteLength(s), 0);
    const shown = path.relative(io.cwd, outDir) || '.';
    io.stdout.write(`permgen: wrote ${result.files.size} files (${Math.round(bytes / 1024)} KiB) to ${shown}/ in ${Math.round(performance.now() - started)} ms. Open ${path.join(shown, 'index.html')}.\n`);
    return 0;
  },
};
