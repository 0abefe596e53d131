/**
 * Explicit caps. Pages are written by other people; a cap turns a runaway input into a diagnostic
 * instead of a slow or huge build. Each is far above the real pages (the largest is 29 KB,
 * 251 rows, paths under 250 characters).
 */
export interface Limits {
  pageBytes: number;
  tableRows: number;
  pathLength: number;
}

export const limits: Readonly<Limits> = Object.freeze({
  /**
   * Bytes of one page. remark's syntax tree of a 10 MB GraphQL export outgrew a 4 GB heap
   * (`npm run bench:readers`); 2 MiB is 70× the largest real page and reads in seconds.
   */
  pageBytes: 2 * 1024 * 1024,
  /** Rows in one table. */
  tableRows: 50_000,
  /** Characters in one documented path pattern. */
  pathLength: 2_048,
});
