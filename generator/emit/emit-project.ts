/**
 * The ts-morph project the emitters build the package in, without paying for a ts-morph SourceFile
 * per emitted file. ts-morph's `createSourceFile` prints a structure to text and then parses that
 * text into a TypeScript AST and wraps it (~1.2 s of a run for 2 MB of emitted TypeScript), while
 * all the pipeline needs of most files is their text. Here a file given as a structure or text is
 * printed with ts-morph's own printer and the same settings (byte-identical text) and parsed only
 * when something asks for its SourceFile (`getSourceFile`, `getSourceFiles`, `--typecheck`).
 * What emitters ask of other emitters' files (which names a module exports) is answered from the
 * structure when every top-level statement is a structure, and from a parse otherwise
 * (`exportKinds`).
 */
import {
  CodeBlockWriter,
  IndentationText,
  Node,
  Project,
  printStructure,
  QuoteKind,
  StructureKind,
  type OptionalKind,
  type ProjectOptions,
  type SourceFile,
  type SourceFileCreateOptions,
  type SourceFileStructure,
  type StatementStructures,
  type WriterFunction,
} from 'ts-morph';

/** What a module exports under a name (declarations with the `export` keyword or named in a local `export { … }`). */
type ExportKind = 'function' | 'variable' | 'type' | 'interface' | 'enum' | 'class' | 'namespace';
export type ExportKinds = ReadonlyMap<string, ExportKind>;

/** Initializers shorter than this (characters) are left to ts-morph's printing as they are. */
const LARGE_INITIALIZER = 4096;

interface Pending {
  text: string;
  /** From the structure; undefined when a statement is text or a writer (then the file is parsed to answer). */
  exports: ExportKinds | undefined;
}

export class EmitProject extends Project {
  readonly #pending = new Map<string, Pending>();
  /** How many initializers `#print`'s shortcut placed (tests check that it is taken). */
  shortcutInitializers = 0;
  /**
   * Told each file's text as soon as it is printed (`emitPackageAsync` starts its transpile then, so
   * esbuild works on its own threads while the emitters go on). The text may still change (a file
   * parsed and edited later): whoever listens must compare it with the final text.
   */
  onText: ((filePath: string, text: string) => void) | undefined;
  readonly #settings: { indentNumberOfSpaces: number; newLine: '\n' | '\r\n'; useSingleQuote: boolean };

