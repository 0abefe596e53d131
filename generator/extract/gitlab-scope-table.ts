/**
 * GitLab token scope tables, in every layout GitLab has published: a table whose first column is
 * `Scope` and whose rows name scopes in code spans.
 *
 * - `Scope | Token availability | Description` (today's "Access token scopes" page), with numbered
 *   footnotes its rows refer to. In the flattened (localized, HTML-to-text) page each row is one
 *   line with its cells run together (`read_apiPersonal, group, projectGrants read access …`): the
 *   scope is the leading lower-case snake identifier, then a comma-separated list of token types
 *   (matched case-insensitively), then the description; a trailing ` 1` is a footnote marker.
 * - `Scope | Access` (the older "Personal access tokens" page) and `Scope | Description` (the older
 *   "Project access tokens" page): no availability column. Such a page is about one token type,
 *   which the manifest (`tokenType`) or the page title states; when neither does, nothing is guessed.
 *
 * Header cells are compared trimmed, so padding (`| Scope              |  Description |`) is no layout.
 */
import type { Extractor, ExtractContext } from './extractor.ts';
import type { GitlabFootnote, GitlabTokenScope, GitlabTokenScopesModel, TokenType } from '../model/catalog.ts';
import { hasHeader, type Block, type Cell, type PageDocument, type TableBlock, type TableRow } from '../read/document.ts';
import { formatPosition, type SourcePosition } from '../model/position.ts';
import { fitRowToHeader } from './row-cells.ts';

const SCOPE = 'Scope';
const AVAILABILITY = 'Token availability';
/** Every layout read, in the order GitLab's pages use them today and before. */
const LAYOUTS: readonly (readonly string[])[] = [
  [SCOPE, AVAILABILITY, 'Description'],
  [SCOPE, 'Access'],
  [SCOPE, 'Description'],
];
const TOKEN_TYPES: readonly TokenType[] = ['personal', 'group', 'project'];
const SCOPE_RUN = /^[a-z][a-z0-9_]*/;
const SCOPE_NAME = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
/** Footnote markers end the description, after a sentence: `… package registry. 1` (or `。1`). */
const MARKERS = /(?:(?<=[.!?)])\s+|(?<=。)\s*)(\d{1,2}(?:[\s,]+\d{1,2})*)$/u;
const FOOTNOTES_TITLE = /^Footnotes?:?$/i;
/** `Personal access tokens **(FREE ALL)**`, `Project access tokens (Alpha)`: the token type a page is about. */
const TITLE_TOKEN_TYPE = /^(?<type>personal|project|group) access tokens?\b/i;

/** A table of scopes: first column `Scope`, scope names in code spans (or a known header, for flattened and empty tables). */
function isScopeTable(block: Block): block is TableBlock {
  if (block.type !== 'table' || block.header[0]?.text !== SCOPE) return false;
  // A flattened table exists only for a header some extractor knows; its cells have no code spans.
  const known = (layout: readonly string[]): boolean => hasHeader(block, layout);
  if (block.flattened || known(LAYOUTS[0]!)) return LAYOUTS.some(known);
  return block.rows.some((r) => (r.cells[0]?.code.length ?? 0) > 0);
}

const headerText = (table: TableBlock): string => `| ${table.header.map((c) => c.text).join(' | ')} |`;

