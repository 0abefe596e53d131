/**
 * Reviewed warnings (`sources/reviewed-warnings.json`): warnings a person has checked against
 * upstream and accepted, each group with its reason, the way a linter's baseline works. A reviewed
 * warning stays a diagnostic (`Diagnostic.reviewed` names the entry and its reason; `--json` lists
 * it), but it is not printed one by one and `--strict` does not promote it; any other warning still
 * fails `--strict`, so a docs change that adds an overlap stands out. An entry names the rule, the
 * manifest id of the source (stable when a page's file is replaced by a newer version) and the
 * warning's subject (`Diagnostic.subject`: for `route-overlap` the losing and the winning route, as
 * written on the page), never a line number. A subject that matches no warning of a source that
 * was read is itself a warning (`reviewed-warning-unused`), so the file cannot outlive what it
 * reviewed. Errors cannot be reviewed.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Reporter } from '../diagnostics/reporter.ts';
import type { SourcePosition } from '../model/position.ts';
import { parseJsonWithPositions } from './json-with-positions.ts';

/** Rules whose warnings carry a subject, and how many strings it has (what an entry's subjects must look like). */
const REVIEWABLE_RULES: Readonly<Record<string, { subjectLength: number; subject: string }>> = {
  'route-overlap': { subjectLength: 2, subject: '[losing route, winning route], as the warning names them (`POST /projects/:id/export`)' },
};

interface Subject {
  rule: string;
  source: string;
  reason: string;
  subject: readonly string[];
  /** Where the subject is written in the reviewed-warnings file. */
  position: SourcePosition;
  used: boolean;
}

export class ReviewedWarnings {
  private readonly byKey = new Map<string, Subject>();

  constructor(private readonly subjects: Subject[] = []) {
    for (const s of subjects) this.byKey.set(keyOf(s.rule, s.source, s.subject), s);
  }

  /**
   * Marks every warning that an entry reviews (`reviewed`), then reports the entries' subjects that
   * matched nothing in a source that was read. `sourceOf` gives the manifest id of a diagnostic's
   * file (undefined for files that are not pages, such as the manifest).
   */
  apply(diagnostics: Diagnostic[], sourceOf: (file: string) => string | undefined, sourcesRead: ReadonlySet<string>, report: Reporter): void {
    for (const d of diagnostics) {
      if (d.severity !== 'warning' || d.subject === undefined) continue;
      const source = sourceOf(d.file);
      if (source === undefined) continue;
      const s = this.byKey.get(keyOf(d.ruleId, source, d.subject));
      if (!s) continue;
      s.used = true;
      d.reviewed = { file: s.position.file, line: s.position.line, column: s.position.column, reason: s.reason };
    }
    for (const s of this.subjects) {
      if (s.used || !sourcesRead.has(s.source)) continue;
      report.warn(
        'reviewed-warning-unused',
        `The reviewed \`${s.rule}\` warning ${s.subject.map((x) => `\`${x}\``).join(' / ')} of source \`${s.source}\` is no longer reported.`,
        s.position,
        'The page changed (the rows moved on, or were fixed upstream): delete the subject from the reviewed-warnings file.',
      );
    }
  }
}

function keyOf(rule: string, source: string, subject: readonly string[]): string {
  return JSON.stringify([rule, source, ...subject]);
}

export function parseReviewedWarnings(text: string, file: string, report: Reporter): ReviewedWarnings {
  const json = parseJsonWithPositions(text, file, report);
  if (!json) return new ReviewedWarnings();
  const list = (json.value as { warnings?: unknown } | null)?.warnings;
  const shape = (message: string, at: SourcePosition, hint: string) => report.error('reviewed-warning-shape', message, at, hint);
  if (!Array.isArray(list)) {
    shape('The reviewed-warnings file has no `warnings` array.', json.at([]), 'Write `{ "warnings": [] }` at least.');
    return new ReviewedWarnings();
  }
  const subjects: Subject[] = [];
  const seen = new Set<string>();
  list.forEach((raw: unknown, i: number) => {
    const e = (raw ?? {}) as Record<string, unknown>;
    const at = json.at(['warnings', i]);
    const rule = typeof e.rule === 'string' && Object.hasOwn(REVIEWABLE_RULES, e.rule) ? REVIEWABLE_RULES[e.rule] : undefined;
    if (rule === undefined) {
      shape(`Entry ${i + 1} reviews rule \`${String(e.rule)}\`, whose warnings cannot be reviewed.`, at, `Reviewable rules: ${Object.keys(REVIEWABLE_RULES).join(', ')}.`);
      return;
    }
    const missing = ['source', 'reason'].filter((k) => typeof e[k] !== 'string' || (e[k] as string).trim() === '');
    if (missing.length > 0 || !Array.isArray(e.subjects) || e.subjects.length === 0) {
      shape(`Entry ${i + 1} lacks ${[...missing, ...(Array.isArray(e.subjects) && e.subjects.length > 0 ? [] : ['subjects'])].map((k) => `\`${k}\``).join(', ')}.`, at, 'Every entry needs a rule, a source (its manifest id), a reason and at least one subject.');
      return;
    }
    if (e.evidence !== undefined && !(Array.isArray(e.evidence) && e.evidence.every((x) => typeof x === 'string' && x !== ''))) {
      shape(`The evidence of entry ${i + 1} is not a list of non-empty strings.`, json.at(['warnings', i, 'evidence']), 'List where the reason can be checked: upstream files with line numbers and the commit read.');
      return;
    }
    e.subjects.forEach((subject: unknown, j: number) => {
      const where = json.at(['warnings', i, 'subjects', j]);
      if (!Array.isArray(subject) || subject.length !== rule.subjectLength || !subject.every((x) => typeof x === 'string' && x !== '')) {
        shape(`Subject ${j + 1} of entry ${i + 1} is not ${rule.subjectLength} non-empty strings.`, where, `A \`${String(e.rule)}\` subject is ${rule.subject}.`);
        return;
      }
      const key = keyOf(e.rule as string, e.source as string, subject as string[]);
      if (seen.has(key)) {
        shape(`Subject ${j + 1} of entry ${i + 1} is reviewed twice.`, where, 'Keep one of them.');
        return;
      }
      seen.add(key);
      subjects.push({ rule: e.rule as string, source: e.source as string, reason: e.reason as string, subject: subject as string[], position: where, used: false });
    });
  });
  return new ReviewedWarnings(subjects);
}
