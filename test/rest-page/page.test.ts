/**
 * GitLab's fine-grained PAT REST page (sources/gitlab-pat-fine-grained-rest.0739b8b.md), read as it is.
 * Every number below was counted on the page with grep/awk (the command is next to each), never from the
 * model; F is the page's path.
 */
import { describe, expect, it } from 'vitest';
import type { GitlabRestPermissionsModel, RestEndpoint, RestGrant, RestResource } from '../../generator/model/catalog.ts';
import { extractRealPage as extractOnce, PAGE, type Extracted } from './pipeline.ts';

const at = (line: number, column = 1) => ({ file: PAGE, line, column });

let extracted: Extracted | undefined;
/** The page is read once for the file (reading 234 KB of Markdown takes seconds). */
const extractRealPage = () => (extracted ??= extractOnce());
function page(): GitlabRestPermissionsModel {
  const { model } = extractRealPage();
  if (!model) throw new Error('REST page not recognised');
  return model;
}
const resources = (m: GitlabRestPermissionsModel): RestResource[] => m.categories.flatMap((c) => c.resources);
const grants = (m: GitlabRestPermissionsModel): RestGrant[] => resources(m).flatMap((r) => r.grants);
const endpoint = (method: string, path: string, access = 'granted'): RestEndpoint | undefined =>
  page().endpoints.find((e) => e.method === method && e.path === path && e.access === access);
const tally = (values: readonly string[]) => Object.fromEntries([...new Set(values)].sort().map((v) => [v, values.filter((x) => x === v).length]));

