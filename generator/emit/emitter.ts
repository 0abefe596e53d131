import type { Project } from 'ts-morph';
import type { Catalog } from '../model/catalog.ts';
import type { Reporter } from '../diagnostics/reporter.ts';

export interface EmitOptions {
  /** `const`: an `as const` object plus a union type of the same name (default); `enum`: classic `enum` declarations. */
  enumStyle: 'const' | 'enum';
}

/** A non-TypeScript output file, path relative to `generated/`. */
export interface GeneratedFile {
  path: string;
  contents: string;
}

export interface EmitContext {
  catalog: Catalog;
  /**
   * In-memory ts-morph project; emitters add `.ts` files (paths relative to `generated/`), compiled to `.js` + `.d.ts` afterwards.
   * In `emitPackage` it is an `EmitProject` (`emit-project.ts`): a file is parsed only when its SourceFile is asked for, so ask
   * `exportKinds()` / `projectPaths()` for what a module exports and which files exist.
   */
  project: Project;
  /** Other files (JSON, Markdown, HTML). */
  files: GeneratedFile[];
  options: EmitOptions;
  report: Reporter;
}

/** One output of the generated package. Registered, in order, in `emit/registry.ts`. */
export interface Emitter {
  name: string;
  description: string;
  emit(ctx: EmitContext): void;
}
