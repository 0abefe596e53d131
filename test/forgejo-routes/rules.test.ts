/**
 * The interpretation tables against the page (generator/model/forgejo-route-rules.ts): the real page
 * is fully interpreted; a page that names a new prefix, drops one, or loses the words a misc shape
 * reads gets a diagnostic at the category row, and the request is denied rather than guessed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import type { ForgejoScopesModel } from '../../generator/model/catalog.ts';
import { compareShapes, interpretForgejoRoutes, parseShape, type ForgejoRouteTable } from '../../generator/model/forgejo-route-rules.ts';
import { explainForgejoPath, matchForgejoPath } from '../../generator/emit/runtime/forgejo-route-match.ts';
import { realCatalog } from '../helpers/build.ts';
import { PAGE } from './helpers.ts';

let model: ForgejoScopesModel;
beforeAll(async () => {
  const { catalog } = await realCatalog();
  model = catalog.sources.find((s): s is ForgejoScopesModel => s.kind === 'forgejo-scopes')!;
});

function interpret(edit: (m: ForgejoScopesModel) => void): { table: ForgejoRouteTable; diagnostics: { ruleId: string; message: string; line: number }[] } {
  const copy = structuredClone(model);
  edit(copy);
  const report = new Reporter();
  const table = interpretForgejoRoutes(copy, report);
  return { table, diagnostics: report.diagnostics.map((d) => ({ ruleId: d.ruleId, message: d.message, line: d.line })) };
}
const category = (m: ForgejoScopesModel, name: string) => m.categories.find((c) => c.name === name)!;
const scopeOf = (table: ForgejoRouteTable, method: string, path: string) => {
  const match = matchForgejoPath(table.rules, path);
  const level = table.methods.find((x) => x.method === method)?.level;
  return match && level ? table.rules[match.rule]!.scopes[level] : undefined;
};

describe('interpretForgejoRoutes on the real page', () => {
  it('interprets every prefix and exclusion the page names, with no diagnostic', () => {
    const { table, diagnostics } = interpret(() => {});
    expect(diagnostics).toEqual([]);
    // Page prefixes (lines 58–130) as written, each mapped at least once.
    expect([...new Set(table.rules.filter((r) => r.basis === 'route').map((r) => r.rule))].sort()).toEqual(
      ['/admin/*', '/packages/*', '/repos/*', '/user/*', '/users/*', 'activitypub', 'issues/*', 'labels/*', 'milestones/*', 'notification/*', 'orgs/*', 'teams/*'],
    );
    expect(table.withoutRoutes).toEqual([{ category: 'misc', position: { file: PAGE, line: 85, column: 1 } }]);
    expect(table.methods.map((m) => `${m.method}:${m.level}:${m.position.line}`)).toEqual(['GET:read:36', 'HEAD:read:36', 'POST:write:39', 'PUT:write:39', 'PATCH:write:39', 'DELETE:write:39']);
  });
});

describe('interpretForgejoRoutes when the page changes', () => {
  it('reports a prefix no interpretation maps, at its category row, and denies it', () => {
    const { table, diagnostics } = interpret((m) => category(m, 'admin').routes.push('/cron/*'));
    expect(diagnostics).toEqual([
      { ruleId: 'forgejo-route-uninterpreted', line: 67, message: "Category `admin` names route prefix `/cron/*`, which no interpretation maps to Forgejo's API; requests under it are denied." },
    ]);
    expect(scopeOf(table, 'GET', '/cron/x')).toBeUndefined();
    expect(scopeOf(table, 'GET', '/admin/x')).toBe('read:admin');
  });

  it('reports an interpretation of a prefix the page no longer names, and leaves it out', () => {
    const { table, diagnostics } = interpret((m) => {
      category(m, 'issue').routes = ['issues/*', 'milestones/*'];
    });
    expect(diagnostics).toEqual([
      { ruleId: 'forgejo-route-interpretation-stale', line: 76, message: 'A route interpretation maps `labels/*` of category `issue`, which the page no longer names; it is left out.' },
    ]);
    // Labels fall back to what the page still says: `/repos/*`.
    expect(scopeOf(table, 'GET', '/repos/o/r/labels')).toBe('read:repository');
  });

  it('reports a new exclusion and leaves the whole category out until it is interpreted', () => {
    const { table, diagnostics } = interpret((m) => category(m, 'repository').except.push('/repos/secrets/*'));
    expect(diagnostics.map((d) => `${d.ruleId} ${d.line}`)).toEqual(['forgejo-route-uninterpreted 121']);
    expect(scopeOf(table, 'GET', '/repos/o/r')).toBeUndefined();
    expect(scopeOf(table, 'GET', '/repos/o/r/issues')).toBe('read:issue');
  });

  it('reports a dropped exclusion as stale: the repository rule then covers /repos/issues/foo', () => {
    const { table, diagnostics } = interpret((m) => {
      category(m, 'repository').except = [];
    });
    expect(diagnostics.map((d) => `${d.ruleId} ${d.line}`)).toEqual(['forgejo-route-interpretation-stale 121']);
    expect(scopeOf(table, 'GET', '/repos/issues/foo')).toBe('read:repository');
  });

  it('reports misc words the page no longer has, and misc shapes once misc names routes', () => {
    const gone = interpret((m) => {
      category(m, 'misc').description = 'miscellaneous top-level API routes.';
    });
    expect(gone.diagnostics).toEqual([
      { ruleId: 'forgejo-route-interpretation-stale', line: 85, message: 'A route interpretation reads "settings top-level API routes" in category `misc`, which the page no longer says; it is left out.' },
    ]);
    expect(scopeOf(gone.table, 'GET', '/settings/api')).toBeUndefined();
    expect(scopeOf(gone.table, 'GET', '/label/templates')).toBe('read:misc');

    const named = interpret((m) => category(m, 'misc').routes.push('/misc/*'));
    expect(named.diagnostics.map((d) => d.ruleId)).toEqual(['forgejo-route-uninterpreted', ...Array(5).fill('forgejo-route-interpretation-stale')]);
    expect(named.table.rules.filter((r) => r.category === 'misc')).toEqual([]);
  });

  it('denies a level whose scope the page lacks', () => {
    const { table } = interpret((m) => {
      category(m, 'package').scopes = category(m, 'package').scopes.filter((s) => s.level === 'read');
    });
    expect(scopeOf(table, 'GET', '/packages/a')).toBe('read:package');
    expect(scopeOf(table, 'DELETE', '/packages/a')).toBeUndefined();
  });

  it('derives method levels from the list: without GET in write, GET has no least level', () => {
    const { table, diagnostics } = interpret((m) => {
      m.levels[1]!.methods = ['POST', 'PUT', 'PATCH', 'DELETE'];
    });
    expect(diagnostics).toEqual([]);
    // GET is only allowed by read now; write does not include read, but GET still needs read.
    expect(table.methods.map((x) => `${x.method}:${x.level}`)).toEqual(['GET:read', 'HEAD:read', 'POST:write', 'PUT:write', 'PATCH:write', 'DELETE:write']);
    const both = interpret((m) => {
      m.levels[0]!.methods = ['GET', 'POST'];
      m.levels[1]!.methods = ['POST', 'DELETE'];
    });
    expect(both.diagnostics.map((d) => `${d.ruleId} ${d.line}`)).toEqual(['forgejo-method-level 36']);
    expect(both.table.methods.map((x) => x.method)).toEqual(['GET', 'HEAD', 'DELETE']);
  });
});

describe('shapes', () => {
  it('parses literal, parameter and /* shapes, and refuses others', () => {
    expect(parseShape('/repos/{owner}/{repo}/issues/*')).toEqual({ segments: [[0, 'repos'], [1, 'owner'], [1, 'repo'], [0, 'issues']], prefix: true });
    expect(parseShape('/repos/issues/search')).toEqual({ segments: [[0, 'repos'], [0, 'issues'], [0, 'search']], prefix: false });
    for (const bad of ['repos/*', '/*', '/', '/a//b', '/a/../b', '/a/{b', '/a b', '/a/*/b', '/a%2Fb']) expect(parseShape(bad), bad).toHaveProperty('error');
  });

  it('orders most specific first', () => {
    const order = ['/repos/issues/search', '/repos/issues/*', '/repos/{owner}/{repo}/issues/*', '/repos/{owner}', '/repos/{owner}/*', '/repos', '/repos/*'];
    const shapes = order.map((t) => parseShape(t) as Exclude<ReturnType<typeof parseShape>, { error: string }>);
    const shuffled = [...shapes].reverse().sort(compareShapes);
    expect(shuffled.map((s) => order[shapes.indexOf(s)])).toEqual(order);
  });
});

describe('explainForgejoPath (used by permgen match)', () => {
  it('names why a path is denied', async () => {
    const { table } = interpret(() => {});
    expect(explainForgejoPath(table.rules, '/repos/o r')).toEqual({ reason: 'not-canonical' });
    expect(explainForgejoPath(table.rules, '/api/v1/../../admin')).toEqual({ reason: 'leaves-api-base', canonicalPath: '/admin' });
    expect(explainForgejoPath(table.rules, '/version')).toEqual({ reason: 'no-rule', apiPath: '/version' });
    const issueRule = table.rules.findIndex((r) => r.interpretation === '/repos/{owner}/{repo}/issues/*');
    const repoRule = table.rules.findIndex((r) => r.interpretation === '/repos/*');
    expect(explainForgejoPath(table.rules, '/repos/o%2Fr/issues')).toEqual({ reason: 'encoded-slash-ambiguous', apiPath: '/repos/o%2Fr/issues', rule: repoRule, decodedPath: '/repos/o/r/issues', decodedRule: issueRule });
  });
});
