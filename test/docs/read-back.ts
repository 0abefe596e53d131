/** Reads a regenerated page back with permgen's own readers, and compares models by what a page states. */
import { findReader, detectReader } from '../../generator/read/registry.ts';
import { recognizeExtractor } from '../../generator/extract/registry.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { Overrides } from '../../generator/config/overrides.ts';
import type { SourceModel } from '../../generator/model/catalog.ts';
import { sortGraphqlModel } from '../../generator/model/sort-graphql.ts';

/** The model without positions, source info or override bookkeeping: what a page states. */
export function essence(m: SourceModel): unknown {
  const normalized = m.kind === 'gitlab-graphql-permissions' ? sortGraphqlModel(m) : m;
  return JSON.parse(
    JSON.stringify(normalized, (key, value) => (['position', 'pathPosition', 'rowPositions', 'source', 'override', 'permissionOverride', 'text', 'column'].includes(key) ? undefined : value)),
  );
}

export function readBack(text: string, file: string): { model: SourceModel | undefined; report: Reporter } {
  const report = new Reporter();
  const reader = findReader('markdown') ?? detectReader(text)!;
  const doc = reader.read(text, file, report);
  const extractor = recognizeExtractor(doc);
  const model = extractor?.extract(doc, { source: { id: 'x', file, format: 'markdown', provider: 'gitlab', title: '', url: '', sha256: '' }, report, overrides: new Overrides() });
  return { model, report };
}

