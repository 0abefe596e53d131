/**
 * The index explorer.html inlines (built by generator/site/render-site.ts `explorerIndex`): which page
 * shows each source, and the anchor and source line of every entry. It only places answers on the
 * site; the answers themselves come from the package.
 */
import { slug } from '../slug.ts';

export interface SourceRef {
  id: string;
  kind: string;
  title: string;
  page: string;
  url: string | null;
}

export interface Located {
  /** `page.html#anchor` */
  href: string;
  /** `file:line:column`; absent where the package's answer gives it (REST rows). */
  source: string | undefined;
  /** The source page's upstream URL. */
  url: string | null;
}

interface RawIndex {
  sources: SourceRef[];
  /** `[key, anchor, source]`; anchor `''` or absent: `slug(key)`; source absent: not in the index. */
  anchors: Record<string, string[]>;
}

export class SiteIndex {
  private readonly sources: SourceRef[];
  private readonly entries = new Map<string, Located>();
  private readonly bySource = new Map<string, Located>();

  constructor(raw: RawIndex) {
    this.sources = raw.sources;
    for (const s of raw.sources) {
      const list = Object.hasOwn(raw.anchors, s.id) ? raw.anchors[s.id] : undefined;
      for (const [key = '', anchor, source] of list ?? []) {
        const located = { href: `${s.page}#${anchor || slug(key)}`, source, url: s.url };
        this.entries.set(`${s.id}\u0000${key}`, located);
        // The first entry at each source line, for an answer that names the line (`findAt`).
        if (source !== undefined && !this.bySource.has(`${s.id}\u0000${source}`)) this.bySource.set(`${s.id}\u0000${source}`, located);
      }
    }
  }

  static fromPage(id: string): SiteIndex {
    const text = document.getElementById(id)?.textContent ?? '';
    return new SiteIndex(text === '' ? { sources: [], anchors: {} } : (JSON.parse(text) as RawIndex));
  }

  ofKind(kind: string): SourceRef[] {
    return this.sources.filter((s) => s.kind === kind);
  }

  byId(id: string): SourceRef | undefined {
    return this.sources.find((s) => s.id === id);
  }

  /** The entry at the page line `source` (`file:line:column`) of the first source of `kind` that has one. */
  findAt(kind: string, source: string): Located | undefined {
    return this.first(kind, this.bySource, source);
  }

  /** The entry `key` of the first source of `kind` that lists it. */
  find(kind: string, key: string): Located | undefined {
    return this.first(kind, this.entries, key);
  }

  /** `key` in `map` for the first source of `kind` that has it. */
  private first(kind: string, map: ReadonlyMap<string, Located>, key: string): Located | undefined {
    for (const s of this.ofKind(kind)) {
      const found = map.get(`${s.id}\u0000${key}`);
      if (found) return found;
    }
    return undefined;
  }
}
