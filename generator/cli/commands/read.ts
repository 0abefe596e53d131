import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Command } from '../command.ts';
import { parse } from '../args.ts';
import { readers, findReader, detectReader } from '../../read/registry.ts';
import { extractors, recognizeExtractor } from '../../extract/registry.ts';
import { describeTables } from '../../extract/table-headers.ts';
import { Reporter } from '../../diagnostics/reporter.ts';
import { formatDiagnostic } from '../../diagnostics/diagnostic.ts';
import { Overrides } from '../../config/overrides.ts';
import { createHash } from 'node:crypto';

const HELP = () => `Usage: permgen read <file> [--reader NAME] [--json]

Prints the model extracted from one page, to try a new or changed page before adding it to sources/sources.json.
Without --reader, the reader is chosen from the page's content.

Readers:
${readers.map((r) => `  ${r.name.padEnd(22)} ${r.description}`).join('\n')}

Tables recognised (by header row):
${extractors.map((e) => `  ${e.kind.padEnd(28)} ${e.headers.map((h) => `| ${h.join(' | ')} |`).join(', ')}`).join('\n')}
`;

export const readCommand: Command = {
  async run(args, io) {
    const parsed = parse(args, { reader: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
    if (!parsed.ok || (!parsed.values.help && parsed.positionals.length !== 1)) {
      io.stderr.write(`permgen read: ${parsed.ok ? 'expected one file' : parsed.error}\n\n${HELP()}`);
      return 2;
    }
    if (parsed.values.help) {
      io.stdout.write(HELP());
      return 0;
    }
    const file = parsed.positionals[0]!;
    let bytes: Buffer;
    try {
      bytes = await readFile(path.resolve(io.cwd, file));
    } catch (error) {
      io.stderr.write(`${file}:1:1 error Cannot read the file (${(error as NodeJS.ErrnoException).code}). [source-unreadable]\n`);
      return 1;
    }
    const text = bytes.toString('utf8');
    const reader = parsed.values.reader ? findReader(parsed.values.reader) : detectReader(text);
    if (!reader) {
      io.stderr.write(parsed.values.reader ? `permgen read: unknown reader \`${parsed.values.reader}\`\n\n${HELP()}` : `${file}:1:1 error No reader recognises this page. [format-unknown]\n  hint: name one with --reader (see --help).\n`);
      return parsed.values.reader ? 2 : 1;
    }
    const report = new Reporter();
    const shown = file.split(path.sep).join('/');
    const doc = reader.read(text, shown, report);
    const extractor = recognizeExtractor(doc);
    const source = { id: path.basename(file).replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-'), file: shown, format: reader.name, provider: 'gitlab' as const, title: '', url: '', sha256: createHash('sha256').update(bytes).digest('hex') };
    const model = extractor ? extractor.extract(doc, { source, report, overrides: new Overrides() }) : undefined;
    if (!extractor) {
      report.error('layout-unknown', `No known permission table; tables found: ${describeTables(doc.blocks)}.`, { file: shown, line: 1, column: 1 }, 'See `permgen read --help` for the headers permgen knows.');
    }
    if (parsed.values.json) {
      io.stdout.write(`${JSON.stringify({ reader: reader.name, kind: extractor?.kind ?? null, model: model ?? null, diagnostics: report.diagnostics }, null, 2)}\n`);
    } else {
      io.stdout.write(`reader: ${reader.name}\nkind: ${extractor?.kind ?? '(none)'}\n`);
      if (model) io.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
      for (const d of report.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
    }
    return report.errorCount > 0 ? 1 : 0;
  },
};
