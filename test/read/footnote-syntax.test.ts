/**
 * GFM footnotes (`[^2]` … `[^2]: Also requires …`) are an error wherever they are: the pages write
 * their footnote marks as `<sup>N</sup>`, the only form the extractors read, and a GFM footnote was
 * dropped with the permission it adds (bug hunt, repro3). Lines are the real pages' (`grep -n`).
 */
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import type { Diagnostic } from '../../generator/diagnostics/diagnostic.ts';
import { markdownReader } from '../../generator/read/markdown.ts';
import { readEdited, replaceOnce } from './page-edit.ts';

const brief = (ds: readonly Diagnostic[]) => ds.map((d) => [d.severity, d.ruleId, d.line, d.column, d.message]);
const REF = (n: number) => `GFM footnote reference \`[^${n}]\`: footnote marks are read as \`<sup>N</sup>\` only.`;
const DEF = (n: number) => `GFM footnote definition \`[^${n}]:\`: footnotes are read from \`<sup>N</sup>\` lines only.`;

describe('footnote-syntax', () => {
  it('REST page: the three `<sup>1</sup>` footnotes written as GFM footnotes (repro3)', () => {
    // grep -n '<sup>[0-9]</sup>' on the page: marks on 300, 441, 512, 513 (column 8, after `| Read `),
    // footnotes on 303, 450, 516. The edit keeps every line where it was.
    const edit = (t: string) => {
      let page = t;
      for (const [mark, note, n] of [
        ['| Read <sup>1</sup> | Project | `GET` | `/projects/:id/deployments/:deployment_id/merge_requests` |', '<sup>1</sup> Also requires the `Read Merge Request` permission.', 1],
        ['| Read <sup>1</sup> | Project | `GET` | `/projects/:id/pipeline_schedules/:pipeline_schedule_id/pipelines` |', '<sup>1</sup> Also requires the `Read Pipeline` permission.', 2],
      ] as const) {
        page = replaceOnce(page, mark, mark.replace('<sup>1</sup>', `[^${n}]`));
        page = replaceOnce(page, note, note.replace('<sup>1</sup> ', `[^${n}]: `));
      }
      for (const path of ['current_job', 'upcoming_jobs']) {
        const mark = `| Read <sup>1</sup> | Project | \`GET\` | \`/projects/:id/resource_groups/:key/${path}\` |`;
        page = replaceOnce(page, mark, mark.replace('<sup>1</sup>', '[^3]'));
      }
      return replaceOnce(page, '<sup>1</sup> Also requires the `Read Job` permission.', '[^3]: Also requires the `Read Job` permission.');
    };
    const { diagnostics } = readEdited('gitlab-pat-rest-permissions', edit);
    expect(brief(diagnostics.filter((d) => d.ruleId === 'footnote-syntax'))).toEqual([
      ['error', 'footnote-syntax', 300, 8, REF(1)],
      ['error', 'footnote-syntax', 303, 1, DEF(1)],
      ['error', 'footnote-syntax', 441, 8, REF(2)],
      ['error', 'footnote-syntax', 450, 1, DEF(2)],
      ['error', 'footnote-syntax', 512, 8, REF(3)],
      ['error', 'footnote-syntax', 513, 8, REF(3)],
      ['error', 'footnote-syntax', 516, 1, DEF(3)],
    ]);
  });

  it('GraphQL page: a GFM footnote on the `DependencyLocation` row (repro5 case 5g)', () => {
    // grep -n: the row is line 47; the definition goes two lines below it, after a blank line.
    const { diagnostics } = readEdited('gitlab-graphql-fine-grained-permissions', (t) =>
      replaceOnce(t, '| Read | Project | Type | `DependencyLocation` |', '| Read [^1] | Project | Type | `DependencyLocation` |\n\n[^1]: Also requires the `Read Vulnerability` permission.'),
    );
    expect(brief(diagnostics.filter((d) => d.ruleId === 'footnote-syntax'))).toEqual([
      ['error', 'footnote-syntax', 47, 8, REF(1)],
      ['error', 'footnote-syntax', 49, 1, DEF(1)],
    ]);
  });

  it('a mark with no definition (text to remark) is an error too', () => {
    const report = new Reporter();
    markdownReader.read('# T\n\n| A | B |\n| - | - |\n| Read [^x] | b |\n', 'page.md', report);
    expect(brief(report.diagnostics)).toEqual([['error', 'footnote-syntax', 5, 8, 'GFM footnote mark `[^x]` (with no definition): footnote marks are read as `<sup>N</sup>` only.']]);
  });

  it('`[^…]` in code is not a footnote; `<sup>N</sup>` marks are read as before', () => {
    const report = new Reporter();
    markdownReader.read('# T\n\n`[^/]+`\n\n```\n[^1]: x\n```\n\n| A | B |\n| - | - |\n| Read <sup>1</sup> | `a[^b]` |\n\n<sup>1</sup> Also.\n', 'page.md', report);
    expect(report.diagnostics).toEqual([]);
  });
});
