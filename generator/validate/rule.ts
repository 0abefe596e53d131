import type { Catalog } from '../model/catalog.ts';
import type { Reporter } from '../diagnostics/reporter.ts';

/** A check over the whole model, after every page is extracted. Registered in `validate/registry.ts`. */
export interface ValidationRule {
  /** The rule id its diagnostics carry. */
  id: string;
  description: string;
  check(catalog: Catalog, report: Reporter): void;
}
