/** The emitted route module compiles in a strict program, and misuse is a type error. */
import { Project, ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { compilerOptions } from '../../generator/emit/emit-package.ts';
import { loadRoutes } from './helpers.ts';

const USAGE = `
import { matchJobTokenRoute, isJobTokenRequestAllowed, jobTokenRouteFor, jobTokenRoutes, type JobTokenRouteInfo, type JobTokenRouteMatch, type JobTokenRoute } from './gitlab/job-token-routes.js';
import type { JobTokenPermission } from './gitlab/job-token-permissions.js';

const m: JobTokenRouteMatch | undefined = matchJobTokenRoute('GET', '/projects/1/releases');
if (m) {
  const needed: readonly JobTokenPermission[] = m.permissions;
  const route: JobTokenRoute = m.route;
  const id: string | undefined = m.params['id'];
  void needed, route, id;
  // @ts-expect-error permissions are read-only
  m.permissions.push('READ_JOBS');
  // @ts-expect-error the match is read-only
  m.controlled = true;
}
// Narrowing on the route types its parameters.
const j = matchJobTokenRoute('GET', '/projects/1/jobs/2/artifacts');
if (j?.route === 'GET /projects/:id/jobs/:job_id/artifacts') {
  const jobId: string = j.params.job_id;
  void jobId;
  // @ts-expect-error this route has no tag_name: an unknown key may be undefined
  const tag: string = j.params.tag_name;
  void tag;
}
if (j?.route === 'GET /projects/:id/releases/permalink/latest(/)(*suffix_path)') {
  const id: string = j.params.id;
  void id;
  // @ts-expect-error suffix_path is in an optional group: it may be absent
  const suffix: string = j.params.suffix_path;
  void suffix;
}
const row: JobTokenRouteInfo | undefined = jobTokenRouteFor('GET', '/projects/1/releases');
if (row) {
  const needs: readonly JobTokenPermission[] = row.permissions;
  void needs;
  // @ts-expect-error the row has no params (matchJobTokenRoute has them)
  void row.params;
}
const allowed: boolean = isJobTokenRequestAllowed(new Set<JobTokenPermission>(['READ_RELEASES']), 'GET', '/projects/1/releases');
const first: JobTokenRoute | undefined = jobTokenRoutes[0]?.route;
void allowed, first;
// @ts-expect-error a path is a string
matchJobTokenRoute('GET', 42);
// @ts-expect-error not a documented route
const nope: JobTokenRoute = 'GET /nowhere';
void nope;
// @ts-expect-error not a permission
const bad: JobTokenPermission = 'READ_EVERYTHING';
void bad;
`;

describe('emitted gitlab/job-token-routes.ts', () => {
  it('type-checks strictly, with the expected errors on misuse', async () => {
    const { files } = await loadRoutes();
    const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { ...compilerOptions, noUnusedLocals: true, noImplicitReturns: true, noFallthroughCasesInSwitch: true } });
    for (const rel of ['gitlab/job-token-routes.ts', 'gitlab/job-token-permissions.ts', 'gitlab/runtime/route-path.ts']) {
      const text = files.get(`src/${rel}`);
      expect(text, rel).toBeDefined();
      project.createSourceFile(`/generated/${rel}`, text!);
    }
    project.createSourceFile('/generated/usage.ts', USAGE);
    const messages = project.getPreEmitDiagnostics().map((d) => `${d.getSourceFile()?.getBaseName()}:${d.getLineNumber()}: ${ts.flattenDiagnosticMessageText(d.getMessageText() as string, ' ')}`);
    expect(messages).toEqual([]);
  });

  it('uses no regular expression, eval or Function in the matcher', async () => {
    const { files } = await loadRoutes();
    const text = `${files.get('src/gitlab/job-token-routes.ts')}\n${files.get('src/gitlab/runtime/route-path.ts')}`;
    expect(text).not.toMatch(/new RegExp|\beval\(|new Function|\.match\(|\.replace\(|\.test\(/);
    // No regular-expression literal: a `/…/flags` after `(`, `=`, `,` or `return`.
    // Strings and comments in one left-to-right pass, so that `/*` inside a route string (`/*artifact_path`) is not taken for a comment.
    const code = text.replace(/("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)|\/\*[\s\S]*?\*\/|\/\/.*$/gm, (_m, str: string | undefined) => (str === undefined ? '' : '""'));
    expect(code).toContain('walkRouteTrie(ROUTES_GET, p, B, V)');
    expect(code).not.toMatch(/(?:[(=,:]|return)\s*\/[^/*\s]/);
  });
});
