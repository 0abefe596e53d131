/**
 * `npm run bench:import`: what importing the generated package costs a consumer (issue 14 target:
 * `import('token-permissions/gitlab')` ≤ 30 ms in a fresh process).
 *
 * Every figure comes from a fresh `node` process (module loading is what is measured, so nothing may
 * be warm), timed inside that process with `performance.now()` and `process.cpuUsage()` around
 * `await import(…)`; node's own start-up is not in it. Targets: every subpath of the package
 * (`generated/package.json` "exports") and every module of 20 KB of JavaScript or more. For each:
 * - **import**: the module with everything it imports, as a consumer pays it;
 * - **self**: the module alone, its static imports loaded first in the same process (what the
 *   module's own parse, compile and top-level work cost);
 * - **first call**: a typical first call right after the import (a match, a lookup, a verdict), so a
 *   module that defers its work to first use does not hide it.
 * Rounds are interleaved (each round runs every target once), best and median over `RUNS` rounds
 * (default 7). `BASELINE=<dir>` runs a second generated package (an older build) in the same rounds
 * and prints the ratio new/baseline of the medians: read ratios on this shared machine, not absolutes.
 * A baseline outside this repository needs `node_modules` reachable from it for the `graphql` peer
 * dependency (`ln -s $PWD/node_modules <dir>/node_modules`).
 *
 *   npm run bench:import
 *   RUNS=11 BASELINE=/tmp/generated-before npm run bench:import
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const projectRoot = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS ?? 7);
const LARGE = 20_000;
const generatedDir = path.join(projectRoot, 'generated');
const dirs: { label: string; dir: string }[] = [{ label: 'generated', dir: generatedDir }];
if (process.env.BASELINE) dirs.push({ label: 'baseline', dir: path.resolve(process.env.BASELINE) });

/**
 * A typical first call per module (`m` is the module namespace). The subpath indexes make the first
 * call of each module they re-export, so the sum shows.
 */
const FIRST_CALLS: Record<string, string> = {
  'gitlab/fine-grained-permissions.js': "m.isGitlabFineGrainedPermission('read_project'); m.gitlabFineGrainedPermissionInfo.read_project.description;",
  'gitlab/operation-permissions.js': "m.requiredPermissionsForGitlabOperation('git-operations:push-to-a-project-repository'); m.gitlabOperationNamed('Push to a project repository');",
  'gitlab/graphql-guard-map.js': "m.requiredGraphqlPermissions('Type', 'Project'); m.requiredGraphqlPermissions('Mutation', 'runnerUpdate');",
  'gitlab/graphql-permissions.js': "m.isGraphqlPermission('read_project'); m.graphqlPermissionInfo.read_project;",
  'gitlab/rest-routes.js': "m.matchFineGrainedRestRoute('GET', '/api/v4/projects/1/issues');",
  'gitlab/job-token-routes.js': "m.matchJobTokenRoute('GET', '/api/v4/projects/1/jobs/2/artifacts');",
  'gitlab/least-privilege.js': "m.leastPrivilegeForRequests([{ kind: 'rest', method: 'GET', path: '/api/v4/projects/1/issues' }, { kind: 'operation', operation: 'git-pull', target: 'group/project' }]);",
  'gitlab/token-scopes.js': "m.scopesFor('personal');",
  'forgejo/index.js': "m.requiredForgejoScope('GET', '/api/v1/repos/owner/repo/issues'); m.leastPrivilegeForForgejoRequests([{ method: 'GET', path: '/api/v1/repos/owner/repo' }]);",
  'buildkite/index.js': "m.isAPIAccessTokenScope('read_builds');",
  // The schema and document are built after the import, before the first call's clock starts.
  'gitlab/graphql/index.js': "m.requiredPermissionsForOperation(pre.schema, pre.document); m.fineGrainedPermissionsRule(['read_project']);",
};
FIRST_CALLS['gitlab/index.js'] = ['fine-grained-permissions', 'operation-permissions', 'graphql-guard-map', 'graphql-permissions', 'rest-routes', 'job-token-routes', 'least-privilege', 'token-scopes']
  .map((m) => FIRST_CALLS[`gitlab/${m}.js`])
  .join(' ');
FIRST_CALLS['index.js'] = "m.gitlab.matchFineGrainedRestRoute('GET', '/api/v4/projects/1/issues'); m.forgejo.requiredForgejoScope('GET', '/api/v1/repos/owner/repo');";

/** Built before the clock, for the `gitlab/graphql` first call. */
const GRAPHQL_PRE = `
const g = await import('graphql');
pre.schema = g.buildSchema('type Query { project(fullPath: ID!): Project } type Project { id: ID! name: String issues: [Issue] } type Issue { id: ID! title: String }');
pre.document = g.parse('{ project(fullPath: "a/b") { id name issues { id title } } }');
`;

interface Target {
  /** Relative to the package root: `gitlab/index.js`. */
  file: string;
  /** The subpath a consumer imports, when it is one. */
  subpath?: string;
  /** A bare specifier (the `graphql` peer dependency), resolved from the package. */
  bare?: boolean;
}

