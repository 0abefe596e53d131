/** Loads the job-token route module of a package emitted from the real sources (once per test file). */
import { importGenerated, writePackage } from '../helpers/build.ts';
import { seedCatalog as realCatalog } from '../helpers/job-token-seed.ts';
import type { JobTokenEndpoint, JobTokenEndpointsModel } from '../../generator/model/catalog.ts';

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
