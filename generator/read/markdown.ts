/** GitHub-flavoured Markdown pages (GitLab's docs source, Forgejo's docs): unified + remark-parse + remark-gfm + remark-frontmatter. */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';
import type { Reader } from './reader.ts';
import type { Reporter } from '../diagnostics/reporter.ts';
import type { LineMap } from './mdast-blocks.ts';
import { markdownToBlocks } from './markdown-fast-rows.ts';
import type { PageDocument } from './document.ts';
import { reportStrayRows } from './stray-table-rows.ts';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

/** Parses Markdown text into blocks; `mapLine` maps lines of `text` back to the page when `text` was recovered from it. */
export function readMarkdownText(text: string, file: string, format: string, report: Reporter, mapLine?: LineMap): PageDocument {
  const { frontmatter, blocks, strayRows } = markdownToBlocks(text, file, report, mapLine);
  reportStrayRows(strayRows, blocks, report);
  return { file, format, frontmatter, blocks };
}

export const markdownReader: Reader = {
  name: 'markdown',
  description: 'GitHub-flavoured Markdown with optional YAML front matter (GitLab and Forgejo docs sources).',
  detect(text) {
    const pipeTable = /^\|.*\|\s*$\n^\|\s*:?-{3,}/m.test(text);
    const heading = /^#{1,6} \S/m.test(text);
    const html = /^\s*<(table|h1|div)\b/im.test(text);
    if (html) return 0.2;
    return (pipeTable ? 0.5 : 0) + (heading ? 0.4 : 0);
  },
  read(text, file, report) {
    return readMarkdownText(text, file, 'markdown', report);
  },
};
