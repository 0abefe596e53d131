/**
 * The text report shows what a log holds without letting it act on the terminal: a logged path with
 * ESC[1A (cursor up), ESC[2K (erase line) and CR could otherwise overwrite the line a reviewer reads
 * under "not granted". Fixture fixtures/control-characters.json (JSON escapes, so the file itself is
 * plain ASCII): line 1 holds ESC [1A ESC [2K CR, line 3 CSI (U+009B) 2K, DEL, RLO (U+202E), LINE
 * SEPARATOR (U+2028) and TAB; line 2 is an ordinary request.
 */
import { describe, expect, it } from 'vitest';
import { visible } from '../../generator/diagnostics/visible.ts';
import { runLeastPrivilege as run } from './helpers.ts';

const FIXTURE = 'test/least-privilege/fixtures/control-characters.json';
/** Any character `visible` escapes, except the report's own line breaks. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

describe('visible', () => {
  it.each([
    ['/p\u001b[1A\u001b[2K\r', '/p\\x1b[1A\\x1b[2K\\r'],
    ['a\tb\nc', 'a\\tb\\nc'],
    ['\u0000\u0007\u007f', '\\x00\\x07\\x7f'],
    ['\u009b2K\u0085', '\\x9b2K\\x85'],
    ['\u202eexe.txt\u2066\u2069\u200f\u061c', '\\u202eexe.txt\\u2066\\u2069\\u200f\\u061c'],
    ['\u2028\u2029', '\\u2028\\u2029'],
    // Printable text, including non-ASCII and a literal backslash, is left as it is.
    ['/projects/acme%2Fapp/ファイル/é\\x1b', '/projects/acme%2Fapp/ファイル/é\\x1b'],
  ])('case %# → %s', (input, expected) => expect(visible(input)).toBe(expected));
});

describe('a log line with control characters', () => {
  it('appears escaped in the text report, never raw', async () => {
    const r = await run(FIXTURE);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    // Listed under "not granted" by each of the three GitLab kinds (no page row matches either path).
    expect(r.stdout.split('\n').filter((l) => l.endsWith('line 1    DELETE /api/v4/projects/1\\x1b[1A\\x1b[2K\\r'))).toHaveLength(3);
    expect(r.stdout.split('\n').filter((l) => l.endsWith('line 3    GET /api/v4/projects/2\\x9b2K\\x7f\\u202e\\u2028\\t'))).toHaveLength(3);
    expect(r.stderr).toBe('');
  });

  it('--json is left as JSON: C0 escaped by JSON itself, and each input parses back to the path as logged', async () => {
    const r = await run(FIXTURE, '--json');
    // JSON escapes C0 only; DEL, C1 and bidi characters pass through JSON.stringify as they are (reported to the lead, not changed here).
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    const out = JSON.parse(r.stdout) as { kinds: { notGranted: { line: number; input: string }[] }[] };
    const line = (n: number) => new Set(out.kinds.flatMap((k) => k.notGranted.filter((g) => g.line === n).map((g) => g.input)));
    expect([...line(1)]).toEqual(['DELETE /api/v4/projects/1\u001b[1A\u001b[2K\r']);
    expect([...line(3)]).toEqual(['GET /api/v4/projects/2\u009b2K\u007f\u202e\u2028\t']);
  });
});

describe('boundaries in the text report', () => {
  it('says "and" when each boundary is needed, "or" when one is enough (REST lines 1959, 1963; operations line 42)', async () => {
    // fixtures/boundaries.list: GET /projects/1/releases (1959: Project), GET /groups/1/releases (1963: Group), git push acme/app.wiki (42: Project, Group).
    const r = await run('test/least-privilege/fixtures/boundaries.list');
    expect(r.stdout).toContain('\n  create_wiki (at group or project): 1 input(s)\n');
    expect(r.stdout).toContain('\n  read_release (at group, and at project): 2 input(s)\n');
  });
});
