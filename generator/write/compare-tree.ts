/** What `generate --check` reports: files added, removed and changed, with the first differing lines. */

export interface TreeDifference {
  path: string;
  change: 'added' | 'removed' | 'changed';
  /** For `changed`: a few lines around the first difference, `-` old / `+` new, with line numbers. */
  excerpt: string[];
}

export function compareTrees(current: ReadonlyMap<string, string>, expected: ReadonlyMap<string, string>): TreeDifference[] {
  const out: TreeDifference[] = [];
  const paths = [...new Set([...current.keys(), ...expected.keys()])].sort();
  for (const p of paths) {
    const a = current.get(p);
    // As written to disk: UTF-8 turns a lone surrogate into U+FFFD, so that is what a written file holds.
    const e = expected.get(p);
    const b = e === undefined || !/[\ud800-\udfff]/.test(e) ? e : Buffer.from(e, 'utf8').toString('utf8');
    if (a === b) continue;
    if (a === undefined) out.push({ path: p, change: 'added', excerpt: [] });
    else if (b === undefined) out.push({ path: p, change: 'removed', excerpt: [] });
    else out.push({ path: p, change: 'changed', excerpt: firstDifference(a, b) });
  }
  return out;
}

function firstDifference(a: string, b: string, context = 2, max = 6): string[] {
  const x = a.split('\n');
  const y = b.split('\n');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  const lines: string[] = [];
  for (let k = Math.max(0, i - context); k < i; k++) lines.push(`  ${k + 1}  ${x[k]}`);
  for (let k = i; k < Math.min(x.length, i + max); k++) lines.push(`- ${k + 1}  ${x[k]}`);
  for (let k = i; k < Math.min(y.length, i + max); k++) lines.push(`+ ${k + 1}  ${y[k]}`);
  return lines;
}
