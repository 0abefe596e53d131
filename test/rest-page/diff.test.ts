/** `permgen diff` on the REST page: what a docs change does to what a request needs, judged by hand. */
import { describe, expect, it } from 'vitest';
import { compareRest } from '../../generator/diff/compare-rest.ts';
import type { GitlabRestPermissionsModel, RestEndpoint } from '../../generator/model/catalog.ts';
import { parsePathPattern } from '../../generator/model/parse-path-pattern.ts';
import { extract } from './pipeline.ts';

const PAGE = [
  '### Projects resources',
  '',
  '#### Project',
  '',
  'Grants the ability to read projects.',
  '',
  '| Action | Access | Method | Path |',
  '| ------ | ------ | ------ | ---- |',
  '| Read | Project | `GET` | `/projects/:id` |',
  '| Read | Project | `GET` | `/projects/:id/events` |',
  '| Read | Project | `GET` | `/projects/:id/jobs` |',
  '| Read | Project | `GET` | `/projects/:id/hooks` |',
  '| Read | Group | `GET` | `/projects/:id/hooks` |',
  '',
  '## Unavailable endpoints',
  '',
  '| Method | Path | Reason |',
  '| ------ | ---- | ------ |',
  '| `POST` | `/runners` | Runner token |',
  '',
].join('\n');

const before = extract(PAGE, 'old.md', { sourceId: 'r' }).model!;

function edit(change: (e: RestEndpoint[]) => RestEndpoint[]): GitlabRestPermissionsModel {
  return { ...before, endpoints: change(structuredClone(before.endpoints)) };
}
const at = (list: RestEndpoint[], path: string) => list.find((e) => e.path === path)!;

describe('compareRest', () => {
  it('reports nothing for the same page', () => {
    expect(compareRest('r', before, before)).toEqual([]);
  });

  it('judges each change by what a request needs', () => {
    const after = edit((list) => {
      at(list, '/projects/:id').public = true; // public → widened
      at(list, '/projects/:id/events').permissions.push('read_audit_event'); // more permissions → narrowed
      at(list, '/projects/:id/hooks').boundaries = ['project']; // fewer boundaries → narrowed
      Object.assign(at(list, '/runners'), { access: 'always', reason: undefined }); // unavailable → always: widened
      return list.filter((e) => e.path !== '/projects/:id/jobs'); // removed → narrowed
    });
    expect(compareRest('r', before, after).map((c) => [c.type, c.impact, c.subject, c.before, c.after])).toEqual([
      ['endpoint-permissions', 'widened', 'GET /projects/:id', 'read_project at project', 'read_project at project, or public'],
      ['endpoint-permissions', 'narrowed', 'GET /projects/:id/events', 'read_project at project', 'read_project + read_audit_event at project'],
      ['endpoint-permissions', 'narrowed', 'GET /projects/:id/hooks', 'read_project at project or group', 'read_project at project'],
      ['endpoint-permissions', 'widened', 'POST /runners', 'unavailable to fine-grained tokens: Runner token', 'always accessible: no authentication'],
      // This page has no catch-all row: `GET /projects/1/jobs` now matches no route, denied.
      ['endpoint-removed', 'narrowed', 'GET /projects/:id/jobs', 'read_project at project', undefined],
    ]);
  });

  it('calls a route new as always accessible widened, and a different permission widened (a token holding only the new one passes now)', () => {
    const topics = parsePathPattern('/topics');
    if (!('pattern' in topics)) throw new Error('pattern');
    const after = edit((list) => {
      at(list, '/projects/:id').permissions = ['read_project_setting'];
      return [...list, { ...at(list, '/runners'), access: 'always', method: 'GET', path: '/topics', pattern: topics.pattern }];
    });
    expect(compareRest('r', before, after).map((c) => [c.type, c.impact, c.subject, c.note])).toEqual([
      [
        'endpoint-permissions',
        'widened',
        'GET /projects/:id',
        'a token holding only read_project_setting passes now (read_project no longer required); also narrows: a token holding only read_project fails now (read_project_setting now required)',
      ],
      ['endpoint-added', 'widened', 'GET /topics', 'denied → open without a fine-grained permission. answered before by no route, now by GET /topics'],
    ]);
  });

  it('never reports order alone: the same sets in another order are no change', () => {
    const old = edit((list) => {
      at(list, '/projects/:id/events').permissions = ['read_project', 'read_audit_event'];
      return list;
    });
    const after = edit((list) => {
      at(list, '/projects/:id/hooks').boundaries.reverse();
      at(list, '/projects/:id/events').permissions = ['read_audit_event', 'read_project'];
      return list.reverse();
    });
    expect(compareRest('r', old, after)).toEqual([]);
  });
});
