/** The emitted REST route module compiles in a strict program; the result union types params per route. */
import { Project, ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { compilerOptions } from '../../generator/emit/emit-package.ts';
import { loadRestRoutes } from './helpers.ts';

const USAGE = `
import { matchFineGrainedRestRoute, isFineGrainedRestRequestAllowed, fineGrainedRestRouteFor, fineGrainedRestRoutes, type FineGrainedRestRouteMatch, type FineGrainedRestRoute, type FineGrainedRestAccess, type FineGrainedRestBoundary } from './gitlab/rest-routes.js';
import type { GitlabFineGrainedPermission } from './gitlab/fine-grained-permissions.js';

const m: FineGrainedRestRouteMatch | undefined = matchFineGrainedRestRoute('GET', '/api/v4/projects/1/releases');
if (m) {
  const access: FineGrainedRestAccess = m.access;
  const boundaries: readonly FineGrainedRestBoundary[] = m.boundaries;
  const isPublic: boolean = m.public;
  const reason: string | undefined = m.reason;
  const route: FineGrainedRestRoute = m.route;
  void access, boundaries, isPublic, reason, route;
  // @ts-expect-error the match is read-only
  m.access = 'always';
  // @ts-expect-error not an access
  const wrong: FineGrainedRestAccess = 'maybe';
  void wrong;
}
const d = matchFineGrainedRestRoute('GET', '/projects/1/packages/debian/dists/stable/main/binary-amd64/Packages');
if (d?.route === 'GET /projects/:id/packages/debian/dists/*distribution/:component/binary-:architecture/Packages') {
  // In-segment parameter: typed like any other.
  const architecture: string = d.params.architecture;
  const distribution: string = d.params.distribution;
  void architecture, distribution;
  // @ts-expect-error this route has no package_name
  const name: string = d.params.package_name;
  void name;
}
const n = matchFineGrainedRestRoute('GET', "/projects/1/packages/nuget/v2/Packages(Id='a',Version='1')");
if (n?.route === "GET /projects/:project_id/packages/nuget/v2/Packages\\\\(Id='*package_name',Version='*package_version'\\\\)") {
  const name: string = n.params.package_name;
  const version: string = n.params.package_version;
  void name, version;
}
const t = matchFineGrainedRestRoute('POST', '/projects/1/trigger/pipeline');
if (t?.route === 'POST /projects/:id/(ref/:ref/)trigger/pipeline') {
  const id: string = t.params.id;
  void id;
  // @ts-expect-error ref is in an optional group: it may be absent
  const ref: string = t.params.ref;
  void ref;
}
const row = fineGrainedRestRouteFor('GET', '/projects/1/releases');
if (row) {
  const needs: readonly string[] = row.permissions;
  const vocabulary: readonly \`\${GitlabFineGrainedPermission}\`[] = row.permissions;
  void needs, vocabulary;
  // @ts-expect-error permissions are ids of the GitLab vocabulary, not any string
  const unknown: typeof row.permissions = ['read_nothing_at_all'];
  void unknown;
  // @ts-expect-error the row has no params
  void row.params;
}
const allowed: boolean = isFineGrainedRestRequestAllowed(new Set(['read_release']), 'GET', '/projects/1/releases');
const first: FineGrainedRestRoute | undefined = fineGrainedRestRoutes[0]?.route;
void allowed, first;
// @ts-expect-error not a documented route
const nope: FineGrainedRestRoute = 'GET /nowhere';
void nope;
`;

describe('emitted gitlab/rest-routes.ts', () => {
  it('type-checks strictly, with the expected errors on misuse', async () => {
    const { files } = await loadRestRoutes();
    const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { ...compilerOptions, noUnusedLocals: true, noImplicitReturns: true, noFallthroughCasesInSwitch: true } });
    // The permissions are typed with the GitLab vocabulary (`fine-grained-permissions.ts`, which names the GraphQL union).
    for (const rel of ['gitlab/rest-routes.ts', 'gitlab/runtime/route-path.ts', 'gitlab/fine-grained-permissions.ts', 'gitlab/graphql-permissions.ts']) {
      const text = files.get(`src/${rel}`);
      expect(text, rel).toBeDefined();
      project.createSourceFile(`/generated/${rel}`, text!);
    }
    project.createSourceFile('/generated/usage.ts', USAGE);
    const messages = project.getPreEmitDiagnostics().map((d) => `${d.getSourceFile()?.getBaseName()}:${d.getLineNumber()}: ${ts.flattenDiagnosticMessageText(d.getMessageText() as string, ' ')}`);
    expect(messages).toEqual([]);
  }, 300_000);
});
