/**
 * gitlab/operation-permissions.ts: the Git and other operations page as typed data. The union
 * `GitlabOperation` of operation ids (`<section anchor>:<kebab of the Operation or Feed cell>`,
 * e.g. `git-operations:push-to-a-project-repository`, so an id reads as a link into the page), the
 * frozen `gitlabOperationPermissions` record, and lookups that answer `undefined` (deny) for
 * anything the page does not list and never throw. Permissions are `GitlabFineGrainedPermission`s,
 * the vocabulary shared with the GraphQL (and REST) pages.
 */
import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import type { Emitter } from './emitter.ts';
import type { GitlabOperation, GitlabOperationPermissionsModel, GitlabOperationSection } from '../model/catalog.ts';
import { codeHeader, safeComment } from './header.ts';
import { stringUnionStatements } from './ts/string-union.ts';
import { constantKey, stringLiteral } from './ts/identifier.ts';
import { formatPosition } from '../model/position.ts';
import { RECORD_OPEN } from './ts/record.ts';

const BOUNDARY_TYPE = "'project' | 'group' | 'user' | 'instance'";

export const gitlabOperations: Emitter = {
  name: 'gitlab-operations',
  description: 'gitlab/operation-permissions.ts: GitlabOperation ids, gitlabOperationPermissions, requiredPermissionsForGitlabOperation.',
  emit(ctx) {
    const model = ctx.catalog.sources.find((s): s is GitlabOperationPermissionsModel => s.kind === 'gitlab-operation-permissions');
    if (!model) return;
    const rows: { section: GitlabOperationSection; op: GitlabOperation }[] = model.sections.flatMap((section) => section.tables.flatMap((t) => t.operations.map((op) => ({ section, op }))));
    const nameCount = new Map<string, number>();
    for (const { op } of rows) nameCount.set(op.name, (nameCount.get(op.name) ?? 0) + 1);

    // Members are referenced through their object (`GitlabOperation.KEY`), which is valid in both enum styles.
    const opRef = (id: string) => `GitlabOperation.${constantKey(id)}`;
    const permissionRef = (id: string) => `GitlabFineGrainedPermission.${constantKey(id)}`;
    const statements: (StatementStructures | string)[] = [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './fine-grained-permissions.js', namedImports: ['GitlabFineGrainedPermission'] },
      ...stringUnionStatements(
        {
          typeName: 'GitlabOperation',
          listName: 'gitlabOperations',
          guardName: 'isGitlabOperation',
          description: `An operation of the page "${model.source.title}" (Git over HTTPS, registries, archives, feeds, …). The id is the section's anchor on the page, \`:\`, and the Operation (or Feed) cell in kebab case: \`git-operations:push-to-a-project-repository\`. It changes only when GitLab renames the section or the operation (\`permgen diff\` reports it).`,
          url: model.source.url,
          members: rows.map(({ section, op }) => ({ value: op.id, description: `${op.name} (${section.title}).`, position: op.position })),
        },
        ctx.options,
        ctx.report,
      ),
    ];
    statements.push({
      kind: StructureKind.Interface,
      isExported: true,
      name: 'GitlabOperationPermission',
      docs: [{ description: 'What a fine-grained personal access token needs for one operation, as the page\'s row says.' }],
      properties: [
        { name: 'operation', isReadonly: true, type: 'GitlabOperation' },
        { name: 'name', isReadonly: true, type: 'string', docs: ['The Operation (or Feed) cell as written: `Push to a project repository`.'] },
        { name: 'section', isReadonly: true, type: 'string', docs: ['The heading of the section the row is in: `Git operations`.'] },
        { name: 'resource', isReadonly: true, type: 'string', docs: ['The Resource cell: `Code`.'] },
        { name: 'action', isReadonly: true, type: 'string', docs: ['The Permission cell: `Push`.'] },
        { name: 'permissions', isReadonly: true, type: 'readonly GitlabFineGrainedPermission[]', docs: ['Every permission the token needs (all of them): `[\'push_code\']`.'] },
        { name: 'boundaries', isReadonly: true, type: `readonly (${BOUNDARY_TYPE})[]`, docs: ['The Access cell: the target must be inside one of these boundaries (a group boundary also covers the group\'s projects).'] },
        { name: 'footnotes', isReadonly: true, type: 'readonly string[]', docs: ['The footnotes the row cites, text as written.'] },
        { name: 'notes', isReadonly: true, type: 'readonly string[]', docs: ['The notes (`> [!note]` callouts) of the row\'s section.'] },
        { name: 'source', isReadonly: true, type: 'string', docs: ['The row on the page: `file:line:column`.'] },
      ],
    });
    statements.push({
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: 'Every operation of the page, in its order (frozen).' }],
      declarations: [
        {
          name: 'gitlabOperationPermissions',
          type: 'Readonly<Record<GitlabOperation, GitlabOperationPermission>>',
          initializer: (w) => {
            w.write(RECORD_OPEN).newLine();
            w.indent(() => {
              for (const { section, op } of rows) {
                const list = (values: readonly string[]) => `Object.freeze([${values.map(stringLiteral).join(', ')}])`;
                const notes = section.notes.map((n) => n.text);
                w.writeLine(`/** ${safeComment(`${op.name}: ${op.action} ${op.resource} at ${op.access}.`)} @see ${safeComment(formatPosition(op.position))} */`);
                w.writeLine(
                  `${stringLiteral(op.id)}: Object.freeze({ operation: ${opRef(op.id)}, name: ${stringLiteral(op.name)}, section: ${stringLiteral(section.title)}, resource: ${stringLiteral(op.resource)}, action: ${stringLiteral(op.action)}, permissions: Object.freeze<GitlabFineGrainedPermission[]>([${permissionRef(op.permission)}]), boundaries: Object.freeze<(${BOUNDARY_TYPE})[]>([${op.boundaries.map(stringLiteral).join(', ')}]), footnotes: ${list(op.footnotes.map((f) => f.text))}, notes: ${list(notes)}, source: ${stringLiteral(formatPosition(op.position))} }),`,
                );
              }
            });
            w.write('})');
          },
        },
      ],
    });
    statements.push({
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [
        {
          name: 'operationsByName',
          type: 'ReadonlyMap<string, GitlabOperation>',
          initializer: `new Map<string, GitlabOperation>([${rows
            .filter(({ op }) => nameCount.get(op.name) === 1)
            .map(({ op }) => `[${stringLiteral(op.name)}, ${opRef(op.id)}]`)
            .join(', ')}])`,
        },
      ],
    });
    statements.push({
      kind: StructureKind.Function,
      isExported: true,
      name: 'requiredPermissionsForGitlabOperation',
      docs: [
        {
          description:
            'The fine-grained permissions a token needs for a Git or other (non-API) operation, all of them; the token must also hold them at one of `gitlabOperationPermissions[operation].boundaries`. `undefined` (deny) for anything that is not a documented operation id (exact, case-sensitive); never throws. Not the GraphQL `requiredPermissionsForOperation` of `gitlab/graphql`, which answers for a GraphQL document.',
          tags: [{ tagName: 'see', text: safeComment(model.source.url) }],
        },
      ],
      parameters: [{ name: 'operation', type: 'GitlabOperation' }],
      returnType: 'readonly GitlabFineGrainedPermission[] | undefined',
      statements: [`return isGitlabOperation(operation) ? gitlabOperationPermissions[operation].permissions : undefined;`],
    });
    statements.push({
      kind: StructureKind.Function,
      isExported: true,
      name: 'gitlabOperationNamed',
      docs: [{ description: 'The id of the operation whose Operation (or Feed) cell is exactly `name` (`\'Push to a project repository\'`); `undefined` for any other text, and for a name the page uses in two sections.' }],
      parameters: [{ name: 'name', type: 'string' }],
      returnType: 'GitlabOperation | undefined',
      statements: [`return typeof name === 'string' ? operationsByName.get(name) : undefined;`],
    });
    ctx.project.createSourceFile('/generated/gitlab/operation-permissions.ts', { leadingTrivia: `${codeHeader([model.source])}\n\n`, statements }, { overwrite: true });
  },
};
