/**
 * GitLab "Access token scopes": the table `Scope | Token availability | Description` and the
 * numbered footnotes its rows refer to. In the flattened (localized, HTML-to-text) page each row is
 * one line with its cells run together (`read_apiPersonal, group, projectGrants read access …`): the
 * scope is the leading lower-case snake identifier, then a comma-separated list of token types
 * (matched case-insensitively), then the description; a trailing ` 1` is a footnote marker.
 */
import type { Extractor, ExtractContext } from './extractor.ts';
import type { GitlabFootnote, GitlabTokenScope, GitlabTokenScopesModel, TokenType } from '../model/catalog.ts';
import { hasHeader, type Block, type Cell, type PageDocument, type TableBlock, type TableRow } from '../read/document.ts';
import { formatPosition, type SourcePosition } from '../model/position.ts';

const HEADER = ['Scope', 'Token availability', 'Description'] as const;
const TOKEN_TYPES: readonly TokenType[] = ['personal', 'group', 'project'];
const SCOPE_RUN = /^[a-z][a-z0-9_]*/;
const SCOPE_NAME = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
/** Footnote markers end the description, after a sentence: `… package registry. 1` (or `。1`). */
const MARKERS = /(?:(?<=[.!?)])\s+|(?<=。)\s*)(\d{1,2}(?:[\s,]+\d{1,2})*)$/u;
const FOOTNOTES_TITLE = /^Footnotes?:?$/i;

function isScopeTable(block: Block): block is TableBlock {
  return hasHeader(block, HEADER);
}

export const gitlabScopeExtractor: Extractor<GitlabTokenScopesModel> = {
  kind: 'gitlab-token-scopes',
  description: 'GitLab access token scopes: which token types (personal, group, project) may hold each scope, with footnotes.',
  headers: [HEADER],
  recognizes(doc) {
    return doc.blocks.some(isScopeTable);
  },
  extract(doc, ctx) {
    const footnotes = readFootnotes(doc);
    const scopes: GitlabTokenScope[] = [];
    const seen = new Map<string, GitlabTokenScope>();
    const used = new Set<number>();
    for (const table of doc.blocks.filter(isScopeTable)) {
      if (table.rows.length === 0) ctx.report.error('table-empty', 'The token scope table has no rows.', table.position, 'The page lost its rows; check the upstream page before regenerating.');
      for (const row of table.rows) {
        const scope = table.flattened ? splitFlattenedRow(row, ctx) : readCells(row, ctx);
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

function splitFlattenedRow(row: TableRow, ctx: ExtractContext): ReadScope | undefined {
  const cell = row.cells[0]!;
  const text = cell.text;
  const at = (offset: number): SourcePosition => ({ ...cell.position, column: cell.position.column + offset });
  const run = SCOPE_RUN.exec(text)?.[0] ?? '';
  let unknown: { word: string; offset: number } | undefined;
  // The scope's last letters may spell a token type in lower case (`read_apipersonal, …`): try the
  // longest scope first, then shorter ones, until a list of token types follows.
  for (let cut = run.length; cut > 0; cut--) {
    const name = text.slice(0, cut);
    if (!SCOPE_NAME.test(name)) continue;
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
    model: { name, availabilityText: availabilityText.trim(), availability, description, footnotes: markers.map((k) => k.id), position: scopeAt },
    markers,
  };
}

/** A table with real cells (the English Markdown page): the same checks, no splitting. */
function readCells(row: TableRow, ctx: ExtractContext): ReadScope | undefined {
  if (row.cells.length !== HEADER.length) {
    ctx.report.error('table-cell-count', `Row has ${row.cells.length} cells; the token scope table has ${HEADER.length} (${HEADER.join(' | ')}).`, row.position, 'A `|` inside a cell must be escaped as `\\|`.');
    return undefined;
  }
  const [scopeCell, availabilityCell, descriptionCell] = row.cells as [Cell, Cell, Cell];
  const name = scopeCell.code[0] ?? scopeCell.text;
  if (!SCOPE_NAME.test(name)) {
    ctx.report.error('table-row-split', `Scope \`${name}\` is not a lower-case snake identifier.`, scopeCell.position, 'Scopes look like `read_api`.');
    return undefined;
  }
  const list = parseAvailability(availabilityCell.text, 0);
  if ('unknown' in list || list.types.length === 0 || list.end !== availabilityCell.text.length) {
    const word = 'unknown' in list ? list.unknown.word : availabilityCell.text;
    ctx.report.error('token-type-unknown', `Unknown token type \`${word}\` in the row of \`${name}\`.`, availabilityCell.position, `Token availability lists ${TOKEN_TYPES.join(', ')}; a new token type needs a review before it is added.`);
    return undefined;
  }
  const descriptionAt = (offset: number): SourcePosition => ({ ...descriptionCell.position, column: descriptionCell.position.column + offset });
  return finish(name, availabilityCell.text, list.types, descriptionCell.text, row.position, descriptionAt, ctx);
}
