/**
 * One Handlebars environment for every document permgen writes (Markdown and HTML). Page text is
 * data: helpers escape it for the context it lands in, so a page cannot inject markup or code.
 */
import Handlebars from 'handlebars';
import { safeUrl } from './safe-url.ts';
import { hasUnsafe, referenceInvisible } from '../diagnostics/visible.ts';
import { hashedText } from '../emit/disk-cache.ts';

type CompileOptions = Parameters<typeof Handlebars.compile>[1];
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const templatesDir = fileURLToPath(new URL('../../templates/', import.meta.url));

const hb = Handlebars.create();

/**
 * Inline Markdown text: escapes Markdown punctuation and HTML, keeps the text readable. `://` and
 * `www.` are escaped too: GFM would make a bare URL a link (autolink literal), taking an escaped `\)`
 * after it into the link as written.
 */
export function markdownText(value: unknown): string {
  // Control and bidirectional characters as references (last): the same text once read, never raw in the file (`cat` would obey them).
  return referenceInvisible(String(value ?? '')
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+!|~>]/g, (c) => `\\${c}`)
    .replace(/:\/\//g, '\\://')
    .replace(/(www)\./gi, '$1\\.')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;'));
}

/**
 * Text that starts a block (a paragraph, a note's line, a list item): besides inline escaping, a
 * leading `-`, `=` or `1.` would turn the line into a list, a rule or a heading underline, and lose
 * the text. The `mdBlock` helper of the templates.
 */
export function blockMarkdown(value: unknown): string {
  return markdownText(value).replace(/^([-=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * A Markdown code span that holds any text: the fence is longer than any backtick run inside. A
 * text with a backslash right before a `|` is written as `markdownText` instead: in a table cell,
 * micromark reads `\\|` as an escaped backslash and a cell boundary (cmark-gfm does not), and a code
 * span cannot escape either character, so the rest of the text would become live Markdown.
 */
export function markdownCode(value: unknown): string {
  const text = String(value ?? '').replace(/[\r\n]+/g, ' ');
  // A code span shows references as written: text with control or bidirectional characters is written as text.
  if (text.includes('\\|') || hasUnsafe(text)) return markdownText(text);
  // A loop, not Math.max(...runs): a text of 100,000 backtick runs would overflow the call stack.
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) if (run.length > longest) longest = run.length;
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  // Inside a table cell a pipe would still split the cell, even in a code span.
  return `${fence}${pad}${text.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** A Markdown autolink (`<https://…>`) for an http(s) URL; any other URL (`javascript:…`) as a code span, never a link. */
export function markdownUrl(value: unknown): string {
  const url = safeUrl(String(value ?? ''));
  // `safeUrl` returns a parsed URL's `href`: spaces, `<` and `>` in it are percent-encoded.
  return url !== null ? `<${url}>` : markdownCode(value);
}

/**
 * A YAML front matter scalar: the text as it is when YAML reads it back unchanged (the pages' own
 * titles, so regenerated front matter matches upstream's), else double-quoted (JSON's escapes are
 * YAML's), so a manifest title cannot add keys or end the front matter.
 */
export function yamlScalar(value: unknown): string {
  const text = String(value ?? '');
  const plain = /^[A-Za-z0-9(][^\x00-\x1f\x7f"'#:{}[\],&*!|>%@`]*$/.test(text) && !/\s$/.test(text);
  return plain ? text : JSON.stringify(text);
}

hb.registerHelper('md', (v: unknown) => new hb.SafeString(markdownText(v)));
hb.registerHelper('mdBlock', (v: unknown) => new hb.SafeString(blockMarkdown(v)));
hb.registerHelper('url', (v: unknown) => new hb.SafeString(markdownUrl(v)));
// HTML-escaped first, as `{{…}}` always was there: a title never carries markup into front matter a site renders.
hb.registerHelper('yaml', (v: unknown) => new hb.SafeString(yamlScalar(hb.escapeExpression(String(v ?? '')))));
hb.registerHelper('code', (v: unknown) => new hb.SafeString(markdownCode(v)));
/**
 * A renderer of the templates in `dir` for the Handlebars environment `env`: each template is read
 * and compiled on first use, and again when its text has changed since. The docs (here) and the site (`site/handlebars.ts`) each have one.
 */
export function templateRenderer(env: typeof Handlebars, dir: string, options: CompileOptions): (name: string, data: unknown) => string {
  const compiled = new Map<string, { text: string; template: Handlebars.TemplateDelegate }>();
  return (name, data) => {
    // Compiled again when the file's text changed (`generate --watch` runs in one process). By text,
    // not modification time: the emit cache keys its output by the templates' contents, and an edit
    // that keeps the mtime must not render the old template under the new key.
    // As the emit cache's key hashed it when it did (`hashedText`), so the output matches its key.
    const file = path.join(dir, name);
    const text = hashedText(file);
    let entry = compiled.get(name);
    if (!entry || entry.text !== text) {
      entry = { text, template: env.compile(text, options) };
      compiled.set(name, entry);
    }
    return entry.template(data);
  };
}

/** Renders `templates/<name>`; `{{…}}` HTML-escapes, and the helpers above escape for Markdown. */
export const render = templateRenderer(hb, templatesDir, { strict: true, noEscape: false });
