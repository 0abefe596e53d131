/**
 * `fineGrainedRestRoutes` is emitted as JSON parsed at load (generator/emit/json-data.ts; README
 * "Import time"): rows grouped under `["granted", category, resource, [...]]` and
 * `["closing", access, reason, [...]]` lines, any other row as `["row", ...]`. Page text must stay
 * data there (text that would end the template literal, interpolate, or change under its line-ending
 * normalisation comes back exactly, nothing runs), every layout must come back as the row it was,
 * and the rows are as frozen as before.
 */
import { describe, expect, it } from 'vitest';
import { importGenerated, realCatalog, writePackage } from '../helpers/build.ts';
import type { GitlabRestPermissionsModel } from '../../generator/model/catalog.ts';
import { PAGE, type RestRoutesModule } from './helpers.ts';

/** Everything that is special inside a template literal or a JSON string. */
const HOSTILE = [
  'back`tick',
  '${globalThis.permgenRestRowsPwned = 1}',
  '\\${globalThis.permgenRestRowsPwned = 2}',
  'back\\slash and \\` and \\\\',
  'line\nfeed, carriage\rreturn, both\r\n',
  'separators \u2028 and \u2029',
  '"]]], ["row" and */ and </script>',
  'ends with a backslash \\',
].join(' | ');

describe('fineGrainedRestRoutes as JSON', () => {
  it('keeps page text as data in every row layout, with the rows unchanged otherwise', async () => {
    const { catalog } = await realCatalog();
    const hostile = structuredClone(catalog);
    const model = hostile.sources.find((s): s is GitlabRestPermissionsModel => s.kind === 'gitlab-rest-permissions')!;
    // A granted run (category and resource), a closing run (reason), and a row of neither kind
    // (granted with a reason: written as `["row", …]`).
    const releases = model.endpoints.find((e) => e.method === 'GET' && e.path === '/projects/:id/releases')!;
    releases.category = `Category ${HOSTILE}`;
    releases.resource = `Resource ${HOSTILE}`;
    const unavailable = model.endpoints.find((e) => e.access === 'unavailable' && e.reason !== undefined)!;
    unavailable.reason = HOSTILE;
    const odd = model.endpoints.find((e) => e.method === 'GET' && e.path === '/projects/:id/issues' && e.access === 'granted')!;
    odd.reason = `Odd ${HOSTILE}`;

    const pkg = await writePackage(hostile);
    const ts = pkg.files.get('src/gitlab/rest-routes.ts')!;
    expect(ts).toContain('restRows(JSON.parse(`[\n["granted","');
    expect(ts).toContain('\n["closing","unavailable",');
    expect(ts).toContain('\n["row","GET","/projects/:id/issues",');
    const m = await importGenerated<RestRoutesModule>(pkg.dir, 'gitlab/rest-routes.js');
    expect((globalThis as { permgenRestRowsPwned?: unknown }).permgenRestRowsPwned).toBeUndefined();

    // Row for row against the model it was emitted from (the same order: the page's).
    expect(m.fineGrainedRestRoutes).toHaveLength(model.endpoints.length);
    model.endpoints.forEach((e, i) => {
      const r = m.fineGrainedRestRoutes[i] as unknown as Record<string, unknown>;
      const sources = e.rowPositions.map((p) => `${PAGE}:${p.line}:${p.column}`);
      const expected: Record<string, unknown> = {
        method: e.method,
        path: e.path,
        route: `${e.method} ${e.path}`,
        access: e.access,
        permissions: e.permissions,
        boundaries: e.boundaries,
        public: e.public,
        source: sources[0],
        sources,
        line: e.rowPositions[0]!.line,
      };
      if (e.reason !== undefined) expected.reason = e.reason;
      if (e.category !== undefined) expected.category = e.category;
      if (e.resource !== undefined) expected.resource = e.resource;
      expect(r).toStrictEqual(expected);
    });
    const row = m.fineGrainedRestRoutes.find((r) => r.route === 'GET /projects/:id/releases') as unknown as Record<string, unknown>;
    expect(row.resource).toBe(`Resource ${HOSTILE}`);
    expect(m.fineGrainedRestRoutes.find((r) => r.reason === HOSTILE)).toBeDefined();
    expect(m.matchFineGrainedRestRoute('GET', '/api/v4/projects/1/issues')).toMatchObject({ route: 'GET /projects/:id/issues', reason: `Odd ${HOSTILE}` });
  });

  it('are frozen all the way down in the generated package', async () => {
    const m = await importGenerated<RestRoutesModule>(`${import.meta.dirname}/../../generated`, 'gitlab/rest-routes.js');
    const rows = m.fineGrainedRestRoutes;
    expect(Object.isFrozen(rows)).toBe(true);
    expect(rows.every((r) => Object.isFrozen(r) && Object.isFrozen(r.permissions) && Object.isFrozen(r.boundaries) && Object.isFrozen(r.sources))).toBe(true);
    expect(() => {
      (rows[0]!.permissions as string[]).push('read_project');
    }).toThrow(TypeError);
  });
});
