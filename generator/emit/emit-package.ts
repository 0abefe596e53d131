/**
 * Runs every emitter over the catalog and compiles the TypeScript they built to ESM `.js` and
 * `.d.ts`, all in memory. Returns every file of `generated/` (path → contents); writing is a
 * separate stage so that `--check` and failures never touch the disk.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { transform, transformSync, version as esbuildVersion, type Message } from 'esbuild';
import { IndentationText, NewLineKind, QuoteKind, ts, type Project } from 'ts-morph';
import { EmitProject } from './emit-project.ts';
import { DECLARATIONS_CODE, isolatedDeclarations, OXC_VERSION, type DeclarationResult } from './ts/declarations.ts';
import type { Catalog } from '../model/catalog.ts';
import type { Reporter } from '../diagnostics/reporter.ts';
import { emitters } from './registry.ts';
import { cachedTranspile, cachedTranspileAsync, type Transpiled } from './transpile-cache.ts';
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

export interface CompileOptions {
  /**
   * Also type-check the whole package as one strict program (slow: seconds, most of it the compiled
   * route matcher). Off by default: the test suite type-checks the package emitted from the real
   * sources and from hostile fixtures, and `permgen generate --typecheck` turns it on for a run.
   */
  typecheck?: boolean;
}

export function emitPackage(catalog: Catalog, options: EmitOptions, report: Reporter, compile: CompileOptions = {}): Map<string, string> {
  const { project, out } = runEmitters(catalog, options, report);
  for (const [rel, text] of emittedTexts(project)) {
    out.set(sourcePath(rel), text);
    transpile(rel, text, out, report);
  }
  if (compile.typecheck) typecheckProject(project, report);
  return sorted(out);
}

/**
 * `emitPackage` as `permgen generate` runs it: each file's `.js` is started with esbuild's
 * asynchronous `transform` as soon as the file is printed, so esbuild's service (its own process
 * and threads: the second core) transpiles while this thread goes on with the emitters and the
 * `.d.ts`; `transformSync` made this thread wait for every file in turn. Same files and the same
 * diagnostics, in the same order, as `emitPackage`.
 */
export async function emitPackageAsync(catalog: Catalog, options: EmitOptions, report: Reporter, compile: CompileOptions = {}): Promise<Map<string, string>> {
  const started = new Map<string, { text: string; result: Transpiled | Promise<Transpiled> }>();
  const start = (rel: string, text: string) => cachedTranspileAsync(transpileKeyParts(rel, text), () => compileAsync(rel, text));
  const { project, out } = await runEmittersAsync(catalog, options, report, (filePath, text) => {
    if (isEmitted(filePath)) started.set(filePath, { text, result: start(relative(filePath), text) });
  });
  const results: [string, string, Transpiled | Promise<Transpiled>][] = [];
  for (const [rel, text] of emittedTexts(project)) {
    const early = started.get(`/generated/${rel}`);
    // A file changed after it was printed is transpiled again from its final text.
    results.push([rel, text, early && early.text === text ? early.result : start(rel, text)]);
  }
  const settled = await Promise.allSettled(results.map(([, , result]) => result));
  results.forEach(([rel, text], i) => {
    const s = settled[i]!;
    if (s.status === 'rejected') throw s.reason;
    out.set(sourcePath(rel), text);
    place(rel, text, s.value, out, report);
  });
  if (compile.typecheck) typecheckProject(project, report);
  return sorted(out);
}

function runEmitters(catalog: Catalog, options: EmitOptions, report: Reporter): { project: EmitProject; out: Map<string, string> } {
  const { project, files, ctx } = emitContext(catalog, options, report);
  for (const emitter of emitters) emitter.emit(ctx);
  return { project, out: outputOf(files) };
}

/**
 * The emitters with `onText` told each printed file, and the event loop let run after each emitter:
 * a transform request to esbuild's service is written to its pipe from the event loop (beyond the
 * pipe's 64 KiB buffer), so without these turns the large files would only reach esbuild once every
 * emitter had run.
 */
async function runEmittersAsync(catalog: Catalog, options: EmitOptions, report: Reporter, onText: (filePath: string, text: string) => void): Promise<{ project: EmitProject; out: Map<string, string> }> {
  const { project, files, ctx } = emitContext(catalog, options, report);
  project.onText = onText;
  for (const emitter of emitters) {
    emitter.emit(ctx);
    await new Promise((resolve) => setImmediate(resolve));
  }
  project.onText = undefined;
  return { project, out: outputOf(files) };
}

