/**
 * A job-token route table of any size shaped like the page's: resources under `/projects/:id/`,
 * `/groups/:id/-/packages/` and `/packages/`, each with its own parameter names, ids,
 * sub-resources, splats in the middle and at the end, a suffixed parameter. `bench/routes.ts`
 * measures the matcher on 10,000 such routes; `test/routes/large-table.test.ts` checks it on a
 * smaller table with an optional group added.
 */
import type { HttpMethod, JobTokenEndpoint } from '../generator/model/catalog.ts';
import { parsePathPattern } from '../generator/model/parse-path-pattern.ts';

export type RouteShape = readonly [HttpMethod, (resource: string) => string];

export const ROUTE_SHAPES: readonly RouteShape[] = [
  ['GET', (r) => `/projects/:id/${r}`],
  ['POST', (r) => `/projects/:id/${r}`],
  ['GET', (r) => `/projects/:id/${r}/:${r}_id`],
  ['PUT', (r) => `/projects/:id/${r}/:${r}_id`],
  ['DELETE', (r) => `/projects/:id/${r}/:${r}_id`],
  ['GET', (r) => `/projects/:id/${r}/:${r}_id/files/*file_path`],
  ['GET', (r) => `/projects/:id/packages/${r}/*package_name/-/*file_name`],
  ['GET', (r) => `/projects/:id/packages/${r}/*module_name/@v/:module_version.info`],
  ['GET', (r) => `/groups/:id/-/packages/${r}/*package_name`],
  ['PUT', (r) => `/packages/${r}/v1/files/:package_name/:package_version/:file_name/authorize`],
];

/** `count` routes: every shape for one resource, then the next (`deploy0`, `env0`, …, `tag0`, `deploy1`, …). */
export function syntheticEndpoints(count: number, shapes: readonly RouteShape[] = ROUTE_SHAPES): JobTokenEndpoint[] {
  const file = 'synthetic.md';
  const out: JobTokenEndpoint[] = [];
  for (let i = 0; out.length < count; i++) {
    const resource = `${['deploy', 'env', 'job', 'pkg', 'release', 'secure', 'state', 'tag'][i % 8]}${Math.floor(i / 8)}`;
    for (const [method, shape] of shapes) {
      if (out.length >= count) break;
      const path = shape(resource);
      const parsed = parsePathPattern(path);
      if ('error' in parsed) throw new Error(parsed.error.message);
      const position = { file, line: out.length + 1, column: 1 };
      out.push({ text: `${method} ${path}`, method, path, pattern: parsed.pattern, permissions: [`READ_${i % 7}`], labels: '', controlled: true, description: '', position, pathPosition: position });
    }
  }
  return out;
}
