/**
 * `gitlab/token-scopes.ts`: the GitLab access token scopes as a union (JSDoc: the description and the
 * footnotes the row refers to), the token types, and which token types may hold each scope.
 * Unknown scopes and token types are never available.
 */
import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import type { Emitter } from './emitter.ts';
import type { GitlabTokenScopesModel, TokenType } from '../model/catalog.ts';
import { codeHeader, safeComment } from './header.ts';
import { stringUnionStatements } from './ts/string-union.ts';
import { constantKey, stringLiteral } from './ts/identifier.ts';
import { formatPosition } from '../model/position.ts';
import { RECORD_OPEN } from './ts/record.ts';

const SCOPE = 'TokenScope';
/** The token types the page's "Token availability" column uses (the extractor refuses any other). */
const TOKEN_TYPES: readonly TokenType[] = ['personal', 'group', 'project'];

export const gitlabTokenScopes: Emitter = {
  name: 'gitlab-token-scopes',
  description: 'gitlab/token-scopes.ts: TokenScope and TokenType unions, availability per token type, isScopeAvailableFor, scopesFor.',
  emit(ctx) {
    const model = ctx.catalog.sources.find((s): s is GitlabTokenScopesModel => s.kind === 'gitlab-token-scopes');
    if (!model) return;
    const footnote = new Map(model.footnotes.map((f) => [f.id, f]));
    const ref = (value: string) => `${SCOPE}.${constantKey(value)}`;

    const statements: (StatementStructures | string)[] = stringUnionStatements(
      {
        typeName: SCOPE,
        listName: 'tokenScopes',
        guardName: 'isTokenScope',
        description: `A GitLab access token scope (${model.source.title}).`,
        url: model.source.url,
        members: model.scopes.map((s) => ({
          value: s.name,
          description: [
            safeComment(s.description),
            ...s.footnotes.map((id) => {
              const f = footnote.get(id);
              return f ? `Footnote ${id}: ${safeComment(f.text)} (${formatPosition(f.position)})` : '';
            }),
          ]
            .filter((t) => t !== '')
            .join(' '),
          position: s.position,
        })),
      },
      ctx.options,
      ctx.report,
    );

    statements.push({
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'TokenType',
      docs: [{ description: 'The kinds of GitLab access token the page distinguishes: personal, group and project access tokens.' }],
      type: TOKEN_TYPES.map(stringLiteral).join(' | '),
    });
    statements.push({
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: 'Every `TokenType`.' }],
      declarations: [{ name: 'tokenTypes', type: 'readonly TokenType[]', initializer: `Object.freeze([${TOKEN_TYPES.map(stringLiteral).join(', ')}] as const)` }],
    });
    statements.push({
      kind: StructureKind.Function,
      isExported: true,
      name: 'isTokenType',
      docs: [{ description: 'True when `value` is a `TokenType` (exact, case-sensitive).' }],
      parameters: [{ name: 'value', type: 'unknown' }],
      returnType: 'value is TokenType',
      statements: [`return typeof value === 'string' && (tokenTypes as readonly string[]).includes(value);`],
    });

    statements.push({
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: 'The token types that may hold each scope (the page\'s "Token availability" column).' }],
      declarations: [
        {
          name: 'tokenScopeAvailability',
          type: `Readonly<Record<${SCOPE}, readonly TokenType[]>>`,
          initializer: (w) => {
            w.write(RECORD_OPEN).newLine();
            w.indent(() => {
              for (const s of model.scopes) {
                const basis = s.availabilityBasis;
                const said = basis
                  ? `The page's token type, from ${basis.from === 'manifest' ? 'the manifest' : 'the page title'}: ${basis.text} (${formatPosition(basis.position)}).`
                  : s.availabilityText;
                w.writeLine(`/** ${safeComment(said)} @see ${safeComment(formatPosition(s.position))} */`);
                w.writeLine(`[${ref(s.name)}]: Object.freeze([${s.availability.map(stringLiteral).join(', ')}] as const),`);
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
          name: 'scopesByTokenType',
          type: `Readonly<Record<TokenType, readonly ${SCOPE}[]>>`,
          initializer: (w) => {
            w.write(RECORD_OPEN).newLine();
            w.indent(() => {
              for (const t of TOKEN_TYPES) {
                const scopes = model.scopes.filter((s) => s.availability.includes(t));
                w.writeLine(`${t}: Object.freeze([${scopes.map((s) => ref(s.name)).join(', ')}]),`);
              }
            });
            w.write('})');
          },
        },
      ],
    });
    statements.push({
      kind: StructureKind.Function,
      isExported: true,
      name: 'isScopeAvailableFor',
      docs: [{ description: 'True when a token of `tokenType` may hold `scope`. False for any scope or token type the page does not list (exact, case-sensitive).' }],
      parameters: [
        { name: 'scope', type: 'string' },
        { name: 'tokenType', type: 'string' },
      ],
      returnType: 'boolean',
      statements: [
        `if (!isTokenScope(scope) || !isTokenType(tokenType)) return false;`,
        `return tokenScopeAvailability[scope].includes(tokenType);`,
      ],
    });
    statements.push({
      kind: StructureKind.Function,
      isExported: true,
      name: 'scopesFor',
      docs: [{ description: 'The scopes a token of `tokenType` may hold, in the page\'s order; empty for a token type the page does not list.' }],
      parameters: [{ name: 'tokenType', type: 'TokenType' }],
      returnType: `readonly ${SCOPE}[]`,
      statements: [`return isTokenType(tokenType) ? scopesByTokenType[tokenType] : Object.freeze([]);`],
    });

    ctx.project.createSourceFile('/generated/gitlab/token-scopes.ts', { leadingTrivia: `${codeHeader([model.source])}\n\n`, statements }, { overwrite: true });
  },
};
