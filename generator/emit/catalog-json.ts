/**
 * `catalog.json` (the model, for tools in any language) and the model's TypeScript definition as
 * the `Catalog` type of the package. The definition is taken from the generator's own model files,
 * so the two cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Emitter } from './emitter.ts';
import { codeHeader } from './header.ts';
import { escapeInvisible } from '../diagnostics/visible.ts';

const MODEL_FILES = ['../model/position.ts', '../model/path-pattern.ts', '../model/catalog.ts'];

export const catalogJson: Emitter = {
  name: 'catalog-json',
  description: 'catalog.json and the Catalog type (catalog-types.ts).',
  emit(ctx) {
    ctx.files.push({ path: 'catalog.json', contents: `${escapeInvisible(JSON.stringify(ctx.catalog, null, 2))}\n` });
    const body = MODEL_FILES.map((f) =>
      readFileSync(fileURLToPath(new URL(f, import.meta.url)), 'utf8')
        .replace(/^import[^;]*;\n/gm, '')
        .replace(/^export function[\s\S]*?\n}\n/gm, ''),
    ).join('\n');
    const sources = ctx.catalog.sources.map((s) => s.source);
    ctx.project.createSourceFile('/generated/catalog-types.ts', `${codeHeader(sources)}\n\n/** The model permgen extracted from the pages; the shape of \`catalog.json\`. */\n${body}`, { overwrite: true });
  },
};
