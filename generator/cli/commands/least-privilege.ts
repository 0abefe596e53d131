/**
 * `permgen least-privilege access.log`: the smallest grant of every token kind for a workload (an
 * access log, GitLab JSON log lines or a plain list of requests and operations). It reads the input
 * here (`generator/least-privilege/input/`) and answers with the generated package's own
 * `leastPrivilegeForRequests` / `leastPrivilegeForForgejoRequests` (loaded from `<root>/generated/`),
 * so the answer is the package's answer.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { Command, CommandIo } from '../command.ts';
import { parse } from '../args.ts';
import { formatDiagnostic } from '../../diagnostics/diagnostic.ts';
import { readWorkload, WORKLOAD_FORMATS, type WorkloadFormat, type WorkloadItem } from '../../least-privilege/input/index.ts';
import { GRAPHQL_FILE, readGraphqlWorkload } from '../../least-privilege/input/graphql.ts';
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';

import type { RequestAnswer, TokenKindAnswer } from '../../emit/runtime/least-privilege.ts';
import { gitlabAnswers, itemText, KIND_TITLES, report, type Answers, type GitlabLeastPrivilegeFn, type Item } from '../../least-privilege/report.ts';

const PROVIDERS = { gitlab: { apiBase: '/api/v4', kinds: ['fine-grained', 'job-token', 'classic'] }, forgejo: { apiBase: '/api/v1', kinds: ['forgejo'] } } as const;
type Provider = keyof typeof PROVIDERS;
const TOKEN_TYPES = ['personal', 'group', 'project'] as const;


const HELP = `Usage: permgen least-privilege <file> [--provider gitlab|forgejo] [--format ${Object.keys(WORKLOAD_FORMATS).join('|')}|graphql] [--json]
                                [--schema SCHEMA.graphql] [--require KIND]... [--token-type personal|group|project] [--root DIR]

Prints, for each kind of token, the smallest grant that lets every request of the workload through, the
requests that need each permission (with their line numbers), and what that kind of token cannot do.
  <file>          the workload (- for standard input); the format is detected unless --format names it:
${Object.entries(WORKLOAD_FORMATS)
  .map(([k, f]) => `                    ${k.padEnd(12)}${f.description}`)
  .join('\n')}
                    ${'graphql'.padEnd(12)}GraphQL operations (a .graphql or .gql file), answered against --schema
  --schema FILE   the GraphQL schema (SDL) the operations run against; each requirement requiredPermissionsForOperation
                  finds is one input, named after its operation (GitLab only)
  --provider P    gitlab (default): fine-grained PAT, CI/CD job token, classic scopes; forgejo: Forgejo scopes
  --require KIND  exit 1 when some input cannot be granted by a token of KIND (fine-grained, job-token, classic, forgejo); repeatable
  --token-type T  the classic token's type (default personal): scopes and their readings differ per type
  --json          print the answer as JSON
  --root DIR      project root holding generated/ (default: current folder)
Lines that cannot be read are reported on stderr with their line number; with --require they make the exit status 1.
Exit status: 0 answered, 1 a required kind cannot grant some input (or the package is missing), 2 usage errors.
`;


export const leastPrivilegeCommand: Command = {
  async run(args, io) {
    const parsed = parse(args, {
      provider: { type: 'string' },
      format: { type: 'string' },
      json: { type: 'boolean' },
      require: { type: 'string', multiple: true },
      'token-type': { type: 'string' },
      schema: { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (parsed.ok && parsed.values.help) {
      io.stdout.write(HELP);
      return 0;
    }
    if (!parsed.ok) return usage(io, parsed.error);
    const v = parsed.values;
    if (parsed.positionals.length !== 1) return usage(io, 'expected one workload file');
    const provider = (v.provider ?? 'gitlab') as Provider;
    if (!Object.hasOwn(PROVIDERS, provider)) return usage(io, `unknown provider \`${v.provider}\` (gitlab, forgejo)`);
    if (v.format !== undefined && v.format !== 'graphql' && !Object.hasOwn(WORKLOAD_FORMATS, v.format)) return usage(io, `unknown format \`${v.format}\` (${Object.keys(WORKLOAD_FORMATS).join(', ')}, graphql)`);
    const graphqlInput = v.format === 'graphql' || (v.format === undefined && (v.schema !== undefined || GRAPHQL_FILE.test(parsed.positionals[0]!)));
    if (graphqlInput && v.schema === undefined) return usage(io, 'GraphQL operations need the schema they run against: --schema FILE');
    if (v.schema !== undefined && !graphqlInput) return usage(io, `--schema is for GraphQL operations, not --format ${v.format}`);
    if (graphqlInput && provider !== 'gitlab') return usage(io, 'GraphQL operations are answered for GitLab only (--provider gitlab)');
    const tokenType = v['token-type'] ?? 'personal';
    if (!(TOKEN_TYPES as readonly string[]).includes(tokenType)) return usage(io, `unknown token type \`${tokenType}\` (${TOKEN_TYPES.join(', ')})`);
    const required = (v.require ?? []) as string[];
    const kinds: readonly string[] = PROVIDERS[provider].kinds;
    for (const k of required) if (!kinds.includes(k)) return usage(io, `--require ${k}: ${provider} token kinds are ${kinds.join(', ')}`);

    const file = parsed.positionals[0]!;
    let text: string;
    try {
      text = file === '-' ? await readStdin() : await readFile(path.resolve(io.cwd, file), 'utf8');
    } catch (error) {
      io.stderr.write(cannotRead(file, 'the file', error));
      return 1;
    }
    const shown = file === '-' ? '<stdin>' : file.split(path.sep).join('/');
    const root = path.resolve(io.cwd, v.root ?? '.');
    let workload: { format: string; items: Item[]; diagnostics: Diagnostic[] };
    if (graphqlInput) {
      let schemaText: string;
      try {
        schemaText = await readFile(path.resolve(io.cwd, v.schema!), 'utf8');
      } catch (error) {
        io.stderr.write(cannotRead(v.schema!, 'the schema', error));
        return 1;
      }
      try {
        const read = await readGraphqlWorkload(root, text, shown, schemaText, v.schema!.split(path.sep).join('/'));
        if (read.fatal) {
          for (const d of read.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
          return 1;
        }
        workload = read;
      } catch (error) {
        io.stderr.write(`generated/gitlab/graphql/least-privilege.js:1:1 error Cannot load the generated package or graphql (${(error as Error).message.split('\n')[0]}). [least-privilege-package]\n  hint: Run \`permgen generate\` first (or pass --root); GraphQL input needs the \`graphql\` package.\n`);
        return 1;
      }
    } else workload = readWorkload(text, shown, PROVIDERS[provider].apiBase, v.format as WorkloadFormat | undefined);
    for (const d of workload.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);

    const answers = await answer(root, provider, workload.items, tokenType, io);
    if (answers === undefined) return 1;

    const unreadable = workload.diagnostics.filter((d) => d.severity === 'error').length;
    if (v.json) io.stdout.write(`${JSON.stringify(toJson(shown, workload.format, provider, workload, answers), null, 2)}\n`);
    else io.stdout.write(report(shown, workload.format, workload.items.length, workload.diagnostics.length, answers));

    const failing = answers.kinds.filter((k) => required.includes(k.kind) && !k.complete);
    for (const k of failing) io.stderr.write(`permgen least-privilege: ${KIND_TITLES[k.kind]} cannot grant ${k.notGranted.length} input(s) (--require ${k.kind}).\n`);
    if (required.length > 0 && unreadable > 0) io.stderr.write(`permgen least-privilege: ${unreadable} line(s) could not be read; with --require the answer cannot be relied on.\n`);
    return failing.length > 0 || (required.length > 0 && unreadable > 0) ? 1 : 0;
  },
};

async function answer(root: string, provider: Provider, items: Item[], tokenType: string, io: CommandIo): Promise<Answers | undefined> {
  const module = path.join(root, 'generated', provider, 'least-privilege.js');
  let lib: Record<string, unknown>;
  try {
    lib = (await import(pathToFileURL(module).href)) as Record<string, unknown>;
  } catch (error) {
    io.stderr.write(`${path.relative(io.cwd, module) || module}:1:1 error Cannot load the generated package (${(error as Error).message.split('\n')[0]}). [least-privilege-package]\n  hint: Run \`permgen generate\` first (or pass --root).\n`);
    return undefined;
  }
  if (provider === 'forgejo') {
    const least = lib['leastPrivilegeForForgejoRequests'] as (r: readonly Item[]) => TokenKindAnswer;
    return { kinds: [least(items)] };
  }
  return gitlabAnswers(lib['leastPrivilegeForRequests'] as GitlabLeastPrivilegeFn, items, tokenType);
}

function toJson(file: string, format: string, provider: string, workload: { items: Item[]; diagnostics: unknown[] }, answers: Answers) {
  const request = (r: RequestAnswer) => ({ line: (r.request as Item).line, input: itemText(r), source: r.grantedWith?.source ?? r.verdict.source });
  const denied = (r: RequestAnswer) => ({ line: (r.request as Item).line, input: itemText(r), status: r.verdict.status, why: r.verdict.why, source: r.verdict.source });
  return {
    file,
    format,
    provider,
    inputs: workload.items.length,
    diagnostics: workload.diagnostics,
    ...(answers.tokenType ? { classicTokenType: answers.tokenType } : {}),
    kinds: answers.kinds.map((k) => ({
      kind: k.kind,
      complete: k.complete,
      grant: k.grant,
      method: k.method,
      ids: k.ids.map((id) => ({ id: id.id, boundaries: id.boundaries, boundarySets: id.boundarySets, neededBy: id.neededBy.map(request) })),
      free: k.free.map(request),
      notGranted: k.notGranted.map(denied),
    })),
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The diagnostic line of an input that cannot be read (the workload or the schema). */
function cannotRead(file: string, what: string, error: unknown): string {
  return `${file}:1:1 error Cannot read ${what} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). [workload-unreadable]\n`;
}

function usage(io: CommandIo, message: string): number {
  io.stderr.write(`permgen least-privilege: ${message}\n\n${HELP}`);
  return 2;
}
