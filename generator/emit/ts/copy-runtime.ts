/**
 * Runtime files are real, type-checked TypeScript in `generator/emit/runtime/` (logic that does not
 * depend on the page). An emitter copies the ones it needs into the package with the header, and
 * points their relative imports (written for `emit/runtime/`) at where those files land.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmitContext } from '../emitter.ts';
import type { SourceInfo } from '../../model/catalog.ts';
import { codeHeader } from '../header.ts';
import { hashedText } from '../disk-cache.ts';
import { ts } from 'ts-morph';

export interface RuntimeFile {
  /** File name in `generator/emit/runtime/`. */
  file: string;
  /** Destination in the in-memory package (`/generated/…`). */
  to: string;
}

/**
 * A runtime file's text as the emit cache's key hashed it (`hashedText`: permgen's code is hashed once
 * per process), else read once per process. Read on every emit, a long `generate --watch` picked up
 * a runtime file edited mid-session and cached that output under the key of the code it started
 * with (a later revert then passed `--check` against it).
 */
const runtimeTexts = new Map<string, string>();
function runtimeText(file: string): string {
  let text = runtimeTexts.get(file);
  if (text === undefined) {
    const full = fileURLToPath(new URL(`../runtime/${file}`, import.meta.url));
    runtimeTexts.set(file, (text = hashedText(full)));
  }
  return text;
}

/** `owner` names the emitter (for the diagnostic when a runtime file imports one not listed). */
export function copyRuntime(ctx: EmitContext, sources: readonly SourceInfo[], files: readonly RuntimeFile[], owner: string): void {
  const destination = new Map(files.map((r) => [`./${r.file.replace(/\.ts$/, '.js')}`, r.to]));
  let done = copied.get(ctx.project);
  if (!done) copied.set(ctx.project, (done = new Set()));
  for (const r of files) {
    // A file another emitter already copied to the same place stays as it is (its imports still resolve
    // through `destination`): one copy, one transpile.
    if (done.has(r.to)) continue;
    done.add(r.to);
    const text = runtimeText(r.file);
    const note = `// Copied from permgen's generator/emit/runtime/${r.file}: logic that does not depend on the page.\n`;
    const full = `${codeHeader(sources)}\n${note}\n${text}`;
    // The module specifiers of its imports and exports, found by TypeScript's pre-processor (a scan,
    // not a parse: ts-morph would parse and re-parse the file to rewrite them), replaced from the end.
    const offset = full.length - text.length;
    const edits: { pos: number; from: string; specifier: string }[] = [];
    for (const ref of importedFiles(text)) {
      const specifier = ref.fileName;
      if (!specifier.startsWith('.')) continue;
      const target = destination.get(specifier);
      if (!target) {
        ctx.report.error(`${owner}-runtime`, `Runtime file ${r.file} imports ${specifier}, which is not in RUNTIME_FILES.`, { file: `generator/emit/runtime/${r.file}`, line: 1, column: 1 }, `This is a permgen bug: list the file in generator/emit/${owner}.ts RUNTIME_FILES.`);
        continue;
      }
      let relative = path.posix.relative(path.posix.dirname(r.to), target).replace(/\.ts$/, '.js');
      if (!relative.startsWith('.')) relative = `./${relative}`;
      edits.push({ pos: offset + ref.pos, from: specifier, specifier: relative });
    }
    let out = full;
    for (const e of edits.sort((a, b) => b.pos - a.pos)) {
      // `pos` is the opening quote's offset; the specifier follows it, closed by the same quote.
      const quote = out[e.pos];
      const from = e.pos + 1;
      const to = from + e.from.length;
      if ((quote !== "'" && quote !== '"') || out.slice(from, to) !== e.from || out[to] !== quote) throw new Error(`copyRuntime: the specifier ${e.from} of ${r.file} is not where TypeScript's scanner put it`);
      out = `${out.slice(0, from)}${e.specifier}${out.slice(to)}`;
    }
    ctx.project.createSourceFile(r.to, out, { overwrite: true });
  }
}

/**
 * Where each project already has a runtime file: several emitters list the same one
 * (`gitlab/runtime/route-path.ts`: the job-token, REST and least-privilege emitters), and each copy
 * was transpiled again (esbuild and oxc, 50 KB) and the first two thrown away. The first copy stays:
 * the route emitters' (headed with every GitLab route page, `gitlabRouteSources`).
 */
const copied = new WeakMap<object, Set<string>>();

/**
 * The imports of a runtime file's text, scanned once per process: a file copied for two providers
 * (route-path.ts, least-privilege.ts: GitLab and Forgejo) is scanned once.
 */
const scanned = new Map<string, readonly ts.FileReference[]>();
function importedFiles(text: string): readonly ts.FileReference[] {
  let refs = scanned.get(text);
  if (refs === undefined) {
    refs = ts.preProcessFile(text, true, false).importedFiles;
    scanned.set(text, refs);
  }
  return refs;
}
