import type { Emitter } from './emitter.ts';
import { render } from '../docs/handlebars.ts';
import { markupHeader } from './header.ts';
import { subpaths } from './subpaths.ts';
import { countEntries } from '../model/count-entries.ts';

/** The generated package's README.md: what to import, and the pages it was generated from. */
export const packageReadme: Emitter = {
  name: 'package-readme',
  description: 'README.md of the generated package (templates/package-readme.md.hbs).',
  emit(ctx) {
    const text = render('package-readme.md.hbs', {
      headerComment: markupHeader(ctx.catalog.sources.map((s) => s.source)),
      subpaths,
      sources: ctx.catalog.sources.map((s) => ({ ...s.source, entries: countEntries(s) })),
    });
    ctx.files.push({ path: 'README.md', contents: `${text.replace(/\n{3,}/g, '\n\n').trim()}\n` });
  },
};
