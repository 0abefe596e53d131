/** What every source page shares: its file name and the ids its own markup uses. */
import type { SourceInfo } from '../../model/catalog.ts';
import { slug } from '../slug.ts';

/** `<source id>.html` (manifest ids are kebab-case already; slugged again so a file name can never be a path). */
export function pageFileName(source: SourceInfo): string {
  return `${slug(source.id)}.html`;
}

/** Table ids and their filter boxes (`<id>-filter`), which no entry anchor may take. */
export function reservedIds(tables: readonly string[]): string[] {
  return ['top', 'main', ...tables.flatMap((t) => [t, `${t}-filter`, `${t}-count`])];
}
