/**
 * Catalog + emitted package → every file of the docs site (path → contents), in memory:
 * index.html, explorer.html, one page per source, and assets/. Deterministic: no timestamps, sources
 * in catalog order, rows in page order.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Catalog } from '../model/catalog.ts';
import type { Reporter } from '../diagnostics/reporter.ts';
import { renderSiteTemplate, siteTemplatesDir } from './handlebars.ts';
import { viewOf } from './views/registry.ts';
import type { AnchorEntry, SourcePageView } from './view.ts';
import { safeUrl } from '../docs/safe-url.ts';
import { bundleBrowserCode } from './bundle-browser.ts';
import { slug } from './slug.ts';

/** Queries the explorer offers as buttons: one of each kind it answers. */
export const explorerExamples: readonly string[] = Object.freeze(['GET /projects/1/releases', 'GET /api/v4/projects/1/deployments/2/merge_requests', 'GET /repos/owner/repo/issues', 'CiRunner', 'Query.aiToolRules', 'runnerUpdate', 'read:issue', 'read_api', 'READ_RELEASES', 'read_release']);

/** Static files copied from templates/site/assets/. */
const STATIC_ASSETS: readonly string[] = Object.freeze(['site.css']);

/** What explorer.html inlines: where each source's page is and the anchor and source line of every entry. */
export interface ExplorerIndex {
  sources: { id: string; kind: string; title: string; page: string; url: string | null }[];
  /**
   * Per source id: `[key, anchor, file:line:column]`, compact: the anchor is `''` when it is
   * `slug(key)` (most are), and trailing empty fields are dropped (`[key]` is a row whose anchor is
   * its slug and whose source line the package gives).
   */
  anchors: Record<string, IndexEntry[]>;
}

export type IndexEntry = [key: string] | [key: string, anchor: string] | [key: string, anchor: string, source: string];

function indexEntry(a: AnchorEntry): IndexEntry {
  const anchor = a.anchor === slug(a.key) ? '' : a.anchor;
  if (a.source !== undefined) return [a.key, anchor, a.source];
  return anchor === '' ? [a.key] : [a.key, anchor];
}

export async function renderSite(catalog: Catalog, packageFiles: ReadonlyMap<string, string>, report: Reporter): Promise<Map<string, string> | undefined> {
  const bundles = await bundleBrowserCode(packageFiles);
  if (!bundles.ok) {
    for (const e of bundles.errors) report.error('site-bundle', `Cannot bundle the site's browser code: ${e}`, { file: 'generator/site/browser', line: 1, column: 1 }, 'This is a permgen bug; please report it.');
    return undefined;
  }
  const views = catalog.sources.map(viewOf);
  const files = new Map<string, string>();
  for (const v of views) files.set(v.fileName, renderSiteTemplate('source.html.hbs', { ...v, url: safeUrl(v.source.url), shortSha: v.source.sha256.slice(0, 12) }));
  files.set(
    'index.html',
    renderSiteTemplate('index.html.hbs', {
      columns: [
        { label: 'Source', type: 'text' },
        { label: 'Provider', type: 'text' },
        { label: 'Entries', type: 'number' },
        { label: 'Page', type: 'text' },
        { label: 'Upstream', type: 'text' },
        { label: 'sha256', type: 'text' },
      ],
      sources: views.map((v) => ({ source: v.source, anchor: slug(v.source.id), fileName: v.fileName, entries: v.entries, url: safeUrl(v.source.url), shortSha: v.source.sha256.slice(0, 12) })),
    }),
  );
  files.set('explorer.html', renderSiteTemplate('explorer.html.hbs', { examples: explorerExamples, index: explorerIndex(views) }));
  for (const name of STATIC_ASSETS) files.set(`assets/${name}`, readFileSync(path.join(siteTemplatesDir, 'assets', name), 'utf8'));
  for (const [p, contents] of bundles.files) files.set(p, contents);
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function explorerIndex(views: readonly SourcePageView[]): ExplorerIndex {
  return {
    sources: views.map((v) => ({ id: v.source.id, kind: v.kind, title: v.source.title, page: v.fileName, url: safeUrl(v.source.url) })),
    anchors: Object.fromEntries(views.map((v) => [v.source.id, v.anchors.map(indexEntry)])),
  };
}
