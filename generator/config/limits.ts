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
  /** Bytes of one page. */
  pageBytes: 16 * 1024 * 1024,
  /** Rows in one table. */
  tableRows: 50_000,
  /** Characters in one documented path pattern. */
  pathLength: 2_048,
});
