// STUB: to be replaced by the real reader.
import type { Reader } from './reader.ts';

export const flattenedTableTextReader: Reader = {
  name: 'flattened-table-text',
  description: 'TODO',
  detect() {
    return 0;
  },
  read(_text, file) {
    return { file, format: 'flattened-table-text', frontmatter: {}, blocks: [] };
  },
};
