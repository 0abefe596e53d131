/**
 * What a page of the docs site shows, independent of the markup: the per-source views build these
 * from the model, the Handlebars templates render them. Every string in here is plain text (page
 * text included): templates escape it with `{{ }}`; nothing in a view is markup.
 */
import { formatPosition } from '../model/position.ts';
import type { SourceInfo, SourceModel } from '../model/catalog.ts';
import type { SourcePosition } from '../model/position.ts';
import { safeUrl } from '../docs/safe-url.ts';

/** One piece of a cell. `href` values are built by the site (`#anchor`, `page.html#anchor`, checked upstream URLs), never taken from a page. */
export type CellPart =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'link'; text: string; href: string; code: boolean }
  | { kind: 'badge'; text: string; title: string }
  | { kind: 'source'; text: string; title: string; url: string | null };

export interface SiteCell {
  parts: CellPart[];
  /** What the column sorts by when it is not the cell's text (a line number). */
  sort: string | null;
}

export interface SiteColumn {
  label: string;
  /** `number` columns sort numerically by the cells' `sort` values. */
  type: 'text' | 'number';
}

export interface SiteRow {
  /** Unique on the page: the target of `#id` deep links. */
  id: string;
  cells: SiteCell[];
}

export interface SiteTable {
  /** Element id of the table; its filter box is `<id>-filter`. */
  id: string;
  caption: string;
  /** A sentence under the caption, plain text. */
  note: string;
  columns: SiteColumn[];
  rows: SiteRow[];
}

/** A paragraph outside the tables (Forgejo's level rules, GitLab's footnotes), with its own anchor and source line. */
export interface SiteNote {
  id: string;
  parts: CellPart[];
  /** The note's source line. */
  at: SiteCell;
}

/** Where the explorer finds an entry: `key` is the entry's own text (route, permission id, scope) or its row's `file:line:column`. */
export interface AnchorEntry {
  key: string;
  anchor: string;
  /** Omitted where the package's answer carries the entry's source line itself (REST rows: 2,135 of them). */
  source?: string;
}

export interface SourcePageView {
  source: SourceInfo;
  kind: SourceModel['kind'];
  /** `<source id>.html` */
  fileName: string;
  /** Lead paragraph, plain text. */
  intro: string;
  notesTitle: string;
  notes: SiteNote[];
  tables: SiteTable[];
  anchors: AnchorEntry[];
  entries: number;
}

export const text = (value: string): CellPart => ({ kind: 'text', text: value });
export const code = (value: string): CellPart => ({ kind: 'code', text: value });
export const link = (value: string, href: string, asCode = true): CellPart => ({ kind: 'link', text: value, href, code: asCode });
export const badge = (value: string, title: string): CellPart => ({ kind: 'badge', text: value, title });

/** `sources/<file>:line`, with the full `file:line:column` as its title and the upstream page as its link. */
export function sourcePart(position: SourcePosition, source: SourceInfo): CellPart {
  return { kind: 'source', text: `${position.file}:${position.line}`, title: formatPosition(position), url: safeUrl(source.url) };
}

export function cell(...parts: CellPart[]): SiteCell {
  return { parts, sort: null };
}

export function sourceCell(position: SourcePosition, source: SourceInfo): SiteCell {
  return { parts: [sourcePart(position, source)], sort: String(position.line) };
}

/** Parts separated by `, ` (an empty list reads `—`). */
export function list(parts: CellPart[], empty = '—'): CellPart[] {
  if (parts.length === 0) return [text(empty)];
  return parts.flatMap((p, i) => (i === 0 ? [p] : [text(', '), p]));
}
