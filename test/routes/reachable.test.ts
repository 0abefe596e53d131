/**
 * Every documented row is reachable: a concrete path built from its template (`:x` → `v1`,
 * `*x` → `s1/s2`, each optional group present and absent) matches that row, except where a
 * more specific row wins, listed here by hand with the reason.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRoutes, type RoutesModule } from './helpers.ts';

let m: RoutesModule;
beforeAll(async () => {
  m = (await loadRoutes()).module;
});

/** `route + concrete path` → the row that wins instead (by hand). */
const MORE_SPECIFIC: Record<string, string> = {};

/** Concrete paths of a template, written plainly: each group kept and dropped, values filled in. */
function concretePaths(template: string): string[] {
  const open = template.indexOf('(');
  if (open < 0) {
    const filled = template.replace(/:[A-Za-z_]\w*/g, 'v1').replace(/\*[A-Za-z_]\w*/g, 's1/s2');
    return [filled];
  }
  const close = template.indexOf(')', open);
  return [...concretePaths(template.slice(0, open) + template.slice(open + 1, close) + template.slice(close + 1)), ...concretePaths(template.slice(0, open) + template.slice(close + 1))];
}

/** The variants of a template, each optional group kept and dropped (the order of `concretePaths`). */
function variants(template: string): string[] {
  const open = template.indexOf('(');
  if (open < 0) return [template];
  const close = template.indexOf(')', open);
  return [...variants(template.slice(0, open) + template.slice(open + 1, close) + template.slice(close + 1)), ...variants(template.slice(0, open) + template.slice(close + 1))];
}

describe('every documented row is reachable', () => {
  it('the page has 168 rows', () => {
    expect(m.jobTokenRoutes).toHaveLength(168);
  });

  it('each row matches a path built from its own template', () => {
    const wrong: string[] = [];
    for (const row of m.jobTokenRoutes) {
      for (const path of concretePaths(row.path)) {
        const got = m.matchJobTokenRoute(row.method, path);
        const want = MORE_SPECIFIC[`${row.route} ${path}`] ?? row.route;
        if (got?.route !== want) wrong.push(`${row.method} ${path}: expected ${want}, got ${got?.route ?? 'no match'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('each match carries the parameters its template names: all that every variant has, none it lacks', () => {
    const wrong: string[] = [];
    for (const row of m.jobTokenRoutes) {
      // Names from the page's template: in every variant (optional groups kept or dropped), and in any.
      const named = variants(row.path).map((t) => [...t.matchAll(/[:*]([A-Za-z_]\w*)/g)].map(([, name]) => name!));
      const always = named[0]!.filter((name) => named.every((names) => names.includes(name)));
      const any = new Set(named.flat());
      for (const path of concretePaths(row.path)) {
        const got = m.matchJobTokenRoute(row.method, path);
        if (got?.route !== row.route) continue; // the test above reports it
        const keys = Object.keys(got.params);
        const missing = always.filter((name) => !keys.includes(name));
        const extra = keys.filter((key) => !any.has(key));
        const empty = keys.filter((key) => got.params[key] === '');
        if (missing.length + extra.length + empty.length > 0) wrong.push(`${row.route} ${path}: missing ${missing}, extra ${extra}, empty ${empty}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('each row is reachable with HEAD too when it is a GET row', () => {
    for (const row of m.jobTokenRoutes.filter((r) => r.method === 'GET')) {
      expect(m.matchJobTokenRoute('HEAD', concretePaths(row.path)[0]!)?.route).toBe(row.route);
    }
  });
});
