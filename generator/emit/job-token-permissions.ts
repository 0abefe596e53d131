import { StructureKind, VariableDeclarationKind } from 'ts-morph';
import type { Emitter } from './emitter.ts';
import type { JobTokenEndpointsModel } from '../model/catalog.ts';
import { codeHeader } from './header.ts';
import { stringUnionStatements } from './ts/string-union.ts';
import { stringLiteral } from './ts/identifier.ts';
import { RECORD_OPEN } from './ts/record.ts';

export const jobTokenPermissions: Emitter = {
  name: 'job-token-permissions',
  description: 'gitlab/job-token-permissions.ts: the JobTokenPermission union with label, resource and access of each.',
  emit(ctx) {
    const model = ctx.catalog.sources.find((s): s is JobTokenEndpointsModel => s.kind === 'gitlab-job-token-endpoints');
    if (!model) return;
    const statements = stringUnionStatements(
      {
        typeName: 'JobTokenPermission',
        listName: 'jobTokenPermissions',
        guardName: 'isJobTokenPermission',
        description: `A fine-grained permission for GitLab CI/CD job tokens (${model.source.title}).`,
        url: model.source.url,
        members: model.permissions.map((p) => ({ value: p.name, description: p.label, position: p.position })),
      },
      ctx.options,
      ctx.report,
    );
    statements.push({
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: 'What each permission grants, as the page labels it (`Deployments: Read and write`).' }],
      declarations: [
        {
          name: 'jobTokenPermissionInfo',
          type: `Readonly<Record<JobTokenPermission, { readonly label: string; readonly resource: string; readonly access: 'read' | 'admin' }>>`,
          initializer: (w) => {
            w.write(RECORD_OPEN).newLine();
            w.indent(() => {
              for (const p of model.permissions) {
                w.writeLine(`${stringLiteral(p.name)}: Object.freeze({ label: ${stringLiteral(p.label)}, resource: ${stringLiteral(p.resource)}, access: ${stringLiteral(p.access)} }),`);
              }
            });
            w.write('})');
          },
        },
      ],
    });
    ctx.project.createSourceFile('/generated/gitlab/job-token-permissions.ts', { leadingTrivia: `${codeHeader([model.source])}\n\n`, statements }, { overwrite: true });
  },
};
