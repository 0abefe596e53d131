/**
 * GitLab "Fine-grained permissions for Git and other operations": under each `## <Section>`
 * heading, hand-written tables `Operation | Resource | Permission | Access` (or `Feed | …` for RSS
 * and calendar feeds), optional footnotes (`**Footnotes**:` then a numbered list, cited in a cell
 * as `<sup>1</sup>`), and `> [!note]` callouts that belong to their section. The paragraphs between a
 * heading and its section's first table are the section's leads (how the token is used there).
 *
 * The permission id is the GraphQL page's: `snake(action)_snake(resource)` (`Download` + `Code` →
 * `download_code`), so every GitLab page names one vocabulary (see model/gitlab-permission-vocabulary.ts).
 * An operation's id is `<section anchor>:<kebab of the first cell>` (`git-operations:push-to-a-project-repository`):
 * the anchor is the one docs.gitlab.com gives the heading, so an id is also a link into the page.
 *
 * Every problem is an error that drops the row (an unknown operation is then denied) or, for a
 * footnote nobody cites, a warning. Nothing is guessed.
 */
import { fitRowToHeader } from './row-cells.ts';
import type { Extractor, ExtractContext } from './extractor.ts';
import type { Boundary, GitlabFootnote, GitlabOperation, GitlabOperationPermissionsModel, GitlabOperationSection, GitlabOperationTable } from '../model/catalog.ts';
import type { SourcePosition } from '../model/position.ts';
import type { Block, PageDocument, TableBlock, TableRow } from '../read/document.ts';
import { limits } from '../config/limits.ts';
import { BOUNDARIES, DERIVABLE_TITLE, permissionId } from './graphql-permission-table.ts';
import { refusesNoPermission } from './action-none.ts';

const SUBJECTS = ['Operation', 'Feed'] as const;
const HEADERS = SUBJECTS.map((subject) => [subject, 'Resource', 'Permission', 'Access'] as const);
/** The page's permissions are single verbs: `Read`, `Download`, `Push`. */
const ACTION = /^[A-Z][a-z]+$/;
const MARKER = /<sup>\s*(\d+)\s*<\/sup>/g;
/** `**Footnotes**:` reads as `Footnotes:`. */
const FOOTNOTES_LEAD = /^Footnotes\s*:?$/;

function operationTable(block: Block): block is TableBlock {
  return (
    block.type === 'table' &&
    block.header.length === 4 &&
    HEADERS.some((h) => h.every((text, i) => block.header[i]!.text === text))
  );
}

/**
 * The anchor docs.gitlab.com (Hugo, GitLab's Markdown) gives a heading: lower case, punctuation
 * dropped, white space to `-`. `RSS and calendar feeds` → `rss-and-calendar-feeds`. Also used to
 * turn an operation's name into the second half of its id.
 */
export function anchorOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[^a-z0-9 _-]/g, '')
    .trim()
    .replace(/\s+/g, '-');
}

export const gitlabOperationExtractor: Extractor<GitlabOperationPermissionsModel> = {
  kind: 'gitlab-operation-permissions',
  description: 'GitLab fine-grained personal access token permissions for Git over HTTPS, registries, archives, feeds and other non-API operations.',
  headers: HEADERS,
  recognizes(doc) {
    return doc.blocks.some(operationTable);
  },
  extract(doc, ctx) {
    return new Walk(doc, ctx).run();
  },
};

interface PendingRow {
  operation: GitlabOperation;
  numbers: number[];
}

class Walk {
  private readonly sections: GitlabOperationSection[] = [];
  private section: GitlabOperationSection | undefined;
  /** Whether the current section has had a table (read or not): paragraphs before it are its leads. */
  private sectionHasTable = false;
  /** The last table of the current section and its rows that cite footnotes, until the footnotes are read. */
  private pending: { table: GitlabOperationTable; rows: PendingRow[] } | undefined;
  private readonly ids = new Map<string, SourcePosition>();

  constructor(
    private readonly doc: PageDocument,
    private readonly ctx: ExtractContext,
  ) {}

