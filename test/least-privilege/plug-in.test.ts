/**
 * The fine-grained lookups plug in by their exported name: the REST matcher through a stand-in shaped
 * as issue 12 specifies (`matchFineGrainedRestRoute`), the operations through the table the
 * operations emitter writes (`gitlabOperationPermissions`); the emitter wires them into
 * `fineGrainedRequestVerdict` and the result type-checks strictly; without them it says so; with the
 * page present but the export misnamed it warns. The short names are checked against the page at
 * generation and against its `GitlabOperation` union in the package.
 */
import { IndentationText, NewLineKind, Project, QuoteKind, ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { compilerOptions } from '../../generator/emit/emit-package.ts';
import { emitters } from '../../generator/emit/registry.ts';
import { leastPrivilege } from '../../generator/emit/least-privilege.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import type { EmitContext } from '../../generator/emit/emitter.ts';
import type { Catalog, GitlabOperationPermissionsModel } from '../../generator/model/catalog.ts';
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
/** Shaped as the operations emitter writes it (generated/gitlab/operation-permissions.ts), under another file name. */
const OPERATIONS_STAND_IN = `
export type GitlabOperation = 'git-operations:push-to-a-project-repository';
export const gitlabOperationPermissions: Readonly<Record<string, { readonly operation: string; readonly name: string; readonly section: string; readonly permissions: readonly 'push_code'[]; readonly boundaries: readonly ('project' | 'group' | 'user' | 'instance')[]; readonly footnotes: readonly string[]; readonly notes: readonly string[]; readonly source: string }>> = {
  'git-operations:push-to-a-project-repository': { operation: 'git-operations:push-to-a-project-repository', name: 'Push to a project repository', section: 'Git operations', permissions: ['push_code'], boundaries: ['project'], footnotes: [], notes: [], source: 'y.md:40:1' },
};
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

const OPS_PAGE = 'sources/gitlab-pat-fine-grained-other-operations.3f07355.md';

/** The catalog without the operations page: the lookup then comes only from a stand-in (or nowhere). */
const withoutOperations = (catalog: Catalog): Catalog => ({ ...catalog, sources: catalog.sources.filter((s) => s.kind !== 'gitlab-operation-permissions') });
/** Without the two pages the fine-grained answer reads (operations and REST): nothing to wire, so no warning either. */
const withoutFineGrainedPages = (catalog: Catalog): Catalog => ({ ...catalog, sources: catalog.sources.filter((s) => s.kind !== 'gitlab-operation-permissions' && s.kind !== 'gitlab-rest-permissions') });

/** The catalog with the operations page's model edited (a copy; the shared catalog is left as read). */
function editOperations(catalog: Catalog, edit: (model: GitlabOperationPermissionsModel) => void): Catalog {
  const sources = catalog.sources.map((s) => (s.kind === 'gitlab-operation-permissions' ? (structuredClone(s) as GitlabOperationPermissionsModel) : s));
  edit(sources.find((s): s is GitlabOperationPermissionsModel => s.kind === 'gitlab-operation-permissions')!);
  return { ...catalog, sources };
}

function typeErrors(project: Project): string[] {
  const file = project.getSourceFileOrThrow('/generated/gitlab/least-privilege.ts');
  return project.getPreEmitDiagnostics().filter((d) => d.getSourceFile() === file).map((d) => `${d.getLineNumber()}: ${ts.flattenDiagnosticMessageText(d.compilerObject.messageText, ' ')}`);
}

describe('fine-grained lookups plug in by name', () => {
  it('wires a REST stand-in shaped as issue 12 specifies and the generated operations table, and the result type-checks', async () => {
    const { catalog } = await realCatalog();
    const { project, text, report } = emit(catalog, { 'fine-grained-rest-routes.ts': REST_STAND_IN });
    expect(text).toContain("import { matchFineGrainedRestRoute } from './fine-grained-rest-routes.js';");
    expect(text).toContain("import { gitlabOperationPermissions, type GitlabOperation } from './operation-permissions.js';");
    expect(text).toContain('fineGrainedVerdict(r, matchFineGrainedRestRoute, gitlabOperationPermissions, workloadOperationNames, isGitlabFineGrainedPermission), request);');
    expect(text).toContain('Object.freeze({ rest: true, operations: true })');
    // The short names' ids are typed with the page's union.
    expect(text).toContain('Readonly<Record<WorkloadOperation, WorkloadOperationName<GitlabOperation> & { readonly syntax: string }>>');
    expect(typeErrors(project)).toEqual([]);
    expect(report.diagnostics.filter((d) => d.ruleId.startsWith('least-privilege-'))).toEqual([]);
  }, 120_000);

  it('without them, fine-grained requests are answered as not compiled', async () => {
    const { catalog } = await realCatalog();
    const { project, text, report } = emit(withoutFineGrainedPages(catalog), {});
    // The GraphQL page is still there: its ids are the vocabulary GraphQL inputs are read against.
    expect(text).toContain('fineGrainedVerdict(r, undefined, undefined, workloadOperationNames, isGitlabFineGrainedPermission), request);');
    expect(text).toContain('Object.freeze({ rest: false, operations: false })');
    expect(text).toContain('WorkloadOperationName<string>');
    expect(typeErrors(project)).toEqual([]);
    expect(report.diagnostics.filter((d) => d.ruleId.startsWith('least-privilege-'))).toEqual([]);
  }, 120_000);

  it('a short name pointing at an operation the table does not have is a type error in the package', async () => {
    const { catalog } = await realCatalog();
    // The stand-in's union has one id only: every other short name's id does not type-check.
    const { project, text } = emit(withoutOperations(catalog), { 'operations.ts': OPERATIONS_STAND_IN });
    expect(text).toContain("import { gitlabOperationPermissions, type GitlabOperation } from './operations.js';");
    const errors = typeErrors(project);
    expect(errors.length).toBeGreaterThan(0);
    // TypeScript names the first short name (alphabetically) whose id the union lacks.
    expect(errors.join('\n')).toContain(`Type '"archive-and-release-asset-downloads:download-a-repository-archive"' is not assignable to type '"git-operations:push-to-a-project-repository"'`);
  }, 120_000);

  it('a short name pointing at an operation the page does not have stops generation; an operation without a short name is a warning', async () => {
    const { catalog } = await realCatalog();
    // GitLab renames "Push to a project repository" (page line 40).
    const renamed = editOperations(catalog, (m) => {
      const op = m.sections[0]!.tables[0]!.operations[1]!;
      expect(op.id).toBe('git-operations:push-to-a-project-repository');
      op.id = 'git-operations:push-to-a-repository';
      op.name = 'Push to a repository';
    });
    const { report } = emit(renamed, {});
    expect(report.diagnostics.filter((d) => d.ruleId.startsWith('least-privilege-operation')).map((d) => [d.severity, d.ruleId, d.file, d.line, d.message])).toEqual([
      ['error', 'least-privilege-operation-missing', OPS_PAGE, 1, `The workload operation \`git-push\` stands for \`git-operations:push-to-a-project-repository\`, which ${OPS_PAGE} does not have: the fine-grained answer would deny it while the page may grant it.`],
      ['warning', 'least-privilege-operation-unnamed', OPS_PAGE, 40, '`git-operations:push-to-a-repository` (Push to a repository) has no workload short name: a workload list cannot ask for it.'],
    ]);
  }, 120_000);

  it('warns when the page no longer says, at line 65, that fine-grained tokens cannot push container images', async () => {
    const { catalog } = await realCatalog();
    const edited = editOperations(catalog, (m) => {
      for (const s of m.sections) s.notes = [];
    });
    const { report } = emit(edited, {});
    expect(report.diagnostics.filter((d) => d.ruleId.startsWith('least-privilege-operation')).map((d) => [d.severity, d.file, d.line])).toEqual([['warning', OPS_PAGE, 65]]);
  }, 120_000);

  it('answers snippets with the rows\' boundaries, and warns, when the snippet rows no longer cite the footnote of line 51', async () => {
    const { catalog } = await realCatalog();
    const edited = editOperations(catalog, (m) => {
      for (const s of m.sections) for (const t of s.tables) for (const o of t.operations) o.footnotes = o.footnotes.map((f) => ({ ...f, text: f.text.replace('personal snippets use the user boundary', 'personal snippets use either boundary') }));
    });
    const { report, text } = emit(edited, {});
    expect(report.diagnostics.filter((d) => d.ruleId.startsWith('least-privilege-operation')).map((d) => [d.severity, d.file, d.line, d.message.slice(0, 41)])).toEqual([
      ['warning', OPS_PAGE, 51, 'The workload operation `git-pull-snippet`'],
      ['warning', OPS_PAGE, 51, 'The workload operation `git-push-snippet`'],
    ]);
    expect(text).not.toContain('snippetBoundaries: Object.freeze');
    // The page as it is: both snippet names keep their per-target boundaries.
    expect(emit(catalog, {}).text.match(/snippetBoundaries: Object\.freeze/g)).toHaveLength(2);
  }, 120_000);

  it('warns when the page is a source but its lookup is not found under the expected name', async () => {
    const { catalog } = await realCatalog();
    const base = withoutOperations(catalog);
    const withPage: Catalog = {
      ...base,
      sources: [...base.sources, { ...base.sources[0]!, source: { ...base.sources[0]!.source, file: OPS_PAGE } }],
    };
    const { report } = emit(withPage, { 'operations.ts': OPERATIONS_STAND_IN.replace('gitlabOperationPermissions', 'gitlabOperationRows') });
    expect(report.diagnostics.filter((d) => d.ruleId === 'least-privilege-lookup-missing').map((d) => [d.file, d.severity])).toEqual([[OPS_PAGE, 'warning']]);
  }, 120_000);
});
