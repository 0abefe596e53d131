/**
 * The docs site in a real browser: Debian's Chromium driven by playwright-core, pages opened from
 * disk (file://) as a person would. Sorts and filters a table, follows deep links, asks the explorer
 * (which runs the bundled package), and checks that hostile page text stays text. Screenshots go to
 * test-output/site/. Without Chromium the suite fails in CI and is skipped locally, with a message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { projectRoot, realCatalog } from '../helpers/build.ts';
import { emitPackage } from '../../generator/emit/emit-package.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { renderSite } from '../../generator/site/render-site.ts';
import { writeTreeAtomically } from '../../generator/write/atomic-write.ts';
import type { Catalog } from '../../generator/model/catalog.ts';
import { HOSTILE, hostileCatalog } from './hostile.ts';
import { leastPrivilegeCommand } from '../../generator/cli/commands/least-privilege.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = path.join(projectRoot, 'test-output', 'site');
const JOB_TOKEN_PAGE = 'sources/gitlab-job-token-fine-grained-permissions.008551b.md';
const GRAPHQL_PAGE = 'sources/gitlab-pat-fine-grained-graphql.41946e6.md';
const FORGEJO_PAGE = 'sources/forgejo-access-token-scopes.code-viewer.txt';
const REST_PAGE = 'sources/gitlab-pat-fine-grained-rest.0739b8b.md';
/** The REST page's rows for `/projects/:id/releases/:tag_name/assets/links` (lines 1972–1976), in page order. */
const RELEASE_LINK_ROUTES = [
  'POST /projects/:id/releases/:tag_name/assets/links',
  'DELETE /projects/:id/releases/:tag_name/assets/links/:link_id',
  'GET /projects/:id/releases/:tag_name/assets/links',
  'GET /projects/:id/releases/:tag_name/assets/links/:link_id',
  'PUT /projects/:id/releases/:tag_name/assets/links/:link_id',
];
/** The rows of the job-token page that mention `secure_files` (lines 269–273), in page order. */
const SECURE_FILES_ROUTES = [
  'GET /projects/:id/secure_files/:secure_file_id/download',
  'GET /projects/:id/secure_files',
  'GET /projects/:id/secure_files/:secure_file_id',
  'POST /projects/:id/secure_files',
  'DELETE /projects/:id/secure_files/:secure_file_id',
];

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && !process.env.CI) console.warn(`test/site/browser.test.ts: skipped, ${CHROMIUM} is missing (apt-get install chromium). CI fails instead.`);

describe('the docs site in Chromium (CI)', () => {
  it('has Chromium wherever CI runs', () => {
    if (process.env.CI) expect(hasChromium, `${CHROMIUM} is missing: .ci/run installs it with apt-get install chromium; the browser test cannot run without it.`).toBe(true);
  });
});

