/**
 * `templateRenderer` compiles a template again when its text changes, whatever its modification
 * time says: the emit cache keys its output by the templates' contents, so `generate --watch` must
 * never render an old template after an edit that kept the mtime.
 */
import { mkdtemp, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { templateRenderer } from '../../generator/docs/handlebars.ts';

describe('templateRenderer', () => {
  it('renders the new text after an edit that keeps the mtime', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'permgen-templates-'));
    const file = path.join(dir, 't.hbs');
    // Both versions get the same whole-second modification time (an editor or a checkout can keep it).
    await writeFile(file, 'old {{x}}');
    await utimes(file, 1_000_000, 1_000_000);
    const render = templateRenderer(Handlebars.create(), dir, {});
    expect(render('t.hbs', { x: 1 })).toBe('old 1');
    await writeFile(file, 'new {{x}}');
    await utimes(file, 1_000_000, 1_000_000);
    expect((await stat(file)).mtimeMs).toBe(1_000_000_000);
    expect(render('t.hbs', { x: 1 })).toBe('new 1');
  });
});
