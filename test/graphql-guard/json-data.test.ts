/**
 * The large tables (the guard map, the GraphQL permission info, the fine-grained vocabulary's info)
 * are emitted as JSON parsed at load (generator/emit/json-data.ts). Page text must stay data there:
 * text that would end a template literal, interpolate, or change under a template's line-ending
 * normalisation comes back exactly, and nothing runs. Then the tables are as frozen as before.
 */
import { describe, expect, it } from 'vitest';
import { guardPackage } from './package.ts';
import { pageModel } from './page-model.ts';
import { importGenerated } from '../helpers/build.ts';
import { jsonMember, jsonParseExpression, templateText } from '../../generator/emit/json-data.ts';

/** Everything that is special inside a template literal or a JSON string, and a few more. */
const HOSTILE = [
  'back`tick',
  '${globalThis.permgenJsonDataPwned = 1}',
  '\\${globalThis.permgenJsonDataPwned = 2}',
  'back\\slash and \\` and \\\\',
  'ends with a backslash \\',
  'line\nfeed, carriage\rreturn, both\r\n',
  'separators \u2028 and \u2029',
  'comment end */ and <\/script>',
  'quote " and \' and emoji 🔑 and lone surrogate \ud800',
].join(' | ');

describe('jsonParseExpression', () => {
  it('writes one row per line and the text back exactly', () => {
    const rows = [jsonMember('a', { text: HOSTILE }), jsonMember(HOSTILE, [HOSTILE, null, 1])];
    const expression = jsonParseExpression(rows, 'object');
    expect(expression.split('\n')).toHaveLength(4); // `JSON.parse(\`{`, two rows, `}\`)`
    // The template literal's body, cooked as JavaScript would: only the escapes templateText writes.
    const body = expression.slice('JSON.parse(`'.length, -'`)'.length);
    const cooked = body.replace(/\\([\\`$r])/g, (_, c: string) => (c === 'r' ? '\r' : c));
    expect(JSON.parse(cooked)).toEqual({ a: { text: HOSTILE }, [HOSTILE]: [HOSTILE, null, 1] });
    expect(body).not.toMatch(/(^|[^\\])(\\\\)*`/); // no unescaped backtick
    expect(body).not.toMatch(/(^|[^\\])(\\\\)*\$\{/); // no unescaped `${`
  });

  it('escapes what a template literal would read', () => {
    expect(templateText('a`b${c}\\d\re')).toBe('a\\`b\\${c}\\\\d\\re');
    expect(jsonParseExpression([], 'array')).toBe('JSON.parse("[]")');
  });
});

describe('the emitted tables', () => {
  it('keep page text as data in the guard map and the permission info', async () => {
    const model = pageModel();
    const category = model.categories[0]!;
    const resource = category.resources[0]!;
    category.name = `Category ${HOSTILE}`;
    resource.name = `Resource ${HOSTILE}`;
    resource.description = `Grants ${HOSTILE}`;
    const pkg = await guardPackage(model);
    // The three tables are data parsed at load (bench:import: compiling them as literals cost the most).
    expect(pkg.files.get('src/gitlab/graphql-guard-map.ts')).toContain('freezeGuardEntries<GraphqlGuardGrant>(JSON.parse(`[\n{"kind":"Type","name":"CiRunner"');
    expect(pkg.files.get('src/gitlab/graphql-permissions.ts')).toContain('= Object.freeze(Object.assign(Object.create(null), deepFreeze(JSON.parse(`{\n"');
    expect(pkg.files.get('src/gitlab/fine-grained-permissions.ts')).toContain('= Object.freeze(Object.assign(Object.create(null), deepFreeze(JSON.parse(`{\n"');
    const grant = pkg.gitlab.graphqlGuardEntries.flatMap((e) => e.grants).find((g) => g.resource === resource.name);
    expect(grant).toMatchObject({ category: category.name, resource: resource.name });
    const info = pkg.gitlab.graphqlPermissionInfo as Record<string, { category: string; resource: string }>;
    expect(info[resource.grants[0]!.permission]).toMatchObject({ category: category.name, resource: resource.name });
    const vocabulary = pkg.gitlab.gitlabFineGrainedPermissionInfo as Record<string, { category: string | null; description: string | null }>;
    expect(vocabulary[resource.grants[0]!.permission]).toMatchObject({ category: category.name });
    expect((globalThis as { permgenJsonDataPwned?: unknown }).permgenJsonDataPwned).toBeUndefined();
  });

  it('are frozen all the way down in the generated package', async () => {
    const m = await importGenerated<{
      gitlabFineGrainedPermissionInfo: Record<string, { namedOn: readonly object[] }>;
      graphqlPermissionInfo: Record<string, { boundaries: readonly string[] }>;
    }>(`${import.meta.dirname}/../../generated`, 'gitlab/index.js');
    const info = Object.values(m.gitlabFineGrainedPermissionInfo);
    // grep -c '^| `' on the pages would count rows, not permissions; the vocabulary test counts them.
    expect(info.length).toBeGreaterThan(0);
    expect(Object.isFrozen(m.gitlabFineGrainedPermissionInfo)).toBe(true);
    expect(info.every((e) => Object.isFrozen(e) && Object.isFrozen(e.namedOn) && e.namedOn.every((p) => Object.isFrozen(p)))).toBe(true);
    expect(Object.values(m.graphqlPermissionInfo).every((e) => Object.isFrozen(e) && Object.isFrozen(e.boundaries))).toBe(true);
    expect(() => {
      (m.gitlabFineGrainedPermissionInfo as Record<string, unknown>).read_project = {};
    }).toThrow(TypeError);
  });
});
