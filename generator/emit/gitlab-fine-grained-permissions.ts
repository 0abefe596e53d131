/**
 * gitlab/fine-grained-permissions.ts: the one vocabulary of GitLab fine-grained personal access
 * token permissions, merged from every page that names them (model/gitlab-permission-contributors.ts):
 * the `GitlabFineGrainedPermission` union and what each permission is (resource, action, category,
 * description, the pages naming it). Other GitLab fine-grained artifacts refer to this union:
 * the operations data types its permissions with it, and the GraphQL permission union is checked
 * to be part of it at compile time.
 */
import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import type { Emitter } from './emitter.ts';
import { codeHeader } from './header.ts';
import { stringUnionStatements } from './ts/string-union.ts';
import { deepFreezeFunction, jsonMember, jsonParseExpression } from './json-data.ts';
import { formatPosition } from '../model/position.ts';
import { buildVocabulary, collectMentions, type VocabularyEntry } from '../model/gitlab-permission-vocabulary.ts';
import { gitlabPermissionContributors } from '../model/gitlab-permission-contributors.ts';
import { withoutPrototype } from './ts/record.ts';

const FINE_GRAINED_MODULE = '/generated/gitlab/fine-grained-permissions.ts';

export const gitlabFineGrainedPermissions: Emitter = {
  name: 'gitlab-fine-grained-permissions',
  description: 'gitlab/fine-grained-permissions.ts: the GitlabFineGrainedPermission union over every GitLab page that names fine-grained permissions, with metadata.',
  emit(ctx) {
    const kinds = new Set<string>(gitlabPermissionContributors.map((c) => c.kind));
    const models = ctx.catalog.sources.filter((s) => kinds.has(s.kind));
    if (models.length === 0) return;
    const entries = buildVocabulary(collectMentions(ctx.catalog, gitlabPermissionContributors));
    const statements: (StatementStructures | string)[] = stringUnionStatements(
      {
        typeName: 'GitlabFineGrainedPermission',
        listName: 'gitlabFineGrainedPermissions',
        guardName: 'isGitlabFineGrainedPermission',
        description: `A GitLab fine-grained personal access token permission, as named by any of: ${models.map((m) => m.source.title).join('; ')}. Sorted by id.`,
        members: entries.map((e) => ({ value: e.id, description: memberDescription(e), position: e.position })),
      },
      ctx.options,
      ctx.report,
    );
    statements.push({
      kind: StructureKind.Interface,
      isExported: true,
      name: 'GitlabFineGrainedPermissionInfo',
      docs: [{ description: 'What a fine-grained permission is, in the pages\' words.' }],
      properties: [
        { name: 'id', isReadonly: true, type: 'GitlabFineGrainedPermission', docs: ['`snake(action)_snake(resource)`: `read_work_item`.'] },
        { name: 'resource', isReadonly: true, type: 'string', docs: ['The resource as the first page naming it writes it: `Work Item`.'] },
        { name: 'action', isReadonly: true, type: 'string', docs: ['The action as written: `Read`.'] },
        { name: 'category', isReadonly: true, type: 'string | null', docs: ['The category a page states (`### <Category> resources`); `null` when no page states one.'] },
        { name: 'description', isReadonly: true, type: 'string | null', docs: ['What a page says it grants (`Grants the ability to …`); `null` when no page says.'] },
        { name: 'namedOn', isReadonly: true, type: 'readonly { readonly source: string; readonly at: string }[]', docs: ['Every page naming it (manifest id) and its first mention there (`file:line:column`).'] },
      ],
    });
    statements.push({
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: 'Every fine-grained permission and what it is (frozen).' }],
      declarations: [
        {
          name: 'gitlabFineGrainedPermissionInfo',
          type: 'Readonly<Record<GitlabFineGrainedPermission, GitlabFineGrainedPermissionInfo>>',
          // JSON parsed at load (see json-data.ts): one row per permission, with the line naming it first.
          initializer: withoutPrototype(`deepFreeze(${jsonParseExpression(
            entries.map((e) =>
              jsonMember(e.id, {
                id: e.id,
                resource: e.resource,
                action: e.action,
                category: e.category ?? null,
                description: e.description ?? null,
                namedOn: e.pages.map((p) => ({ source: p.source, at: formatPosition(p.position) })),
              }),
            ),
            'object',
          )})`),
        },
      ],
    });
    statements.push(deepFreezeFunction());
    if (ctx.catalog.sources.some((s) => s.kind === 'gitlab-graphql-permissions')) {
      // The GraphQL guard's permission type is emitted by graphql-permissions.ts; this alias stops the
      // package from type-checking if it ever names a permission outside the vocabulary.
      statements.unshift({ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: './graphql-permissions.js', namedImports: ['GraphqlPermission'] });
      statements.push({
        kind: StructureKind.TypeAlias,
        name: 'IsFineGrained',
        // Compared as strings (`${…}`), so the check holds in both enum styles (two enums are never assignable).
        typeParameters: [{ name: 'T', constraint: '`${GitlabFineGrainedPermission}`' }],
        type: 'T',
        docs: [{ description: 'Compile-time check: `T` must be part of the vocabulary.' }],
      });
      statements.push({
        kind: StructureKind.TypeAlias,
        isExported: true,
        name: 'GitlabGraphqlFineGrainedPermission',
        type: 'IsFineGrained<`${GraphqlPermission}`>',
        docs: [{ description: 'The ids of the GraphQL page\'s permissions (`GraphqlPermission`), checked at compile time to be ids of `GitlabFineGrainedPermission`s.' }],
      });
    }
    ctx.project.createSourceFile(FINE_GRAINED_MODULE, { leadingTrivia: `${codeHeader(models.map((m) => m.source))}\n\n`, statements }, { overwrite: true });
  },
};

/** `Read Work Item (Planning). Grants the ability to … Named on: gitlab-graphql-…, gitlab-pat-other-operations.` */
function memberDescription(e: VocabularyEntry): string {
  let text = `${e.action} ${e.resource}${e.category ? ` (${e.category})` : ''}.`;
  if (e.description) text += ` ${e.description}`;
  return `${text} Named on: ${e.pages.map((p) => p.source).join(', ')}.`;
}
