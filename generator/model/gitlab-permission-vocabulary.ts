/**
 * One fine-grained permission vocabulary for GitLab. The GraphQL page, the Git and other
 * operations page (and the REST page) name the same personal access token permissions
 * (`read_code`, `read_work_item`); each model kind that names them contributes its mentions through
 * one small function registered in `gitlab-permission-contributors.ts`, and this module merges them
 * into one entry per id. `validate/rules/gitlab-permission-spelling.ts` reports pages that spell one
 * permission differently; the emitter `emit/gitlab-fine-grained-permissions.ts` emits the union.
 */
import type { Catalog, SourceKind, SourceModel } from './catalog.ts';
import type { SourcePosition } from './position.ts';

/** One place a page names a permission (a row, usually). */
export interface PermissionMention {
  /** `read_work_item` */
  id: string;
  /** The resource as the page writes it: `Work Item`. */
  resource: string;
  /** The action as the page writes it: `Read`. */
  action: string;
  /** The category the page states (`### <Category> resources`); absent when the page states none. */
  category?: string;
  /** What the page says the permission grants (`Grants the ability to …`); absent when it says nothing. */
  description?: string;
  position: SourcePosition;
}

/** How one model kind names fine-grained permissions. */
export interface PermissionContributor<K extends SourceKind = SourceKind> {
  kind: K;
  /** Every mention, in page order. */
  mentions(model: Extract<SourceModel, { kind: K }>): PermissionMention[];
}

/** A mention with the page it is on. */
export interface SourcedMention extends PermissionMention {
  /** Manifest id of the page. */
  source: string;
  kind: SourceKind;
}

/** Where one page names a permission: its first mention there. */
export interface PermissionPage {
  source: string;
  kind: SourceKind;
  position: SourcePosition;
}

export interface VocabularyEntry {
  id: string;
  /** Resource and action as the first contributing page writes them (contributors' order, then page order). */
  resource: string;
  action: string;
  /** From the first page that states one. */
  category?: string;
  description?: string;
  /** The first mention. */
  position: SourcePosition;
  /** Every page that names it, in contributors' order. */
  pages: PermissionPage[];
}

/** Code-unit order (not locale order): the same on every machine. */
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Every mention in the catalog: contributors in their registered order, sources by id, rows in page order. */
export function collectMentions(catalog: Catalog, contributors: readonly PermissionContributor[]): SourcedMention[] {
  const out: SourcedMention[] = [];
  for (const contributor of contributors) {
    const models = catalog.sources.filter((s) => s.kind === contributor.kind).sort((a, b) => byCodeUnit(a.source.id, b.source.id));
    for (const model of models) {
      for (const m of contributor.mentions(model as never)) out.push({ ...m, source: model.source.id, kind: model.kind });
    }
  }
  return out;
}

/** One entry per permission id, sorted by id (stable however pages are added or reordered). */
export function buildVocabulary(mentions: readonly SourcedMention[]): VocabularyEntry[] {
  const byId = new Map<string, VocabularyEntry>();
  for (const m of mentions) {
    let entry = byId.get(m.id);
    if (!entry) {
      entry = { id: m.id, resource: m.resource, action: m.action, position: m.position, pages: [] };
      byId.set(m.id, entry);
    }
    if (entry.category === undefined && m.category !== undefined) entry.category = m.category;
    if (entry.description === undefined && m.description !== undefined) entry.description = m.description;
    if (!entry.pages.some((p) => p.source === m.source)) entry.pages.push({ source: m.source, kind: m.kind, position: m.position });
  }
  return [...byId.values()].sort((a, b) => byCodeUnit(a.id, b.id));
}

/** `read_work_item`, `read_workitem`, `Read-Work-Item` all give `readworkitem`: ids that differ only by case or separators. */
export function spellingKey(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]/g, '');
}