  run(): GitlabOperationPermissionsModel {
    const { blocks } = this.doc;
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      if (block.type === 'heading') {
        this.closeTable();
        this.section = { title: block.text, anchor: anchorOf(block.text), position: block.position, notes: [], tables: [] };
        this.sectionHasTable = false;
        this.sections.push(this.section);
      } else if (block.type === 'blockquote') {
        // A quote before the first heading is the page's introduction, not a note of any section.
        this.section?.notes.push({ ...(block.callout ? { callout: block.callout } : {}), text: block.text, position: block.position });
      } else if (operationTable(block)) {
        this.closeTable();
        this.sectionHasTable = true;
        this.readTable(block);
      } else if (block.type === 'paragraph' && FOOTNOTES_LEAD.test(block.text)) {
        const list = blocks[i + 1];
        if (list?.type === 'list' && list.ordered) {
          this.readFootnotes(block.position, list.items);
          i++;
        } else {
          this.ctx.report.error('gitlab-operation-footnotes-list', '`Footnotes:` is not followed by a numbered list; the rows citing footnotes are not read.', block.position, 'GitLab writes footnotes as `**Footnotes**:` then `1. …` items, one per `<sup>N</sup>`.');
        }
      } else if (block.type === 'paragraph' && this.section && !this.sectionHasTable) {
        // A paragraph before the first heading is the page's introduction, not a lead of any section.
        (this.section.leads ??= []).push({ text: block.text, position: block.position });
      }
    }
    this.closeTable();
    return {
      kind: 'gitlab-operation-permissions',
      source: this.ctx.source,
      // `leads` goes before `notes` in catalog.json, in page order, as the type declares it.
      sections: this.sections
        .filter((s) => s.tables.length > 0 || s.notes.length > 0)
        .map(({ title, anchor, position, leads, notes, tables }) => ({ title, anchor, position, ...(leads ? { leads } : {}), notes, tables })),
    };
  }

  private readTable(block: TableBlock): void {
    const { report } = this.ctx;
    const subject = block.header[0]!.text as GitlabOperationTable['subject'];
    const header = block.header.map((c) => c.text);
    if (!this.section) {
      report.error(
        'gitlab-operation-table-outside-section',
        `This \`${subject} | Resource | Permission | Access\` table comes before any heading; its ${block.rows.length} row(s) belong to no section and are not read.`,
        block.position,
        'Every table sits under a `## <Section>` heading, which names the operations and gives their ids; check the upstream page.',
      );
      return;
    }
    if (block.rows.length === 0) {
      report.error('table-empty', 'The permission table has no rows.', block.position, 'The page lost its rows; check the upstream page before regenerating.');
      return;
    }
    const maxRows = (this.ctx.limits ?? limits).tableRows;
    if (block.rows.length > maxRows) {
      report.error('limit-table-rows', `The table has ${block.rows.length} rows; the limit is ${maxRows}.`, block.position, 'A permission table this large is almost certainly not the page meant; check the file.');
      return;
    }
    const table: GitlabOperationTable = { subject, position: block.position, operations: [], footnotes: [] };
    this.section.tables.push(table);
    this.pending = { table, rows: [] };
    for (const row of block.rows) {
      const read = this.readRow(row, this.section, header);
      if (!read) continue;
      table.operations.push(read.operation);
      if (read.numbers.length > 0) this.pending.rows.push(read);
    }
  }

  private readRow(row: TableRow, section: GitlabOperationSection, header: readonly string[]): PendingRow | undefined {
    const { report } = this.ctx;
    const cells = fitRowToHeader(row, header, { report, table: 'the table', cellCountHint: 'A `|` inside a cell must be escaped as `\\|`; a missing cell must be left empty (`| |`).' });
    if (!cells) return undefined;
    const numbers: number[] = [];
    const [name, resource, action, access] = cells.map((cell) => {
      for (const m of cell.text.matchAll(MARKER)) if (!numbers.includes(Number(m[1]))) numbers.push(Number(m[1]));
      return { value: cell.text.replace(MARKER, '').replace(/\s+/g, ' ').trim(), raw: cell.text, at: cell.position };
    }) as [Cell, Cell, Cell, Cell];
    let ok = true;
    if (name.value === '') {
      report.error('gitlab-operation-name-empty', 'The operation cell is empty; the row has no id and is not read.', name.at, 'Each row names the operation it controls.');
      ok = false;
    }
    if (!DERIVABLE_TITLE.test(resource.value)) {
      report.error('gitlab-operation-resource', `Resource \`${resource.value}\` is not words of letters and digits; no permission id can be derived from it.`, resource.at, 'A resource like `Container Repository` gives `read_container_repository`; check the upstream page.');
      ok = false;
    }
    if (!ACTION.test(action.value)) {
      report.error('gitlab-operation-permission', `Permission \`${action.value}\` is not a capitalised verb.`, action.at, 'Permissions are single words like `Read`, `Download`, `Push`.');
      ok = false;
    } else if (refusesNoPermission(report, 'Permission', action)) ok = false;
    const boundaries: Boundary[] = [];
    const parts = access.value.split(',').map((p) => p.trim());
    for (const part of parts) {
      const boundary = Object.hasOwn(BOUNDARIES, part) ? BOUNDARIES[part] : undefined;
      if (!boundary) {
        report.error('gitlab-operation-boundary-unknown', `Unknown access boundary \`${part}\` in \`${access.raw}\`; the row is not read.`, access.at, `Access lists boundaries separated by commas: ${Object.keys(BOUNDARIES).join(', ')}.`);
        ok = false;
      } else if (!boundaries.includes(boundary)) boundaries.push(boundary);
    }
    if (!ok) return undefined;
    const id = `${section.anchor}:${anchorOf(name.value)}`;
    const first = this.ids.get(id);
    if (first) {
      report.error('gitlab-operation-id-duplicate', `Operation id \`${id}\` is already the id of the row at line ${first.line}; this row is not read.`, row.position, 'Two rows of one section name the same operation; check the upstream page.');
      return undefined;
    }
    this.ids.set(id, row.position);
    const operation: GitlabOperation = {
      id,
      name: name.value,
      resource: resource.value,
      action: action.value,
      permission: permissionId(action.value, resource.value),
      access: access.raw,
      boundaries,
      footnotes: [],
      position: row.position,
    };
    return { operation, numbers };
  }

  /** GitLab numbers every item `1.`: footnote N is the N-th item. */
  private readFootnotes(at: SourcePosition, items: readonly { text: string; position: SourcePosition }[]): void {
    if (!this.pending) {
      this.ctx.report.warn('gitlab-operation-footnotes-orphan', 'These footnotes follow no table of their section; they are not attached to anything.', at, 'Footnotes come right after the table whose cells cite them; check the upstream page.');
      return;
    }
    this.pending.table.footnotes.push(...items.map((item, i) => ({ id: i + 1, text: item.text, position: item.position })));
  }

  /** Attach the footnotes to the rows citing them; a row citing a missing footnote is dropped. */
  private closeTable(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    const { table } = pending;
    const byId = new Map(table.footnotes.map((f) => [f.id, f]));
    for (const { operation, numbers } of pending.rows) {
      const missing = numbers.filter((n) => !byId.has(n));
      if (missing.length > 0) {
        this.ctx.report.error(
          'gitlab-operation-footnote-undefined',
          `Row \`${operation.name}\` cites footnote ${missing.join(', ')}, which is not in the \`Footnotes:\` list after its table; the row is not read.`,
          operation.position,
          'A footnote qualifies the row (which boundary applies to what); without it the row cannot be trusted.',
        );
        table.operations.splice(table.operations.indexOf(operation), 1);
        this.ids.delete(operation.id);
        continue;
      }
      operation.footnotes = numbers.map((n) => byId.get(n)!);
    }
    const cited = new Set(pending.rows.flatMap((r) => r.numbers));
    for (const f of table.footnotes) {
      if (!cited.has(f.id)) this.ctx.report.warn('gitlab-operation-footnote-unused', `Footnote ${f.id} is cited by no row of the table above it.`, f.position, 'A footnote marker (`<sup>N</sup>`) may have been lost from a row; check the upstream page.');
    }
  }
}

interface Cell {
  value: string;
  raw: string;
  at: SourcePosition;
}
