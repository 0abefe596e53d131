import type { Reporter } from '../diagnostics/reporter.ts';
import type { PageDocument } from './document.ts';

/** One page format. Registered in `read/registry.ts`. */
export interface Reader {
  /** Name used in the manifest's `format` and by `permgen read --reader`. */
  name: string;
  /** What pages of this format look like (shown by `permgen read --help`). */
  description: string;
  /**
   * How sure the reader is that `text` is in its format, 0 (not at all) to 1 (certain).
   * Used by `permgen read` when no reader is named; cheap string tests only.
   */
  detect(text: string): number;
  read(text: string, file: string, report: Reporter): PageDocument;
}
