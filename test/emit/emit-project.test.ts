import { describe, expect, it } from 'vitest';
import { IndentationText, NewLineKind, Project, QuoteKind, StructureKind, VariableDeclarationKind, type OptionalKind, type SourceFile, type SourceFileStructure } from 'ts-morph';
import { EmitProject, exportKinds, exportsOfSourceFile, isOneTemplateLiteral, projectPaths } from '../../generator/emit/emit-project.ts';
import { jsonParseExpression } from '../../generator/emit/json-data.ts';

/** The files ts-morph has parsed (Project's own list, without EmitProject materializing the rest). */
const parsed = (project: Project): SourceFile[] => (Project.prototype.getSourceFiles as () => SourceFile[]).call(project);

const settings = { useInMemoryFileSystem: true, manipulationSettings: { indentationText: IndentationText.TwoSpaces, newLineKind: NewLineKind.LineFeed, quoteKind: QuoteKind.Single, useTrailingCommas: true } };

/** A file with the shapes the emitters use: JSDoc with tags, writer initializers, a function, a type, a local re-export. */
const structure: OptionalKind<SourceFileStructure> = {
  leadingTrivia: '/*\n * header\n */\n\n',
  statements: [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './other.js', namedImports: ['type Other'] },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: 'Rows with `code` and a */ safe comment.', tags: [{ tagName: 'see', text: 'page.md:3:1' }] }],
      declarations: [{ name: 'rows', type: 'readonly string[]', initializer: (w) => w.write('[').indent(() => w.quote("it's").write(',').newLine().quote('b')).write(']') }],
    },
    { kind: StructureKind.VariableStatement, declarationKind: VariableDeclarationKind.Const, declarations: [{ name: 'hidden', initializer: '1' }] },
    { kind: StructureKind.Function, name: 'lookup', isExported: true, parameters: [{ name: 'key', type: 'string' }], returnType: 'number', statements: ['return key.length + hidden;'] },
    { kind: StructureKind.TypeAlias, name: 'Key', isExported: true, type: "'a' | 'b'" },
    { kind: StructureKind.Interface, name: 'Shape', properties: [{ name: 'x', type: 'number' }] },
    { kind: StructureKind.ExportDeclaration, namedExports: ['Shape'] },
  ],
};

