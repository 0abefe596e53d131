/**
 * A schema from another copy of `graphql` (a nested or mismatched install of the peer dependency):
 * a package hunt found that with NODE_ENV=production graphql-js's `is…Type` checks answer `false`
 * for such a schema's types, and the guard then allowed `{ runners { nodes { id } } }` with no
 * permission (`CiRunner` needs read_runner, test page); without NODE_ENV=production it threw. Each
 * case runs in its own node process (graphql-js reads NODE_ENV when it loads): the server's
 * `graphql` is the project's, the package's is a copy in the package's own node_modules.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, writePackage } from '../helpers/build.ts';
import { pageModel } from './page-model.ts';

const run = promisify(execFile);
let app: string;

beforeAll(async () => {
  const { dir } = await writePackage({ catalogVersion: 1, sources: [pageModel()] });
  app = await mkdtemp(path.join(tmpdir(), 'permgen-app-'));
  const pkg = path.join(app, 'node_modules/token-permissions');
  await mkdir(path.dirname(pkg), { recursive: true });
  await cp(dir, pkg, { recursive: true });
  // Two copies: the app's graphql, and a second one only the package resolves.
  await cp(path.join(projectRoot, 'node_modules/graphql'), path.join(app, 'node_modules/graphql'), { recursive: true });
  await cp(path.join(projectRoot, 'node_modules/graphql'), path.join(pkg, 'node_modules/graphql'), { recursive: true });
  await cp(path.join(projectRoot, 'test/fixtures/graphql-guard/schema.graphql'), path.join(app, 'schema.graphql'));
  await writeFile(path.join(app, 'package.json'), '{ "type": "module" }\n');
  await writeFile(
    path.join(app, 'check.mjs'),
    [
      "import { readFileSync } from 'node:fs';",
      "import { buildSchema, parse, specifiedRules, validate } from 'graphql';",
      "import { fineGrainedPermissionsRule, requiredPermissionsForOperation } from 'token-permissions/gitlab/graphql';",
      "const schema = buildSchema(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));",
      'const out = [];',
      "for (const query of ['{ runners { nodes { id } } }', '{ project(fullPath: \"a\") { name } }']) {",
      '  let rule;',
      "  try { rule = validate(schema, parse(query), [...specifiedRules, fineGrainedPermissionsRule([])]).map((e) => e.message); } catch (e) { rule = 'threw: ' + e.message.split('\\n')[0]; }",
      '  const r = requiredPermissionsForOperation(schema, parse(query));',
      '  out.push({ query, rule, grantable: r.grantable, errors: r.errors.map((e) => e.message) });',
      '}',
      'console.log(JSON.stringify(out));',
    ].join('\n'),
  );
}, 60_000);

describe('a schema from another copy of graphql', () => {
  for (const env of ['production', 'development']) {
    it(`is denied with one error, never allowed or thrown (NODE_ENV=${env})`, async () => {
      const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: app, env: { ...process.env, NODE_ENV: env } });
      const out = JSON.parse(stdout) as { query: string; rule: unknown; grantable: boolean; errors: string[] }[];
      for (const o of out) {
        expect(o.rule, o.query).toEqual([expect.stringMatching(/^The schema is not one of the `graphql` package token-permissions loads/)]);
        expect(o.grantable, o.query).toBe(false);
        expect(o.errors, o.query).toEqual([expect.stringMatching(/The schema is not one of the `graphql` package token-permissions loads/)]);
      }
    });
  }
});
