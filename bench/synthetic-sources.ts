/**
 * A synthetic sources folder N times the size of the real one, shaped like it: the real pages
 * with their tables repeated N times, each copy made unique (paths get a segment, resources and
 * values a suffix) so the pages still validate. Used by bench/generate.ts to check that the
 * generator grows linearly.
 */
import { mkdir, readFile, writeFile, copyFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;

export async function writeSyntheticSources(dir: string, factor: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  const src = (f: string) => readFile(path.join(ROOT, 'sources', f), 'utf8');
  const manifest = JSON.parse(await src('sources.json'));
  await writeFile(path.join(dir, 'sources.json'), JSON.stringify(manifest, null, 2));
  await copyFile(path.join(ROOT, 'sources/overrides.json'), path.join(dir, 'overrides.json'));
  for (const entry of manifest.sources as { id: string; file: string }[]) {
    const text = await src(entry.file);
    const scale = SCALERS[entry.id];
    await writeFile(path.join(dir, entry.file), scale ? scale(text, factor) : text);
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Repeats every line matching `row` n times, transformed per copy. */
function repeatLines(text: string, row: RegExp, n: number, copy: (line: string, i: number) => string): string {
  return text
    .split('\n')
    .flatMap((line) => (row.test(line) ? range(n).map((i) => (i === 0 ? line : copy(line, i))) : [line]))
    .join('\n');
}

const SCALERS: Record<string, (text: string, n: number) => string> = {
  // Endpoint rows: `/projects/…` → `/s3/projects/…`.
  'gitlab-job-token-permissions': (text, n) => repeatLines(text, /^\| .*\| `[A-Z]+ \//, n, (line, i) => line.replace(/`([A-Z]+) \//, `\`$1 /s${i}/`)),
  // Whole resources (title, Grants line, table) repeated under each category with a suffixed title:
  // `#### Title` up to the next heading in GitLab's Markdown page, the title line and the rows after
  // it in the plain-text export.
  'gitlab-graphql-fine-grained-permissions': (text, n) => {
    const lines = text.split('\n');
    const out: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]!.startsWith('#### ')) {
        let end = i + 1;
        while (end < lines.length && !lines[end]!.startsWith('#')) end++;
        const block = lines.slice(i, end);
        for (const k of range(n)) out.push(...(k === 0 ? block : [`${block[0]} S${k}`, ...block.slice(1)]));
        i = end - 1;
        continue;
      }
      const isResourceStart = lines[i + 1]?.startsWith('Grants the ability to') && !/ resources$/.test(lines[i]!);
      if (!isResourceStart) {
        out.push(lines[i]!);
        continue;
      }
      let end = i + 2;
      while (end < lines.length && lines[end]!.startsWith('|')) end++;
      const block = lines.slice(i, end);
      for (const k of range(n)) out.push(...(k === 0 ? block : [`${block[0]} S${k}`, ...block.slice(1)]));
      i = end - 1;
    }
    return out.join('\n');
  },
  // Enum values: `READ_AGENTS` → `READ_AGENTS_S3`.
  'buildkite-api-access-token-scopes': (text, n) =>
    text.replace(/<tr><td><p><strong><code>([A-Z_]+)<\/code><\/strong><\/p><\/td><\/tr>/g, (row, v: string) => range(n).map((i) => (i === 0 ? row : row.replace(v, `${v}_S${i}`))).join('')),
  // Flattened scope rows: `read_apiPersonal…` → `read_api_s3Personal…`.
  'gitlab-token-scopes': (text, n) => repeatLines(text, /^[a-z0-9_]+(Personal|Group|Project)/, n, (line, i) => line.replace(/^([a-z0-9_]+)(?=Personal|Group|Project)/, `$1_s${i}`)),
};
