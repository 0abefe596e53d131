/**
 * Runs every emitter over the catalog and compiles the TypeScript they built to ESM `.js` and
 * `.d.ts`, all in memory. Returns every file of `generated/` (path → contents); writing is a
 * separate stage so that `--check` and failures never touch the disk.
 */
import { IndentationText, NewLineKind, Project, QuoteKind, ts } from 'ts-morph';
import type { Catalog } from '../model/catalog.ts';
import type { Reporter } from '../diagnostics/reporter.ts';
import { emitters } from './registry.ts';
import type { EmitContext, EmitOptions, GeneratedFile } from './emitter.ts';

export const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  declaration: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: true,
  newLine: ts.NewLineKind.LineFeed,
  rootDir: '/generated',
  outDir: '/generated',
  lib: ['lib.es2022.d.ts'],
  types: [],
};

export function emitPackage(catalog: Catalog, options: EmitOptions, report: Reporter): Map<string, string> {
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, newLineKind: NewLineKind.LineFeed, quoteKind: QuoteKind.Single, useTrailingCommas: true },
  });
  const files: GeneratedFile[] = [];
  const ctx: EmitContext = { catalog, project, files, options, report };
  for (const emitter of emitters) emitter.emit(ctx);

  const out = new Map<string, string>();
  for (const f of files) out.set(f.path, f.contents);
  for (const sf of project.getSourceFiles()) {
    // Writer-built initializers get a hanging indent from ts-morph; one formatting pass evens it out.
    sf.formatText({ indentSize: 2, convertTabsToSpaces: true, semicolons: ts.SemicolonPreference.Insert });
    out.set(relative(sf.getFilePath()), sf.getFullText());
  }
  const result = project.emitToMemory();
  for (const d of result.getDiagnostics()) {
    report.error('emit-typescript', `Generated TypeScript does not compile: ${d.getMessageText().toString()}`, { file: 'generated', line: 1, column: 1 }, 'This is a permgen bug; please report it with the page that caused it.');
  }
  for (const f of result.getFiles()) {
    const rel = relative(f.filePath);
    // Declaration emit drops the file's leading comment: put the do-not-edit header back.
    const source = rel.endsWith('.d.ts') ? out.get(rel.replace(/\.d\.ts$/, '.ts')) : undefined;
    const header = source ? /^\/\*[\s\S]*?\*\/\n/.exec(source)?.[0] : undefined;
    out.set(rel, header && !f.text.startsWith(header) ? `${header}${f.text}` : f.text);
  }
  const preDiagnostics = project.getPreEmitDiagnostics();
  for (const d of preDiagnostics) {
    const file = d.getSourceFile();
    const where = file ? `${relative(file.getFilePath())}:${file.getLineAndColumnAtPos(d.getStart() ?? 0).line}` : 'generated';
    const message = ts.flattenDiagnosticMessageText(d.getMessageText() as string | ts.DiagnosticMessageChain, ' ');
    report.error('emit-typescript', `Generated TypeScript does not type-check (${where}): ${message}`, { file: 'generated', line: 1, column: 1 }, 'This is a permgen bug; please report it with the page that caused it.');
  }
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** In-memory paths are rooted at `/generated`; files in the map are relative to `generated/`. */
export function relative(filePath: string): string {
  return filePath.replace(/^\/generated\//, '').replace(/^\//, '');
}