describe('GitLab fine-grained REST page', () => {
  it('reads without a diagnostic', () => {
    expect(extractRealPage().diagnostics).toEqual([]);
  });

  it('has 2,095 permission rows in 220 resources (220 tables) under 25 categories', () => {
    const m = page();
    // grep -c '^### ' F → 25;  grep -c '^#### ' F → 220;  grep -c '^| Action | Access | Method | Path |$' F → 220
    // grep -c '^Grants the ability to' F → 220
    // awk -F'|' '/^\| [A-Z]/ && NF==6 && $2 !~ /Action/' F | wc -l → 2095
    expect(m.categories).toHaveLength(25);
    expect(resources(m)).toHaveLength(220);
    expect(resources(m).filter((r) => r.description.startsWith('Grants the ability to'))).toHaveLength(220);
    expect(grants(m)).toHaveLength(2095);
  });

  it('lists the categories in page order, kept as written, with their lines, resources and rows', () => {
    // awk '/^### /{…c=$0; l=NR; r=0; n=0} /^#### /{r++} (permission rows){n++}' F (the categories' heading line, #### count, row count)
    expect(page().categories.map((c) => [c.name, c.position.line, c.resources.length, c.resources.reduce((n, r) => n + r.grants.length, 0)])).toEqual([
      ['Application Security', 39, 14, 48],
      ['CI/CD', 187, 34, 230],
      ['Compliance', 663, 3, 13],
      ['Duo', 699, 14, 24],
      ['Geo', 823, 3, 21],
      ['GitLab Orbit', 867, 2, 19],
      ['Groups', 902, 17, 74],
      ['Integrations', 1097, 3, 361],
      ['Monitoring', 1481, 6, 16],
      ['Note', 1541, 1, 5],
      ['Notifications', 1555, 3, 11],
      ['Organizations', 1589, 1, 2],
      ['Packages and Registry', 1600, 8, 252],
      ['Project Features', 1910, 9, 57],
      ['Project Model Registry and Experiments', 2032, 5, 32],
      ['Project Planning', 2101, 9, 363],
      ['Projects', 2529, 6, 64],
      ['Repository', 2637, 16, 165],
      ['Search', 2916, 10, 20],
      ['Secrets Management', 3008, 1, 2],
      ['Subscription and Licensing', 3019, 6, 20],
      ['System Access', 3083, 40, 229],
      ['System Migration', 3594, 7, 51],
      ['System Migration and Integration', 3696, 1, 4],
      ['Wiki', 3709, 1, 12],
    ]);
    expect(page().categories[1]).toMatchObject({ name: 'CI/CD', text: 'CI/CD resources', position: at(187) });
  });

  it('uses these methods, boundaries and 55 distinct actions (572 permission ids)', () => {
    const g = grants(page());
    // grep -oP '^\|[^|]*\|[^|]*\| `\K[A-Z]+' F | sort | uniq -c  (third cell = method: the permission rows)
    expect(tally(g.map((x) => x.method))).toEqual({ DELETE: 247, GET: 881, HEAD: 3, PATCH: 40, POST: 431, PUT: 493 });
    // awk -F'|' '(permission rows) {print $3}' F | sort | uniq -c
    expect(tally(g.map((x) => x.access))).toEqual({ Group: 621, Instance: 259, Project: 1065, User: 150 });
    expect(tally(g.map((x) => x.boundary))).toEqual({ group: 621, instance: 259, project: 1065, user: 150 });
    // awk -F'|' '(permission rows) {a=$2; sub(/<sup>.*/,"",a); …; print a}' F | sort -u | wc -l → 55
    expect(new Set(g.map((x) => x.action)).size).toBe(55);
    // grep -n 'Disable Two Factor\|Renew Secret' F → lines 3190 (#### Enterprise User), 3383 (#### OAuth Application), 3570 (#### User)
    expect(g.filter((x) => x.action.includes(' ')).map((x) => [x.position.line, x.action, x.permission])).toEqual([
      [3190, 'Disable Two Factor', 'disable_two_factor_enterprise_user'],
      [3383, 'Renew Secret', 'renew_secret_oauth_application'],
      [3570, 'Disable Two Factor', 'disable_two_factor_user'],
    ]);
    // … | awk '{print action "@" resource}' | sort -u | wc -l → 572
    expect(new Set(g.map((x) => x.permission)).size).toBe(572);
  });

  it('resolves the 3 footnotes (4 footnoted rows) into further required permissions', () => {
    const m = page();
    // grep '^<sup>' F → 3 lines (300-303, 441-450, 512-516);  grep -c '<sup>[0-9]*</sup> |' F → 4 rows
    expect(resources(m).flatMap((r) => r.footnotes.map((f) => [r.name, f.id, f.requires, f.permission, f.position.line]))).toEqual([
      ['Deployment', 1, 'Read Merge Request', 'read_merge_request', 303],
      ['Pipeline Schedule', 1, 'Read Pipeline', 'read_pipeline', 450],
      ['Resource Group', 1, 'Read Job', 'read_job', 516],
    ]);
    expect(grants(m).filter((g) => g.footnotes.length > 0).map((g) => [g.position.line, g.path, g.permission, g.alsoRequires])).toEqual([
      [300, '/projects/:id/deployments/:deployment_id/merge_requests', 'read_deployment', ['read_merge_request']],
      [441, '/projects/:id/pipeline_schedules/:pipeline_schedule_id/pipelines', 'read_pipeline_schedule', ['read_pipeline']],
      [512, '/projects/:id/resource_groups/:key/current_job', 'read_resource_group', ['read_job']],
      [513, '/projects/:id/resource_groups/:key/upcoming_jobs', 'read_resource_group', ['read_job']],
    ]);
    expect(endpoint('GET', '/projects/:id/deployments/:deployment_id/merge_requests')?.permissions).toEqual(['read_deployment', 'read_merge_request']);
  });

  it('merges rows into 1,876 granted routes, 212 of them listed under several boundaries', () => {
    const granted = page().endpoints.filter((e) => e.access === 'granted');
    // awk (permission rows) {k=$4 $5; n[k]++} END {distinct; n[k]>1}' F → 1876 212 (and every repeated route has one action@resource)
    expect(granted).toHaveLength(1876);
    expect(granted.filter((e) => e.boundaries.length > 1)).toHaveLength(212);
    expect(endpoint('DELETE', '/runners/:id')).toMatchObject({ boundaries: ['project', 'group', 'instance'], permissions: ['delete_runner'], resource: 'Runner', action: 'Delete' });
  });

  it('reads the 27 always accessible, 246 publicly accessible and 232 unavailable endpoints', () => {
    const m = page();
    // awk '/^## /{s=$0} /^\| `/{print s}' F | sort | uniq -c → 27 always, 232 unavailable
    // awk '/^## Publicly/{p=1} /^## Unav/{p=0} p && /^\| [A-Z]/' F | grep -vc '^| Action' → 246
    expect([m.always?.heading, m.always?.position.line, m.always?.rows.length]).toEqual(['Always accessible endpoints', 3730, 27]);
    expect([m.public?.heading, m.public?.position.line, m.public?.rows.length]).toEqual(['Publicly accessible endpoints', 3765, 246]);
    expect([m.unavailable?.heading, m.unavailable?.position.line, m.unavailable?.rows.length]).toEqual(['Unavailable endpoints', 4020, 232]);
    const by = (access: string) => m.endpoints.filter((e) => e.access === access);
    expect([by('granted').length, by('always').length, by('unavailable').length]).toEqual([1876, 27, 232]);
    // Every publicly accessible row is a granted route with the same permissions (no diagnostic above).
    expect(by('granted').filter((e) => e.public)).toHaveLength(246);
    // … | grep -c ', ' → 1: `Deployment: Read, Merge Request: Read`
    expect(m.public?.rows.filter((r) => r.permissions.length > 1).map((r) => [r.actions, r.permissions, r.path])).toEqual([
      ['Deployment: Read, Merge Request: Read', ['read_deployment', 'read_merge_request'], '/projects/:id/deployments/:deployment_id/merge_requests'],
    ]);
    // awk '/^## Unav/{p=1} p && /^\| `/{split($0,a,"`"); print a[2]}' F | sort | uniq -c
    expect(tally(m.unavailable!.rows.map((r) => r.method))).toEqual({ '*': 1, DELETE: 9, GET: 80, PATCH: 8, POST: 107, PUT: 27 });
    expect(tally(m.always!.rows.map((r) => r.method))).toEqual({ GET: 27 });
    expect(endpoint('*', '/*path', 'unavailable')).toMatchObject({ reason: 'Catch-all fallback', permissions: [], boundaries: [], position: at(4028), pathPosition: at(4028, 10) });
    // … | awk -F'|' '{print $4}' | sort | uniq -c | head -1 → 32 Workhorse pre-authorization
    expect(m.unavailable!.rows.filter((r) => r.reason === 'Workhorse pre-authorization')).toHaveLength(32);
    expect(endpoint('GET', '/topics', 'always')).toMatchObject({ permissions: [], boundaries: [], public: false, position: at(3761) });
  });

  it('keeps each route\'s parsed pattern, positions, and every row it came from', () => {
    const e = endpoint('GET', '/projects/:project_id/packages/nuget/v2/Packages\\(Id=\'*package_name\',Version=\'*package_version\'\\)', 'always')!;
    expect(e.pattern.nodes.map((n) => n.type)).toEqual(['literal', 'param', 'literal', 'splat', 'literal', 'splat', 'literal']);
    const runner = endpoint('DELETE', '/runners/:id')!;
    expect(runner.rowPositions.length).toBe(3);
    expect(runner.position).toEqual(runner.rowPositions[0]);
    const releases = endpoint('GET', '/projects/:id/releases')!;
    expect(releases.public).toBe(true);
    // The permission row(s), then the publicly accessible row.
    expect(releases.rowPositions.at(-1)!.line).toBeGreaterThan(3765);
  });
});
