/**
 * Every page format permgen reads, in the order `permgen read` tries them when no reader is named.
 * One reader per format; each turns a page into the same block structure (`document.ts`).
 */
import type { Reader } from './reader.ts';
import { markdownReader } from './markdown.ts';
import { htmlReader } from './html.ts';
import { plainTextExportReader } from './plain-text-export.ts';
import { codeViewerScrapeReader } from './code-viewer-scrape.ts';
import { flattenedTableTextReader } from './flattened-table-text.ts';

export const readers: readonly Reader[] = Object.freeze([
  // GitLab docs source (job-token page), Forgejo docs source, GitLab's Markdown GraphQL page.
  markdownReader,
  // Buildkite GraphQL enum pages: YAML front matter + an HTML table.
  htmlReader,
  // GitLab's GraphQL permission page exported as plain text: pipe tables between bare lines.
  plainTextExportReader,
  // A Markdown file scraped from a code viewer (Forgejo's docs mirror): banner, then lines split by `|` lines.
  codeViewerScrapeReader,
  // An HTML table flattened to text, cells run together (GitLab's localized token scopes page).
  flattenedTableTextReader,
]);

export function findReader(name: string): Reader | undefined {
  return readers.find((r) => r.name === name);
}

/** The reader most confident about `text`, or undefined when none recognises it. */
export function detectReader(text: string): Reader | undefined {
  let best: Reader | undefined;
  let score = 0;
  for (const r of readers) {
    const s = r.detect(text);
    if (s > score) {
      score = s;
      best = r;
    }
  }
  return best;
}
