/** The permgen command as users run it: output format and exit codes. */
import path from 'node:path';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/build.ts';
import { runPermgen as permgen } from '../helpers/cli.ts';
import { jobTokenProject } from '../generate/helpers.ts';


describe('permgen CLI', () => {
  it('generate prints a summary and exits 0; --check then passes', async () => {
    const root = await jobTokenProject();
    const gen = await permgen(['generate'], root);
    expect(gen.code).toBe(0);
    expect(gen.stdout).toMatch(/^permgen: wrote \d+ files to generated\/\. 1 sources, 168 entries \(gitlab-job-token-permissions: 168\), 3 warning\(s\), \d+ ms\n$/);
    const check = await permgen(['generate', '--check'], root);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/generated\/ is up to date/);
  });

  it('prints diagnostics as file:line:col severity message [rule] and exits 1', async () => {
    const root = await jobTokenProject();
    await appendFile(path.join(root, 'sources/job-token.md'), '| Jobs: Read | `READ_JOBS` | `FETCH /jobs` | Broken row |\n');
    const r = await permgen(['generate'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('sources/job-token.md:256:31 error Unknown HTTP method `FETCH` in `FETCH /jobs`. [http-method-unknown]\n  hint: ');
    expect(r.stderr).toContain('nothing was written');
  });

  it('generate --check exits 1 with the first differences when generated/ is stale', async () => {
    const root = await jobTokenProject();
    await permgen(['generate'], root);
    await appendFile(path.join(root, 'generated/catalog.json'), ' ');
    const r = await permgen(['generate', '--check'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('generated/ is stale: 1 file(s) differ');
    expect(r.stderr).toContain('changed catalog.json');
  });

  it('read picks the reader from the content and prints the model as JSON', async () => {
    const r = await permgen(['read', 'test/fixtures/seeds/gitlab-ci-job-token-fine-grained-permissions.md', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.reader).toBe('markdown');
    expect(out.kind).toBe('gitlab-job-token-endpoints');
    expect(out.model.endpoints).toHaveLength(168);
  });

  it('rejects unknown commands and options with exit 2', async () => {
    expect((await permgen(['frobnicate'])).code).toBe(2);
    const r = await permgen(['generate', '--frob']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--frob'");
  });

  it('writes a page\'s control characters as escapes, in text and in --json (which still parses back to them)', async () => {
    // The job-token seed up to its table's first row (header at line 86), that row's description replaced by
    // OSC (set the window title), ESC[2J (clear the screen), a C1 CSI (U+009B) and a right-to-left override.
    const root = await jobTokenProject();
    const page = (await readFile(path.join(root, 'sources/job-token.md'), 'utf8')).split('\n');
    const header = page.findIndex((l) => l.startsWith('| Permissions |'));
    expect(header).toBe(85);
    const evil = 'Evil \u001b]0;PWNED\u0007\u001b[2J\u009b31m\u202e text';
    const file = path.join(root, 'evil.md');
    const row = page[header + 2]!.split('|');
    row[4] = ` ${evil} `;
    await writeFile(file, [...page.slice(0, header + 2), row.join('|'), ''].join('\n'));
    const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;
    const text = await permgen(['read', file], root);
    expect(text.stdout + text.stderr).not.toMatch(raw);
    expect(text.stdout).toContain('Evil \\u001b]0;PWNED\\u0007\\u001b[2J\\u009b31m\\u202e text');
    const json = await permgen(['read', file, '--json'], root);
    expect(json.stdout).not.toMatch(raw);
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain(JSON.stringify(evil).slice(1, -1));
  });
});