function targets(dir: string): Target[] {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { exports: Record<string, string | { default: string }> };
  const out: Target[] = [];
  for (const [subpath, entry] of Object.entries(manifest.exports)) {
    const file = typeof entry === 'string' ? entry : entry.default;
    if (!file.endsWith('.js')) continue;
    out.push({ file: file.replace(/^\.\//, ''), subpath: subpath === '.' ? 'token-permissions' : `token-permissions${subpath.slice(1)}` });
  }
  const seen = new Set(out.map((t) => t.file));
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const file = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, file)).isDirectory()) {
        if (name !== 'node_modules' && name !== 'docs') walk(file);
      } else if (name.endsWith('.js') && !seen.has(file) && (statSync(path.join(dir, file)).size >= LARGE || FIRST_CALLS[file])) out.push({ file });
    }
  };
  walk('');
  // For reference: the optional peer dependency `token-permissions/gitlab/graphql` loads.
  out.push({ file: 'graphql', bare: true });
  return out;
}

/** The module's own relative static imports (`import … from './x.js'`), loaded first for "self". */
function staticImports(dir: string, file: string): string[] {
  const text = readFileSync(path.join(dir, file), 'utf8');
  const out: string[] = [];
  for (const [statement, specifier = ''] of text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'([^']+)';/gm)) {
    if (!specifier.startsWith('.') && specifier !== 'graphql') continue;
    if (/^export\s+\*/.test(statement)) continue;
    out.push(specifier.startsWith('.') ? pathToFileURL(path.resolve(path.dirname(path.join(dir, file)), specifier)).href : specifier);
  }
  return out;
}

interface Sample {
  wall: number;
  cpu: number;
  first: number;
}

function run(dir: string, target: Target, self: boolean): Sample {
  const url = target.bare ? target.file : pathToFileURL(path.join(dir, target.file)).href;
  const deps = self ? staticImports(dir, target.file) : [];
  const first = FIRST_CALLS[target.file];
  const script = `
const pre = {};
for (const d of ${JSON.stringify(deps)}) await import(d);
const c0 = process.cpuUsage(); const t0 = performance.now();
const m = await import(${JSON.stringify(url)});
const t1 = performance.now(); const c1 = process.cpuUsage(c0);
${first && target.file === 'gitlab/graphql/index.js' ? GRAPHQL_PRE : ''}
const tf = performance.now();
${first ?? ''}
const t2 = performance.now();
process.stdout.write(JSON.stringify({ wall: t1 - t0, cpu: (c1.user + c1.system) / 1000, first: t2 - tf }));
`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
  return JSON.parse(out) as Sample;
}

const stats = (xs: number[]): { best: number; median: number } => {
  const s = [...xs].sort((a, b) => a - b);
  return { best: s[0] ?? NaN, median: s[(s.length - 1) >> 1] ?? NaN };
};
const f = (n: number): string => n.toFixed(1);

const list = targets(generatedDir);
const samples = new Map<string, { total: Sample[]; self: Sample[] }>();
for (let round = 0; round < RUNS; round++) {
  for (const t of list) {
    for (const d of dirs) {
      const key = `${d.label}\u0000${t.file}`;
      let entry = samples.get(key);
      if (!entry) samples.set(key, (entry = { total: [], self: [] }));
      try {
        entry.total.push(run(d.dir, t, false));
        if (!t.subpath && !t.bare) entry.self.push(run(d.dir, t, true));
      } catch (error) {
        if (d.label === 'generated') throw error;
        // A baseline without this module (or with a different API) is left out of the comparison.
      }
    }
  }
  process.stderr.write(`round ${round + 1}/${RUNS}\n`);
}

console.log(`\nimport cost, fresh process per run, ms; best / median of ${RUNS} interleaved rounds; CPU = user + system of the process during the import\n`);
console.log(`| module | import (wall) | import CPU | self (wall) | self CPU | first call |${dirs.length > 1 ? ' import vs baseline (median wall; CPU) |' : ''}`);
console.log(`| --- | ---: | ---: | ---: | ---: | ---: |${dirs.length > 1 ? ' ---: |' : ''}`);
for (const t of list) {
  const cur = samples.get(`generated\u0000${t.file}`)!;
  const total = stats(cur.total.map((s) => s.wall));
  const cpu = stats(cur.total.map((s) => s.cpu));
  const self = cur.self.length ? stats(cur.self.map((s) => s.wall)) : undefined;
  const selfCpu = cur.self.length ? stats(cur.self.map((s) => s.cpu)) : undefined;
  const first = FIRST_CALLS[t.file] ? stats(cur.total.map((s) => s.first)) : undefined;
  const name = t.subpath ? `\`${t.subpath}\` (${t.file})` : t.bare ? `\`${t.file}\` alone (peer dependency, for reference)` : t.file;
  let row = `| ${name} | ${f(total.best)} / ${f(total.median)} | ${f(cpu.best)} / ${f(cpu.median)} | ${self ? `${f(self.best)} / ${f(self.median)}` : '—'} | ${selfCpu ? `${f(selfCpu.best)} / ${f(selfCpu.median)}` : '—'} | ${first ? `${f(first.best)} / ${f(first.median)}` : '—'} |`;
  if (dirs.length > 1) {
    const base = samples.get(`baseline\u0000${t.file}`);
    if (base && base.total.length) {
      const baseWall = stats(base.total.map((s) => s.wall)).median;
      const baseCpu = stats(base.total.map((s) => s.cpu)).median;
      row += ` ${f(baseWall)} → ${f(total.median)} (×${(total.median / baseWall).toFixed(2)}); CPU ${f(baseCpu)} → ${f(cpu.median)} (×${(cpu.median / baseCpu).toFixed(2)}) |`;
    } else row += ' — |';
  }
  console.log(row);
}
