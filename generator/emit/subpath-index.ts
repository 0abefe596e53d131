import { StructureKind } from 'ts-morph';
import type { Emitter } from './emitter.ts';
import { subpaths } from './subpaths.ts';
import { codeHeader } from './header.ts';
import { projectPaths } from './emit-project.ts';

export const subpathIndex: Emitter = {
  name: 'subpath-index',
  description: 'index.ts of every subpath (re-exports its modules) and the root index.',
  emit(ctx) {
    const sources = ctx.catalog.sources.map((s) => s.source);
    for (const s of subpaths) {
      const prefix = `/generated/${s.folder}/`;
      const modules = projectPaths(ctx.project)
        .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/') && !p.endsWith('/index.ts'))
        .map((p) => `./${p.slice(prefix.length).replace(/\.ts$/, '.js')}`)
        .sort();
      ctx.project.createSourceFile(
        `${prefix}index.ts`,
        {
          leadingTrivia: `${codeHeader(sources)}\n\n/** ${s.description} */\n`,
          statements: modules.length > 0 ? modules.map((m) => ({ kind: StructureKind.ExportDeclaration, moduleSpecifier: m })) : ['export {};'],
        },
        { overwrite: true },
      );
    }
    ctx.project.createSourceFile(
      '/generated/index.ts',
      {
        leadingTrivia: `${codeHeader(sources)}\n\n`,
        statements: [
          ...subpaths
            .filter((s) => !s.folder.includes('/'))
            .map((s) => ({ kind: StructureKind.ExportDeclaration as const, namespaceExport: s.folder, moduleSpecifier: `./${s.folder}/index.js` })),
          { kind: StructureKind.ExportDeclaration, isTypeOnly: true, moduleSpecifier: './catalog-types.js', namedExports: ['Catalog', 'SourceModel', 'SourcePosition'] },
        ],
      },
      { overwrite: true },
    );
  },
};
