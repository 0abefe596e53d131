// STUB: to be replaced by the real reader.
import type { Reader } from './reader.ts';

export const codeViewerScrapeReader: Reader = {
  name: 'code-viewer-scrape',
  description: 'TODO',
  detect() {
    return 0;
  },
  read(_text, file) {
    return { file, format: 'code-viewer-scrape', frontmatter: {}, blocks: [] };
  },
};
