/**
 * Buildkite GraphQL enum pages: an h1 naming the enum, a lead paragraph, and a one-column table
 * headed `ENUM Values` whose rows hold `<strong><code>VALUE</code></strong>`, optionally followed
 * by a description paragraph.
 */
import type { Extractor } from './extractor.ts';
import type { BuildkiteEnumModel, BuildkiteEnumValue } from '../model/catalog.ts';
import { hasHeader, type Block, type HeadingBlock, type PageDocument, type TableBlock } from '../read/document.ts';
import { formatPosition } from '../model/position.ts';
import { fitRowToHeader } from './row-cells.ts';

const HEADER = ['ENUM Values'] as const;
/** GraphQL spec, Names: the enum's name becomes a TypeScript identifier and a module name. */
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

function isEnumTable(block: Block): block is TableBlock {
  return hasHeader(block, HEADER);
}

export const buildkiteEnumExtractor: Extractor<BuildkiteEnumModel> = {
  kind: 'buildkite-enum',
  description: 'A Buildkite GraphQL enum: its name (h1), description (lead paragraph) and values in page order.',
  headers: [HEADER],
  recognizes(doc) {
    return doc.blocks.some(isEnumTable);
  },
  extract(doc, ctx) {
    const { report } = ctx;
    const tableIndex = doc.blocks.findIndex(isEnumTable);
    const table = doc.blocks[tableIndex] as TableBlock;
    const { heading, description } = nameAndLead(doc, tableIndex);
    let name = '';
    if (!heading) {
      report.error('enum-name-missing', 'The page has no h1 naming the enum before its `ENUM Values` table.', table.position, 'Buildkite enum pages start with `<h1>EnumName …</h1>`; check that the page is an enum page.');
    } else if (!GRAPHQL_NAME.test(heading.text)) {
      report.error('enum-name', `Enum name \`${heading.text}\` (from the h1) is not a GraphQL name.`, heading.position, 'The h1 should hold only the enum name and its `ENUM` pill.');
    } else name = heading.text;

    const values: BuildkiteEnumValue[] = [];
    const seen = new Map<string, BuildkiteEnumValue>();
    const tables = doc.blocks.filter(isEnumTable);
    for (const t of tables) {
      if (t.rows.length === 0) report.error('table-empty', 'The `ENUM Values` table has no rows.', t.position, 'The page lost its values; check the upstream page before regenerating.');
      for (const row of t.rows) {
        const cells = fitRowToHeader(row, HEADER, {
          report,
          table: 'the `ENUM Values` table',
          cellCountHint: 'Each row holds one cell: `<strong><code>VALUE</code></strong>` and an optional description paragraph.',
        });
        if (!cells) continue;
        const cell = cells[0]!;
        // The value is the code span inside <strong>; a description may add code spans of its own after it.
        const strongCode = cell.code.findIndex((c) => cell.strong[0] === c);
        const index = strongCode >= 0 ? strongCode : 0;
        const valueName = cell.code[index];
        if (valueName === undefined || valueName === '') {
          report.error('enum-value-missing', `Row has no value: \`${cell.text.slice(0, 60)}\`.`, cell.position, 'Each row starts with the value as `<strong><code>VALUE</code></strong>`.');
          continue;
        }
        const value: BuildkiteEnumValue = {
          name: valueName,
          description: cell.text.startsWith(valueName) ? cell.text.slice(valueName.length).trim() : '',
          position: cell.codePositions[index] ?? cell.position,
        };
        const first = seen.get(valueName);
        if (first) {
          report.error('enum-value-duplicate', `Enum value \`${valueName}\` is listed twice (first at ${formatPosition(first.position)}).`, value.position, 'Each value may be listed once; check the upstream page.');
          continue;
        }
        seen.set(valueName, value);
        values.push(value);
      }
    }
    return { kind: 'buildkite-enum', source: ctx.source, name, description, values };
  },
};

/** The last h1 before the table names the enum; the first paragraph between them is its description. */
function nameAndLead(doc: PageDocument, tableIndex: number): { heading: HeadingBlock | undefined; description: string } {
  let headingIndex = -1;
  for (let i = 0; i < tableIndex; i++) if (doc.blocks[i]!.type === 'heading' && (doc.blocks[i] as HeadingBlock).depth === 1) headingIndex = i;
  if (headingIndex < 0) return { heading: undefined, description: '' };
  const lead = doc.blocks.slice(headingIndex + 1, tableIndex).find((b) => b.type === 'paragraph');
  return { heading: doc.blocks[headingIndex] as HeadingBlock, description: lead?.type === 'paragraph' ? lead.text : '' };
}
