/**
 * The Handlebars environment of the docs site (templates/site/*.html.hbs, partials in
 * templates/site/partials/). `{{ }}` HTML-escapes every value, so page text is text; the helpers
 * that write raw output are `json`, which escapes for an inline `<script type="application/json">`, and
 * `path`, which HTML-escapes and then adds `<wbr>` after each `/`, `.` and `_`.
 */
import Handlebars from 'handlebars';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { inlineJson } from './inline-json.ts';
import { templateRenderer } from '../docs/handlebars.ts';

export const siteTemplatesDir = fileURLToPath(new URL('../../templates/site/', import.meta.url));

const hb = Handlebars.create();
hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hb.registerHelper('json', (v: unknown) => new hb.SafeString(inlineJson(v)));
// Long routes, paths and ids: escaped first, then a line-break opportunity after each `/`, `.` and `_`
// (the escaped text has no such characters inside its entities; copying the text is unchanged).
hb.registerHelper('path', (v: unknown) => new hb.SafeString(hb.Utils.escapeExpression(String(v ?? '')).replace(/[/._]/g, '$&<wbr>')));

const compileOptions = { strict: true, noEscape: false } as const;
const partialsDir = path.join(siteTemplatesDir, 'partials');
// A partial's final newline would land inside every table cell it renders.
for (const file of readdirSync(partialsDir).sort()) {
  if (file.endsWith('.html.hbs')) hb.registerPartial(file.slice(0, -'.html.hbs'.length), hb.compile(readFileSync(path.join(partialsDir, file), 'utf8').replace(/\n$/, ''), compileOptions));
}

/** Renders `templates/site/<name>`. */
export const renderSiteTemplate = templateRenderer(hb, siteTemplatesDir, compileOptions);