  constructor(options: ProjectOptions) {
    super(options);
    // What ts-morph's own `createWriter()` reads from the same settings.
    const m = this.manipulationSettings;
    this.#settings = {
      indentNumberOfSpaces: m.getIndentationText().length,
      newLine: m.getNewLineKindAsString() as '\n' | '\r\n',
      useSingleQuote: m.getQuoteKind() === QuoteKind.Single,
    };
    if (m.getIndentationText() === IndentationText.Tab) throw new Error('EmitProject prints with spaces; tabs are not supported.');
  }

  override createSourceFile(filePath: string, content?: string | OptionalKind<SourceFileStructure> | WriterFunction, options?: SourceFileCreateOptions): SourceFile {
    const at = standard(filePath);
    if (options?.overwrite !== true && this.#exists(at)) throw new Error(`A source file already exists at the provided file path: ${at}`);
    const existing = super.getSourceFile(at);
    if (existing) this.removeSourceFile(existing);
    let text: string;
    let exports: ExportKinds | undefined;
    if (content === undefined || typeof content === 'string') text = content ?? '';
    else if (typeof content === 'function') {
      const writer = new CodeBlockWriter(this.#settings);
      content(writer);
      text = writer.toString();
    } else {
      text = this.#print(content);
      exports = exportsOfStructure(content);
    }
    this.#pending.set(at, { text, exports });
    this.onText?.(at, text);
    return lazySourceFile(() => this.#materialize(at));
  }

  override getSourceFile(fileNameOrSearch: string | ((file: SourceFile) => boolean)): SourceFile | undefined {
    if (typeof fileNameOrSearch === 'string' && fileNameOrSearch.includes('/')) this.#materialize(standard(fileNameOrSearch));
    else this.#materializeAll();
    return super.getSourceFile(fileNameOrSearch as string);
  }

  override getSourceFiles(...args: [] | [string] | [ReadonlyArray<string>]): SourceFile[] {
    this.#materializeAll();
    return super.getSourceFiles(...(args as [string]));
  }

  /** Paths of every TypeScript file in the project, parsed or not, sorted. */
  paths(): string[] {
    const paths = new Set(this.#pending.keys());
    for (const file of super.getSourceFiles()) paths.add(file.getFilePath());
    return [...paths].sort();
  }

  /** The text of every TypeScript file (path → text), without parsing any. */
  texts(): Map<string, string> {
    const out = new Map<string, string>();
    for (const file of super.getSourceFiles()) out.set(file.getFilePath(), file.getFullText());
    for (const [at, p] of this.#pending) out.set(at, p.text);
    return out;
  }

  /** What the file at `filePath` exports, or undefined when there is no such file. */
  exportKinds(filePath: string): ExportKinds | undefined {
    const pending = this.#pending.get(standard(filePath));
    if (pending?.exports) return pending.exports;
    const file = this.getSourceFile(filePath);
    return file ? exportsOfSourceFile(file) : undefined;
  }

  /**
   * ts-morph's printing of the file, with one shortcut that gives the same text: a top-level
   * `const x: T = <initializer>` with a large initializer is printed with a placeholder in its place,
   * and the placeholder is then replaced by the initializer's text written as ts-morph writes it.
   * ts-morph prints an initializer with a fresh writer (its text does not depend on where it goes)
   * and then writes `= text` into the statement's hanging indent; after printing each declaration it
   * re-reads the declaration's text and scans it with TypeScript's scanner to place list commas,
   * which for the megabyte-long data tables was ~40% of printing. Here the re-indenting write happens
   * in a writer put in the same state (the statement's line up to the initializer, in the same two
   * hanging indents), so the result is what ts-morph writes; `test/emit/emit-project.test.ts` compares
   * it with `createSourceFile` on initializers with template literals, comments and regular expressions.
   */
  #print(content: OptionalKind<SourceFileStructure>): string {
    const raw = content.statements;
    // ts-morph's printing as is: without the shortcut, or when its result could differ.
    const plain = () => printStructure({ ...content, kind: StructureKind.SourceFile }, this.#settings);
    if (!Array.isArray(raw)) return plain();
    const nonce = `${this.#pending.size}_${raw.length}`;
    const initializers = new Map<string, string>();
    // Initializers whose every line break is inside their one template literal: the writer would
    // leave them as they are (it indents only lines that start outside a string), so they skip it.
    const verbatims = new Set<string>();
    const statements = (raw as (string | WriterFunction | StatementStructures)[]).map((statement, i) => {
      if (typeof statement !== 'object' || statement.kind !== StructureKind.VariableStatement || statement.declarations.length !== 1) return statement;
      const [declaration] = statement.declarations;
      const { initializer, type } = declaration!;
      if (initializer === undefined || (typeof initializer === 'string' && initializer.length < LARGE_INITIALIZER)) return statement;
      if (typeof type === 'function' || type?.includes('\n') || declaration!.name.includes('\n')) return statement;
      // With `\r\n` line breaks the writer would rewrite the literal's `\n`s: only for `\n` (what emit-package uses).
      const verbatim = typeof initializer === 'string' && this.#settings.newLine === '\n' && isOneTemplateLiteral(initializer);
      let text: string;
      if (verbatim) text = initializer;
      else {
        const writer = new CodeBlockWriter(this.#settings);
        if (typeof initializer === 'string') writer.write(initializer);
        else initializer(writer);
        text = writer.toString();
      }
      if (text.length < LARGE_INITIALIZER || /^\s*$/.test(text)) return statement;
      const token = `__permgen_initializer_${nonce}_${i}__`;
      initializers.set(token, text);
      if (verbatim) verbatims.add(token);
      return { ...statement, declarations: [{ ...declaration!, initializer: token }] };
    });
    const printed = printStructure({ ...content, statements, kind: StructureKind.SourceFile }, this.#settings);
    if (initializers.size === 0) return printed;
    let out = '';
    let from = 0;
    for (const [token, text] of initializers) {
      const at = printed.indexOf(token, from);
      const lineStart = printed.lastIndexOf('\n', at) + 1;
      const prefix = printed.slice(lineStart, at);
      // The placeholder appears once, after `= ` on the statement's line, or the shortcut is not taken.
      if (at < 0 || printed.indexOf(token, at + token.length) >= 0 || !prefix.endsWith(' = ') || prefix.slice(0, -3).includes('=')) {
        return plain();
      }
      let statementText = prefix + text;
      if (!verbatims.has(token)) {
        const writer = new CodeBlockWriter(this.#settings);
        writer.hangingIndent(() => {
          writer.write(prefix.slice(0, -3));
          writer.hangingIndent(() => {
            writer.spaceIfLastNot();
            writer.write(`= ${text}`);
          });
        });
        statementText = writer.toString();
      }
      if (!statementText.startsWith(prefix)) return plain();
      out += printed.slice(from, lineStart) + statementText;
      from = at + token.length;
    }
    this.shortcutInitializers += initializers.size;
    return out + printed.slice(from);
  }

  #exists(at: string): boolean {
    return this.#pending.has(at) || super.getSourceFile(at) !== undefined;
  }

  #materialize(at: string): SourceFile | undefined {
    const pending = this.#pending.get(at);
    if (!pending) return super.getSourceFile(at);
    this.#pending.delete(at);
    return super.createSourceFile(at, pending.text, { overwrite: true });
  }

  #materializeAll(): void {
    for (const at of [...this.#pending.keys()]) this.#materialize(at);
  }
}

/** What a module exports, for a plain ts-morph project or an `EmitProject`; undefined when the file is not there. */
export function exportKinds(project: Project, filePath: string): ExportKinds | undefined {
  if (project instanceof EmitProject) return project.exportKinds(filePath);
  const file = project.getSourceFile(filePath);
  return file ? exportsOfSourceFile(file) : undefined;
}

/** Paths of every TypeScript file of a project, without parsing the files of an `EmitProject`. */
export function projectPaths(project: Project): string[] {
  if (project instanceof EmitProject) return project.paths();
  return project
    .getSourceFiles()
    .map((f) => f.getFilePath())
    .sort();
}

/**
 * Whether `text` is code on one line, then one template literal (the data tables' `JSON.parse(\`…\`)`,
 * see json-data.ts: backticks and `${` escaped inside), then code on the same line as its end: a
 * call of names around the literal, type arguments and an `as` type included. Every line break of such a text is
 * inside the literal, where code-block-writer writes text as it is (it indents only lines that start
 * outside a string, and it reads a backtick or `${` after a backslash as escaped, as JavaScript does
 * after an odd number of them), so writing it, fresh or in a hanging indent after `= `, gives the
 * text itself. That skips ~70 ms of a first run: the writer otherwise reads the megabyte of tables
 * character by character, twice. Anything else, or any doubt: false (the writer writes it).
 */
export function isOneTemplateLiteral(text: string): boolean {
  const open = text.indexOf('`');
  const close = text.lastIndexOf('`');
  if (open < 0 || close === open || text.charCodeAt(close - 1) === 92 || text.indexOf('\r') >= 0) return false;
  for (let i = text.indexOf('`', open + 1); i >= 0 && i < close; i = text.indexOf('`', i + 1)) if (!escapedAt(text, i)) return false;
  for (let i = text.indexOf('${', open); i >= 0; i = text.indexOf('${', i + 2)) if (i > close || !escapedAt(text, i)) return false;
  // Around the literal only names, type syntax and parentheses: nothing the writer reads as a string, comment or regular expression.
  const code = /^[\w$.()<>,[\] ]*$/;
  return code.test(text.slice(0, open)) && code.test(text.slice(close + 1));
}

/** Whether the character at `i` follows an odd number of backslashes (escaped in a template literal). */
function escapedAt(text: string, i: number): boolean {
  let k = 0;
  while (k < i && text.charCodeAt(i - 1 - k) === 92) k++;
  return k % 2 === 1;
}

function standard(filePath: string): string {
  return filePath.startsWith('/') ? filePath.replace(/\/{2,}/g, '/') : `/${filePath}`;
}

/** A SourceFile that is parsed on first use (the value `createSourceFile` returns; emitters rarely use it). */
function lazySourceFile(materialize: () => SourceFile | undefined): SourceFile {
  let file: SourceFile | undefined;
  const get = (): SourceFile => {
    file ??= materialize();
    if (!file) throw new Error('The source file was overwritten or removed.');
    return file;
  };
  return new Proxy({} as SourceFile, {
    get(_, key) {
      const target = get();
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
    has: (_, key) => key in get(),
  });
}

/** What each named top-level declaration structure declares (variable statements name theirs per declaration). */
const DECLARED_KIND = {
  [StructureKind.Function]: 'function',
  [StructureKind.TypeAlias]: 'type',
  [StructureKind.Interface]: 'interface',
  [StructureKind.Enum]: 'enum',
  [StructureKind.Class]: 'class',
  [StructureKind.Module]: 'namespace',
} as const satisfies Partial<Record<StructureKind, ExportKind>>;

function exportsOfStructure(structure: OptionalKind<SourceFileStructure>): ExportKinds | undefined {
  const raw = structure.statements;
  const statements = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const declared = new Map<string, ExportKind>();
  const exported = new Map<string, ExportKind>();
  const localExports: string[] = [];
  for (const s of statements as (string | WriterFunction | StatementStructures)[]) {
    if (typeof s === 'string' || typeof s === 'function') return undefined;
    const add = (name: string | undefined, kind: ExportKind, isExported: boolean | undefined) => {
      if (name === undefined) return;
      declared.set(name, kind);
      if (isExported) exported.set(name, kind);
    };
    const { isExported: exportKeyword, isDefaultExport } = s as { isExported?: boolean; isDefaultExport?: boolean };
    const isExported = exportKeyword === true || isDefaultExport === true;
    switch (s.kind) {
      case StructureKind.VariableStatement:
        for (const d of s.declarations) add(d.name, 'variable', isExported);
        break;
      case StructureKind.Function:
      case StructureKind.TypeAlias:
      case StructureKind.Interface:
      case StructureKind.Enum:
      case StructureKind.Class:
      case StructureKind.Module:
        add(s.name, DECLARED_KIND[s.kind], isExported);
        break;
      case StructureKind.ExportDeclaration:
        if (s.moduleSpecifier !== undefined) break;
        if (s.namedExports === undefined || typeof s.namedExports === 'function') return undefined;
        for (const e of s.namedExports) {
          if (typeof e !== 'string') return undefined; // `{ name, alias }` forms: let the parse answer
          if (!/^[A-Za-z_$][\w$]*$/.test(e)) return undefined;
          localExports.push(e);
        }
        break;
      case StructureKind.ExportAssignment:
        return undefined;
      default:
        break; // imports and other statements declare nothing exported
    }
  }
  for (const name of localExports) {
    const kind = declared.get(name);
    if (kind === undefined) return undefined;
    exported.set(name, kind);
  }
  return exported;
}

/** The same answer from a parsed file: `export` keywords on top-level declarations and local `export { … }`. */
export function exportsOfSourceFile(file: SourceFile): ExportKinds {
  const declared = new Map<string, ExportKind>();
  const exported = new Map<string, ExportKind>();
  const localExports: string[] = [];
  for (const statement of file.getStatements()) {
    const add = (name: string | undefined, kind: ExportKind, isExported: boolean) => {
      if (name === undefined) return;
      declared.set(name, kind);
      if (isExported) exported.set(name, kind);
    };
    if (Node.isVariableStatement(statement)) for (const d of statement.getDeclarations()) add(d.getName(), 'variable', statement.hasExportKeyword());
    else if (Node.isFunctionDeclaration(statement)) add(statement.getName(), 'function', statement.hasExportKeyword());
    else if (Node.isTypeAliasDeclaration(statement)) add(statement.getName(), 'type', statement.hasExportKeyword());
    else if (Node.isInterfaceDeclaration(statement)) add(statement.getName(), 'interface', statement.hasExportKeyword());
    else if (Node.isEnumDeclaration(statement)) add(statement.getName(), 'enum', statement.hasExportKeyword());
    else if (Node.isClassDeclaration(statement)) add(statement.getName(), 'class', statement.hasExportKeyword());
    else if (Node.isModuleDeclaration(statement)) add(statement.getName(), 'namespace', statement.hasExportKeyword());
    else if (Node.isExportDeclaration(statement) && statement.getModuleSpecifier() === undefined) {
      for (const e of statement.getNamedExports()) if (e.getAliasNode() === undefined) localExports.push(e.getName());
    }
  }
  for (const name of localExports) {
    const kind = declared.get(name);
    if (kind !== undefined) exported.set(name, kind);
  }
  return exported;
}
