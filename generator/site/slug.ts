/**
 * Stable `#` anchors for the docs site. An entry's anchor is its key as written (route text,
 * permission id, scope), slugged, so a link survives regeneration as long as the entry does.
 * Shared by the build and the browser bundle so both spell an anchor the same way.
 */

/** `GET /projects/:id/releases` → `get-projects-id-releases`; `read:issue` → `read-issue`. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'entry' : s;
}

/**
 * Hands out unique ids within one page, in the (deterministic) order entries are rendered. Two keys
 * that slug alike (`:id` and `*id`) get `-2`, `-3`, …; ids the page's own markup uses are reserved.
 */
export class AnchorIds {
  private readonly used = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const id of reserved) this.used.add(id);
  }

  take(key: string): string {
    const base = slug(key);
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}