export const gitlabScopeExtractor: Extractor<GitlabTokenScopesModel> = {
  kind: 'gitlab-token-scopes',
  description: 'GitLab access token scopes: which token types (personal, group, project) may hold each scope, with footnotes; older pages about one token type too.',
  headers: LAYOUTS,
  recognizes(doc) {
    return doc.blocks.some(isScopeTable);
  },
  flattenedRow: splitsAsScopeRow,
  extract(doc, ctx) {
    const footnotes = readFootnotes(doc);
    const scopes: GitlabTokenScope[] = [];
    const seen = new Map<string, GitlabTokenScope>();
    const used = new Set<number>();
    let pageType: PageTokenType | null | undefined;
    for (const table of doc.blocks.filter(isScopeTable)) {
      const layout = LAYOUTS.find((l) => hasHeader(table, l));
      if (!layout) {
        ctx.report.error(
          'scope-table-columns',
          `The token scope table has the columns ${headerText(table)}; permgen reads ${LAYOUTS.map((l) => `| ${l.join(' | ')} |`).join(', ')}.`,
          table.position,
          'A new column may change what a scope means (a column saying which tokens may hold it, for one); it needs a review before it is read.',
        );
        continue;
      }
      if (table.rows.length === 0) ctx.report.error('table-empty', 'The token scope table has no rows.', table.position, 'The page lost its rows; check the upstream page before regenerating.');
      let page: PageTokenType | undefined;
      if (!layout.includes(AVAILABILITY)) {
        if (pageType === undefined) pageType = pageTokenType(doc, table, ctx) ?? null;
        if (pageType === null) continue;
        page = pageType;
      }
      for (const row of table.rows) {
        const scope = table.flattened ? splitFlattenedRow(row, page, ctx) : readCells(row, layout, page, ctx);
        if (!scope) continue;
        for (const marker of scope.markers) {
          if (footnotes.some((f) => f.id === marker.id)) used.add(marker.id);
          else {
            ctx.report.error('footnote-unresolved', `Scope \`${scope.model.name}\` refers to footnote ${marker.id}, which the page does not have.`, marker.position, `The footnotes follow a \`Footnotes:\` line as \`1. …\`; the page has ${footnotes.length === 0 ? 'none' : footnotes.map((f) => f.id).join(', ')}.`);
          }
        }
        const first = seen.get(scope.model.name);
        if (first) {
          ctx.report.error('scope-duplicate', `Scope \`${scope.model.name}\` is listed twice (first at ${formatPosition(first.position)}).`, scope.model.position, 'Each scope may be listed once; check the upstream page.');
          continue;
        }
        seen.set(scope.model.name, scope.model);
        scopes.push(scope.model);
      }
    }
    for (const f of footnotes) {
      if (!used.has(f.id)) ctx.report.warn('footnote-unused', `Footnote ${f.id} is not referred to by any scope.`, f.position, 'A row may have lost its marker; check which scope the footnote is about.');
    }
    return { kind: 'gitlab-token-scopes', source: ctx.source, scopes, footnotes };
  },
};

/** The one token type a page without an availability column is about, and where that was read. */
interface PageTokenType {
  type: TokenType;
  basis: NonNullable<GitlabTokenScope['availabilityBasis']>;
}

/** The page's title: front matter `title`, else its first h1. */
function pageTitle(doc: PageDocument): { text: string; position: SourcePosition } | undefined {
  const front = doc.frontmatter.title;
  if (typeof front === 'string' && front.trim() !== '') return { text: front.trim(), position: { file: doc.file, line: 1, column: 1 } };
  const h1 = doc.blocks.find((b) => b.type === 'heading' && b.depth === 1);
  return h1?.type === 'heading' ? { text: h1.text, position: h1.position } : undefined;
}

/** The manifest's `tokenType`, else the title's; both must agree; neither is an error, never a default. */
function pageTokenType(doc: PageDocument, table: TableBlock, ctx: ExtractContext): PageTokenType | undefined {
  const title = pageTitle(doc);
  const fromTitle = title ? (TITLE_TOKEN_TYPE.exec(title.text)?.groups?.type?.toLowerCase() as TokenType | undefined) : undefined;
  const manifest = ctx.tokenType;
  if (manifest && fromTitle && manifest.type !== fromTitle) {
    ctx.report.error(
      'token-type-conflict',
      `The manifest says this page is about ${manifest.type} access tokens (\`tokenType\`), its title \`${title!.text}\` says ${fromTitle}.`,
      manifest.position,
      'Check which tokens the page is about and correct the manifest entry; the scopes are not read until both agree.',
    );
    return undefined;
  }
  if (manifest) return { type: manifest.type, basis: { from: 'manifest', text: `tokenType: "${manifest.type}"`, position: manifest.position } };
  if (fromTitle && title) return { type: fromTitle, basis: { from: 'page-title', text: title.text, position: title.position } };
  ctx.report.error(
    'token-type-missing',
    `The token scope table ${headerText(table)} does not say which token types its scopes are available to, and neither the manifest (no \`tokenType\`) nor the page title (${title ? `\`${title.text}\`` : 'none'}) names one.`,
    table.position,
    `Add \`"tokenType": "personal"\` (or ${TOKEN_TYPES.filter((t) => t !== 'personal').join(', ')}) to the page's entry in sources/sources.json, after checking which tokens the page is about.`,
  );
  return undefined;
}

interface ReadScope {
  model: GitlabTokenScope;
  markers: { id: number; position: SourcePosition }[];
}

