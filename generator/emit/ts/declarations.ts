/**
 * The `.d.ts` of an emitted module, written by oxc's isolated-declarations emitter (oxc-transform,
 * a native binary): every file permgen emits declares its exports with explicit types, so no
 * checker is needed, and oxc does in ~15 ms what TypeScript's `transpileDeclaration` did in ~0.5 s
 * for the 1 MB REST route table (parse and print of the whole file, initializers included).
 * The text is laid out as TypeScript's declaration emit does (four spaces, JSDoc continuation lines
 * under the opening `/**`), so the package reads the same to a reviewer.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isolatedDeclarationSync } from 'oxc-transform';

/**
 * What the output depends on besides the text (part of the transpile cache key): oxc's version
 * and this file's source (the layout pass and the diagnostics' lines).
 */
export const OXC_VERSION = `oxc-transform ${(createRequire(import.meta.url)('oxc-transform/package.json') as { version: string }).version}`;
export const DECLARATIONS_CODE = readFileSync(fileURLToPath(import.meta.url), 'utf8');

export interface DeclarationResult {
  dts: string;
  /** Problems as `line: message`, line 1-based in the `.ts`. */
  diagnostics: { line: number; message: string }[];
}

export function isolatedDeclarations(fileName: string, text: string): DeclarationResult {
  const result = isolatedDeclarationSync(fileName, text, { sourcemap: false, stripInternal: false });
  const diagnostics = result.errors.map((e) => ({ line: lineAt(text, e.labels[0]?.start ?? 0), message: e.helpMessage ? `${e.message} (${e.helpMessage})` : e.message }));
  return { dts: formatDeclarations(result.code), diagnostics };
}

/** 1-based line of a UTF-8 byte offset (oxc's spans count bytes). */
function lineAt(text: string, offset: number): number {
  const bytes = Buffer.from(text, 'utf8');
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 10) line++;
  return line;
}

/**
 * oxc indents with tabs and starts a block comment's continuation lines at column 0 (`* text`).
 * Rewrites both as TypeScript prints them: each leading tab as four spaces, and a comment line that
 * starts with `*` indented one space past its comment's `/*`. A small lexer keeps string, template
 * and comment text apart, so a `/*` or a tab inside a string literal type (page text) is left alone.
 */
export function formatDeclarations(code: string): string {
  const parts: string[] = [];
  const n = code.length;
  /** Indentation (already converted) of the line where the open block comment started. */
  let commentIndent = '';
  type State = 'code' | 'block' | 'line' | 'single' | 'double' | 'template';
  let state: State = 'code';
  /** Template literal nesting: brace depth of each `${` we are inside. */
  const templates: number[] = [];
  let lineIndent = '';
  let atLineStart = true;
  /** The characters any state reacts to; runs of others are copied as one slice. */
  const special = /[\n/*'"`\\${}]/g;
  let i = 0;
  while (i < n) {
    if (atLineStart) {
      atLineStart = false;
      if (state === 'code' || state === 'line') {
        let j = i;
        let indent = '';
        while (j < n && (code[j] === '\t' || code[j] === ' ')) indent += code[j++] === '\t' ? '    ' : ' ';
        parts.push(indent);
        lineIndent = indent;
        i = j;
        continue;
      }
      if (state === 'block') {
        let j = i;
        while (j < n && (code[j] === '\t' || code[j] === ' ')) j++;
        if (code[j] === '*') {
          parts.push(`${commentIndent} `);
          i = j;
          continue;
        }
      }
    }
    special.lastIndex = i;
    const next = special.exec(code);
    const at = next ? next.index : n;
    if (at > i) {
      parts.push(code.slice(i, at));
      i = at;
      continue;
    }
    const c = code[i]!;
    if (c === '\n') {
      parts.push(c);
      i++;
      atLineStart = true;
      if (state === 'line') state = 'code';
      continue;
    }
    let take = 1;
    switch (state) {
      case 'code':
        if (c === '/' && code[i + 1] === '*') {
          state = 'block';
          commentIndent = lineIndent;
          take = 2;
        } else if (c === '/' && code[i + 1] === '/') state = 'line';
        else if (c === "'") state = 'single';
        else if (c === '"') state = 'double';
        else if (c === '`') state = 'template';
        else if (c === '{' && templates.length > 0) templates[templates.length - 1]!++;
        else if (c === '}' && templates.length > 0) {
          if (templates[templates.length - 1] === 0) {
            templates.pop();
            state = 'template';
          } else templates[templates.length - 1]!--;
        }
        break;
      case 'block':
        if (c === '*' && code[i + 1] === '/') {
          state = 'code';
          take = 2;
        }
        break;
      case 'single':
      case 'double':
      case 'template':
        if (c === '\\') take = 2;
        else if ((state === 'single' && c === "'") || (state === 'double' && c === '"') || (state === 'template' && c === '`')) state = 'code';
        else if (state === 'template' && c === '$' && code[i + 1] === '{') {
          templates.push(0);
          state = 'code';
          take = 2;
        }
        break;
      case 'line':
        break;
    }
    parts.push(code.slice(i, i + take));
    i += take;
  }
  return parts.join('');
}
