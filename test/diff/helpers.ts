/**
 * Shared by the `permgen diff` tests: sources folders built from the real pages of `sources/` (one
 * edited) or from job-token rows, and the command run in process (`diffCommand.run`, what
 * `bin/permgen.js diff` runs), with its report's changes as one-line summaries.
 */
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { diffCommand } from '../../generator/cli/commands/diff.ts';
import type { Change, ChangeReport } from '../../generator/diff/change.ts';
import { projectRoot } from '../helpers/build.ts';

export const REST = 'gitlab-pat-rest-permissions';
export const JOB = 'gitlab-job-token-permissions';

/** `impact type subject: before → after`, `∅` for a side that has none. */
export const line = (c: Change) => `${c.impact} ${c.type} ${c.subject}: ${c.before ?? '∅'} → ${c.after ?? '∅'}`;

/** A sources folder holding the real page of manifest entry `id`, with `from` replaced by `to` (once; when given). */
export async function sourcesWith(id: string, edit?: [from: string, to: string]): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(projectRoot, 'sources/sources.json'), 'utf8')) as { sources: { id: string; file: string }[] };
  const entry = manifest.sources.find((s) => s.id === id)!;
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'permgen-diff-')), 'sources');
  await mkdir(dir);
  await writeFile(path.join(dir, 'sources.json'), JSON.stringify({ sources: [entry] }));
  if (!edit) {
    await copyFile(path.join(projectRoot, 'sources', entry.file), path.join(dir, entry.file));
    return dir;
  }
  const text = await readFile(path.join(projectRoot, 'sources', entry.file), 'utf8');
  if (text.split(edit[0]).length !== 2) throw new Error(`fixture edit does not apply once: ${edit[0]}`);
  await writeFile(path.join(dir, entry.file), text.replace(edit[0], () => edit[1]));
  return dir;
}

/** A sources folder holding a job-token page in the beta single-table layout with these rows. */
export async function jobTokenRows(rows: readonly string[]): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'permgen-diff-')), 'sources');
  await mkdir(dir);
  await writeFile(path.join(dir, 'sources.json'), JSON.stringify({ sources: [{ id: JOB, file: 'job-token.md', format: 'markdown', provider: 'gitlab', title: 'Job tokens', url: 'https://example.test' }] }));
  await writeFile(
    path.join(dir, 'job-token.md'),
    ['# Job token permissions', '', '| Permissions | Permission Names | Path | Description |', '| ----------- | ---------------- | ---- | ----------- |', ...rows, ''].join('\n'),
  );
  return dir;
}

/** Runs `permgen diff <args>` in process (from the project root): the exit code and what it wrote. */
export async function runDiff(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await diffCommand.run(args, { cwd: projectRoot, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

/** Runs `permgen diff <old> <new> --json --fail-on <failOn>` in process: the exit code, the report, its changes as `line`s. */
export async function diff(old: string, now: string, failOn = 'widened'): Promise<{ code: number; report: ChangeReport; changes: Change[]; lines: string[] }> {
  const { code, stdout, stderr } = await runDiff(old, now, '--json', '--fail-on', failOn);
  expect(stderr).toBe('');
  const report = JSON.parse(stdout) as ChangeReport;
  return { code, report, changes: report.changes, lines: report.changes.map(line) };
}

/** `diff` of the real page of `id` against a copy with one edit. */
export async function diffEdit(id: string, edit: [from: string, to: string], failOn = 'widened'): ReturnType<typeof diff> {
  const [old, now] = await Promise.all([sourcesWith(id), sourcesWith(id, edit)]);
  return diff(old, now, failOn);
}
