/**
 * Forgejo "Access Token scope": a list stating what each level allows (`read`: `GET` routes,
 * `write`: `POST`, `PUT`, `PATCH`, and `DELETE` routes (in addition to `GET`)) and the table
 * `Name | Description`, where a bare name (`repository`) is a category with its API route prefixes
 * and `read:<category>` / `write:<category>` are the scopes. Only what the page states is kept:
 * a category whose description names no route prefix keeps `routes: []`.
 */
import type { Extractor, ExtractContext } from './extractor.ts';
import type { ForgejoCategory, ForgejoLevel, ForgejoLevelRule, ForgejoScope, ForgejoScopesModel, HttpMethod } from '../model/catalog.ts';
import { hasHeader, type Block, type Cell, type ListBlock, type TableBlock } from '../read/document.ts';
import { HTTP_METHODS } from '../model/http-methods.ts';
import { formatPosition, type SourcePosition } from '../model/position.ts';
import { fitRowToHeader } from './row-cells.ts';

const HEADER = ['Name', 'Description'] as const;
const NO_SCOPE = '(no scope)';
const LEVELS: readonly ForgejoLevel[] = ['read', 'write'];
const CATEGORY = /^[a-z][a-z0-9_-]*$/;
/** `read:repository`: a prefix, a colon, a category name. */
const SCOPE = /^(?<prefix>[^:\s]+):(?<category>.+)$/;
const ROUTES_MARKER = 'API routes';
const EXCEPT_MARKER = 'except';

function isScopeTable(block: Block): block is TableBlock {
  return hasHeader(block, HEADER);
}

