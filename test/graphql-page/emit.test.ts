/**
 * The `gitlab/graphql-permissions` module, emitted alone from the real page's model
 * (sources/gitlab-pat-fine-grained-graphql.41946e6.md): it must type-check under the package's strict
 * options, reject what the page does not list, and hold the page's data at run time. Expected values
 * are read off the page by hand; the 170 permissions are the distinct `<action>_<#### title>` pairs of
 * the row lines, lower-cased, counted with awk (see page.test.ts).
 */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Project } from 'ts-morph';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphqlPermissions } from '../../generator/emit/graphql-permissions.ts';
import { compilerOptions } from '../../generator/emit/emit-package.ts';
import type { EmitOptions } from '../../generator/emit/emitter.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { extractRealPage, extractSeedPage } from './pipeline.ts';

const MODULE = '/generated/gitlab/graphql-permissions.ts';

function emit(options: EmitOptions, extracted = extractRealPage()): { project: Project; report: Reporter; text: string } {
  const { model } = extracted;
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions });
  const report = new Reporter();
  graphqlPermissions.emit({ catalog: { catalogVersion: 1, sources: [model!] }, project, files: [], options, report });
  return { project, report, text: project.getSourceFileOrThrow(MODULE).getFullText() };
}

interface Info {
  action: string;
  resource: string;
  category: string;
  boundaries: readonly string[];
}
interface Module {
  graphqlPermissions: readonly string[];
  isGraphqlPermission(value: unknown): boolean;
  graphqlPermissionInfo: Record<string, Info>;
  GraphqlPermission: Record<string, string>;
}

let mod: Module;

beforeAll(async () => {
  const { project } = emit({ enumStyle: 'const' });
  const dir = await mkdtemp(path.join(tmpdir(), 'permgen-graphql-'));
  await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const f of project.emitToMemory().getFiles()) {
    const out = path.join(dir, f.filePath.replace(/^\/generated\//, ''));
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, f.text);
  }
  mod = (await import(pathToFileURL(path.join(dir, 'gitlab/graphql-permissions.js')).href)) as Module;
});

describe('gitlab/graphql-permissions module', () => {
  it.each(['const', 'enum'] as const)('type-checks strictly and rejects unknown permissions and boundaries (%s style)', (enumStyle) => {
    const { project, report } = emit({ enumStyle });
    expect(report.diagnostics).toEqual([]);
    project.createSourceFile(
      '/generated/gitlab/check.ts',
      [
        "import { GraphqlPermission, graphqlPermissionInfo, isGraphqlPermission, type Boundary } from './graphql-permissions.js';",
        'const ok: GraphqlPermission = GraphqlPermission.READ_RUNNER;',
        'const ok2: GraphqlPermission = GraphqlPermission.UPDATE_CI_CD_SETTING;',
        // A string literal is a member of the union in the default style; a string enum accepts only its members.
        enumStyle === 'const' ? "const email: GraphqlPermission = 'read_email';" : 'const email: GraphqlPermission = GraphqlPermission.READ_EMAIL;',
        '// @ts-expect-error: the page lists `Runner`, not `Runners`',
        "const bad: GraphqlPermission = 'read_runners';",
        '// @ts-expect-error: no Delete row for Email',
        "const bad2: GraphqlPermission = 'delete_email';",
        "const b: Boundary = 'instance';",
        '// @ts-expect-error: not a boundary',
        "const b2: Boundary = 'namespace';",
        "const info: readonly Boundary[] = graphqlPermissionInfo.read_runner.boundaries;",
        '// @ts-expect-error: read-only',
        "graphqlPermissionInfo.read_runner.boundaries.push('user');",
        'const x: unknown = ok;',
        'if (isGraphqlPermission(x)) { const y: GraphqlPermission = x; void y; }',
        'void [ok, ok2, email, bad, bad2, b, b2, info];',
      ].join('\n'),
    );
    const diagnostics = project.getPreEmitDiagnostics().map((d) => `${d.getSourceFile()?.getFilePath()}:${d.getLineNumber()} ${String(d.getMessageText())}`);
    expect(diagnostics).toEqual([]);
  });

  it('lists the 170 permissions in page order', () => {
    expect(mod.graphqlPermissions).toHaveLength(170);
    expect(mod.graphqlPermissions.slice(0, 4)).toEqual(['read_dependency', 'read_pipeline_execution_project_schedule', 'read_secrets_manager', 'create_vulnerability']);
    expect(mod.graphqlPermissions.at(-1)).toBe('read_user');
    expect(Object.isFrozen(mod.graphqlPermissions)).toBe(true);
    expect(mod.GraphqlPermission.UPDATE_CI_CD_SETTING).toBe('update_ci_cd_setting');
  });

  it('guards exactly, case-sensitively', () => {
    expect(mod.isGraphqlPermission('read_runner')).toBe(true);
    expect(mod.isGraphqlPermission('read_email')).toBe(true);
    expect(mod.isGraphqlPermission('READ_RUNNER')).toBe(false);
    expect(mod.isGraphqlPermission('read_runners')).toBe(false);
    expect(mod.isGraphqlPermission('toString')).toBe(false);
    expect(mod.isGraphqlPermission(undefined)).toBe(false);
  });

  it('says what each permission grants and at which boundaries', () => {
    const info = mod.graphqlPermissionInfo;
    expect(Object.keys(info)).toHaveLength(170);
    expect(info.read_runner).toEqual({ action: 'Read', resource: 'Runner', category: 'CI/CD', boundaries: ['project', 'group', 'instance'] });
    expect(info.update_ci_cd_setting).toEqual({ action: 'Update', resource: 'CI/CD Setting', category: 'CI/CD', boundaries: ['project', 'group'] });
    expect(info.read_label).toEqual({ action: 'Read', resource: 'Label', category: 'Project Planning', boundaries: ['project', 'group'] });
    expect(info.create_snippet?.boundaries).toEqual(['project', 'user']);
    expect(info.read_email).toEqual({ action: 'Read', resource: 'Email', category: 'System Access', boundaries: ['user'] });
    expect(info.create_ldap_admin_role_link).toEqual({ action: 'Create', resource: 'LDAP Admin Role Link', category: 'Groups', boundaries: ['instance'] });
    expect(Object.isFrozen(info)).toBe(true);
    expect(Object.isFrozen(info.read_runner)).toBe(true);
    expect(Object.isFrozen(info.read_runner?.boundaries)).toBe(true);
  });

  it('documents each member with the page text, its first row and any override', () => {
    const { text } = emit({ enumStyle: 'const' });
    expect(text).toContain(
      '/** Read Runner (CI/CD). Grants the ability to assign, create, delete, read, and update runners. @see sources/gitlab-pat-fine-grained-graphql.41946e6.md:322:1 */',
    );
    expect(text).toContain('/** Read Email (System Access). Grants the ability to create, delete, and read emails. @see sources/gitlab-pat-fine-grained-graphql.41946e6.md:877:1 */');
    expect(text).not.toContain('override');
    // The seed export's Email resource has no title line: the comment names the override that supplied it.
    expect(emit({ enumStyle: 'const' }, extractSeedPage()).text).toContain(
      '/** Read Email (System Access). Grants the ability to create, delete, and read emails. The page omits the resource title; `Email` comes from override `gitlab-graphql-email-title`. @see test/fixtures/seeds/gitlab-graphql-fine-grained-permissions.export.txt:458:1 */',
    );
    expect(text).toContain("export type Boundary = \"project\" | \"group\" | \"user\" | \"instance\";");
    expect(text.startsWith('/*\n * This file was generated by permgen.')).toBe(true);
  });
});
