/**
 * One Handlebars environment for every document permgen writes (Markdown and HTML). Page text is
 * data: helpers escape it for the context it lands in, so a page cannot inject markup or code.
 */
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const templatesDir = fileURLToPath(new URL('../../templates/', import.meta.url));

const hb = Handlebars.create();

/** Inline Markdown text: escapes Markdown punctuation and HTML, keeps the text readable. */
export function markdownText(value: unknown): string {
  return String(value ?? '')
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+!|~>]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');
}

/** A Markdown code span that holds any text: the fence is longer than any backtick run inside. */
export function markdownCode(value: unknown): string {
  const text = String(value ?? '').replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  // Inside a table cell a pipe would still split the cell, even in a code span.
  return `${fence}${pad}${text.replace(/\|/g, '\\|')}${pad}${fence}`;
}

hb.registerHelper('md', (v: unknown) => new hb.SafeString(markdownText(v)));
hb.registerHelper('code', (v: unknown) => new hb.SafeString(markdownCode(v)));
hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hb.registerHelper('json', (v: unknown) => new hb.SafeString(JSON.stringify(v ?? null).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')));

const cache = new Map<string, Handlebars.TemplateDelegate>();

/** Renders `templates/<name>`; `{{…}}` HTML-escapes, and the helpers above escape for Markdown. */
export function render(name: string, data: unknown): string {
  let t = cache.get(name);
  if (!t) {
    t = hb.compile(readFileSync(path.join(templatesDir, name), 'utf8'), { strict: true, noEscape: false });
    cache.set(name, t);
  }
  return t(data);
}
