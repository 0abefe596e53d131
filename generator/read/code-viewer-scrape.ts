/**
 * A Markdown file scraped from a code viewer (Forgejo's docs as shown by a Git forge's file view):
 * a banner (mirror, commit, `43 lines`, `6.3 KiB`, `Markdown`, shown twice), then every line of the
 * file followed by lines holding only `|` (the viewer's gutter): two between consecutive lines, and
 * an empty line of the file shows as nothing but two more `|` lines. The Markdown is recovered with a
 * map from its lines back to the page's, checked against the banner's line count, and parsed like
 * any other Markdown. Columns are unchanged: each recovered line is the page line as written.
 *
 * Limit: a line of the file that is exactly `|` cannot be told from the gutter; the line count check
 * reports it.
 */
import type { Reader } from './reader.ts';
import type { Reporter } from '../diagnostics/reporter.ts';
import type { SourcePosition } from '../model/position.ts';
import { readMarkdownText } from './markdown.ts';

const GUTTER = /^\|[ \t]*$/;
/** The banner's size line: `43 lines`. */
const LINE_COUNT = /^(\d+) lines?$/;
/** The banner's size line: `6.3 KiB`. */
const FILE_SIZE = /^\d+(?:\.\d+)? ?(?:B|bytes|KiB|MiB|KB|MB)$/;

export interface RecoveredText {
  /** The file as it was before the viewer rendered it. */
  text: string;
  /** `pageLine[i]` is the page line of recovered line `i + 1`. */
  pageLine: number[];
}

export const codeViewerScrapeReader: Reader = {
  name: 'code-viewer-scrape',
  description: 'A Markdown file scraped from a code viewer: banner lines, then each line followed by `|` gutter lines (Forgejo docs mirror).',
  detect(text) {
    const lines = text.split(/\r?\n/);
    if (lines.length < 10) return 0;
    const gutter = lines.filter((l) => GUTTER.test(l)).length;
    // Two gutter lines per line of the file: about two thirds of the page; a real Markdown table has none.
    return gutter / lines.length >= 0.4 ? 0.95 : 0;
  },
  read(text, file, report) {
    const recovered = recoverScrapedText(text, file, report);
    const pageLine = recovered.pageLine;
    return readMarkdownText(recovered.text, file, 'code-viewer-scrape', report, (line) => pageLine[line - 1] ?? pageLine[pageLine.length - 1] ?? 1);
  },
};

export function recoverScrapedText(page: string, file: string, report: Reporter): RecoveredText {
  const lines = page.split(/\r?\n/);
  // A final newline ends the last line; it does not start another.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const at = (index: number): SourcePosition => ({ file, line: index + 1, column: 1 });
  const firstGutter = lines.findIndex((l) => GUTTER.test(l));
  const { start, expected, countIndex } = findBody(lines, firstGutter, file, report);

  const out: string[] = [];
  const pageLine: number[] = [];
  let i = start;
  let seenText = false;
  while (i < lines.length) {
    if (!GUTTER.test(lines[i]!)) {
      out.push(lines[i]!);
      pageLine.push(i + 1);
      seenText = true;
      i++;
      continue;
    }
    const runStart = i;
    while (i < lines.length && GUTTER.test(lines[i]!)) i++;
    const run = i - runStart;
    const trailing = i >= lines.length;
    // Between two lines: 2 gutter lines, plus 2 per empty line. Before the first line: 2 per empty
    // line. After the last: the viewer shows a single gutter line.
    const empty = !seenText ? run / 2 : trailing ? (run - 1) / 2 : run / 2 - 1;
    if (!Number.isInteger(empty) || empty < 0) {
      report.warn(
        'scrape-gutter',
        `${run} gutter line(s) here; a scraped line is followed by 2 (plus 2 per empty line).`,
        at(runStart),
        'The scrape may have lost or doubled a line; compare the page with the file in the code viewer.',
      );
    }
    const firstEmpty = !seenText ? 0 : 2;
    for (let e = 0; e < Math.max(0, Math.floor(empty)); e++) {
      out.push('');
      pageLine.push(runStart + firstEmpty + 2 * e + 1);
    }
  }
  if (expected !== undefined && out.length !== expected) {
    report.error(
      'scrape-line-count',
      `Recovered ${out.length} lines, but the banner says the file has ${expected}.`,
      at(countIndex),
      'The scrape lost or added lines (or the file holds a line that is only `|`); scrape the page again before regenerating.',
    );
  }
  return { text: out.join('\n'), pageLine };
}

/** Where the file's first line is: after the last banner block (`N lines`, size, language) before the first gutter line. */
function findBody(lines: string[], firstGutter: number, file: string, report: Reporter): { start: number; expected: number | undefined; countIndex: number } {
  const limit = firstGutter < 0 ? lines.length : firstGutter;
  for (let i = limit - 1; i >= 0; i--) {
    const count = LINE_COUNT.exec(lines[i]!.trim());
    if (count && FILE_SIZE.test(lines[i + 1]?.trim() ?? '') && i + 3 <= limit) {
      return { start: i + 3, expected: Number(count[1]), countIndex: i };
    }
  }
  report.warn(
    'scrape-banner',
    'No banner with the file\'s line count (`N lines`, size, language) before the first `|` line; the file is taken to start on the line before it.',
    { file, line: 1, column: 1 },
    'Check that the page is a code-viewer scrape; without the banner the recovered line count cannot be checked.',
  );
  return { start: Math.max(0, limit - 1), expected: undefined, countIndex: 0 };
}
