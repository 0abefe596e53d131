/**
 * The emitted gitlab and gitlab/graphql modules type-check in a strict program (stricter than the one
 * permgen compiles them with: unused locals and parameters, implicit returns, index-signature access),
 * with `graphql` resolved from node_modules as a consumer would, together with a consumer file whose
 * `@ts-expect-error` lines must each be needed.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Project, ts } from 'ts-morph';
import { guardPackage, type GuardPackage } from './package.ts';

const CONSUMER = `
import { buildSchema, parse, specifiedRules, validate, type ValidationRule } from 'graphql';
import { fineGrainedPermissionsRule, requiredPermissionsForOperation, type GraphqlGuardOptions, type GraphqlPermissionRequirement, type LeastPrivilegeResult } from './gitlab/graphql/index.js';
import { requiredGraphqlPermissions, type GraphqlGuardGrant, type GraphqlPermission } from './gitlab/index.js';

const schema = buildSchema('type Query { a: String }');
const rule: ValidationRule = fineGrainedPermissionsRule(['read_project'], { mode: 'lax' });
validate(schema, parse('{ a }'), [...specifiedRules, rule, fineGrainedPermissionsRule(new Set<string>())]);
const options: GraphqlGuardOptions = { mode: 'strict' };
const result: LeastPrivilegeResult = requiredPermissionsForOperation(schema, parse('{ a }'), { ...options, operationName: 'A' });
const first: GraphqlPermissionRequirement | undefined = result.requirements[0];
const permissions: readonly string[] = result.permissions;
const rows: readonly GraphqlGuardGrant[] | undefined = requiredGraphqlPermissions('Type', 'CiRunner');
const permission: GraphqlPermission | undefined = rows?.[0]?.permission;
export { first, permissions, permission };

// @ts-expect-error: the kinds are Type, Mutation and Field
requiredGraphqlPermissions('Types', 'CiRunner');
// @ts-expect-error: the modes are 'strict' and 'lax'
fineGrainedPermissionsRule([], { mode: 'Lax' });
// @ts-expect-error: the rows are read-only
rows?.push(rows[0]!);
// @ts-expect-error: a row's permission is a documented id
const wrong: GraphqlGuardGrant = { ...rows![0]!, permission: 'read_everything' };
// @ts-expect-error: a boundary is project, group, user or instance
const boundary: 'project' = rows![0]!.boundary;
// @ts-expect-error: a result cannot be changed
result.permissions.push('read_project');
export { wrong, boundary };
`;

let pkg: GuardPackage;
beforeAll(async () => {
  pkg = await guardPackage();
  await writeFile(path.join(pkg.dir, 'consumer.ts'), CONSUMER);
});

describe('emitted GraphQL guard types', () => {
  it('type-check strictly, with a consumer, without a diagnostic', () => {
    const roots = [...pkg.files.keys()].filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && (f.startsWith('gitlab/') || f === 'index.ts')).map((f) => path.join(pkg.dir, f));
    // A ts-morph project on the real file system: it supplies TypeScript's lib files itself.
    const project = new Project({
      skipAddingFilesFromTsConfig: true,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        noUnusedLocals: true,
        noUnusedParameters: true,
        noImplicitReturns: true,
        noImplicitOverride: true,
        noPropertyAccessFromIndexSignature: true,
        noFallthroughCasesInSwitch: true,
        lib: ['lib.es2022.d.ts'],
        types: [],
        noEmit: true,
        skipLibCheck: true,
      },
    });
    for (const file of [...roots, path.join(pkg.dir, 'consumer.ts')]) project.addSourceFileAtPath(file);
    const diagnostics = project.getPreEmitDiagnostics().map((d) => {
      const file = d.getSourceFile();
      const where = file ? `${path.relative(pkg.dir, file.getFilePath())}:${d.getLineNumber() ?? 0}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.getMessageText() as string | ts.DiagnosticMessageChain, ' ')}`;
    });
    expect(diagnostics).toEqual([]);
    // The consumer is really in the program (its @ts-expect-error lines were all needed).
    expect(project.getSourceFile(path.join(pkg.dir, 'consumer.ts'))?.getImportDeclarations()).toHaveLength(3);
  });
});
