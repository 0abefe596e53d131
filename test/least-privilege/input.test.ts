/**
 * Workload input: each fixture in fixtures/input/ read line by line; every line is an item, a
 * diagnostic with its line number, or blank / a comment. Expectations written by hand from the
 * fixture lines.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, readWorkload } from '../../generator/least-privilege/input/index.ts';

const FIXTURES = new URL('./fixtures/input/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const items = (w: ReturnType<typeof readWorkload>) => w.items.map((i) => (i.kind === 'rest' ? [i.line, i.method, i.path] : [i.line, i.operation, i.target]));
const diagnostics = (w: ReturnType<typeof readWorkload>) => w.diagnostics.map((d) => [d.line, d.column, d.severity, d.ruleId]);

describe('combined log format', () => {
  const w = readWorkload(read('combined.log'), 'combined.log', '/api/v4');

  it('is detected', () => expect(w.format).toBe('clf'));

  it('takes method and path as sent (the library places them as the matchers do), drops the query, keeps %2F, reads Git smart HTTP and feeds', () => {
    expect(items(w)).toEqual([
      [1, 'GET', '/api/v4/projects/42/releases'],
      [2, 'GET', '/api/v4/projects/acme%2Fapp/repository/files/src%2Fmain.go/raw'],
      // An absolute-form target loses its origin.
      [3, 'HEAD', '/api/v4/projects/42'],
      [4, 'git-pull', 'acme/app'],
      [5, 'git-push-wiki', 'acme/app.wiki'],
      [6, 'feed-project-activity', '/acme/app.atom'],
    ]);
  });

  it('reports every other line with its number: a web page (warning), no request line, not a log line, a lower-case method', () => {
    // Column 46: the first character inside the quoted request line (`awk '{print index($0, "\"")}'` gives the quote at 45).
    expect(diagnostics(w)).toEqual([
      [7, 46, 'warning', 'workload-not-api'],
      [8, 46, 'error', 'workload-clf-request'],
      [9, 1, 'error', 'workload-clf-syntax'],
      [10, 46, 'error', 'workload-method'],
    ]);
    expect(w.diagnostics[0]!.file).toBe('combined.log');
  });
});

describe('common log format', () => {
  const w = readWorkload(read('common.log'), 'common.log', '/api/v4');

  it('reads the lines without referer and agent; a blank line is skipped; /api/v4 alone is the API; /api/v4x is not', () => {
    expect(w.format).toBe('clf');
    expect(items(w)).toEqual([
      [1, 'POST', '/api/v4/projects/42/releases'],
      [2, 'DELETE', '/api/v4/projects/42/packages/7'],
      [4, 'PUT', '/api/v4/projects/42/packages/generic/app/1.4.0/app.tar.gz'],
      [5, 'GET', '/api/v4'],
    ]);
    // Column 47: the quote is at 46 on these lines (the address is one character longer).
    expect(diagnostics(w)).toEqual([[6, 47, 'warning', 'workload-not-api']]);
  });
});

describe('GitLab JSON log lines', () => {
  const w = readWorkload(read('api_json.log'), 'api_json.log', '/api/v4');

  it('takes method and path (or route, :version read as v4), ignores params and the query', () => {
    expect(w.format).toBe('gitlab-json');
    expect(items(w)).toEqual([
      [1, 'GET', '/api/v4/projects/42/releases'],
      [2, 'POST', '/api/v4/projects/:id/releases'],
      [3, 'GET', '/api/v4/projects/acme%2Fapp/issues'],
    ]);
  });

  it('reports a line without method, a truncated line and a non-object', () => {
    expect(diagnostics(w)).toEqual([
      [4, 1, 'error', 'workload-json-fields'],
      [5, 1, 'error', 'workload-json-syntax'],
      [6, 1, 'error', 'workload-json-syntax'],
    ]);
  });
});

describe('plain list', () => {
  const w = readWorkload(read('list.txt'), 'list.txt', '/api/v4');

  it('reads requests and the operations by their short names; comments and blank lines are skipped', () => {
    expect(w.format).toBe('list');
    expect(items(w)).toEqual([
      [2, 'GET', '/projects/1/releases'],
      [3, 'GET', '/api/v4/projects/1/releases'],
      [4, 'POST', '/projects/group%2Fproject/releases'],
      [5, 'git-push', 'group/project'],
      [6, 'git-pull-wiki', 'group/project.wiki'],
      [7, 'git-pull-snippet', 'group/project/snippets/12'],
      [8, 'git-pull-snippet', 'snippets/7'],
      [9, 'registry-pull', 'group/project'],
      [10, 'registry-push', 'group/project'],
      [11, 'dependency-proxy-pull', 'group'],
      [12, 'lfs-upload', 'group/project'],
      [13, 'feed-project-activity', '/group/project.atom'],
      [14, 'feed-issues', '/group/project/-/issues.ics'],
      [15, 'feed-your-projects', '/dashboard/projects.atom'],
      [16, 'feed-user-activity', '/alice.atom'],
      [17, 'feed-group-activity', '/groups/acme.atom'],
    ]);
  });

  it('reports each line it cannot read, with its number', () => {
    expect(diagnostics(w)).toEqual([
      [19, 1, 'error', 'workload-operation'],
      [20, 1, 'error', 'workload-operation'],
      [21, 1, 'error', 'workload-feed'],
      [22, 5, 'error', 'workload-target'],
      [23, 1, 'error', 'workload-list-syntax'],
      [24, 1, 'error', 'workload-list-syntax'],
    ]);
  });
});

describe('format detection', () => {
  it('from the first line that is not blank or a comment', () => {
    expect(detectFormat('\n# x\n{"method":"GET"}\n')).toBe('gitlab-json');
    expect(detectFormat('GET /projects\n')).toBe('list');
    expect(detectFormat('h - - [07/Dec/2026:03:12:01 +0000] "GET / HTTP/1.1" 200 1\n')).toBe('clf');
  });

  it('a named format wins over detection', () => {
    const w = readWorkload('GET /projects/1\n', 'x', '/api/v4', 'clf');
    expect(diagnostics(w)).toEqual([[1, 1, 'error', 'workload-clf-syntax']]);
  });

  it('Forgejo logs: /api/v1 tells API requests apart; the path is kept as sent', () => {
    const w = readWorkload('h - - [07/Dec/2026:03:12:01 +0000] "GET /api/v1/repos/o/r/issues?page=2 HTTP/1.1" 200 1\n', 'x', '/api/v1');
    expect(items(w)).toEqual([[1, 'GET', '/api/v1/repos/o/r/issues']]);
  });

  it('a path under the API base once canonicalized is an API request too, kept as sent', () => {
    const line = (target: string) => `h - - [07/Dec/2026:03:12:01 +0000] "DELETE ${target} HTTP/1.1" 200 1\n`;
    for (const target of ['/%61pi/v4/projects/42', '//api/v4/projects/42', '/api/v4/../v4/projects/42', '/x/../api/v4/projects/42']) {
      expect(items(readWorkload(line(target), 'x', '/api/v4'))).toEqual([[1, 'DELETE', target]]);
    }
    // Not under the base, as sent or canonicalized: not the API.
    expect(readWorkload(line('/api/v4x/projects/42'), 'x', '/api/v4').items).toEqual([]);
    // Under the base as sent: an API request, answered by the library as the matchers answer it (canonical path `/projects/42`).
    expect(items(readWorkload(line('/api/v4/../projects/42'), 'x', '/api/v4'))).toEqual([[1, 'DELETE', '/api/v4/../projects/42']]);
  });
});

describe('feed paths and clone URLs (hand-written from GitLab\'s web routes)', () => {
  const one = (line: string) => {
    const w = readWorkload(`${line}\n`, 'x', '/api/v4', 'list');
    return w.items.length === 1 ? (w.items[0] as { operation: string }).operation : w.diagnostics.map((d) => d.ruleId).join();
  };

  it.each([
    ['feed GET /acme/app.atom', 'feed-project-activity'],
    ['feed GET /acme/sub/app.atom', 'feed-project-activity'],
    ['feed GET /alice.atom', 'feed-user-activity'],
    ['feed GET /groups/acme.atom', 'feed-group-activity'],
    ['feed GET /groups/acme/sub/-/activity.atom', 'feed-group-activity'],
    ['feed GET /acme/app/-/commits/main.atom', 'feed-project-commits'],
    ['feed GET /acme/app/-/tags.atom', 'feed-project-tags'],
    ['feed GET /acme/app/-/issues.atom', 'feed-issues'],
    ['feed GET /groups/acme/-/issues.ics', 'feed-issues'],
    ['feed GET /dashboard/issues.ics', 'feed-issues'],
    ['feed GET /acme/app/-/merge_requests.atom', 'feed-merge-requests'],
    ['feed GET /dashboard/merge_requests.atom', 'feed-merge-requests'],
    ['feed GET /dashboard/projects.atom', 'feed-your-projects'],
    ['feed GET /-/user_settings/personal_access_tokens.ics', 'feed-token-expiration'],
    // Not on the page: refused at their line, never guessed.
    ['feed GET /dashboard/activity.atom', 'workload-feed'],
    ['feed GET /acme/app/-/wikis.atom', 'workload-feed'],
    ['feed GET /acme/app/-/activity.atom', 'workload-feed'],
    ['feed GET /acme/app.rss', 'workload-feed'],
  ])('%s → %s', (line, expected) => expect(one(line)).toBe(expected));

  it('reads clone URLs', () => {
    const w = readWorkload('git clone https://gitlab.example.com/acme/app.git\ngit push https://gitlab.example.com/acme/app.wiki.git\ngit push https://gitlab.example.com/\n', 'x', '/api/v4');
    expect(items(w)).toEqual([
      [1, 'git-pull', 'acme/app'],
      [2, 'git-push-wiki', 'acme/app.wiki'],
    ]);
    expect(diagnostics(w)).toEqual([[3, 1, 'error', 'workload-target']]);
  });
});
