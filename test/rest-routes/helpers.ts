/** Loads the REST route module of a package emitted from the real sources (once per test file). */
import { importGenerated, realCatalog, writePackage } from '../helpers/build.ts';
import type { GitlabRestPermissionsModel } from '../../generator/model/catalog.ts';

export const PAGE = 'sources/gitlab-pat-fine-grained-rest.0739b8b.md';

export interface RestRouteInfo {
  method: string;
  path: string;
  route: string;
  access: 'granted' | 'always' | 'unavailable';
  permissions: readonly string[];
  boundaries: readonly string[];
  public: boolean;
  reason?: string;
  source: string;
  sources: readonly string[];
  line: number;
}

export interface RestMatch {
  method: string;
  route: string;
  canonicalPath: string;
  params: Record<string, string>;
  access: 'granted' | 'always' | 'unavailable';
  permissions: readonly string[];
  boundaries: readonly string[];
  public: boolean;
  reason?: string;
  source: string;
}

export interface RestRoutesModule {
  matchFineGrainedRestRoute(method: unknown, path: unknown): RestMatch | undefined;
  fineGrainedRestRouteFor(method: unknown, path: unknown): RestRouteInfo | undefined;
  isFineGrainedRestRequestAllowed(granted: unknown, method: unknown, path: unknown): boolean;
  fineGrainedRestRoutes: readonly RestRouteInfo[];
}

let loaded: Promise<{ module: RestRoutesModule; model: GitlabRestPermissionsModel; files: Map<string, string> }> | undefined;

export function loadRestRoutes() {
  loaded ??= (async () => {
    const { catalog } = await realCatalog();
    const model = catalog.sources.find((s): s is GitlabRestPermissionsModel => s.kind === 'gitlab-rest-permissions');
    if (!model) throw new Error('the REST page was not read');
    const pkg = await writePackage(catalog);
    const module = await importGenerated<RestRoutesModule>(pkg.dir, 'gitlab/rest-routes.js');
    return { module, model, files: pkg.files };
  })();
  return loaded;
}
