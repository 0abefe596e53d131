/**
 * The docs site as files: which pages exist, what a row shows, that every link lands on an element,
 * that page text stays text (hostile catalog), that the output is deterministic, and the CLI.
 * The browser behaviour (sorting, filtering, the explorer) is in browser.test.ts.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { load } from 'cheerio';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { projectRoot, realCatalog } from '../helpers/build.ts';
import { emitPackage } from '../../generator/emit/emit-package.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { renderSite } from '../../generator/site/render-site.ts';
import { inlineJson } from '../../generator/site/inline-json.ts';
import { AnchorIds, slug } from '../../generator/site/slug.ts';
import { docsCommand } from '../../generator/cli/commands/docs.ts';
import type { Catalog } from '../../generator/model/catalog.ts';
import { HOSTILE, HOSTILE_TITLE, HOSTILE_URL, hostileCatalog } from './hostile.ts';

const JOB_TOKEN_PAGE = 'sources/gitlab-job-token-fine-grained-permissions.008551b.md';
const REST_PAGE = 'sources/gitlab-pat-fine-grained-rest.0739b8b.md';

async function site(catalog: Catalog): Promise<Map<string, string>> {
  const report = new Reporter();
  const files = await renderSite(catalog, emitPackage(catalog, { enumStyle: 'const' }, report), report);
  expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return files!;
}

async function pageLine(file: string, line: number): Promise<string> {
  return (await readFile(path.join(projectRoot, file), 'utf8')).split('\n')[line - 1]!;
}

let catalog: Catalog;
let files: Map<string, string>;

beforeAll(async () => {
  catalog = (await realCatalog()).catalog;
  files = await site(catalog);
});

describe('slugs and inline JSON', () => {
  it('slugs entry keys the way the anchors are written', () => {
    expect(slug('GET /projects/:id/releases')).toBe('get-projects-id-releases');
    expect(slug('read:issue')).toBe('read-issue');
    expect(slug('READ_RELEASES')).toBe('read-releases');
    expect(slug('Project.runners')).toBe('project-runners');
    expect(slug('///')).toBe('entry');
  });

  it('gives keys that slug alike distinct ids, and never a reserved one', () => {
    const ids = new AnchorIds(['endpoints']);
    expect([ids.take('GET /a/:id'), ids.take('GET /a/*id'), ids.take('GET /a/(id)'), ids.take('Endpoints')]).toEqual(['get-a-id', 'get-a-id-2', 'get-a-id-3', 'endpoints-2']);
  });

  it('escapes what could end or change a script element, and parses back unchanged', () => {
    const value = { s: '</script><!-- & \u2028\u2029 >' };
    const text = inlineJson(value);
    expect(text).toBe('{"s":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 \\u003e"}');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('the site built from the real sources', () => {
  it('has an index, an explorer, one page per source in sources/sources.json, and its assets', () => {
    expect([...files.keys()]).toEqual([
      'assets/explorer.js',
      'assets/site.css',
      'assets/site.js',
      'buildkite-api-access-token-scopes.html',
      'explorer.html',
      'forgejo-token-scopes.html',
      'gitlab-graphql-fine-grained-permissions.html',
      'gitlab-job-token-permissions.html',
      'gitlab-pat-other-operations.html',
      'gitlab-pat-rest-permissions.html',
      'gitlab-token-scopes.html',
      'index.html',
    ]);
  });

  it('links every source page from the index', () => {
    const $ = load(files.get('index.html')!);
    const links = $('#sources tbody tr td:first-child a').map((_, a) => $(a).attr('href')).get();
    expect(links).toEqual(['buildkite-api-access-token-scopes.html', 'forgejo-token-scopes.html', 'gitlab-graphql-fine-grained-permissions.html', 'gitlab-job-token-permissions.html', 'gitlab-pat-other-operations.html', 'gitlab-pat-rest-permissions.html', 'gitlab-token-scopes.html']);
    expect($('#sources tbody tr').eq(3).text()).toContain('Fine-grained permissions for CI/CD job tokens');
  });

  it('shows a job-token row with its route, permission, source line and upstream URL under a stable anchor', async () => {
    expect(await pageLine(JOB_TOKEN_PAGE, 242)).toContain('`GET /projects/:id/releases`');
    const $ = load(files.get('gitlab-job-token-permissions.html')!);
    expect($('#endpoints tbody tr')).toHaveLength(196);
    const cells = $('#get-projects-id-releases td').map((_, td) => $(td).text()).get();
    expect(cells).toEqual(['GET /projects/:id/releases', 'READ_RELEASES', 'List all releases in a project', 'Releases', `${JOB_TOKEN_PAGE}:242 upstream`]);
    expect($('#get-projects-id-releases a[href="#read-releases"]').text()).toBe('READ_RELEASES');
    expect($('#get-projects-id-releases a.up').attr('href')).toBe('https://docs.gitlab.com/ci/jobs/fine_grained_permissions/');
    expect($('#get-projects-id-releases td').last().attr('data-sort')).toBe('242');
    expect($('#read-releases td').first().text()).toBe('READ_RELEASES');
  });

  it('shows one REST row per endpoint: access, permissions with what a footnote adds, boundaries, public, every source line', async () => {
    expect(await pageLine(REST_PAGE, 300)).toBe('| Read <sup>1</sup> | Project | `GET` | `/projects/:id/deployments/:deployment_id/merge_requests` |');
    expect(await pageLine(REST_PAGE, 303)).toBe('<sup>1</sup> Also requires the `Read Merge Request` permission.');
    expect(await pageLine(REST_PAGE, 3846)).toBe('| Deployment: Read, Merge Request: Read | `GET` | `/projects/:id/deployments/:deployment_id/merge_requests` |');
    expect(await pageLine(REST_PAGE, 4029)).toBe('| `POST` | `/ai/duo_workflows/agent_workflows` | AI workflows OAuth token |');
    expect(await pageLine(REST_PAGE, 3737)).toBe('| `GET` | `/broadcast_messages` |');
    const $ = load(files.get('gitlab-pat-rest-permissions.html')!);
    // 2,135 endpoints: 1,876 distinct method + path in the permission tables (lines 35–3729:
    // `awk 'NR>=35 && NR<3730 && /^\| .* \| `[A-Z]+` \| `/' | awk -F'|' '{print $4 $5}' | sort -u | wc -l`),
    // 27 always accessible rows (lines 3730–3764) and 232 distinct unavailable rows (from line 4020).
    expect($('#routes tbody tr')).toHaveLength(1876 + 27 + 232);
    expect($('#routes-count').text()).toBe('2135 rows');
    const cells = (id: string) => $(`#${id} td`).map((_, td) => $(td).text()).get();
    expect(cells('get-projects-id-deployments-deployment-id-merge-requests')).toEqual([
      'GET /projects/:id/deployments/:deployment_id/merge_requests',
      'Granted',
      'read_deployment, also requires read_merge_request (footnote)',
      'project',
      'Public',
      'CI/CD / Deployment',
      'line 300 upstream · also 3846',
    ]);
    expect($('#get-projects-id-deployments-deployment-id-merge-requests a[href="#deployment-footnote-1"]').text()).toBe('footnote');
    expect($('#deployment-footnote-1 .at code').attr('title')).toBe(`${REST_PAGE}:303:1`);
    expect($('#get-projects-id-deployments-deployment-id-merge-requests a.up').attr('href')).toBe('https://docs.gitlab.com/auth/tokens/fine_grained_access_tokens_rest/');
    expect($('#get-projects-id-deployments-deployment-id-merge-requests td').last().attr('data-sort')).toBe('300');
    expect($('#get-projects-id-deployments-deployment-id-merge-requests td').last().find('code').map((_, c) => $(c).attr('title')).get()).toEqual([`${REST_PAGE}:300:1`, `${REST_PAGE}:3846:1`]);
    expect(cells('post-ai-duo-workflows-agent-workflows')).toEqual(['POST /ai/duo_workflows/agent_workflows', 'Unavailable', '—', '—', '—', 'AI workflows OAuth token', 'line 4029 upstream']);
    expect(cells('get-broadcast-messages')).toEqual(['GET /broadcast_messages', 'Always', '—', '—', '—', '—', 'line 3737 upstream']);
    // No per-row script: the page's only script is the shared table script.
    expect($('script').map((_, e) => $(e).attr('src')).get()).toEqual(['assets/site.js']);
    expect($('[onclick], [onload], [oninput]')).toHaveLength(0);
  });

  it('shows GraphQL rows under kind-name-permission anchors, and the page line they came from', async () => {
    expect(await pageLine('sources/gitlab-pat-fine-grained-graphql.41946e6.md', 322)).toContain('CiRunner');
    const $ = load(files.get('gitlab-graphql-fine-grained-permissions.html')!);
    // The page's 352 rows: `grep '^| ' | grep -v '^| Action\|^| ---' | wc -l` on the page.
    expect($('#grants tbody tr')).toHaveLength(352);
    const row = $('#type-cirunner-read-runner td').map((_, td) => $(td).text()).get();
    expect(row.slice(0, 5)).toEqual(['CiRunner', 'Type', 'read_runner', 'Read', 'Project']);
    expect(row.at(-1)).toBe('sources/gitlab-pat-fine-grained-graphql.41946e6.md:322 upstream');
    // The same name and permission on the Group and Instance rows.
    expect($('#type-cirunner-read-runner-2 td').eq(4).text()).toBe('Group');
  });

  it('shows scopes under their own names', () => {
    expect(load(files.get('forgejo-token-scopes.html')!)('#read-issue td').first().text()).toBe('read:issue');
    expect(load(files.get('gitlab-token-scopes.html')!)('#read-api td').first().text()).toBe('read_api');
    expect(load(files.get('buildkite-api-access-token-scopes.html')!)('#values tbody tr')).toHaveLength(36);
  });

  it('gives every element a unique id and resolves every link within the site', () => {
    const ids = new Map<string, Set<string>>();
    for (const [name, html] of files) {
      if (!name.endsWith('.html')) continue;
      const $ = load(html);
      const list = $('[id]').map((_, e) => $(e).attr('id')).get();
      expect(new Set(list).size, `duplicate ids in ${name}`).toBe(list.length);
      ids.set(name, new Set(list));
    }
    const index = JSON.parse(load(files.get('explorer.html')!)('#site-index').text()) as { sources: { id: string; page: string }[]; anchors: Record<string, string[]> };
    const targets: string[] = index.sources.flatMap((s) => index.anchors[s.id]!.map(([key, anchor]) => `${s.page}#${anchor || slug(key!)}`));
    for (const [name, html] of files) {
      if (!name.endsWith('.html')) continue;
      const $ = load(html);
      for (const href of $('a[href]').map((_, a) => $(a).attr('href')).get()) if (!/^https?:/.test(href)) targets.push(href.startsWith('#') ? `${name}${href}` : href);
    }
    const broken = targets.filter((t) => {
      const [page, anchor] = t.split('#');
      return !files.has(page!) || (anchor !== undefined && !ids.get(page!)!.has(anchor));
    });
    expect(broken).toEqual([]);
    expect(targets).toContain('gitlab-job-token-permissions.html#get-projects-id-releases');
  });

  it('puts the anchor and source line of each entry in the explorer index', () => {
    const index = JSON.parse(load(files.get('explorer.html')!)('#site-index').text()) as { anchors: Record<string, string[][]> };
    // The anchor is '' where it is the key's slug (get-projects-id-releases).
    expect(index.anchors['gitlab-job-token-permissions']).toContainEqual(['GET /projects/:id/releases', '', `${JOB_TOKEN_PAGE}:242:1`]);
    expect(index.anchors['forgejo-token-scopes']!.map(([key]) => key)).toContain('read:issue');
    // REST rows: the key alone (anchor = slug, the package gives the source line); a slug an earlier row took keeps its anchor.
    expect(index.anchors['gitlab-pat-rest-permissions']).toContainEqual(['GET /projects/:id/releases']);
    expect(index.anchors['gitlab-pat-rest-permissions']).toContainEqual(['GET /groups/:id/epics', 'get-groups-id-epics-2']);
    expect(index.anchors['gitlab-pat-rest-permissions']).toHaveLength(2135);
  });

  it('bundles the emitted package into the explorer as a classic script', () => {
    const bundle = files.get('assets/explorer.js')!;
    // The route tables' rows carry method and path apart (the route name is built at load: issue 14, size).
    expect(bundle).toContain('"/projects/:id/releases"');
    expect(bundle).not.toMatch(/^\s*(import|export)\s/m);
    expect(load(files.get('explorer.html')!)('script[src]').map((_, s) => load(files.get('explorer.html')!)(s).attr('src')).get()).toEqual(['assets/explorer.js', 'assets/site.js']);
  });

  it('keeps the explorer bundle, with every table in it, under 150 KB gzipped, minified and without the catalog', () => {
    const bundle = files.get('assets/explorer.js')!;
    // Every table: the REST, job-token and Forgejo routes, the GraphQL guard map, the Buildkite values.
    for (const entry of ['/projects/:id/releases/permalink/latest(/)(*suffix_path)', '/projects/:id/releases/:tag_name/evidence', 'READ_AGENTS', 'aiToolRules', 'write:issue']) expect(bundle).toContain(entry);
    // Issue 14, target 4 (size, not time): ≤ 150 KB gzipped (gzip -9 as servers precompress).
    expect(gzipSync(bundle, { level: 9 }).length).toBeLessThanOrEqual(150_000);
    expect(bundle).not.toContain('catalogVersion');
    expect(bundle).not.toContain('This file was generated by permgen');
  });

  it('is deterministic', async () => {
    expect(await site(catalog)).toEqual(files);
  });
});

describe('page text is data', () => {
  let hostile: Map<string, string>;
  beforeAll(async () => {
    hostile = await site(hostileCatalog(catalog));
  });

  it('renders a hostile description as text, with no element made from it', () => {
    for (const [name, html] of hostile) {
      if (!name.endsWith('.html')) continue;
      const $ = load(html);
      expect($('img'), name).toHaveLength(0);
      expect($('script:not([src]):not([type="application/json"])'), name).toHaveLength(0);
      expect(html, name).not.toContain('<img');
    }
    const $ = load(hostile.get('gitlab-job-token-permissions.html')!);
    expect($('#get-projects-id-releases td').eq(2).text()).toBe(HOSTILE);
    expect($('#read-releases td').eq(1).text()).toBe(HOSTILE);
    const rest = load(hostile.get('gitlab-pat-rest-permissions.html')!);
    expect(rest('#get-projects-id-releases td').eq(5).text()).toBe(`Project Features / ${HOSTILE}`);
    expect(rest('#routes td').filter((_, td) => rest(td).text() === HOSTILE)).toHaveLength(1);
    expect(load(hostile.get('forgejo-token-scopes.html')!)('#read-issue td').eq(5).text()).toBe(HOSTILE);
    expect(load(hostile.get('gitlab-token-scopes.html')!)('#read-api td').eq(2).text()).toBe(HOSTILE);
  });

  it('keeps a hostile title inside its elements and the inline JSON', () => {
    const page = load(hostile.get('gitlab-job-token-permissions.html')!);
    expect(page('title').text()).toBe(`${HOSTILE_TITLE} · token-permissions`);
    expect(page('h1').text()).toBe(HOSTILE_TITLE);
    const explorer = hostile.get('explorer.html')!;
    const json = /<script type="application\/json" id="site-index">([^<]*)<\/script>/.exec(explorer);
    expect(json, 'the inline JSON holds no `<`').not.toBeNull();
    const index = JSON.parse(json![1]!) as { sources: { title: string }[] };
    expect(index.sources.map((s) => s.title)).toContain(HOSTILE_TITLE);
  });

  it('never turns a non-http URL into a link', () => {
    for (const [name, html] of hostile) {
      if (!name.endsWith('.html')) continue;
      const $ = load(html);
      expect($('a[href^="javascript:" i]'), name).toHaveLength(0);
    }
    const index = JSON.parse(load(hostile.get('explorer.html')!)('#site-index').text()) as { sources: { id: string; url: string | null }[] };
    expect(index.sources.find((s) => s.id === 'gitlab-job-token-permissions')!.url).toBeNull();
    expect(load(hostile.get('gitlab-job-token-permissions.html')!)('.meta dd').eq(1).text()).toBe(HOSTILE_URL);
  });
});

describe('permgen docs', () => {
  const io = () => {
    const out = { stdout: '', stderr: '' };
    return { out, io: { cwd: projectRoot, stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } } };
  };

  it('writes the site to --out, replacing what was there', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'permgen-site-cli-'));
    try {
      const out = path.join(dir, 'site');
      const first = io();
      expect(await docsCommand.run(['--out', out], first.io)).toBe(0);
      expect(first.out.stdout).toMatch(/^permgen: wrote 12 files \(\d+ KiB\) to .*site\/ in \d+ ms\. Open .*index\.html\.\n$/);
      expect((await readdir(out)).sort()).toEqual([...files.keys()].filter((f) => !f.includes('/')).concat('assets').sort());
      expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe(files.get('index.html'));
      expect(await readdir(dir)).toEqual(['site']);
      // A previous site is replaced, stray files and all.
      await writeFile(path.join(out, 'stale.html'), 'old');
      expect(await docsCommand.run(['--out', out], io().io)).toBe(0);
      expect(await readdir(out)).not.toContain('stale.html');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to replace the project, or a folder it did not write', async () => {
    const atRoot = io();
    expect(await docsCommand.run(['--out', '.'], atRoot.io)).toBe(1);
    expect(atRoot.out.stderr).toContain('is the project folder or holds it; the site folder is replaced as a whole. [site-out-dir]');
    const dir = await mkdtemp(path.join(tmpdir(), 'permgen-site-cli-'));
    try {
      await writeFile(path.join(dir, 'notes.txt'), 'mine');
      const other = io();
      expect(await docsCommand.run(['--out', dir], other.io)).toBe(1);
      expect(other.out.stderr).toContain('is not empty and was not written by permgen docs');
      expect(await readdir(dir)).toEqual(['notes.txt']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects unknown options with exit code 2', async () => {
    const run = io();
    expect(await docsCommand.run(['--nope'], run.io)).toBe(2);
    expect(run.out.stderr).toContain("permgen docs: Unknown option '--nope'");
  });
});