describe.runIf(hasChromium)('the docs site in Chromium', () => {
  let work: string;
  let context: BrowserContext;
  let page: Page;
  let catalog: Catalog;
  let hasGuardMap = false;
  let hasForgejoRoutes = false;
  const problems: string[] = [];

  /** `file` may end in `#fragment`. */
  const open = (site: string, file: string) => {
    const [name, fragment] = file.split('#');
    return page.goto(`${pathToFileURL(path.join(work, site, name!)).href}${fragment === undefined ? '' : `#${fragment}`}`);
  };
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
  const rowTexts = (table: string, column: number) => page.locator(`#${table} tbody tr:not([hidden]) td:nth-child(${column})`).allTextContents();
  const ask = async (query: string) => {
    await page.fill('#query', query);
    // The explorer answers after a short debounce; wait for the card that names the query.
    await page.locator('#results article').first().waitFor();
  };

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'permgen-site-browser-'));
    catalog = (await realCatalog()).catalog;
    for (const [name, source] of [['site', catalog], ['hostile', hostileCatalog(catalog)]] as const) {
      const report = new Reporter();
      const packageFiles = emitPackage(source, { enumStyle: 'const' }, report);
      const files = await renderSite(source, packageFiles, report);
      expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      await writeTreeAtomically(path.join(work, name), files!);
      if (name === 'site') {
        // Whether this build has the GraphQL guard map, asked of the package itself (not of the site).
        for (const [rel, contents] of packageFiles) {
          await mkdir(path.dirname(path.join(work, 'package', rel)), { recursive: true });
          await writeFile(path.join(work, 'package', rel), contents);
        }
        const gitlab = (await import(pathToFileURL(path.join(work, 'package', 'gitlab', 'index.js')).href)) as Record<string, unknown>;
        hasGuardMap = typeof gitlab.requiredGraphqlPermissions === 'function';
        const forgejo = (await import(pathToFileURL(path.join(work, 'package', 'forgejo', 'index.js')).href)) as Record<string, unknown>;
        hasForgejoRoutes = typeof forgejo.requiredForgejoScope === 'function';
      }
    }
    await mkdir(SHOTS, { recursive: true });
    context = await chromium.launchPersistentContext(path.join(work, 'profile'), { executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1280, height: 900 } });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
  });

  afterAll(async () => {
    await context?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('opens the index from disk and links every source', async () => {
    await open('site', 'index.html');
    expect(await page.title()).toBe('Sources · token-permissions');
    expect(await page.locator('#sources tbody tr td:first-child a').allTextContents()).toEqual([
      'APIAccessTokenScopes – Enums – GraphQL API',
      'Access Token scope',
      'Fine-grained permissions for GraphQL API',
      'Fine-grained permissions for CI/CD job tokens',
      'Fine-grained permissions for Git and other operations',
      'Fine-grained permissions for REST API',
      'Access token scopes',
    ]);
    await shot('index');
    await page.click('text=Fine-grained permissions for CI/CD job tokens');
    expect(page.url()).toMatch(/\/gitlab-job-token-permissions\.html$/);
  });

  it('filters and sorts the endpoints table', async () => {
    await page.fill('#endpoints-filter', 'secure_files');
    expect(await rowTexts('endpoints', 1)).toEqual(SECURE_FILES_ROUTES);
    expect(await page.textContent('#endpoints-count')).toBe('5 of 196 rows');

    await page.click('#endpoints th:nth-child(1) button');
    expect(await page.getAttribute('#endpoints th:nth-child(1)', 'aria-sort')).toBe('ascending');
    const ascending = [
      'DELETE /projects/:id/secure_files/:secure_file_id',
      'GET /projects/:id/secure_files',
      'GET /projects/:id/secure_files/:secure_file_id',
      'GET /projects/:id/secure_files/:secure_file_id/download',
      'POST /projects/:id/secure_files',
    ];
    expect(await rowTexts('endpoints', 1)).toEqual(ascending);
    await shot('job-token-sorted-filtered');

    await page.click('#endpoints th:nth-child(1) button');
    expect(await page.getAttribute('#endpoints th:nth-child(1)', 'aria-sort')).toBe('descending');
    expect(await rowTexts('endpoints', 1)).toEqual([...ascending].reverse());

    // The Source column sorts by line number: back to page order.
    await page.click('#endpoints th:last-child button');
    expect(await rowTexts('endpoints', 1)).toEqual(SECURE_FILES_ROUTES);
    // The page's section of each row (`### Secure files endpoints`, line 265), then its line.
    expect(await rowTexts('endpoints', 4)).toEqual(Array(5).fill('Secure files'));
    expect(await rowTexts('endpoints', 5)).toEqual([269, 270, 271, 272, 273].map((n) => `${JOB_TOKEN_PAGE}:${n} upstream`));

    // The filter reads the Section column: the 30 rows of `## Unavailable API endpoints` (line 294;
    // counted with awk: rows holding a method in a code span after that heading).
    await page.fill('#endpoints-filter', 'Unavailable API endpoints');
    expect(await page.textContent('#endpoints-count')).toBe('30 of 196 rows');
    await page.fill('#endpoints-filter', '');
  });

  it('follows a deep link to a row hidden by the filter: the filter is cleared and the row highlighted', async () => {
    await page.fill('#endpoints-filter', 'secure_files');
    await page.evaluate(() => (location.hash = '#get-projects-id-releases'));
    const row = page.locator('#get-projects-id-releases');
    await expect.poll(() => row.isVisible()).toBe(true);
    expect(await page.inputValue('#endpoints-filter')).toBe('');
    expect(await row.evaluate((r) => r.matches(':target'))).toBe(true);
    expect(await row.evaluate((r) => getComputedStyle(r).backgroundColor)).toBe('rgb(255, 248, 197)');
    expect(await row.locator('td').allTextContents()).toEqual(['GET /projects/:id/releases', 'READ_RELEASES', 'List all releases in a project', 'Releases', `${JOB_TOKEN_PAGE}:242 upstream`]);
    await shot('job-token-deep-link');

    await row.locator('a[href="#read-releases"]').click();
    const permission = page.locator('#read-releases');
    expect(await permission.evaluate((r) => r.matches(':target'))).toBe(true);
    expect(await permission.evaluate((r) => getComputedStyle(r).backgroundColor)).toBe('rgb(255, 248, 197)');
  });

  it('answers a request in the explorer with the package: permission, route template and source line', async () => {
    expect((await readFile(path.join(projectRoot, JOB_TOKEN_PAGE), 'utf8')).split('\n')[241]).toContain('`GET /projects/:id/releases`');
    await page.click('header nav >> text=Explorer');
    await page.locator('#query:enabled').waitFor();
    await ask('GET /projects/1/releases');
    const card = page.locator('[data-card="job-token-route"]');
    await expect.poll(() => card.locator('.verdict').textContent()).toBe('Needs READ_RELEASES');
    const text = await card.textContent();
    expect(text).toContain('READ_RELEASES');
    expect(text).toContain('GET /projects/:id/releases');
    expect(text).toContain(`${JOB_TOKEN_PAGE}:242`);
    expect(text).toContain('id = 1');
    await shot('explorer-request');

    // The card's row link is a deep link into the source page.
    await card.locator('text=show entry').click();
    expect(page.url()).toMatch(/\/gitlab-job-token-permissions\.html#get-projects-id-releases$/);
    await expect.poll(() => page.locator('#get-projects-id-releases').evaluate((r) => r.matches(':target'))).toBe(true); // the URL changes at commit; the page may still be loading
  });

  it('answers a Forgejo request with the scope, the route rule and its source line', async () => {
    expect(hasForgejoRoutes).toBe(true);
    const lines = (await readFile(path.join(projectRoot, FORGEJO_PAGE), 'utf8')).split('\n');
    expect(lines[35]).toBe('- `read`: `GET` routes');
    expect(lines[75]).toMatch(/^\| \*\*issue\*\* \| `issues\/\*`/);
    await open('site', 'explorer.html#q=GET%20%2Frepos%2Fowner%2Frepo%2Fissues');
    const card = page.locator('[data-card="forgejo-route"]');
    await expect.poll(() => card.locator('.verdict').textContent()).toBe('Needs read:issue');
    const text = await card.textContent();
    expect(text).toContain('issues/* read as /repos/{owner}/{repo}/issues/*');
    expect(text).toContain(`${FORGEJO_PAGE}:76:1`);
    expect(text).toContain(`${FORGEJO_PAGE}:36:3`);
    expect(await page.locator('[data-card="job-token-route"] .verdict').textContent()).toBe('No documented route: deny');
    await shot('explorer-forgejo-request');
  });

  it('links a Forgejo answer\'s Source to the row at its line, the scope row when the rule was read from a description', async () => {
    // `POST /markdown`: misc's rule is read from its description (line 85); the answer's source is the write:misc row, line 91.
    const lines = (await readFile(path.join(projectRoot, FORGEJO_PAGE), 'utf8')).split('\n');
    expect(lines[90]).toMatch(/^\| \*\*write:misc\*\* \|/);
    await open('site', 'explorer.html#q=POST%20%2Fmarkdown');
    const card = page.locator('[data-card="forgejo-route"]');
    await expect.poll(() => card.locator('.verdict').textContent()).toBe('Needs write:misc');
    expect(await card.textContent()).toContain(`${FORGEJO_PAGE}:91:1`);
    expect(await card.locator('dt:text-is("Source") + dd a').first().getAttribute('href')).toBe('forgejo-token-scopes.html#write-misc');
  });

  it('filters, sorts and deep-links the REST page (2,135 rows) with the shared table script', async () => {
    const lines = (await readFile(path.join(projectRoot, REST_PAGE), 'utf8')).split('\n');
    expect(lines.slice(1971, 1976).map((l) => /`([A-Z]+)` \| `([^`]+)`/.exec(l)!.slice(1).join(' '))).toEqual(RELEASE_LINK_ROUTES);
    await open('site', 'gitlab-pat-rest-permissions.html');
    // 1,876 permission-table endpoints + 27 always accessible + 232 unavailable (counted in site.test.ts).
    expect(await page.textContent('#routes-count')).toBe('2135 rows');
    expect(await page.locator('script').evaluateAll((scripts) => scripts.map((e) => e.getAttribute('src')))).toEqual(['assets/site.js']);

    // One filter pass over every row, timed in the page (reported, and bounded loosely: 2 cores shared).
    const filterMs = await page.evaluate(() => {
      const input = document.getElementById('routes-filter') as HTMLInputElement;
      input.value = 'releases/:tag_name/assets';
      const start = performance.now();
      input.dispatchEvent(new Event('input'));
      return performance.now() - start;
    });
    expect(await rowTexts('routes', 1)).toEqual(RELEASE_LINK_ROUTES);
    expect(await page.textContent('#routes-count')).toBe('5 of 2135 rows');
    expect(filterMs).toBeLessThan(1000);
    await shot('rest-filtered');

    await page.click('#routes th:nth-child(1) button');
    const ascending = [...RELEASE_LINK_ROUTES].sort((a, b) => a.localeCompare(b, 'en'));
    expect(ascending[0]).toBe('DELETE /projects/:id/releases/:tag_name/assets/links/:link_id');
    expect(await rowTexts('routes', 1)).toEqual(ascending);
    await page.click('#routes th:last-child button');
    expect(await rowTexts('routes', 1)).toEqual(RELEASE_LINK_ROUTES);
    expect(await rowTexts('routes', 7)).toEqual([1972, 1973, 1974, 1975, 1976].map((n) => `line ${n} upstream`));

    // Sorting every row by route, timed the same way.
    await page.fill('#routes-filter', '');
    const sortMs = await page.evaluate(() => {
      const start = performance.now();
      (document.querySelector('#routes th:nth-child(1) button') as HTMLButtonElement).click();
      return performance.now() - start;
    });
    expect(sortMs).toBeLessThan(3000);
    console.info(`REST page in Chromium: filter ${filterMs.toFixed(1)} ms, sort ${sortMs.toFixed(1)} ms (2,135 rows)`);

    // A footnoted row (line 300, footnote on line 303, public row on line 3846), reached by its anchor with a filter hiding it.
    expect(lines[299]).toContain('| Read <sup>1</sup> | Project | `GET` | `/projects/:id/deployments/:deployment_id/merge_requests` |');
    expect(lines[302]).toBe('<sup>1</sup> Also requires the `Read Merge Request` permission.');
    expect(lines[3845]).toContain('`/projects/:id/deployments/:deployment_id/merge_requests`');
    await page.fill('#routes-filter', 'releases');
    await page.evaluate(() => (location.hash = '#get-projects-id-deployments-deployment-id-merge-requests'));
    const row = page.locator('#get-projects-id-deployments-deployment-id-merge-requests');
    await expect.poll(() => row.isVisible()).toBe(true);
    expect(await page.inputValue('#routes-filter')).toBe('');
    expect(await row.evaluate((r) => r.matches(':target'))).toBe(true);
    expect(await row.locator('td').allTextContents()).toEqual([
      'GET /projects/:id/deployments/:deployment_id/merge_requests',
      'Granted',
      'read_deployment, also requires read_merge_request (footnote)',
      'project',
      'Public',
      'CI/CD / Deployment',
      'line 300 upstream · also 3846',
    ]);
    await shot('rest-deep-link');
    await row.locator('a[href="#deployment-footnote-1"]').click();
    const note = page.locator('#deployment-footnote-1');
    expect(await note.evaluate((r) => r.matches(':target'))).toBe(true);
    expect(await note.textContent()).toContain('also requires read_merge_request (Read Merge Request). line 303 upstream');
  });

  it('answers a REST request with the fine-grained card next to the job-token card, with or without /api/v4', async () => {
    const lines = (await readFile(path.join(projectRoot, REST_PAGE), 'utf8')).split('\n');
    expect(lines[1958]).toBe('| Read | Project | `GET` | `/projects/:id/releases` |');
    expect(lines[3959]).toBe('| Release: Read | `GET` | `/projects/:id/releases` |');
    expect(lines.slice(1948, 1950).join('\n')).toContain('#### Release');
    for (const request of ['GET /projects/1/releases', 'GET /api/v4/projects/1/releases']) {
      await open('site', `explorer.html#q=${encodeURIComponent(request)}`);
      const card = page.locator('[data-card="rest-route"]');
      await expect.poll(() => card.locator('.verdict').textContent()).toBe('Needs read_release');
      expect(await page.locator('[data-card="job-token-route"] .verdict').textContent()).toBe('Needs READ_RELEASES');
      const rows = Object.fromEntries(await card.locator('dt').evaluateAll((dts) => dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent])));
      expect(rows).toEqual({
        Access: 'Granted: the token needs every listed permission, at one of the listed boundaries.',
        Permissions: 'read_release (all required)',
        Boundaries: 'project',
        Public: 'Yes: the permissions are not needed when the target resource is publicly visible.',
        Route: 'GET /projects/:id/releases',
        Resource: 'Project Features / Release',
        Parameters: 'id = 1',
        'Matched path': '/projects/1/releases',
        Source: `${REST_PAGE}:1959:1 · show entry · upstream page`,
        'Also listed at': `${REST_PAGE}:3960:1`,
      });
    }
    await shot('explorer-rest-request');
    await page.locator('[data-card="rest-route"]').locator('text=show entry').click();
    expect(page.url()).toMatch(/\/gitlab-pat-rest-permissions\.html#get-projects-id-releases$/);
    await expect.poll(() => page.locator('#get-projects-id-releases').evaluate((r) => r.matches(':target'))).toBe(true); // the URL changes at commit; the page may still be loading
  });

  it('answers unavailable, always accessible, footnoted and undocumented REST requests', async () => {
    const lines = (await readFile(path.join(projectRoot, REST_PAGE), 'utf8')).split('\n');
    expect([lines[4027], lines[4028], lines[3736]]).toEqual(['| `*` | `/*path` | Catch-all fallback |', '| `POST` | `/ai/duo_workflows/agent_workflows` | AI workflows OAuth token |', '| `GET` | `/broadcast_messages` |']);
    await open('site', 'explorer.html');
    await page.locator('#query:enabled').waitFor();
    const card = page.locator('[data-card="rest-route"]');
    const row = (label: string) => card.locator(`dt:text-is("${label}") + dd`).textContent();

    await ask('POST /ai/duo_workflows/agent_workflows');
    await expect.poll(() => card.locator('.verdict').textContent()).toBe('Unavailable to fine-grained tokens: deny');
    expect(await row('Reason')).toBe('AI workflows OAuth token');
    expect(await row('Source')).toContain(`${REST_PAGE}:4029:1`);

    await ask('GET /broadcast_messages');
    await expect.poll(() => card.locator('.verdict').textContent()).toBe('Always accessible');
    expect(await row('Source')).toContain(`${REST_PAGE}:3737:1`);

    await ask('GET /projects/1/deployments/2/merge_requests');
    await expect.poll(() => card.locator('.verdict').textContent()).toBe('Needs read_deployment + read_merge_request');
    expect(await row('Parameters')).toBe('id = 1, deployment_id = 2');

    // Two rows whose routes slug alike: `GET /groups/:id/-/epics` comes first on the page and takes the plain slug.
    expect(lines[2421]).toBe('| Read | Group | `GET` | `/groups/:id/epics` |');
    await ask('GET /groups/1/epics');
    await expect.poll(() => card.locator('h2').textContent()).toBe('GET /groups/1/epics');
    expect(await card.locator('dt:text-is("Route") + dd a').getAttribute('href')).toBe('gitlab-pat-rest-permissions.html#get-groups-id-epics-2');
    expect(await row('Source')).toContain(`${REST_PAGE}:2422:1`);

    // Anything else under /api/v4 falls to the catch-all (line 4028): unavailable.
    await ask('GET /projects/1/no-such-thing');
    await expect.poll(() => card.locator('h2').textContent()).toBe('GET /projects/1/no-such-thing');
    expect(await card.locator('.verdict').textContent()).toBe('Unavailable to fine-grained tokens: deny');
    expect(await row('Route')).toBe('* /*path');
    expect(await row('Reason')).toBe('Catch-all fallback');

    // Outside the API root, and a lower-case method: no route.
    await ask('GET /api/v3/projects/1/releases');
    await expect.poll(() => card.locator('h2').textContent()).toBe('GET /api/v3/projects/1/releases');
    expect(await card.locator('.verdict').textContent()).toBe('No documented route: deny');
    await ask('get /projects/1/releases');
    await expect.poll(() => card.locator('h2').textContent()).toBe('get /projects/1/releases');
    expect(await card.locator('.verdict').textContent()).toBe('No documented route: deny');
    expect(await card.locator('button[data-example="GET /projects/1/releases"]').count()).toBe(1);
    await shot('explorer-rest-deny');
  });

  it('answers a fine-grained permission with its resource, the REST routes that need it and the pages that name it', async () => {
    const lines = (await readFile(path.join(projectRoot, REST_PAGE), 'utf8')).split('\n');
    // `#### Release` (line 1950) of `### Project Features resources`; its Read rows are lines 1959–1963.
    expect([lines[1949], lines[1951]]).toEqual(['#### Release', 'Grants the ability to create, delete, read, and update releases.']);
    expect(lines.slice(1958, 1963).every((l) => l.startsWith('| Read |'))).toBe(true);
    const operations = (await readFile(path.join(projectRoot, 'sources/gitlab-pat-fine-grained-other-operations.3f07355.md'), 'utf8')).split('\n');
    expect(operations[81]).toMatch(/^\| Download a release asset from a direct link +\| Release +\| Read /);
    await open('site', 'explorer.html#q=read_release');
    const card = page.locator('[data-card="fine-grained-permission"]');
    await expect.poll(() => card.locator('h2').textContent()).toBe('read_release');
    const row = (label: string) => card.locator(`dt:text-is("${label}") + dd`);
    expect(await row('Resource').textContent()).toBe('Read Release (Project Features)');
    expect(await row('Description').textContent()).toBe('Grants the ability to create, delete, read, and update releases.');
    expect(await row('REST routes that need it').locator('li').allTextContents()).toEqual([
      'GET /projects/:id/releases',
      'GET /projects/:id/releases/:tag_name',
      'GET /projects/:id/releases/:tag_name/downloads/*direct_asset_path',
      'GET /projects/:id/releases/permalink/latest(/)(*suffix_path)',
      'GET /groups/:id/releases',
    ]);
    expect(await row('Named on').locator('li').allTextContents()).toEqual([
      `Fine-grained permissions for REST API · ${REST_PAGE}:1959:1 · upstream page`,
      'Fine-grained permissions for Git and other operations · sources/gitlab-pat-fine-grained-other-operations.3f07355.md:82:1 · upstream page',
    ]);
    expect(await page.locator('[data-card="nothing"]').count()).toBe(0);
    await shot('explorer-fine-grained-permission');
    await row('REST routes that need it').locator('a', { hasText: 'GET /groups/:id/releases' }).click();
    expect(page.url()).toMatch(/\/gitlab-pat-rest-permissions\.html#get-groups-id-releases$/);
  });

  it('takes a question from the index page to the explorer', async () => {
    await open('site', 'index.html');
    await page.fill('#q', 'READ_RELEASES');
    await page.press('#q', 'Enter');
    const card = page.locator('[data-card="job-token-permission"]');
    await expect.poll(() => card.locator('h2').textContent()).toBe('READ_RELEASES');
    expect(await page.inputValue('#query')).toBe('READ_RELEASES');
    expect(await card.locator('ul.routes li').allTextContents()).toContain('GET /projects/:id/releases');
  });

  it('denies a request no documented route matches', async () => {
    await open('site', 'explorer.html');
    await page.locator('#query:enabled').waitFor();
    await ask('GET /projects/1/no-such-thing');
    await expect.poll(() => page.locator('[data-card="job-token-route"] .verdict').textContent()).toBe('No documented route: deny');
  });

  it('answers GraphQL names from the guard map', async () => {
    await open('site', 'explorer.html');
    await page.locator('#query:enabled').waitFor();
    expect(hasGuardMap).toBe(true);
    const lines = (await readFile(path.join(projectRoot, GRAPHQL_PAGE), 'utf8')).split('\n');
    expect([lines[321], lines[379], lines[325]]).toEqual(['| Read | Project | Type | `CiRunner` |', '| Read | Group | Field | `Query.aiToolRules` |', '| Update | Project | Mutation | `RunnerUpdate` |']);

    await ask('CiRunner');
    const card = page.locator('[data-card="graphql-name"]');
    await expect.poll(() => card.locator('h2').textContent()).toBe('Type CiRunner');
    expect(await card.locator('.verdict').textContent()).toBe('Any one of 3 rows');
    expect(await card.locator('ul.grants li').allTextContents()).toEqual([322, 323, 324].map((n, i) => expect.stringContaining(`read_runner · Read · ${['project', 'group', 'instance'][i]} · Runner · CI/CD · ${GRAPHQL_PAGE}:${n}:1`)));
    await shot('explorer-graphql-type');

    await ask('Query.aiToolRules');
    await expect.poll(() => card.locator('h2').textContent()).toBe('Field Query.aiToolRules');
    expect(await card.locator('ul.grants li').first().textContent()).toContain(`${GRAPHQL_PAGE}:380:1`);

    await ask('runnerUpdate');
    await expect.poll(() => card.locator('h2').textContent()).toBe('Mutation RunnerUpdate');
    expect(await card.locator('ul.grants li').first().textContent()).toContain(`${GRAPHQL_PAGE}:326:1`);
  });

  it('answers scopes: a Forgejo scope and a GitLab token scope', async () => {
    await open('site', 'explorer.html');
    await page.locator('#query:enabled').waitFor();
    await ask('read:issue');
    const forgejo = page.locator('[data-card="forgejo-scope"]');
    await expect.poll(() => forgejo.locator('h2').textContent()).toBe('read:issue');
    expect(await forgejo.textContent()).toContain('Satisfied byread:issue, write:issue');
    await shot('explorer-forgejo-scope');

    await ask('read_api');
    const gitlab = page.locator('[data-card="gitlab-token-scope"]');
    await expect.poll(() => gitlab.locator('h2').textContent()).toBe('read_api');
    expect(await gitlab.textContent()).toContain('Available forpersonal, group, project');
    expect(await gitlab.textContent()).toContain('sources/gitlab-access-token-scopes.ja.flattened.txt:');
  });

  it('answers a pasted workload list as `permgen least-privilege` answers the same list', async () => {
    // A release job as a list (the README's example), plus a line the list format cannot read (line 7).
    const list = [
      '# release job',
      'GET /api/v4/projects/42/releases',
      'PUT /projects/42/packages/generic/app/1.4.0/app-linux-amd64.tar.gz',
      'POST /projects/42/releases',
      'git push acme/app',
      '',
      'git rebase acme/app',
    ].join('\n');
    await open('site', 'explorer.html#least-privilege');
    await page.locator('#workload:enabled').waitFor();
    await page.fill('#workload', list);
    const answer = page.locator('#workload-answer');
    await expect.poll(() => answer.textContent()).toContain('CI/CD job token');
    const shown = (await answer.textContent())!;
    await shot('explorer-workload');

    // The CLI on the same list, from a file: the same text, but for the name of the input.
    const file = path.join(work, 'workload.txt');
    await writeFile(file, `${list}\n`);
    let stdout = '';
    let stderr = '';
    const code = await leastPrivilegeCommand.run([file, '--format', 'list'], { cwd: projectRoot, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
    expect(code).toBe(0);
    expect(shown).toBe(`${stderr}\n${stdout}`.replaceAll(file, 'pasted list'));

    // Hand-written from the pages: line 7 is refused; the job token needs the three REST rows' permissions
    // and cannot push; a personal token's classic grant is `api` (token-scopes page lines 19 and 41).
    expect(shown).toContain('pasted list:7:1 error Unknown Git command `git rebase`. [workload-operation]');
    expect(shown).toContain('pasted list: 4 input(s) read as list, 1 line(s) not answered (see stderr).');
    expect(shown).toContain('CI/CD job token: cannot grant 1 of 4 input(s)\n  grant: ADMIN_PACKAGES, ADMIN_RELEASES, READ_RELEASES');
    expect(shown).toContain('Classic access token scopes (personal access token): grants every input\n  grant: api');
    expect(shown).toContain('  push_code (at project): 1 input(s)\n    line 5    git-push acme/app  sources/gitlab-pat-fine-grained-other-operations.3f07355.md:40:1');

    // A project access token: the push needs write_repository (footnote 1 is for personal tokens).
    await page.selectOption('#workload-token-type', 'project');
    await expect.poll(() => answer.textContent()).toContain('Classic access token scopes (project access token): grants every input\n  grant: api, write_repository');
  });

  it('shows hostile page text as text, in the pages and in the explorer', async () => {
    await open('hostile', 'gitlab-job-token-permissions.html#get-projects-id-releases');
    expect(await page.locator('#get-projects-id-releases td').nth(2).textContent()).toBe(HOSTILE);
    expect(await page.locator('img').count()).toBe(0);
    await shot('hostile-page');

    await open('hostile', 'explorer.html#q=GET%20%2Fprojects%2F1%2Freleases');
    await page.locator('[data-card="job-token-route"]').waitFor();
    expect(await page.locator('[data-card="job-token-route"] dd').nth(2).textContent()).toBe(HOSTILE);
    const rest = page.locator('[data-card="rest-route"]');
    expect(await rest.locator('dt:text-is("Resource") + dd').textContent()).toBe(`Project Features / ${HOSTILE}`);
    await open('hostile', 'gitlab-pat-rest-permissions.html#get-projects-id-releases');
    expect(await page.locator('#get-projects-id-releases td').nth(5).textContent()).toBe(`Project Features / ${HOSTILE}`);
    expect(await page.locator('img').count()).toBe(0);
    await open('hostile', 'explorer.html');
    await page.locator('#query:enabled').waitFor();
    await ask('read:issue');
    await expect.poll(() => page.locator('[data-card="forgejo-scope"] dd').nth(1).textContent()).toBe(HOSTILE);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await shot('hostile-explorer');
  });

  it('raised no page error, console error or dialog', () => {
    expect(problems).toEqual([]);
  });
});
