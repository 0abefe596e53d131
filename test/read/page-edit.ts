/**
 * Reads a real page of `sources/` with an edit applied, the way `permgen generate` reads it
 * (manifest entry → reader → extractor), and returns the model and the diagnostics.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSourceFromText } from '../../generator/build-catalog.ts';
import { parseManifest } from '../../generator/config/manifest.ts';
import { Overrides } from '../../generator/config/overrides.ts';
import { limits } from '../../generator/config/limits.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import type { Diagnostic } from '../../generator/diagnostics/diagnostic.ts';
import type { SourceModel } from '../../generator/model/catalog.ts';
import { projectRoot } from '../helpers/build.ts';

const manifest = parseManifest(readFileSync(path.join(projectRoot, 'sources/sources.json'), 'utf8'), 'sources/sources.json', new Reporter());

export interface EditedPage {
  file: string;
  /** The page's text after the edit. */
  text: string;
  model: SourceModel | undefined;
  diagnostics: Diagnostic[];
}

/** Page `id` of the manifest, `edit` applied to its text (the identity when absent). */
export function readEdited(id: string, edit?: (text: string) => string): EditedPage {
  const entry = manifest.find((e) => e.id === id);
  if (!entry) throw new Error(`no source ${id}`);
  const file = `sources/${entry.file}`;
  const original = readFileSync(path.join(projectRoot, file), 'utf8');
  const text = edit ? edit(original) : original;
  if (edit && text === original) {
    // An edit that changes nothing would make its test pass vacuously.
    throw new Error(`the edit left ${file} unchanged`);
  }
  const report = new Reporter();
  const model = buildSourceFromText(text, '0', file, entry, new Overrides(), limits, report);
  return { file, text, model, diagnostics: report.diagnostics };
}

/** Replaces the one occurrence of `find` (an error when there is none or several: the page changed). */
export function replaceOnce(text: string, find: string, replacement: string): string {
  const first = text.indexOf(find);
  if (first < 0 || text.indexOf(find, first + 1) >= 0) throw new Error(`\`${find}\` is not on the page exactly once`);
  return text.slice(0, first) + replacement + text.slice(first + find.length);
}

/** 1-based line of the one line of `text` that is exactly `line`. */
export function lineOf(text: string, line: string): number {
  const lines = text.split('\n');
  const i = lines.indexOf(line);
  if (i < 0 || lines.indexOf(line, i + 1) >= 0) throw new Error(`\`${line}\` is not a line of the page exactly once`);
  return i + 1;
}
