/**
 * Reviewed corrections for upstream mistakes (`sources/overrides.json`). Sources are never edited;
 * an override names the source, what it matches and why. Every override must match something:
 * a stale one is an error, so a fixed upstream page cannot leave a patch behind.
 */
import type { Reporter } from '../diagnostics/reporter.ts';
import type { SourcePosition } from '../model/position.ts';
import { parseJsonWithPositions } from './json-with-positions.ts';

export type Override = ResourceTitleOverride | PermissionIdOverride;

interface OverrideBase {
  /** Stable id, shown in diagnostics and kept in the model next to what it changed. */
  id: string;
  /** Manifest id of the source it applies to. */
  source: string;
  /** Why the page is wrong and who checked it. */
  reason: string;
}

/** Supplies a resource title the page leaves out, identified by its category and description line. */
export interface ResourceTitleOverride extends OverrideBase {
  type: 'resource-title';
  category: string;
  description: string;
  title: string;
}

/** Replaces a derived permission id (`snake(action)_snake(resource)`) that is wrong. */
export interface PermissionIdOverride extends OverrideBase {
  type: 'permission-id';
  resource: string;
  action: string;
  permission: string;
}

const FIELDS: Record<Override['type'], readonly string[]> = {
  'resource-title': ['category', 'description', 'title'],
  'permission-id': ['resource', 'action', 'permission'],
};

interface Entry {
  override: Override;
  position: SourcePosition;
  used: boolean;
}

/** The loaded overrides; extractors `take` what applies, and `reportUnused` flags stale entries. */
export class Overrides {
  private readonly entries: Entry[];

  constructor(entries: { override: Override; position: SourcePosition }[] = []) {
    this.entries = entries.map((e) => ({ ...e, used: false }));
  }

  /** Overrides of `type` for `source` that satisfy `match`; each returned one counts as used. */
  take<T extends Override['type']>(source: string, type: T, match: (o: Extract<Override, { type: T }>) => boolean): Extract<Override, { type: T }>[] {
    const out: Extract<Override, { type: T }>[] = [];
    for (const e of this.entries) {
      if (e.override.source !== source || e.override.type !== type) continue;
      const o = e.override as Extract<Override, { type: T }>;
      if (match(o)) {
        e.used = true;
        out.push(o);
      }
    }
    return out;
  }

  /** Stale overrides for the sources that were read (an override for a source not read this run is left alone). */
  reportUnused(sourcesRead: ReadonlySet<string>, report: Reporter): void {
    for (const e of this.entries) {
      if (e.used || !sourcesRead.has(e.override.source)) continue;
      report.error(
        'override-unused',
        `Override \`${e.override.id}\` matches nothing in source \`${e.override.source}\`.`,
        e.position,
        'The upstream page changed (perhaps it was fixed): check the page, then update or delete the override.',
      );
    }
  }

  get all(): readonly Override[] {
    return this.entries.map((e) => e.override);
  }
}

export function parseOverrides(text: string, file: string, report: Reporter): Overrides {
  const json = parseJsonWithPositions(text, file, report);
  if (!json) return new Overrides();
  const list = (json.value as { overrides?: unknown })?.overrides;
  if (!Array.isArray(list)) {
    report.error('override-shape', 'The overrides file has no `overrides` array.', json.at([]), 'Write `{ "overrides": [] }` at least.');
    return new Overrides();
  }
  const entries: { override: Override; position: SourcePosition }[] = [];
  const ids = new Set<string>();
  list.forEach((raw: unknown, i: number) => {
    const o = raw as Record<string, unknown>;
    const at = json.at(['overrides', i]);
    const type = o?.type as Override['type'];
    const fields = FIELDS[type];
    if (!fields) {
      report.error('override-shape', `Override ${i + 1} has unknown type \`${String(o?.type)}\`.`, at, `Use one of ${Object.keys(FIELDS).join(', ')}.`);
      return;
    }
    const missing = ['id', 'source', 'reason', ...fields].filter((k) => typeof o[k] !== 'string' || o[k] === '');
    if (missing.length > 0) {
      report.error('override-shape', `Override ${i + 1} lacks ${missing.map((k) => `\`${k}\``).join(', ')}.`, at, 'Every override needs an id, a source, a reason and the fields of its type.');
      return;
    }
    if (ids.has(o.id as string)) {
      report.error('override-shape', `Override id \`${String(o.id)}\` is used twice.`, json.at(['overrides', i, 'id']), 'Give each override its own id.');
      return;
    }
    ids.add(o.id as string);
    entries.push({ override: o as unknown as Override, position: at });
  });
  return new Overrides(entries);
}
