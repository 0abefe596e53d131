/**
 * The CI/CD job-token page, prepared for templates/docs/gitlab-job-token-endpoints.md.hbs in the
 * layout the page used: the beta page's single table (`None` rows), or the GA page's `<Resource>
 * endpoints` sections under `Available API endpoints`, then the `Unavailable API endpoints` table.
 * Tables follow the rows: consecutive rows of one section make one table, in page order, so a page
 * is written back with its sections and rows where it had them.
 */
import type { JobTokenEndpoint, JobTokenEndpointsModel } from '../../model/catalog.ts';

/** The heading above the rows the page can control (both GitLab layouts write it so; the model does not record it). */
const AVAILABLE = 'Available API endpoints';

type TableKind = 'single' | 'resource' | 'unavailable';
type Row = { text: string; permissions: string[]; labels: string; description: string; scope: string };
/** Every key on every table: the templates compile in strict mode, where a missing key throws. */
interface TableView {
  /** A `##` heading to write before the table (then the sentence its kind of table follows), `''` when the table sits under the previous one's. */
  container: string;
  /** The `###` heading of a resource section (`Badges endpoints`), `''` for the other tables. */
  section: string;
  single: boolean;
  resource: boolean;
  unavailable: boolean;
  rows: Row[];
}

export function gitlabJobTokenDocsView(m: JobTokenEndpointsModel) {
  const groups: { kind: TableKind; key: string; heading: string; rows: JobTokenEndpoint[] }[] = [];
  for (const e of m.endpoints) {
    const kind: TableKind = e.section?.kind === 'resource' ? 'resource' : e.section?.kind === 'unavailable' ? 'unavailable' : 'single';
    const heading = e.section?.heading ?? '';
    const key = `${kind}\n${heading}`;
    const last = groups.at(-1);
    if (last?.key === key) last.rows.push(e);
    else groups.push({ kind, key, heading, rows: [e] });
  }
  // A page with no rows is still written as a table (an empty one), as the single-table page always was.
  if (groups.length === 0) groups.push({ kind: 'single', key: '', heading: '', rows: [] });

  let container = '';
  const tables: TableView[] = groups.map((g) => {
    const wanted = g.kind === 'unavailable' ? g.heading : AVAILABLE;
    const opens = wanted !== container;
    container = wanted;
    return {
      container: opens ? wanted : '',
      section: g.kind === 'resource' ? g.heading : '',
      single: g.kind === 'single',
      resource: g.kind === 'resource',
      unavailable: g.kind === 'unavailable',
      rows: g.rows.map((e) => ({ text: e.text, permissions: e.permissions, labels: e.labels, description: e.description, scope: g.kind === 'resource' ? scopeOf(e) : '' })),
    };
  });
  return { tables };
}

/**
 * The `Scope` cell of a per-resource row. The extractor only accepts a row whose first name is its
 * section's permission for that scope (`Read` → `READ_BADGES`, `Read and write` → `ADMIN_BADGES`),
 * so the name gives the cell back exactly.
 */
function scopeOf(e: JobTokenEndpoint): string {
  const first = e.permissions[0] ?? '';
  if (first.startsWith('READ_')) return 'Read';
  if (first.startsWith('ADMIN_')) return 'Read and write';
  throw new Error(`Job-token row \`${e.text}\` is in a resource section but its first permission \`${first}\` is neither READ_… nor ADMIN_…: not a model the page can state.`);
}
