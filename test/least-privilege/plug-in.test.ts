/**
 * The fine-grained lookups plug in by their exported name: with stand-in modules shaped as issues 11
 * and 12 specify (`matchFineGrainedRestRoute`, `gitlabOperationPermissions`) in gitlab/, the
 * emitter wires them into `fineGrainedRequestVerdict` and the result type-checks strictly; without
 * them it says so; with the page present but the export misnamed it warns.
 */
import { IndentationText, NewLineKind, Project, QuoteKind, ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { compilerOptions } from '../../generator/emit/emit-package.ts';
import { emitters } from '../../generator/emit/registry.ts';
import { leastPrivilege } from '../../generator/emit/least-privilege.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import type { EmitContext } from '../../generator/emit/emitter.ts';
import type { Catalog } from '../../generator/model/catalog.ts';
import { realCatalog } from '../helpers/build.ts';

const REST_STAND_IN = `
export interface FineGrainedRestRouteMatch {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly route: string;
  readonly canonicalPath: string;
  readonly params: Readonly<Record<string, string>>;
  readonly access: 'granted' | 'always' | 'unavailable';
  readonly permissions: readonly ('read_release' | 'create_release')[];
  readonly boundaries: readonly ('project' | 'group' | 'user' | 'instance')[];
  readonly public: boolean;
  readonly reason?: string;
  readonly source: readonly string[];
}
export function matchFineGrainedRestRoute(method: string, path: string): FineGrainedRestRouteMatch | undefined {
  if (method !== 'GET' || path !== '/projects/1/releases') return undefined;
  return { method, route: 'GET /projects/:id/releases', canonicalPath: path, params: { id: '1' }, access: 'granted', permissions: ['read_release'], boundaries: ['project'], public: true, source: ['x.md:1959:1'] };
}
`;
const OPERATIONS_STAND_IN = `
export const gitlabOperationPermissions: readonly { readonly operation: 'Push to a project repository'; readonly section: string; readonly permission: 'push_code'; readonly boundaries: readonly ('project' | 'group' | 'user')[]; readonly source: string }[] = [
  { operation: 'Push to a project repository', section: 'Git operations', permission: 'push_code', boundaries: ['project'], source: 'y.md:40:1' },
];
`;

function emit(catalog: Catalog, standIns: Record<string, string>): { project: Project; report: Reporter; text: string } {
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, newLineKind: NewLineKind.LineFeed, quoteKind: QuoteKind.Single, useTrailingCommas: true },
  });
  const report = new Reporter();
  const ctx: EmitContext = { catalog, project, files: [], options: { enumStyle: 'const' }, report };
  for (const emitter of emitters) {
    if (emitter === leastPrivilege) for (const [file, text] of Object.entries(standIns)) project.createSourceFile(`/generated/gitlab/${file}`, text);
    emitter.emit(ctx);
  }
  return { project, report, text: project.getSourceFileOrThrow('/generated/gitlab/least-privilege.ts').getFullText() };
}

describe('fine-grained lookups plug in by name', () => {
  it('wires stand-ins shaped as issues 11 and 12 specify, and the result type-checks', async () => {
    const { catalog } = await realCatalog();
    const { project, text } = emit(catalog, { 'fine-grained-rest-routes.ts': REST_STAND_IN, 'operations.ts': OPERATIONS_STAND_IN });
    expect(text).toContain("import { matchFineGrainedRestRoute } from './fine-grained-rest-routes.js';");
    expect(text).toContain("import { gitlabOperationPermissions } from './operations.js';");
    expect(text).toContain('return fineGrainedVerdict(request, matchFineGrainedRestRoute, gitlabOperationPermissions, gitlabOperationNames);');
    expect(text).toContain('Object.freeze({ rest: true, operations: true })');
    const file = project.getSourceFileOrThrow('/generated/gitlab/least-privilege.ts');
    const messages = project.getPreEmitDiagnostics().filter((d) => d.getSourceFile() === file).map((d) => `${d.getLineNumber()}: ${ts.flattenDiagnosticMessageText(d.getMessageText() as string, ' ')}`);
    expect(messages).toEqual([]);
  }, 120_000);

  it('without them, fine-grained requests are answered as not compiled', async () => {
    const { catalog } = await realCatalog();
    const { text, report } = emit(catalog, {});
    expect(text).toContain('return fineGrainedVerdict(request, undefined, undefined, gitlabOperationNames);');
    expect(text).toContain('Object.freeze({ rest: false, operations: false })');
    expect(report.diagnostics.filter((d) => d.ruleId === 'least-privilege-lookup-missing')).toEqual([]);
  }, 120_000);

  it('warns when the page is a source but its lookup is not found under the expected name', async () => {
    const { catalog } = await realCatalog();
    const withPage: Catalog = {
      ...catalog,
      sources: [...catalog.sources, { ...catalog.sources[0]!, source: { ...catalog.sources[0]!.source, file: 'sources/gitlab-pat-fine-grained-other-operations.3f07355.md' } }],
    };
    const { report } = emit(withPage, { 'operations.ts': OPERATIONS_STAND_IN.replace('gitlabOperationPermissions', 'gitlabOperationRows') });
    expect(report.diagnostics.filter((d) => d.ruleId === 'least-privilege-lookup-missing').map((d) => [d.file, d.severity])).toEqual([['sources/gitlab-pat-fine-grained-other-operations.3f07355.md', 'warning']]);
  }, 120_000);
});
