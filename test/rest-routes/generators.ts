/**
 * Requests generated from the REST page's route templates (test/rest-routes/differential.test.ts,
 * test/least-privilege/properties.test.ts): each template's optional groups expanded by the
 * reference matcher's `refExpand`, `:x` filled with one segment value, `*x` with one or more
 * segments, then up to two near-miss mutations (trailing slash, dot segments, `/api/v4` and other
 * prefixes, truncation, an inserted character).
 */
import fc from 'fast-check';
import { refExpand } from '../routes/reference-matcher.ts';

export const piece = fc.constantFrom('a', 'b', 'v1', '1', '42', '-', '@', '.', '..', '_', '~', '%2F', '%2e', '%41', '%40', '%25', ':', '!', "'", '(', ')', '$', '=', ',', 'latest', 'search', 'dist-tags', 'package', 'npm', 'binary-', 'Packages', 'debian-installer', 'ref', 'trigger', 'pipeline', 'projects', 'groups', 'user', 'files', 'raw');
export const segmentValue = fc.array(piece, { minLength: 1, maxLength: 4 }).map((ps) => ps.join(''));
export const splatValue = fc.array(segmentValue, { minLength: 1, maxLength: 4 }).map((ss) => ss.join('/'));

/** A path from a template: `:x` → one segment value, `*x` → one or more segments, `\x` → `x`. */
export function fill(text: string, values: string[], splats: string[]): string {
  let i = 0;
  let j = 0;
  return text.replace(/\\(.)|:[A-Za-z_][A-Za-z0-9_]*|\*[A-Za-z_][A-Za-z0-9_]*/g, (s, escaped: string | undefined) =>
    escaped !== undefined ? escaped : s[0] === ':' ? values[i++ % values.length]! : splats[j++ % splats.length]!,
  );
}

export const mutation = fc.oneof(
  fc.constant((p: string) => p),
  fc.constant((p: string) => `${p}/`),
  fc.constant((p: string) => p.replace('/', '//')),
  fc.constant((p: string) => p.replace(/\/([^/]*)$/, '/./$1')),
  fc.constant((p: string) => p.replace(/\/([^/]*)$/, '/x/../$1')),
  fc.constant((p: string) => `${p}?a=1/../b`),
  fc.constant((p: string) => p.slice(1)),
  fc.constantFrom('/api/v4', '/api/v4', '/api/v3', '/apiv4', '/api/v4/api/v4', '/%61pi/v4').map((prefix) => (p: string) => `${prefix}${p}`),
  fc.nat().map((k) => (p: string) => p.slice(0, k % (p.length + 1))),
  fc.tuple(fc.nat(), fc.constantFrom('x', '/', '%', '%zz', ' ', '\\', 'é', '..', '.', "'", ')', '-')).map(([k, s]) => (p: string) => {
    const at = k % (p.length + 1);
    return p.slice(0, at) + s + p.slice(at);
  }),
);

/** The method and expanded path text of every alternative of every row (`*`, the catch-all, as GET). */
export function routeTemplates(rows: readonly { method: string; path: string }[]): { method: string; text: string }[] {
  return rows.flatMap((r) => refExpand(r.path).map((text) => ({ method: r.method === '*' ? 'GET' : r.method, text })));
}

/** A request from a random template (`templates()` is read when a value is drawn, so it may be filled in `beforeAll`): mostly the row's method, sometimes another. */
export function templateRequest(templates: () => readonly { method: string; text: string }[]): fc.Arbitrary<{ method: string; path: string }> {
  return fc
    .record({
      template: fc.nat(),
      values: fc.array(segmentValue, { minLength: 1, maxLength: 3 }),
      splats: fc.array(splatValue, { minLength: 1, maxLength: 3 }),
      mutations: fc.array(mutation, { maxLength: 2 }),
      method: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'get', '') }),
    })
    .map(({ template, values, splats, mutations, method }) => {
      const all = templates();
      const t = all[template % all.length]!;
      let path = fill(t.text, values, splats);
      for (const mu of mutations) path = mu(path);
      return { method: method ?? t.method, path };
    });
}
