/**
 * Element builders for the explorer. Text always goes in as text nodes (`append(string)`), never as
 * markup: answers carry page text, which must render as text. `href`s come from the site's own index
 * (anchors it built, upstream URLs it checked) and are checked again here.
 */

export type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Readonly<Record<string, string>> = {}, ...children: readonly Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'href' && !isSafeHref(value)) continue;
    element.setAttribute(name, value);
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

/** A same-site page or anchor, or an http(s) URL. */
export function isSafeHref(href: string): boolean {
  return /^(#|[a-z0-9-]+\.html(#|$))/.test(href) || /^https?:\/\//i.test(href);
}

export const code = (text: string): HTMLElement => h('code', {}, text);

export function link(text: string, href: string | undefined, asCode = true): HTMLElement {
  const content = asCode ? code(text) : text;
  return href === undefined ? h('span', {}, content) : h('a', { href }, content);
}

/** Items separated by `sep` (text nodes). */
export function joined(items: readonly Child[], sep = ', '): DocumentFragment {
  const fragment = document.createDocumentFragment();
  items.forEach((item, i) => {
    if (i > 0) fragment.append(sep);
    if (item !== null && item !== undefined && item !== false) fragment.append(item);
  });
  return fragment;
}