function emitContext(catalog: Catalog, options: EmitOptions, report: Reporter): { project: EmitProject; files: GeneratedFile[]; ctx: EmitContext } {
  const project = new EmitProject({
    useInMemoryFileSystem: true,
    compilerOptions,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, newLineKind: NewLineKind.LineFeed, quoteKind: QuoteKind.Single, useTrailingCommas: true },
  });
  const files: GeneratedFile[] = [];
  return { project, files, ctx: { catalog, project, files, options, report } };
}

function outputOf(files: readonly GeneratedFile[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files) out.set(f.path, f.contents);
  return out;
}

/**
 * Where the TypeScript a module was compiled from is written: `src/<module>.ts`, beside the package's
 * `.js` + `.d.ts`, not next to them. A consumer's TypeScript resolves the `./x.js` imports of a `.d.ts`
 * to a sibling `x.ts` first and type-checks it as source (`skipLibCheck` skips only `.d.ts`), so with
 * the sources next to them a consumer's stricter settings (`erasableSyntaxOnly`, an older `lib`,
 * `noPropertyAccessFromIndexSignature`) failed its build inside the package. In `src/` the sources
 * keep their relative imports (the same tree) for review and are not published (`files`).
 */
function sourcePath(rel: string): string {
  return `src/${rel}`;
}

/** Transpiled files: every TypeScript file of the project but declaration files and installed peers. */
function isEmitted(filePath: string): boolean {
  return !filePath.endsWith('.d.ts') && !filePath.includes('/node_modules/');
}

/** `[path relative to generated/, text]` of every file to transpile, in the project's order. */
function emittedTexts(project: EmitProject): [string, string][] {
  // No formatting pass: ts-morph prints every file once (a formatText pass cost ~1 s); writer-built
  // initializers keep ts-morph's hanging indent.
  // Texts only: a file built from a structure is never parsed by ts-morph (`emit-project.ts`).
  const texts: [string, string][] = [];
  for (const [filePath, text] of project.texts()) if (isEmitted(filePath)) texts.push([relative(filePath), text]);
  return texts;
}

