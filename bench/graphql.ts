/**
 * `npm run bench:graphql`: what fineGrainedPermissionsRule adds to graphql-js validation. One
 * operation of 50 fields with named, nested and reused fragments, a union and connections, over the
 * guard's test schema (test/fixtures/graphql-guard/schema.graphql, GitLab's names), with the guard
 * map of the real page. Timed: `validate(schema, document, specifiedRules)` against
 * `validate(schema, document, [...specifiedRules, fineGrainedPermissionsRule(granted)])`, the rule
 * created anew for each call as a server would per request, with exactly the permissions the operation
 * needs (so it passes). Calls alternate between the two and each is timed alone; the figure is the
 * median of many calls. Target: the rule adds under 20%.
 */
import { mkdtemp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Kind, buildSchema, parse, specifiedRules, validate, visit, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { buildCatalog } from '../generator/build-catalog.ts';
import { emitPackage } from '../generator/emit/emit-package.ts';
import { Reporter } from '../generator/diagnostics/reporter.ts';
import type { GraphqlPermissionsModel } from '../generator/model/catalog.ts';

const projectRoot = path.resolve(import.meta.dirname, '..');
const WARMUP = 1_000;
/** Timed calls of each kind; the medians settle well before this on a shared 2-core machine. */
const CALLS = 4_000;

const OPERATION = `
query Bench($path: ID!) {
  project(fullPath: $path) {
    ...ProjectFields
    runners(first: 20) { ...RunnerConnectionFields }
    issues { count nodes { ...IssueFields } pageInfo { ...Page } }
    labels { nodes { ...LabelFields } pageInfo { ...Page } }
    milestones { ...MilestoneFields }
    pipelineSchedules { nodes { id description } }
    repository { rootRef lastCommit { sha message } }
  }
  group(fullPath: "gitlab-org") {
    id
    name
    fullPath
    runners { ...RunnerConnectionFields }
  }
  search(term: "flaky") {
    __typename
    ... on Issue { ...IssueFields }
    ... on Commit { sha message }
    ... on Label { ...LabelFields }
  }
}
fragment ProjectFields on Project { id name fullPath }
fragment RunnerConnectionFields on CiRunnerConnection { count nodes { ...RunnerFields } edges { cursor node { id } } pageInfo { ...Page } }
fragment RunnerFields on CiRunner { id description status }
fragment IssueFields on Issue { id title milestone { ...MilestoneFields } }
fragment LabelFields on Label { id title }
fragment MilestoneFields on Milestone { id title }
fragment Page on PageInfo { hasNextPage endCursor }
`;

interface GuardModule {
  fineGrainedPermissionsRule(granted: Iterable<string>): ValidationRule;
  requiredPermissionsForOperation(schema: GraphQLSchema, document: DocumentNode): { permissions: readonly string[]; grantable: boolean };
}

/** Emits the package for the real GraphQL page into a temp folder that resolves `graphql` from ours. */
async function generatedGuard(): Promise<GuardModule> {
  const built = await buildCatalog({ root: projectRoot });
  const model = built.catalog.sources.find((s): s is GraphqlPermissionsModel => s.kind === 'gitlab-graphql-permissions');
  if (!model) throw new Error('no gitlab-graphql-permissions source in sources/sources.json');
  const report = new Reporter();
  const files = emitPackage({ catalogVersion: 1, sources: [model] }, { enumStyle: 'const' }, report);
  if (report.errorCount > 0) throw new Error(report.diagnostics.map((d) => d.message).join('\n'));
  const dir = await mkdtemp(path.join(tmpdir(), 'permgen-bench-graphql-'));
  for (const [rel, contents] of files) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), contents);
  }
  await symlink(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return (await import(pathToFileURL(path.join(dir, 'gitlab/graphql/index.js')).href)) as GuardModule;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const guard = await generatedGuard();
const schema = buildSchema(await readFile(path.join(projectRoot, 'test/fixtures/graphql-guard/schema.graphql'), 'utf8'));
const document = parse(OPERATION);
let fields = 0;
visit(document, { [Kind.FIELD]: () => void fields++ });
const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).length;

const { permissions, grantable } = guard.requiredPermissionsForOperation(schema, document);
if (!grantable) throw new Error('the benchmark operation must be grantable');
const base = () => validate(schema, document, specifiedRules);
const guarded = () => validate(schema, document, [...specifiedRules, guard.fineGrainedPermissionsRule(permissions)]);
if (base().length > 0 || guarded().length > 0) throw new Error('the benchmark operation must be valid with exactly the permissions it needs');
const denied = validate(schema, document, [...specifiedRules, guard.fineGrainedPermissionsRule([])]).length;

for (let i = 0; i < WARMUP; i++) {
  base();
  guarded();
}
const baseTimes: number[] = [];
const guardedTimes: number[] = [];
for (let i = 0; i < CALLS; i++) {
  // Alternate which goes first, so drift on a shared machine hits both alike.
  const order = i % 2 === 0 ? [base, guarded] : [guarded, base];
  for (const run of order) {
    const start = performance.now();
    run();
    const took = performance.now() - start;
    (run === base ? baseTimes : guardedTimes).push(took);
  }
}
const b = median(baseTimes) * 1000;
const g = median(guardedTimes) * 1000;
const overhead = ((g - b) / b) * 100;

console.log(`Operation: ${fields} fields, ${fragments} fragments; granted: ${permissions.join(', ')} (with none granted: ${denied} errors)`);
console.log(`Median of ${CALLS} calls each (after ${WARMUP} warm-up calls), Node ${process.version}:`);
console.log('');
console.log('| validate() with | median µs | vs standard rules |');
console.log('|---|---:|---:|');
console.log(`| specifiedRules | ${b.toFixed(1)} | |`);
console.log(`| specifiedRules + fineGrainedPermissionsRule | ${g.toFixed(1)} | ${overhead >= 0 ? '+' : ''}${overhead.toFixed(1)}% |`);
console.log('');
console.log(overhead < 20 ? 'Target met: the rule adds under 20%.' : `Target missed: the rule adds ${overhead.toFixed(1)}% (target: under 20%).`);
