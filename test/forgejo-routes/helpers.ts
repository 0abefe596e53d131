/** Loads forgejo/routes of a package emitted from the real sources (once per test file). */
import { importGenerated, realCatalog, writePackage } from '../helpers/build.ts';
import type { Diagnostic } from '../../generator/diagnostics/diagnostic.ts';
import type { ForgejoScopesModel } from '../../generator/model/catalog.ts';

export const PAGE = 'sources/forgejo-access-token-scopes.code-viewer.txt';

export interface Requirement {
  scope: string;
  category: string;
  level: 'read' | 'write';
  rule: string;
  interpretation: string;
  basis: 'route' | 'description';
  source: string;
  levelSource: string;
  apiPath: string;
}

export interface ForgejoRoutesModule {
  requiredForgejoScope(method: unknown, path: unknown): Requirement | undefined;
  isForgejoRequestAllowed(granted: unknown, method: unknown, path: unknown): boolean;
  forgejoRouteRules: readonly { category: string; rule: string; interpretation: string; basis: string; except: readonly string[]; scopes: { read?: string; write?: string }; why: string; source: string }[];
  forgejoMethodLevels: Record<string, { level: string; source: string; interpretation?: string }>;
}

let loaded: Promise<{ module: ForgejoRoutesModule; model: ForgejoScopesModel; dir: string; files: Map<string, string>; diagnostics: Diagnostic[] }> | undefined;

export function loadForgejoRoutes() {
  loaded ??= (async () => {
    const { catalog } = await realCatalog();
    const model = catalog.sources.find((s): s is ForgejoScopesModel => s.kind === 'forgejo-scopes');
    if (!model) throw new Error('the Forgejo scope page was not read');
    const pkg = await writePackage(catalog);
    const module = await importGenerated<ForgejoRoutesModule>(pkg.dir, 'forgejo/routes.js');
    return { module, model, dir: pkg.dir, files: pkg.files, diagnostics: pkg.report.diagnostics };
  })();
  return loaded;
}
