/**
 * `jobTokenRoutes` is emitted as JSON parsed at load, one row per line (generator/emit/json-data.ts;
 * README "Import time"). Page text must stay data there (text that would end the template literal,
 * interpolate, or change under its line-ending normalisation comes back exactly, nothing runs), and
 * the rows come back as they were, frozen.
 */
import { describe, expect, it } from 'vitest';
import { importGenerated, writePackage } from '../helpers/build.ts';
import { seedCatalog } from '../helpers/job-token-seed.ts';
import type { JobTokenEndpointsModel } from '../../generator/model/catalog.ts';
import type { RoutesModule } from './helpers.ts';

/** Everything that is special inside a template literal or a JSON string. */
const HOSTILE = [
  'back`tick',
  '${globalThis.permgenJobTokenRowsPwned = 1}',
  '\\${globalThis.permgenJobTokenRowsPwned = 2}',
  'back\\slash and \\` and \\\\',
  'line\nfeed, carriage\rreturn, both\r\n',
  'separators \u2028 and \u2029',
  '"], ["GET" and */ and </script>',
  'ends with a backslash \\',
].join(' | ');

describe('jobTokenRoutes as JSON', () => {
  it('keeps page text as data, with every row as the page has it', async () => {
    const { catalog } = await seedCatalog();
    const hostile = structuredClone(catalog);
    const model = hostile.sources.find((s): s is JobTokenEndpointsModel => s.kind === 'gitlab-job-token-endpoints')!;
    const releases = model.endpoints.find((e) => e.text === 'GET /projects/:id/releases')!;
    releases.description = HOSTILE;
    const pkg = await writePackage(hostile);
    expect(pkg.files.get('src/gitlab/job-token-routes.ts')).toContain("jobTokenRows(JSON.parse(`[\n[\"");
    const m = await importGenerated<RoutesModule>(pkg.dir, 'gitlab/job-token-routes.js');
    expect((globalThis as { permgenJobTokenRowsPwned?: unknown }).permgenJobTokenRowsPwned).toBeUndefined();

    expect(m.jobTokenRoutes).toHaveLength(model.endpoints.length);
    model.endpoints.forEach((e, i) => {
      const source = `${e.position.file}:${e.position.line}:${e.position.column}`; // seed positions name their file under sources/
      expect(m.jobTokenRoutes[i]).toStrictEqual({ method: e.method, path: e.path, route: `${e.method} ${e.path}`, permissions: e.permissions, controlled: e.controlled, description: e.description, source, line: e.position.line });
    });
    expect(m.jobTokenRoutes.find((r) => r.route === 'GET /projects/:id/releases')!.description).toBe(HOSTILE);
    expect(Object.isFrozen(m.jobTokenRoutes)).toBe(true);
    expect(m.jobTokenRoutes.every((r) => Object.isFrozen(r) && Object.isFrozen(r.permissions))).toBe(true);
  });
});
