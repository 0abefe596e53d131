// STUB: to be replaced by the real reader.
import type { Reader } from './reader.ts';

export const htmlReader: Reader = {
  name: 'html',
  description: 'TODO',
  detect() {
    return 0;
  },
  read(_text, file) {
    return { file, format: 'html', frontmatter: {}, blocks: [] };
  },
};
