/**
 * The Git and other operations page, prepared for templates/docs/gitlab-operation-permissions.md.hbs:
 * each section's lead paragraphs, tables (each followed by its footnotes) and notes back in page order, the Access
 * cell split into text and `<sup>n</sup>` markers so the template escapes the text and writes only
 * the markers as HTML.
 */
import type { GitlabFootnote, GitlabOperation, GitlabOperationNote, GitlabOperationPermissionsModel, GitlabOperationTable } from '../../model/catalog.ts';
import { blockMarkdown } from '../handlebars.ts';

/** The extractor's footnote marker (generator/extract/gitlab-operation-table.ts). */
const MARKER = /<sup>(\s*(\d+)\s*)<\/sup>/g;

/** Both keys on every part and item: the templates compile in strict mode, where a missing key throws. */
type AccessPart = { text: string; marker: string };
type Item = { lead: { markdown: string } | null; table: ReturnType<typeof tableView> | null; note: ReturnType<typeof noteView> | null; line: number };

export function gitlabOperationPermissionsDocsView(m: GitlabOperationPermissionsModel) {
  return {
    sections: m.sections.map((s) => {
      const items: Item[] = [
        ...(s.leads ?? []).map((p) => ({ lead: { markdown: blockMarkdown(p.text) }, table: null, note: null, line: p.position.line })),
        ...s.tables.map((t) => ({ lead: null, table: tableView(t), note: null, line: t.position.line })),
        ...s.notes.map((n) => ({ lead: null, table: null, note: noteView(n), line: n.position.line })),
      ];
      // The model keeps leads, notes and tables apart; their lines put them back where the page had
      // them. A stable sort: equal lines (models built by hand) keep leads first (the extractor reads
      // a paragraph as a lead only before the section's first table), then tables, each list in order.
      items.sort((a, b) => a.line - b.line);
      return { title: s.title, items };
    }),
  };
}

function tableView(t: GitlabOperationTable) {
  return {
    subject: t.subject,
    rows: t.operations.map(rowView),
    footnotes: t.footnotes.map((f) => ({ markdown: blockMarkdown(f.text) })),
  };
}

function noteView(n: GitlabOperationNote) {
  return { callout: n.callout ?? '', markdown: blockMarkdown(n.text) };
}

/**
 * The Access cell as written, markers kept where they were. A footnote the row cites outside the
 * Access cell (the extractor reads markers in every cell, and keeps only Access as written) goes
 * after the operation's name, in the order that gives back the row's footnotes.
 */
function rowView(o: GitlabOperation) {
  const access: AccessPart[] = [];
  const inAccess: number[] = [];
  let last = 0;
  for (const match of o.access.matchAll(MARKER)) {
    if (match.index > last) access.push({ text: o.access.slice(last, match.index), marker: '' });
    access.push({ text: '', marker: match[1]! });
    if (!inAccess.includes(Number(match[2]))) inAccess.push(Number(match[2]));
    last = match.index + match[0].length;
  }
  if (last < o.access.length) access.push({ text: o.access.slice(last), marker: '' });
  return { name: o.name, nameMarkers: markersBefore(o.footnotes, inAccess), resource: o.resource, action: o.action, access };
}

/** The shortest run of the row's footnotes that, read before the Access cell's markers, gives the row's footnotes in order. */
function markersBefore(footnotes: readonly GitlabFootnote[], inAccess: readonly number[]): number[] {
  const wanted = footnotes.map((f) => f.id);
  for (let k = 0; k <= wanted.length; k++) {
    const before = wanted.slice(0, k);
    const read = [...new Set([...before, ...inAccess])];
    if (read.length === wanted.length && read.every((id, i) => id === wanted[i])) return before;
  }
  return wanted;
}