describe('EmitProject', () => {
  it('prints a structure to the same text ts-morph createSourceFile gives, without parsing it', () => {
    const plain = new Project(settings);
    const expected = plain.createSourceFile('/generated/a.ts', structure).getFullText();
    const project = new EmitProject(settings);
    project.createSourceFile('/generated/a.ts', structure);
    project.createSourceFile('/generated/b.ts', 'export const b = 1;\n');
    expect(project.texts().get('/generated/a.ts')).toBe(expected);
    expect(projectPaths(project)).toEqual(['/generated/a.ts', '/generated/b.ts']);
    // ts-morph's own project has them parsed; this one has none until asked.
    expect(parsed(project)).toEqual([]);
    expect(project.getSourceFile('/generated/a.ts')?.getFullText()).toBe(expected);
    expect(parsed(project).map((f) => f.getFilePath())).toEqual(['/generated/a.ts']);
  });

  it('prints large initializers (the placeholder shortcut) exactly as ts-morph does', () => {
    const big = (tail: string) => (w: import('ts-morph').CodeBlockWriter) => {
      w.write('[').newLine();
      w.indent(() => {
        for (let i = 0; i < 300; i++) w.write(`{ path: '/projects/:id/${i}/*', doc: "it's \\"quoted\\" /* not a comment */", re: /'[a-z]+/u },`).newLine();
        w.write('`a template\nwith a ${`nested ${1}`} line\n  indented`,').newLine();
        w.write('/* a block\n comment */ 1,').newLine();
        w.write('// a line comment with a quote \'').newLine();
        w.write(tail).newLine();
      });
      w.write(']');
    };
    const tricky: OptionalKind<SourceFileStructure> = {
      leadingTrivia: '/*\n * header\n */\n\n',
      statements: [
        { kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const, docs: ['Rows.'], declarations: [{ name: 'rows', type: 'readonly unknown[]', initializer: big('"last"') }] },
        { kind: StructureKind.Function, name: 'f', statements: ['return 1;'], returnType: 'number' },
        { kind: StructureKind.VariableStatement, declarationKind: VariableDeclarationKind.Const, declarations: [{ name: 'more', initializer: big("{ a: { b: [1, 2] } }") }] },
        { kind: StructureKind.VariableStatement, declarationKind: VariableDeclarationKind.Let, declarations: [{ name: 'text', type: 'string', initializer: `'${'x'.repeat(5000)}'` }] },
        { kind: StructureKind.VariableStatement, declarationKind: VariableDeclarationKind.Const, declarations: [{ name: 'a', initializer: big('0') }, { name: 'b', initializer: '2' }] },
      ],
    };
    const expected = new Project(settings).createSourceFile('/generated/t.ts', tricky).getFullText();
    const project = new EmitProject(settings);
    project.createSourceFile('/generated/t.ts', tricky);
    expect(project.texts().get('/generated/t.ts')).toBe(expected);
    // rows, more and text went through the shortcut; `a` shares its statement with `b`, so ts-morph prints it.
    expect(project.shortcutInitializers).toBe(3);
    expect(expected).toContain('with a ${`nested ${1}`} line\n  indented`');
  });

  it('writes data tables (one template literal) as they are, as ts-morph would', () => {
    // Rows with what templateText escapes (backticks, `${`, backslashes before them) and what the
    // writer would otherwise track (quotes, `//`, `/*`, braces), made large enough for the shortcut.
    const rows = Array.from({ length: 120 }, (_, i) => JSON.stringify([i, "it's `code` and ${x}", 'a \\` b \\${ c', '// not a comment /* nor this */ {', '}\n"']));
    const json = jsonParseExpression(rows, 'array');
    const initializers = [json, `rows(${json} as readonly Row[])`, `freeze<Row>(${json})`];
    for (const text of initializers) expect(isOneTemplateLiteral(text)).toBe(true);
    const tables: OptionalKind<SourceFileStructure> = {
      statements: initializers.map((initializer, i) => ({ kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const, docs: ['Rows.'], declarations: [{ name: `t${i}`, type: 'readonly Row[]', initializer }] })),
    };
    const expected = new Project(settings).createSourceFile('/generated/t.ts', tables).getFullText();
    const project = new EmitProject(settings);
    project.createSourceFile('/generated/t.ts', tables);
    expect(project.texts().get('/generated/t.ts')).toBe(expected);
    expect(project.shortcutInitializers).toBe(3);
  });

  it('leaves data tables to the writer with CRLF line breaks (it rewrites the literal\'s)', () => {
    const json = `JSON.parse(\`${'x'.repeat(5000)}\nnext line\`)`;
    expect(isOneTemplateLiteral(json)).toBe(true);
    const crlf = { ...settings, manipulationSettings: { ...settings.manipulationSettings, newLineKind: NewLineKind.CarriageReturnLineFeed } };
    const tables: OptionalKind<SourceFileStructure> = { statements: [{ kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const, declarations: [{ name: 't', initializer: json }] }] };
    const expected = new Project(crlf).createSourceFile('/generated/t.ts', tables).getFullText();
    const project = new EmitProject(crlf);
    project.createSourceFile('/generated/t.ts', tables);
    expect(project.texts().get('/generated/t.ts')).toBe(expected);
  });

  it('leaves to the writer what is not one template literal with only names around it', () => {
    const body = 'a\nb';
    for (const text of [
      `f(\`${body}\`)`, // the one true case, for contrast
    ]) expect(isOneTemplateLiteral(text)).toBe(true);
    for (const text of [
      `f(\n\`${body}\`)`, // a line break before the literal: the writer indents it
      `f(\`${body}\`,\n 1)`, // and after it
      `f('x', \`${body}\`)`, // a string before it
      `f(/re/, \`${body}\`)`, // a regular expression before it
      `f(\`a\${x}\nb\`)`, // a substitution: code inside the literal
      `f(\`a\`, \`b\nc\`)`, // two literals
      `f(\`a\\\\\`b\nc\`)`, // a backtick after two backslashes closes the literal
      `f(\`a\nb\\\`)`, // the last backtick is escaped
      `f(\`a\r\nb\`)`, // a carriage return: the writer rewrites line breaks
      'f(1)', // no literal
    ]) expect([text, isOneTemplateLiteral(text)]).toEqual([text, false]);
  });

  it('answers what a module exports from its structure as a parse would', () => {
    const project = new EmitProject(settings);
    project.createSourceFile('/generated/a.ts', structure);
    const fromStructure = exportKinds(project, '/generated/a.ts');
    expect(parsed(project)).toEqual([]); // answered without a parse
    const fromParse = exportsOfSourceFile(new Project(settings).createSourceFile('/generated/a.ts', structure));
    expect(fromStructure).toEqual(fromParse);
    expect([...fromStructure!].sort()).toEqual([
      ['Key', 'type'],
      ['Shape', 'interface'],
      ['lookup', 'function'],
      ['rows', 'variable'],
    ]);
  });

  it('parses a file whose statements include text to answer, and a plain project works the same', () => {
    const text = { statements: ['export function f(): void {}', { kind: StructureKind.TypeAlias as const, name: 'T', type: 'string' }] };
    const project = new EmitProject(settings);
    project.createSourceFile('/generated/t.ts', text);
    expect([...exportKinds(project, '/generated/t.ts')!]).toEqual([['f', 'function']]);
    const plain = new Project(settings);
    plain.createSourceFile('/generated/t.ts', text);
    expect([...exportKinds(plain, '/generated/t.ts')!]).toEqual([['f', 'function']]);
    expect(exportKinds(project, '/generated/missing.ts')).toBeUndefined();
  });

  it('overwrites, refuses a second file at a path without overwrite, and materializes the returned file on use', () => {
    const project = new EmitProject(settings);
    const first = project.createSourceFile('/generated/a.ts', 'export const a = 1;\n');
    expect(first.getVariableDeclaration('a')?.getInitializer()?.getText()).toBe('1');
    project.createSourceFile('/generated/a.ts', 'export const a = 2;\n', { overwrite: true });
    expect(project.texts().get('/generated/a.ts')).toBe('export const a = 2;\n');
    expect(() => project.createSourceFile('/generated/a.ts', 'x')).toThrow(/already exists/);
    expect(project.getSourceFiles().map((f) => f.getFullText())).toEqual(['export const a = 2;\n']);
  });
});
