/**
 * The real GitLab page (sources/gitlab-access-token-scopes.ja.flattened.txt): an HTML table
 * flattened to text. Counts, lines and columns are read off the page by hand (the header is line
 * 18, the 17 rows lines 19–35, the footnotes lines 41–42).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract, PAGE } from './pipeline.ts';
import { projectRoot, realCatalog } from '../helpers/build.ts';
import { detectReader } from '../../generator/read/registry.ts';
import type { GitlabTokenScopesModel } from '../../generator/model/catalog.ts';

const text = () => readFileSync(path.join(projectRoot, PAGE), 'utf8');
const page = () => extract(text(), PAGE);
const at = (line: number, column: number) => ({ file: PAGE, line, column });

describe('GitLab Access token scopes page (flattened)', () => {
  it('is detected as a flattened table', () => {
    expect(detectReader(text())?.name).toBe('flattened-table-text');
  });

  it('reads without diagnostics', () => {
    expect(page().diagnostics).toEqual([]);
  });

  it('splits the run-together header by the known header set and keeps one cell per row', () => {
    const table = page().doc.blocks.find((b) => b.type === 'table');
    if (table?.type !== 'table') throw new Error('expected a table');
    expect(table.flattened).toBe(true);
    expect(table.position).toEqual(at(18, 1));
    expect(table.header.map((c) => [c.text, c.position])).toEqual([
      ['Scope', at(18, 1)],
      ['Token availability', at(18, 6)],
      ['Description', at(18, 24)],
    ]);
    expect(table.rows).toHaveLength(17);
    expect(table.rows.every((r) => r.cells.length === 1)).toBe(true);
    expect(table.rows[0]?.cells[0]?.text.slice(0, 36)).toBe('apiPersonal, group, projectGrants co');
    expect(table.rows[16]?.position).toEqual(at(35, 1));
  });

  it('reads the other lines as paragraphs and lists with positions', () => {
    const blocks = page().doc.blocks;
    expect(blocks.map((b) => [b.type, b.position.line, b.position.column])).toEqual([
      ['paragraph', 1, 1],
      ['paragraph', 3, 1],
      ['list', 5, 3],
      ['paragraph', 8, 1],
      ['paragraph', 10, 1],
      ['list', 12, 3],
      ['paragraph', 16, 1],
      ['table', 18, 1],
      ['paragraph', 37, 1],
      ['paragraph', 39, 1],
      ['list', 41, 3],
    ]);
    const bullets = blocks[2];
    expect(bullets?.type === 'list' && bullets.items.map((i) => [i.text, i.position.column])).toEqual([
      ['Tier: Free, Premium, Ultimate', 5],
      ['Offering: GitLab.com, GitLab Self-Managed, GitLab Dedicated', 5],
    ]);
  });

  it('has 17 scopes with the availability the page gives', () => {
    const model = page().model!;
    expect(model.scopes).toHaveLength(17);
    const availability = Object.fromEntries(model.scopes.map((s) => [s.name, s.availability]));
    const all = ['personal', 'group', 'project'];
    expect(availability).toEqual({
      api: all,
      read_api: all,
      read_repository: all,
      write_repository: all,
      read_registry: all,
      write_registry: all,
      self_rotate: all,
      read_virtual_registry: ['personal', 'group'],
      write_virtual_registry: ['personal', 'group'],
      create_runner: all,
      manage_runner: all,
      ai_features: all,
      k8s_proxy: all,
      admin_mode: ['personal'],
      read_service_ping: ['personal'],
      sudo: ['personal'],
      read_user: ['personal'],
    });
    expect(model.scopes.map((s) => s.position.line)).toEqual([19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35]);
  });

  it('turns the trailing markers into footnote references and strips them from the description', () => {
    const model = page().model!;
    expect(model.scopes.filter((s) => s.footnotes.length > 0).map((s) => [s.name, s.footnotes])).toEqual([
      ['api', [1]],
      ['read_virtual_registry', [2]],
      ['write_virtual_registry', [2]],
    ]);
    expect(model.scopes[0]?.description).toBe('Grants complete read and write access to the API for the token’s scope. Includes the container registry, the dependency proxy, and the package registry.');
    // "versions 16.5, 16.6, and 16.7." ends in numbers but not in a marker.
    expect(model.scopes.find((s) => s.name === 'ai_features')?.footnotes).toEqual([]);
  });

  it('keeps the 2 footnotes with their positions', () => {
    expect(page().model!.footnotes).toEqual([
      { id: 1, text: 'For a personal access token, api also grants complete read and write access to the registry and repository through Git-over-HTTP. Group and project access tokens do not include this Git-over-HTTP clause.', position: at(41, 6) },
      { id: 2, text: 'For a personal access token, the virtual registry scopes apply only when a project is private and authorization is required. Group access tokens carry no such condition.', position: at(42, 6) },
    ]);
  });

  it('matches the reviewed model snapshot', async () => {
    const { catalog } = await realCatalog();
    const model = catalog.sources.find((s): s is GitlabTokenScopesModel => s.kind === 'gitlab-token-scopes');
    await expect(`${JSON.stringify(model, null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/gitlab-token-scopes.model.json');
  });
});
