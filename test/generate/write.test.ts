import { appendFile, mkdir, rename, writeFile, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../generator/generate.ts';
import { readTree } from '../../generator/write/read-tree.ts';
import { LockHeldError } from '../../generator/write/lock.ts';
import { jobTokenProject } from './helpers.ts';

describe('generate', () => {
  it('is deterministic: two runs give byte-identical trees', async () => {
    const root = await jobTokenProject();
    await generate({ root });
    const first = await readTree(path.join(root, 'generated'));
    await generate({ root });
    const second = await readTree(path.join(root, 'generated'));
    expect(first.size).toBeGreaterThan(10);
    expect([...second.entries()]).toEqual([...first.entries()]);
  });

  it('has no timestamps or tool versions in any generated file', async () => {
    const root = await jobTokenProject();
    const { files } = await generate({ root });
    for (const [name, text] of files) {
      expect(text, name).not.toMatch(/20\d\d-\d\d-\d\d|permgen@|v\d+\.\d+\.\d+/);
    }
  });

  it('leaves generated/ byte-identical when a page has an error', async () => {
    const root = await jobTokenProject();
    await generate({ root });
    const before = await readTree(path.join(root, 'generated'));
    await appendFile(path.join(root, 'sources/job-token.md'), '| Jobs: Read | `READ_JOBS` | `FETCH /jobs` | Broken row |\n');
    const result = await generate({ root });
    expect(result.ok).toBe(false);
    expect(result.written).toBe(false);
    expect(result.diagnostics.map((d) => d.ruleId)).toContain('http-method-unknown');
    expect(await readTree(path.join(root, 'generated'))).toEqual(before);
  });

  it('--check reports a stale generated/ and writes nothing', async () => {
    const root = await jobTokenProject();
    await generate({ root });
    await writeFile(path.join(root, 'generated/src/gitlab/job-token-permissions.ts'), '// edited by hand\n');
    await writeFile(path.join(root, 'generated/stray.txt'), 'x');
    const result = await generate({ root, check: true });
    expect(result.ok).toBe(false);
    expect(result.differences.map((d) => `${d.change} ${d.path}`)).toEqual(['changed src/gitlab/job-token-permissions.ts', 'removed stray.txt']);
    expect(await readFile(path.join(root, 'generated/stray.txt'), 'utf8')).toBe('x');
  });

  it('--strict turns warnings into errors and writes nothing', async () => {
    const root = await jobTokenProject();
    // A stray front-matter error is a warning (the rest of the page is still read).
    const page = path.join(root, 'sources/job-token.md');
    await writeFile(page, (await readFile(page, 'utf8')).replace('title: Fine-grained permissions for CI/CD job tokens', 'title: [unclosed'));
    const lax = await generate({ root, check: true });
    // The real page also has three route-overlap warnings; the front matter adds one.
    expect(lax.diagnostics.filter((d) => d.ruleId !== 'route-overlap').map((d) => `${d.severity} ${d.ruleId} ${d.line}`)).toEqual(['warning front-matter-yaml 1']);
    const strict = await generate({ root, strict: true });
    expect(strict.ok).toBe(false);
    expect(strict.written).toBe(false);
  });

  it.each([0, 5, 20])('a failure while writing file #%i leaves generated/ as it was', async (failAt) => {
    const root = await jobTokenProject();
    await generate({ root });
    const before = await readTree(path.join(root, 'generated'));
    await writeFile(path.join(root, 'sources/job-token.md'), (await readFile(path.join(root, 'sources/job-token.md'), 'utf8')).replace('Delete a specific deployment', 'Delete one deployment'));
    let n = 0;
    await expect(
      generate({
        root,
        hooks: {
          afterFile: () => {
            if (n++ === failAt) throw new Error('injected failure');
          },
        },
      }),
    ).rejects.toThrow('injected failure');
    expect(await readTree(path.join(root, 'generated'))).toEqual(before);
    expect((await readdir(root)).filter((f) => f.startsWith('.generated'))).toEqual([]);
  });

  it('restores the previous output after a run killed between its two renames', async () => {
    const root = await jobTokenProject();
    await generate({ root });
    const before = await readTree(path.join(root, 'generated'));
    // State a kill leaves behind: old output moved aside, new output not yet in place.
    await rename(path.join(root, 'generated'), path.join(root, '.generated.previous-99999'));
    await mkdir(path.join(root, '.generated.next-99999'));
    await generate({ root });
    expect(await readTree(path.join(root, 'generated'))).toEqual(before);
    expect((await readdir(root)).filter((f) => f.startsWith('.generated'))).toEqual([]);
  });

  it('refuses to run while another live run holds the lock', async () => {
    const root = await jobTokenProject();
    await writeFile(path.join(root, '.permgen-lock'), `pid ${process.pid}\n`);
    await expect(generate({ root })).rejects.toBeInstanceOf(LockHeldError);
    await expect(generate({ root })).rejects.toThrow(/Another permgen run holds .*\.permgen-lock \(pid \d+\)/);
  });

  it('takes over a lock left by a dead process', async () => {
    const root = await jobTokenProject();
    await writeFile(path.join(root, '.permgen-lock'), 'pid 2147483646\n');
    const result = await generate({ root });
    expect(result.written).toBe(true);
  });
});

describe('two real processes at once', () => {
  it('never interleave: one writes, the other waits for nothing and says who holds the lock', async () => {
    const { execFile } = await import('node:child_process');
    const bin = path.join(import.meta.dirname, '../../bin/permgen.js');
    const root = await jobTokenProject();
    const run = () =>
      new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(process.execPath, [bin, 'generate'], { cwd: root }, (error, _stdout, stderr) => resolve({ code: error ? (error as { code: number }).code : 0, stderr }));
      });
    const results = await Promise.all([run(), run()]);
    expect(results.some((r) => r.code === 0)).toBe(true);
    for (const r of results.filter((x) => x.code !== 0)) expect(r.stderr).toMatch(/Another permgen run holds .*\.permgen-lock \(pid \d+\)/);
    // Whatever the interleaving, the output is exactly one run's output.
    const written = await readTree(path.join(root, 'generated'));
    const check = await generate({ root, check: true });
    expect(check.differences).toEqual([]);
    expect(written.size).toBeGreaterThan(10);
  });
});
