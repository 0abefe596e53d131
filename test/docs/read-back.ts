/** Reads a regenerated page back with permgen's own readers, and compares models by what a page states. */
import { findReader, detectReader } from '../../generator/read/registry.ts';
import { recognizeExtractor } from '../../generator/extract/registry.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { Overrides } from '../../generator/config/overrides.ts';
import type { SourceModel } from '../../generator/model/catalog.ts';
import { sortGraphqlModel } from '../../generator/model/sort-graphql.ts';

/** Keys that are not what a page states: positions, source info, override bookkeeping, text as written. */
const NOT_STATED = ['position', 'pathPosition', 'rowPositions', 'source', 'override', 'permissionOverride', 'text', 'column'];
/**
 * On the Git and other operations page `text` is what the page states (a note's, a footnote's):
 * dropping or changing one must fail the round trip, so only positions and source info go.
 */
const NOT_STATED_BY_KIND: Partial<Record<SourceModel['kind'], readonly string[]>> = {
  'gitlab-operation-permissions': ['position', 'source'],
};

/** The model without what a page does not state (see above). */
export function essence(m: SourceModel): unknown {
  const normalized = m.kind === 'gitlab-graphql-permissions' ? sortGraphqlModel(m) : m;
  const drop = NOT_STATED_BY_KIND[m.kind] ?? NOT_STATED;
  return JSON.parse(JSON.stringify(normalized, (key, value) => (drop.includes(key) ? undefined : value)));
}

export function readBack(text: string, file: string): { model: SourceModel | undefined; report: Reporter } {
  const report = new Reporter();
  const reader = findReader('markdown') ?? detectReader(text)!;
  const doc = reader.read(text, file, report);
  const extractor = recognizeExtractor(doc);
  const model = extractor?.extract(doc, { source: { id: 'x', file, format: 'markdown', provider: 'gitlab', title: '', url: '', sha256: '' }, report, overrides: new Overrides() });
  return { model, report };
}

