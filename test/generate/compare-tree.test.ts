/** compareTrees compares what generate would write with what is on disk, as bytes would be. */
import { describe, expect, it } from 'vitest';
import { compareTrees } from '../../generator/write/compare-tree.ts';
import { NOT_A_REGULAR_FILE } from '../../generator/write/read-tree.ts';

describe('compareTrees', () => {
  it('a lone surrogate is written as U+FFFD: the file on disk is up to date', () => {
    expect(compareTrees(new Map([['a.md', 'x\ufffdy']]), new Map([['a.md', 'x\ud800y']]))).toEqual([]);
    expect(compareTrees(new Map([['a.md', 'x?y']]), new Map([['a.md', 'x\ud800y']])).map((d) => d.change)).toEqual(['changed']);
  });

  it('an entry that is not a regular file never equals a file', () => {
    expect(compareTrees(new Map([['a.js', NOT_A_REGULAR_FILE]]), new Map([['a.js', 'export {};\n']])).map((d) => [d.path, d.change])).toEqual([['a.js', 'changed']]);
  });
});
