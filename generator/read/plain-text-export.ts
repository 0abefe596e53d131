// STUB: to be replaced by the real reader.
import type { Reader } from './reader.ts';

export const plainTextExportReader: Reader = {
  name: 'plain-text-export',
  description: 'TODO',
  detect() {
    return 0;
  },
  read(_text, file) {
    return { file, format: 'plain-text-export', frontmatter: {}, blocks: [] };
  },
};
