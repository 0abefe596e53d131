/** Loads the least-privilege modules of a package emitted from the real sources (once per test file). */
import { importGenerated, projectRoot, realCatalog, writePackage } from '../helpers/build.ts';
import { leastPrivilegeCommand } from '../../generator/cli/commands/least-privilege.ts';
import type { Diagnostic } from '../../generator/diagnostics/diagnostic.ts';
import type { RequestVerdict, TokenKindAnswer } from '../../generator/emit/runtime/least-privilege.ts';
import type { RestRoutesModule } from '../rest-routes/helpers.ts';

export type Request =
  | { kind: 'rest'; method: string; path: string; line?: number }
  | { kind: 'operation'; operation: string; target: string; line?: number };

export interface GitlabModules {
  least: {
    leastPrivilegeForRequests(requests: readonly Request[], options?: { classicTokenType?: string }): { fineGrained: TokenKindAnswer; jobToken: TokenKindAnswer; classic: TokenKindAnswer & { tokenType: string } };
    jobTokenRequestVerdict(r: Request): RequestVerdict;
    classicScopeRequestVerdict(r: Request, tokenType?: string): RequestVerdict;
    fineGrainedRequestVerdict(r: Request): RequestVerdict;
    classicScopeRules: readonly { scope: string; grants: { kind: string; methods?: readonly string[]; paths?: readonly string[]; operations?: readonly string[] }; tokenTypes: readonly string[]; alsoRequires: readonly string[]; quote: string; why: string; source: string }[];
    classicScopeWeights: Readonly<Record<string, number>>;
    workloadOperationNames: Readonly<Record<string, { operation?: string; syntax: string; unavailable?: { quote: string; source: string } }>>;
    fineGrainedLookupsCompiled: { rest: boolean; operations: boolean };
  };
  operations: {
    gitlabOperationPermissions: Readonly<Record<string, { operation: string; name: string; section: string; permissions: readonly string[]; boundaries: readonly string[]; footnotes: readonly string[]; source: string }>>;
  };
  /** The fine-grained REST matcher (`gitlab/rest-routes.js`, from the REST page). */
  rest: RestRoutesModule;
  routes: {
    jobTokenRoutes: readonly { method: string; path: string; route: string; permissions: readonly string[]; controlled: boolean; line: number }[];
    isJobTokenRequestAllowed(granted: Iterable<string>, method: string, path: string): boolean;
    matchJobTokenRoute(method: string, path: string): { route: string; permissions: readonly string[]; controlled: boolean; source: string } | undefined;
  };
  scopes: { tokenScopes: readonly string[]; isScopeAvailableFor(scope: string, tokenType: string): boolean };
  forgejo: {
    leastPrivilegeForForgejoRequests(requests: readonly Request[]): TokenKindAnswer;
    forgejoRequestVerdict(r: Request): RequestVerdict;
    isForgejoRequestAllowed(granted: Iterable<string>, method: string, path: string): boolean;
    forgejoRouteRules: readonly { interpretation: string; except: readonly string[]; scopes: { read?: string; write?: string } }[];
    forgejoScopes: readonly string[];
  };
  diagnostics: Diagnostic[];
  files: Map<string, string>;
}

let loaded: Promise<GitlabModules> | undefined;

export function loadModules(): Promise<GitlabModules> {
  loaded ??= (async () => {
    const { catalog } = await realCatalog();
    const pkg = await writePackage(catalog);
    return {
      least: await importGenerated(pkg.dir, 'gitlab/least-privilege.js'),
      operations: await importGenerated(pkg.dir, 'gitlab/operation-permissions.js'),
      rest: await importGenerated(pkg.dir, 'gitlab/rest-routes.js'),
      routes: await importGenerated(pkg.dir, 'gitlab/job-token-routes.js'),
      scopes: await importGenerated(pkg.dir, 'gitlab/token-scopes.js'),
      forgejo: {
        ...(await importGenerated<object>(pkg.dir, 'forgejo/least-privilege.js')),
        ...(await importGenerated<object>(pkg.dir, 'forgejo/routes.js')),
        ...(await importGenerated<object>(pkg.dir, 'forgejo/scopes.js')),
      } as GitlabModules['forgejo'],
      diagnostics: pkg.report.diagnostics,
      files: pkg.files,
    };
  })();
  return loaded;
}

/** Concrete paths of a Grape template, written plainly: each optional group kept and dropped, `:x` and `*x` filled from `fill`. */
export function concretePaths(template: string, fill: (name: string, splat: boolean) => string): string[] {
  const open = template.indexOf('(');
  if (open < 0) return [template.replace(/([:*])([A-Za-z_]\w*)/g, (_, k: string, name: string) => fill(name, k === '*'))];
  const close = template.indexOf(')', open);
  return [
    ...concretePaths(template.slice(0, open) + template.slice(open + 1, close) + template.slice(close + 1), fill),
    ...concretePaths(template.slice(0, open) + template.slice(close + 1), fill),
  ];
}

/** `permgen least-privilege ...args` in the project root (against generated/), its exit code and output. */
export async function runLeastPrivilege(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await leastPrivilegeCommand.run(args, { cwd: projectRoot, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}