/** `Footnotes:` then a numbered list; the reader guarantees the list is numbered 1, 2, … */
function readFootnotes(doc: PageDocument): GitlabFootnote[] {
  const title = doc.blocks.findIndex((b) => b.type === 'paragraph' && FOOTNOTES_TITLE.test(b.text));
  const list = title >= 0 ? doc.blocks[title + 1] : undefined;
  if (!list || list.type !== 'list' || !list.ordered) return [];
  return list.items.map((item, i) => ({ id: i + 1, text: item.text, position: item.position }));
}

/**
 * Whether a line would be read as a row of a flattened scope table with `header`: a scope then token
 * types then a description (`k8s_proxyPersonal, group, projectGrants …`), or, without an availability
 * column, a scope of at least 3 characters and a description starting with a letter that is not
 * lower-case (`read_apiGrants …`, `read_api読み取り…`). The same splits as `splitFlattenedRow`, without
 * reporting: the flattened reader asks it of the lines after a table's end.
 */
function splitsAsScopeRow(line: string, header: readonly string[]): boolean {
  const run = SCOPE_RUN.exec(line)?.[0] ?? '';
  if (!header.includes(AVAILABILITY)) return run.length >= 3 && SCOPE_NAME.test(run) && /^[\p{Lu}\p{Lo}]/u.test(line.slice(run.length));
  for (const cut of scopeNameCuts(run)) {
    const list = parseAvailability(line, cut);
    if (!('unknown' in list) && list.types.length > 0 && line.slice(list.end).trim() !== '') return true;
  }
  return false;
}

/**
 * The lengths at which a prefix of `run` (a `SCOPE_RUN` match: `[a-z][a-z0-9_]*`) is a scope name
 * (`SCOPE_NAME`), longest first. Such a prefix is one exactly when it does not end with `_` and holds
 * no `__`: checked in constant time per cut, so a long lower-case word costs linear time (a regular
 * expression over each prefix made it quadratic: 20,000 characters took 142 ms).
 */
export function* scopeNameCuts(run: string): Generator<number> {
  const double = run.indexOf('__');
  for (let cut = run.length; cut > 0; cut--) if (run.charCodeAt(cut - 1) !== 0x5f && (double < 0 || double + 2 > cut)) yield cut;
}

function splitFlattenedRow(row: TableRow, page: PageTokenType | undefined, ctx: ExtractContext): ReadScope | undefined {
  const cell = row.cells[0]!;
  const text = cell.text;
  const at = (offset: number): SourcePosition => ({ ...cell.position, column: cell.position.column + offset });
  const run = SCOPE_RUN.exec(text)?.[0] ?? '';
  if (page) {
    // `read_apiGrants read access …`: the scope runs until the description's first letter, which
    // must not be lower-case ASCII (it would have joined the scope) nor white space (cells run together).
    const rest = text.slice(run.length);
    if (SCOPE_NAME.test(run) && rest !== '' && !/^\s/.test(rest)) return finish(run, '', [page.type], rest, at(0), (o) => at(run.length + o), ctx, page);
    ctx.report.error(
      'table-row-split',
      `Cannot split the row \`${text.length > 60 ? `${text.slice(0, 60)}…` : text}\` into scope and description.`,
      cell.position,
      'A flattened row of a table without token availability is `<scope><Description>`, e.g. `read_apiGrants read access …`.',
    );
    return undefined;
  }
  let unknown: { word: string; offset: number } | undefined;
  // The scope's last letters may spell a token type in lower case (`read_apipersonal, …`): try the
  // longest scope first, then shorter ones, until a list of token types follows.
  for (const cut of scopeNameCuts(run)) {
    const name = text.slice(0, cut);
    const list = parseAvailability(text, cut);
    if ('unknown' in list) {
      unknown ??= list.unknown;
      continue;
    }
    if (list.types.length === 0) continue;
    return finish(name, text.slice(cut, list.end), list.types, text.slice(list.end), at(0), (o) => at(list.end + o), ctx);
  }
  // `read_fooInstance, group…`: a capitalised word then a comma is an unknown first token type.
  const first = /^[A-Z][a-z]*(?=\s*,)/.exec(text.slice(run.length));
  if (!unknown && run !== '' && first) unknown = { word: first[0], offset: run.length };
  if (unknown) {
    ctx.report.error('token-type-unknown', `Unknown token type \`${unknown.word}\` in the row of \`${text.slice(0, run.length) || text.slice(0, 30)}\`.`, at(unknown.offset), `Token availability lists ${TOKEN_TYPES.join(', ')}; a new token type needs a review before it is added.`);
    return undefined;
  }
  ctx.report.error(
    'table-row-split',
    `Cannot split the row \`${text.length > 60 ? `${text.slice(0, 60)}…` : text}\` into scope, token availability and description.`,
    cell.position,
    'A flattened row is `<scope><Token types, comma-separated><Description>`, e.g. `read_apiPersonal, group, projectGrants read access …`.',
  );
  return undefined;
}

