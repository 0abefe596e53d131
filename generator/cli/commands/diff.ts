import type { Command } from '../command.ts';
import { parse } from '../args.ts';
import { resolveSide } from '../../diff/resolve-side.ts';
import { buildCatalog } from '../../build-catalog.ts';
import { compareCatalogs } from '../../diff/compare-catalogs.ts';
import { render } from '../../docs/handlebars.ts';
import { formatDiagnostic } from '../../diagnostics/diagnostic.ts';

const HELP = `Usage: permgen diff <old> <new> [--json] [--fail-on widened|narrowed|any]

Reports what a docs change does to permissions. Each side is a sources folder, a project folder
or a git revision (e.g. HEAD~1, origin/main). Markdown (for a pull-request comment) by default.
  --json       the report as JSON
  --fail-on    exit 1 when the report has widened (or narrowed, or any) changes
`;

export const diffCommand: Command = {
  async run(args, io) {
    const parsed = parse(args, { json: { type: 'boolean' }, 'fail-on': { type: 'string' }, help: { type: 'boolean', short: 'h' } });
    if (!parsed.ok || (!parsed.values.help && parsed.positionals.length !== 2)) {
      io.stderr.write(`permgen diff: ${parsed.ok ? 'expected <old> and <new>' : parsed.error}\n\n${HELP}`);
      return 2;
    }
    if (parsed.values.help) {
      io.stdout.write(HELP);
      return 0;
    }
    const failOn = parsed.values['fail-on'];
    if (failOn !== undefined && !['widened', 'narrowed', 'any'].includes(failOn)) {
      io.stderr.write(`permgen diff: --fail-on must be widened, narrowed or any\n`);
      return 2;
    }
    const sides = [];
    try {
      for (const spec of parsed.positionals) sides.push(await resolveSide(spec, io.cwd));
    } catch (error) {
      io.stderr.write(`permgen diff: ${(error as Error).message}\n`);
      return 2;
    }
    try {
      const [before, after] = await Promise.all(sides.map((s) => buildCatalog({ root: s.root, sourcesDir: s.sourcesDir })));
      const errors = [...before!.diagnostics, ...after!.diagnostics].filter((d) => d.severity === 'error');
      for (const d of errors) io.stderr.write(`${formatDiagnostic(d)}\n`);
      if (errors.length > 0) {
        io.stderr.write(`permgen diff: ${errors.length} error(s) reading the sources; the report would be incomplete.\n`);
        return 1;
      }
      const report = compareCatalogs(before!.catalog, after!.catalog);
      const by = (impact: string) => report.changes.filter((c) => c.impact === impact);
      // The Markdown's line column: a change without an `after` is at the old page's line ("before: "), and a
      // request that another row answered before also names that row's old line when it differs.
      const shown = (impact: string) =>
        by(impact).map((c) => ({ ...c, movedFrom: c.beforePosition && c.position && (c.beforePosition.line !== c.position.line || c.beforePosition.file !== c.position.file) ? c.beforePosition : undefined }));
      if (parsed.values.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else
        io.stdout.write(
          render('change-report.md.hbs', {
            widened: shown('widened'),
            narrowed: shown('narrowed'),
            neutral: shown('neutral'),
            none: report.changes.length === 0,
          }).replace(/\n{3,}/g, '\n\n'),
        );
      // Sources added, removed or renamed are changes too (`source-added` widened, `source-removed` narrowed).
      const failing = failOn === 'any' ? report.changes.length : failOn ? by(failOn).length : 0;
      return failing > 0 ? 1 : 0;
    } finally {
      for (const s of sides) await s.cleanup();
    }
  },
};
