import type { SourcePosition } from '../model/position.ts';

/**
 * One permission-relevant difference between two versions of the docs.
 * `widened`: the new docs require less for the same thing (fewer permissions, read instead of
 * admin, `None`, a scope available to more token types): a security event for reviewers.
 * `narrowed`: the new docs require more. A change that does both is `widened` and its `note` says
 * what narrowed; `neutral` only for a change that does neither (text, positions, descriptions).
 */
export type Impact = 'widened' | 'narrowed' | 'neutral';

export interface Change {
  /** Manifest id of the source. */
  source: string;
  /** What changed: `endpoint-added`, `endpoint-permissions`, `grant-removed`, … */
  type: string;
  impact: Impact;
  /** The thing that changed, in the page's words: `GET /projects/:id/releases`, `read_runner on Project.runners`. */
  subject: string;
  /** Before → after, in the page's words. */
  before?: string;
  after?: string;
  /** Why the impact is what it is, in words: what widened, and what narrowed when both did (the Markdown report's `why` column). */
  note?: string;
  /**
   * Where it is in the new page (or in the old one for removals). For a route-table change judged by a
   * witness request: the row that answers it now (the old row when none does).
   */
  position?: SourcePosition;
  /** Route tables: where the row that answered before is in the old page (when `position` is the new row's). */
  beforePosition?: SourcePosition;
  /** Route tables: a request whose answer changed this way (`DELETE /projects/x/releases/latest`). */
  example?: string;
}

export interface ChangeReport {
  changes: Change[];
  /** Sources present on one side only. */
  sourcesAdded: string[];
  sourcesRemoved: string[];
}