function sorted(out: Map<string, string>): Map<string, string> {
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** What the `.js` is compiled with (part of the transpile cache key). */
const jsOptions = { loader: 'ts', format: 'esm', target: 'es2022', charset: 'utf8', tsconfigRaw: { compilerOptions: { useDefineForClassFields: true } } } as const;

function transpileKeyParts(rel: string, text: string): string[] {
  return [esbuildVersion, OXC_VERSION, DECLARATIONS_CODE, JSON.stringify(jsOptions), `/generated/${rel}`, text];
}

/**
 * `.js` and `.d.ts` per file, without a program: esbuild's `transformSync` strips the types (the
 * `.js` carries no JSDoc; the `.ts` and `.d.ts` do) and oxc's isolated-declarations emitter
 * (`ts/declarations.ts`: every export carries its type) writes the declarations. A file that does
 * not parse, or needs the checker to declare its exports, is a permgen bug, reported with file:line.
 */
export function transpile(rel: string, text: string, out: Map<string, string>, report: Reporter): void {
  const result = cachedTranspile(transpileKeyParts(rel, text), () => {
    const fileName = `/generated/${rel}`;
    const diagnostics: { line: number; message: string }[] = [];
    let js = '';
    try {
      const r = transformSync(text, { ...jsOptions, sourcefile: fileName, logLevel: 'silent' });
      js = r.code;
      diagnostics.push(...warningsOf(r.warnings));
    } catch (error) {
      diagnostics.push(...errorsOf(error));
    }
    return withDeclarations(js, diagnostics, isolatedDeclarations(fileName, text));
  });
  place(rel, text, result, out, report);
}

/** `transpile` with esbuild's asynchronous `transform` (what `emitPackageAsync` does per file). */
export async function transpileAsync(rel: string, text: string, out: Map<string, string>, report: Reporter): Promise<void> {
  place(rel, text, await cachedTranspileAsync(transpileKeyParts(rel, text), () => compileAsync(rel, text)), out, report);
}

/** `transpile`'s computation with esbuild's asynchronous `transform`; the `.d.ts` is made meanwhile. */
async function compileAsync(rel: string, text: string): Promise<Transpiled> {
  const fileName = `/generated/${rel}`;
  const js = transform(text, { ...jsOptions, sourcefile: fileName, logLevel: 'silent' }).then(
    (r) => ({ code: r.code, diagnostics: warningsOf(r.warnings) }),
    (error: unknown) => ({ code: '', diagnostics: errorsOf(error) }),
  );
  const dts = isolatedDeclarations(fileName, text);
  const { code, diagnostics } = await js;
  return withDeclarations(code, diagnostics, dts);
}

// A warning on permgen's own output (a duplicate key, an unreachable branch) is a bug too.
function warningsOf(warnings: readonly Message[]): { line: number; message: string }[] {
  return warnings.map((w) => ({ line: w.location?.line ?? 1, message: w.text }));
}

function errorsOf(error: unknown): { line: number; message: string }[] {
  const errors = (error as { errors?: Message[] }).errors;
  if (!errors?.length) throw error;
  return errors.map((e) => ({ line: e.location?.line ?? 1, message: e.text }));
}

/** A transpile result: the `.js` with its problems, then the declarations' (in that order). */
function withDeclarations(js: string, diagnostics: readonly { line: number; message: string }[], dts: DeclarationResult): Transpiled {
  return { js, dts: dts.dts, diagnostics: [...diagnostics, ...dts.diagnostics] };
}

function place(rel: string, text: string, result: Transpiled, out: Map<string, string>, report: Reporter): void {
  for (const d of result.diagnostics) {
    report.error('emit-typescript', `Generated TypeScript does not compile (${rel}:${d.line}): ${d.message}`, { file: 'generated', line: 1, column: 1 }, 'This is a permgen bug; please report it with the page that caused it.');
  }
  // The emits drop or keep the leading comment unpredictably: make sure the do-not-edit header leads.
  const header = /^\/\*[\s\S]*?\*\/\n/.exec(text)?.[0];
  const withHeader = (code: string) => (header && !code.startsWith(header) ? `${header}${code}` : code);
  out.set(rel.replace(/\.ts$/, '.js'), withHeader(result.js));
  out.set(rel.replace(/\.ts$/, '.d.ts'), withHeader(result.dts));
}

function typecheckProject(project: Project, report: Reporter): void {
  installPeerTypes(project, 'graphql', report);
  project.getSourceFiles(); // an EmitProject parses its files only when asked; the program needs them all
  for (const d of project.getPreEmitDiagnostics()) {
    const file = d.getSourceFile();
    const where = file ? `${relative(file.getFilePath())}:${file.getLineAndColumnAtPos(d.getStart() ?? 0).line}` : 'generated';
    const message = ts.flattenDiagnosticMessageText(d.compilerObject.messageText, ' ');
    report.error('emit-typescript', `Generated TypeScript does not type-check (${where}): ${message}`, { file: 'generated', line: 1, column: 1 }, 'This is a permgen bug; please report it with the page that caused it.');
  }
}

/**
 * The `gitlab/graphql` modules import `graphql` (an optional peer dependency of the package). The
 * in-memory project has no node_modules, so for a type-check the declaration files of the `graphql`
 * permgen itself uses are made visible there; they are never written to `generated/`.
 */
function installPeerTypes(project: Project, name: string, report: Reporter): void {
  const fs = project.getFileSystem();
  if (fs.fileExistsSync(`/node_modules/${name}/package.json`)) return;
  let root: string;
  try {
    root = path.dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
  } catch {
    report.error('peer-types-missing', `The \`${name}\` package is not installed, so the package cannot be type-checked.`, { file: 'package.json', line: 1, column: 1 }, 'Run `npm install`.');
    return;
  }
  const copy = (from: string, to: string): void => {
    for (const entry of readdirSync(from, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(from, entry.name);
      if (entry.isDirectory()) copy(full, `${to}/${entry.name}`);
      else if (entry.name.endsWith('.d.ts') || entry.name === 'package.json') fs.writeFileSync(`${to}/${entry.name}`, readFileSync(full, 'utf8'));
    }
  };
  copy(root, `/node_modules/${name}`);
}

/** In-memory paths are rooted at `/generated`; files in the map are relative to `generated/`. */
export function relative(filePath: string): string {
  return filePath.replace(/^\/generated\//, '').replace(/^\//, '');
}