/** Token types from `offset`: `Personal, group, project` then the description. */
function parseAvailability(text: string, offset: number): { types: TokenType[]; end: number } | { unknown: { word: string; offset: number } } {
  const types: TokenType[] = [];
  let pos = offset;
  for (;;) {
    const rest = text.slice(pos);
    const type = TOKEN_TYPES.find((t) => rest.slice(0, t.length).toLowerCase() === t && !/^[a-z]/.test(rest.slice(t.length)));
    if (!type) {
      if (types.length === 0) return { types, end: pos };
      // After a comma another token type must follow.
      const word = /^[A-Za-z][a-z]*/.exec(rest)?.[0] ?? rest.slice(0, 1);
      return { unknown: { word, offset: pos } };
    }
    if (!types.includes(type)) types.push(type);
    pos += type.length;
    const comma = /^\s*,\s*/.exec(text.slice(pos));
    if (!comma) return { types, end: pos };
    pos += comma[0].length;
  }
}

function finish(
  name: string,
  availabilityText: string,
  availability: TokenType[],
  rawDescription: string,
  scopeAt: SourcePosition,
  descriptionAt: (offset: number) => SourcePosition,
  ctx: ExtractContext,
  page?: PageTokenType,
): ReadScope | undefined {
  const markers: ReadScope['markers'] = [];
  let description = rawDescription;
  const m = MARKERS.exec(rawDescription);
  if (m) {
    description = rawDescription.slice(0, m.index);
    const base = m.index + (m[0].length - m[1]!.length);
    for (const n of m[1]!.matchAll(/\d+/g)) markers.push({ id: Number(n[0]), position: descriptionAt(base + n.index) });
  }
  description = description.trim();
  if (description === '') {
    ctx.report.error('table-row-split', `Scope \`${name}\` has no description.`, descriptionAt(0), 'The description follows the token types; check the upstream page.');
    return undefined;
  }
  return {
    model: { name, availabilityText: availabilityText.trim(), availability, description, footnotes: markers.map((k) => k.id), position: scopeAt, ...(page ? { availabilityBasis: page.basis } : {}) },
    markers,
  };
}

/** A table with real cells (the Markdown pages): the same checks, no splitting. */
function readCells(row: TableRow, layout: readonly string[], page: PageTokenType | undefined, ctx: ExtractContext): ReadScope | undefined {
  const cells = fitRowToHeader(row, layout, { report: ctx.report, table: 'the token scope table' });
  if (!cells) return undefined;
  const scopeCell = cells[0]!;
  const descriptionCell = cells[cells.length - 1]!;
  const name = scopeCell.code[0] ?? scopeCell.text;
  if (!SCOPE_NAME.test(name)) {
    ctx.report.error('table-row-split', `Scope \`${name}\` is not a lower-case snake identifier.`, scopeCell.position, 'Scopes look like `read_api`.');
    return undefined;
  }
  const descriptionAt = (offset: number): SourcePosition => ({ ...descriptionCell.position, column: descriptionCell.position.column + offset });
  const availabilityCell: Cell | undefined = cells[layout.indexOf(AVAILABILITY)];
  if (!availabilityCell) return finish(name, '', [page!.type], descriptionCell.text, row.position, descriptionAt, ctx, page);
  const list = parseAvailability(availabilityCell.text, 0);
  if ('unknown' in list || list.types.length === 0 || list.end !== availabilityCell.text.length) {
    const word = 'unknown' in list ? list.unknown.word : availabilityCell.text;
    ctx.report.error('token-type-unknown', `Unknown token type \`${word}\` in the row of \`${name}\`.`, availabilityCell.position, `Token availability lists ${TOKEN_TYPES.join(', ')}; a new token type needs a review before it is added.`);
    return undefined;
  }
  return finish(name, availabilityCell.text, list.types, descriptionCell.text, row.position, descriptionAt, ctx);
}
