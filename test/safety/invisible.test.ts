/**
 * Control and bidirectional characters from a page (fixtures/safety/job-token-invisible.md: U+202E
 * RIGHT-TO-LEFT OVERRIDE and U+202C, ESC [2J and BEL in row 1; U+2066/U+2069 isolates, U+200F RLM,
 * C1 CSI U+009B and DEL in row 2; `od -c` shows them) stay data with their exact value, but no
 * generated file holds one raw: an editor or a review diff would reorder the line around a bidi
 * override ("Trojan Source"), and `cat` on a doc would clear the screen. An escaping hunt found them
 * raw in string literals, JSON rows, catalog.json and the regenerated Markdown.
 */
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../generator/build-catalog.ts';
import { importGenerated, writePackage } from '../helpers/build.ts';
import { readBack } from '../docs/read-back.ts';
import type { JobTokenEndpointsModel } from '../../generator/model/catalog.ts';

const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
const DESCRIPTIONS = [
  'Right-to-left \u202enimda\u202c here, escape \u001b[2J and bell \u0007 there',
  'Isolate \u2066x\u2069, mark \u200f, C1 \u009b2K and DEL \u007f',
];

describe('control and bidirectional characters on a page', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'permgen-invisible-'));
  await mkdir(path.join(root, 'sources'));
  await copyFile(path.join(import.meta.dirname, '../fixtures/safety/job-token-invisible.md'), path.join(root, 'sources/page.md'));
  await writeFile(path.join(root, 'sources/sources.json'), JSON.stringify({ sources: [{ id: 'invisible', file: 'page.md', format: 'markdown', provider: 'gitlab', title: 'Invisible', url: 'https://example.test/' }] }));
  const { catalog } = await buildCatalog({ root });
  const { dir, files } = await writePackage(catalog);

  it('are read as written', () => {
    expect((catalog.sources[0] as JobTokenEndpointsModel).endpoints.map((e) => e.description)).toEqual(DESCRIPTIONS);
  });

  it('appear in no generated file raw', () => {
    const raw = [...files].filter(([, text]) => RAW.test(text)).map(([name, text]) => `${name}: ${JSON.stringify(text.match(RAW)![0])}`);
    expect(raw).toEqual([]);
    expect(files.size).toBeGreaterThan(10);
  });

  it('keep their value at run time, in catalog.json and in the regenerated docs', async () => {
    const gitlab = await importGenerated<{ jobTokenRoutes: { description: string }[] }>(dir, 'gitlab/index.js');
    expect(gitlab.jobTokenRoutes.map((r) => r.description)).toEqual(DESCRIPTIONS);
    expect((JSON.parse(files.get('catalog.json')!) as { sources: JobTokenEndpointsModel[] }).sources[0]!.endpoints.map((e) => e.description)).toEqual(DESCRIPTIONS);
    // The docs write each as a character reference; CommonMark reads a reference to a control character
    // (C0, DEL, C1) as U+FFFD, so those come back as U+FFFD there (as a NUL always did); the bidi characters keep their value.
    const { model } = readBack(files.get('docs/invisible.md')!, 'docs/invisible.md');
    expect((model as JobTokenEndpointsModel).endpoints.map((e) => e.description)).toEqual(DESCRIPTIONS.map((d) => d.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd')));
  });
});