export const forgejoScopeExtractor: Extractor<ForgejoScopesModel> = {
  kind: 'forgejo-scopes',
  description: 'Forgejo access token scopes: categories with their API route prefixes, read:/write: scopes, and what each level allows.',
  headers: [HEADER],
  recognizes(doc) {
    return doc.blocks.some(isScopeTable);
  },
  extract(doc, ctx) {
    const levels = readLevels(doc.blocks, doc.blocks.find(isScopeTable)!.position, ctx);
    const categories = new Map<string, ForgejoCategory>();
    const scopeRows: { scope: ForgejoScope; category: string }[] = [];
    let noScope: ForgejoScopesModel['noScope'] = null;
    const tables = doc.blocks.filter(isScopeTable);
    for (const table of tables) {
      if (table.rows.length === 0) ctx.report.error('table-empty', 'The scope table has no rows.', table.position, 'The page lost its rows; check the upstream page before regenerating.');
      for (const row of table.rows) {
        // Gitea's older page ends its `write:admin` row in an extra empty cell: read, with a warning.
        const cells = fitRowToHeader(row, HEADER, { report: ctx.report, table: 'the scope table' });
        if (!cells) continue;
        const [nameCell, descriptionCell] = cells as [Cell, Cell];
        const name = nameCell.strong[0] ?? nameCell.text;
        const description = descriptionCell.text;
        if (name === NO_SCOPE) {
          if (noScope) duplicate(ctx, name, noScope.position, nameCell.position);
          else noScope = { text: name, description, position: nameCell.position };
          continue;
        }
        const scope = SCOPE.exec(name)?.groups;
        if (scope) {
          const level = scope.prefix as ForgejoLevel;
          if (!LEVELS.includes(level)) {
            ctx.report.error('forgejo-scope-level', `Scope \`${name}\` has prefix \`${scope.prefix}:\`; Forgejo scopes start with \`read:\` or \`write:\`.`, nameCell.position, 'Check the upstream page: a new access level needs a review of the scope hierarchy before it is added.');
            continue;
          }
          scopeRows.push({ scope: { name, level, description, position: nameCell.position }, category: scope.category! });
          continue;
        }
        if (!CATEGORY.test(name)) {
          ctx.report.error('forgejo-name', `\`${name}\` is neither a category (\`repository\`), a scope (\`read:repository\`) nor \`${NO_SCOPE}\`.`, nameCell.position, 'The Name column holds a category, a `read:`/`write:` scope or `(no scope)`.');
          continue;
        }
        const first = categories.get(name);
        if (first) {
          duplicate(ctx, name, first.position, nameCell.position);
          continue;
        }
        categories.set(name, { name, description, ...routesOf(descriptionCell), position: nameCell.position, scopes: [] });
      }
    }

    // Scopes may be listed before their category row; attach them once every category is known.
    const seen = new Map<string, ForgejoScope>();
    for (const { scope, category } of scopeRows) {
      const first = seen.get(scope.name);
      if (first) {
        duplicate(ctx, scope.name, first.position, scope.position);
        continue;
      }
      seen.set(scope.name, scope);
      const owner = categories.get(category);
      if (!owner) {
        ctx.report.error('forgejo-scope-category', `Scope \`${scope.name}\` names category \`${category}\`, which has no row of its own.`, scope.position, `Each category has a row (\`| **${category}** | … API routes: … |\`) stating its routes; check the upstream page.`);
        continue;
      }
      owner.scopes.push(scope);
    }
    for (const category of categories.values()) {
      const missing = LEVELS.filter((l) => !category.scopes.some((s) => s.level === l));
      if (missing.length > 0) {
        ctx.report.error('forgejo-category-incomplete', `Category \`${category.name}\` has no ${missing.map((l) => `\`${l}:${category.name}\``).join(' or ')} scope.`, category.position, 'Every category has a read and a write scope; check the upstream page.');
      }
    }
    return { kind: 'forgejo-scopes', source: ctx.source, levels, noScope, categories: [...categories.values()] };
  },
};

function duplicate(ctx: ExtractContext, name: string, first: SourcePosition, at: SourcePosition): void {
  ctx.report.error('forgejo-duplicate', `\`${name}\` is listed twice (first at ${formatPosition(first)}).`, at, 'Each category and scope may be listed once; check the upstream page.');
}

/**
 * The list item per level: `read`: `GET` routes. Its first code span names the level, the others
 * the HTTP methods it allows, in the page's order (the write item's `(in addition to GET)` adds GET).
 */
function readLevels(blocks: readonly Block[], tableAt: SourcePosition, ctx: ExtractContext): ForgejoLevelRule[] {
  const rules: ForgejoLevelRule[] = [];
  const lists = blocks.filter((b): b is ListBlock => b.type === 'list');
  for (const list of lists) {
    for (const item of list.items) {
      const level = item.code[0] as ForgejoLevel | undefined;
      if (!level || !LEVELS.includes(level) || !item.text.startsWith(`${level}:`)) continue;
      if (rules.some((r) => r.level === level)) {
        ctx.report.error('forgejo-duplicate', `Level \`${level}\` is described twice.`, item.position, 'The page lists each level once; check the upstream page.');
        continue;
      }
      const methods: HttpMethod[] = [];
      for (const word of item.code.slice(1)) {
        if (!HTTP_METHODS.includes(word as HttpMethod)) {
          ctx.report.error('http-method-unknown', `Level \`${level}\` names \`${word}\`, which is not an HTTP method.`, item.position, `The level list names methods as inline code: ${HTTP_METHODS.join(', ')}.`);
        } else if (!methods.includes(word as HttpMethod)) methods.push(word as HttpMethod);
      }
      rules.push({ level, methods, text: item.text, position: item.position });
    }
  }
  for (const level of LEVELS) {
    if (!rules.some((r) => r.level === level)) {
      ctx.report.error('forgejo-level-missing', `The page does not say which HTTP methods \`${level}\` scopes allow (no list item \`${level}\`: …).`, tableAt, 'The level list decides the scope hierarchy; without it nothing can be derived. Check the upstream page.');
    }
  }
  return rules;
}

/**
 * Route prefixes are the inline code before `API routes` (`/repos/*` API routes except
 * `/repos/issues/*`: …); exclusions are the code spans after `except`, up to the first `:`.
 */
function routesOf(cell: Cell): { routes: string[]; except: string[] } {
  const routes: string[] = [];
  const except: string[] = [];
  const marker = cell.text.indexOf(ROUTES_MARKER);
  if (marker < 0) return { routes, except };
  const colon = cell.text.indexOf(':', marker);
  const exceptAt = cell.text.indexOf(` ${EXCEPT_MARKER} `, marker);
  const exceptEnd = colon < 0 ? cell.text.length : colon;
  let from = 0;
  for (const code of cell.code) {
    const index = cell.text.indexOf(code, from);
    if (index < 0) continue;
    from = index + code.length;
    if (index < marker) routes.push(code);
    else if (exceptAt >= 0 && index > exceptAt && index < exceptEnd) except.push(code);
  }
  return { routes, except };
}
