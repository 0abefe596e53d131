/** Loads the job-token route module of a package emitted from the real sources (once per test file). */
import { importGenerated, realCatalog as currentCatalog, writePackage } from '../helpers/build.ts';
import { seedCatalog as realCatalog } from '../helpers/job-token-seed.ts';
import type { HttpMethod, JobTokenEndpoint, JobTokenEndpointsModel } from '../../generator/model/catalog.ts';
import { parsePathPattern } from '../../generator/model/parse-path-pattern.ts';

export interface RouteMatch {
  method: string;
  route: string;
  canonicalPath: string;
  params: Record<string, string>;
  permissions: readonly string[];
  controlled: boolean;
  source: string;
}

export interface RoutesModule {
  matchJobTokenRoute(method: unknown, path: unknown): RouteMatch | undefined;
  isJobTokenRequestAllowed(granted: unknown, method: unknown, path: unknown): boolean;
  jobTokenRouteFor(method: unknown, path: unknown): RoutesModule['jobTokenRoutes'][number] | undefined;
  jobTokenRoutes: readonly { method: string; path: string; route: string; permissions: readonly string[]; controlled: boolean; description: string; source: string; line: number }[];
}

let loaded: Promise<{ module: RoutesModule; endpoints: JobTokenEndpoint[]; dir: string; files: Map<string, string> }> | undefined;

export function loadRoutes() {
  loaded ??= (async () => {
    const { catalog } = await realCatalog();
    const model = catalog.sources.find((s): s is JobTokenEndpointsModel => s.kind === 'gitlab-job-token-endpoints');
    if (!model) throw new Error('the job-token page was not read');
    const pkg = await writePackage(catalog);
    const module = await importGenerated<RoutesModule>(pkg.dir, 'gitlab/job-token-routes.js');
    return { module, endpoints: model.endpoints, dir: pkg.dir, files: pkg.files };
  })();
  return loaded;
}

/**
 * The job-token route module of a package emitted from hand-written rows (`[method, path]`, each
 * needing `READ_JOBS`, at `sources/hand.md:<row>:1`), the current page's other fields kept.
 */
export async function handRoutesModule(rows: readonly (readonly [string, string])[]): Promise<RoutesModule> {
  const { catalog } = await currentCatalog();
  const real = catalog.sources.find((s): s is JobTokenEndpointsModel => s.kind === 'gitlab-job-token-endpoints');
  if (!real) throw new Error('the job-token page was not read');
  const file = 'sources/hand.md';
  const endpoints: JobTokenEndpoint[] = rows.map(([method, path], i) => {
    const parsed = parsePathPattern(path);
    if ('error' in parsed) throw new Error(parsed.error.message);
    const position = { file, line: i + 1, column: 1 };
    return { text: `${method} ${path}`, method: method as HttpMethod, path, pattern: parsed.pattern, permissions: ['READ_JOBS'], labels: 'Jobs: Read', controlled: true, description: '', position, pathPosition: position };
  });
  const pkg = await writePackage({ catalogVersion: 1, sources: [{ ...real, endpoints }] });
  return importGenerated<RoutesModule>(pkg.dir, 'gitlab/job-token-routes.js');
}
