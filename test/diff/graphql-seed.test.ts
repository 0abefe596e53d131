/**
 * `permgen diff` from the seed GraphQL export (test/fixtures/seeds/) to the page `sources/` compiles
 * (GitLab's Markdown page at 41946e6). The old side is a copy of `sources/` whose GraphQL entry points
 * at the seed export (with the override it needs), so every change reported is the GraphQL page's.
 *
 * The expected report is computed from the two pages with awk alone, not by permgen:
 * test/fixtures/seeds/graphql-changes.sh writes test/fixtures/seeds/graphql-changes.expected.txt
 * (one line per change). Its counts (`cut -d' ' -f1,2 … | sort | uniq -c`): 96 grants added (by kind
 * 30 Type, 63 Mutation, 3 Field: the 93 Types and Mutations widened, the 3 Fields narrowed, each the
 * first row of a field that its parent type alone covered before), 9 removed (widened: the seed's
 * Field rows for `Query.project`, `Project.runners`, …, each the field's last, so the field is now
 * covered by its parent type alone), and 4 whose boundaries shrank from group and instance to
 * instance (narrowed: CD applications and environments).
 */
import { copyFile, cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeReport } from '../../generator/diff/change.ts';
import { projectRoot } from '../helpers/build.ts';
import { line, runDiff as diff } from './helpers.ts';

const SOURCE_ID = 'gitlab-graphql-fine-grained-permissions';
const SEED = 'test/fixtures/seeds/gitlab-graphql-fine-grained-permissions.export.txt';
const SEED_OVERRIDES = 'test/fixtures/seeds/gitlab-graphql-fine-grained-permissions.overrides.json';
const EXPECTED = 'test/fixtures/seeds/graphql-changes.expected.txt';

/** A sources folder that is today's, except that the GraphQL entry reads the seed export. */
async function seedSources(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'permgen-graphql-seed-'));
  const dir = path.join(root, 'sources');
  await cp(path.join(projectRoot, 'sources'), dir, { recursive: true });
  await copyFile(path.join(projectRoot, SEED), path.join(dir, 'gitlab-graphql-fine-grained-permissions.export.txt'));
  await copyFile(path.join(projectRoot, SEED_OVERRIDES), path.join(dir, 'overrides.json'));
  const manifest = JSON.parse(await readFile(path.join(dir, 'sources.json'), 'utf8')) as { sources: { id: string; file: string; format: string }[] };
  const entry = manifest.sources.find((s) => s.id === SOURCE_ID);
  if (!entry) throw new Error(`no ${SOURCE_ID} in sources/sources.json`);
  entry.file = 'gitlab-graphql-fine-grained-permissions.export.txt';
  entry.format = 'plain-text-export';
  await writeFile(path.join(dir, 'sources.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

describe('permgen diff from the seed GraphQL export to the current page', () => {
  it('reports exactly the changes counted from the two pages', async () => {
    const old = await seedSources();
    const result = await diff(old, 'sources', '--json');
    expect([result.code, result.stderr]).toEqual([0, '']);
    const report = JSON.parse(result.stdout) as ChangeReport;
    expect([report.sourcesAdded, report.sourcesRemoved]).toEqual([[], []]);
    expect(new Set(report.changes.map((c) => c.source))).toEqual(new Set([SOURCE_ID]));

    const count = (impact: string, type: string) => report.changes.filter((c) => c.impact === impact && c.type === type).length;
    expect([count('widened', 'grant-added'), count('narrowed', 'grant-added'), count('widened', 'grant-removed'), count('narrowed', 'grant-boundaries')]).toEqual([93, 3, 9, 4]);
    expect(report.changes).toHaveLength(109);
    const added = report.changes.filter((c) => c.type === 'grant-added');
    expect(['Type', 'Mutation', 'Field'].map((k) => added.filter((c) => c.subject.startsWith(`${k} `)).length)).toEqual([30, 63, 3]);

    const lines = report.changes.map(line).sort();
    const expected = (await readFile(path.join(projectRoot, EXPECTED), 'utf8')).split('\n').filter((l) => l !== '').sort();
    expect(lines).toEqual(expected);

    // Spot checks against the pages' lines: a grant added (current page line 380), a grant removed
    // (seed line 148, kept at its old position), boundaries that shrank (seed lines 47-48, current line 102).
    const at = (subject: string) => report.changes.find((c) => c.subject === subject)?.position;
    expect(at('Field Query.aiToolRules ← read_ai_tool_rule')).toEqual({ file: 'sources/gitlab-pat-fine-grained-graphql.41946e6.md', line: 380, column: 1 });
    expect(at('Field Query.runner ← read_runner')).toMatchObject({ file: 'sources/gitlab-graphql-fine-grained-permissions.export.txt', line: 148 });
    expect(report.changes.find((c) => c.subject === 'Field Query.runner ← read_runner')?.note).toBe('its last Field row: the field is now covered by its parent type alone');
    expect(report.changes.find((c) => c.subject === 'Mutation CdApplicationCreate ← create_cd_application')).toMatchObject({
      type: 'grant-boundaries',
      impact: 'narrowed',
      before: 'group, instance',
      after: 'instance',
      position: { line: 102 },
    });
  });

  it('prints the widened grants first in Markdown and fails on them with --fail-on widened', async () => {
    const old = await seedSources();
    const result = await diff(old, 'sources', '--fail-on', 'widened');
    expect(result.code).toBe(1);
    // 93 Types and Mutations added + 9 last Field rows removed; 3 first Field rows + 4 boundaries shrunk.
    expect(result.stdout).toContain('**102 widened**');
    expect(result.stdout).toContain('**7 narrowed**');
  });
});
