/**
 * `permgen graphql-permissions --schema schema.graphql query.graphql`: the fewest GitLab fine-grained
 * permissions a personal access token needs to run an operation, with the doc rows behind each. It reads
 * the page from sources/ (as `generate` does) and uses the same runtime as the generated package's
 * `requiredPermissionsForOperation`, so the answer is the package's answer.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Command, CommandIo } from '../command.ts';
import { parse } from '../args.ts';
import { buildCatalog } from '../../build-catalog.ts';
import { Reporter } from '../../diagnostics/reporter.ts';
import { formatDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { GraphqlPermissionsModel } from '../../model/catalog.ts';
import { guardEntries, type GuardGrantData } from '../../emit/graphql-guard.ts';

const HELP = `Usage: permgen graphql-permissions --schema FILE [--operation NAME] [--lax] [--json] [--root DIR] <operation.graphql>

Prints the smallest set of GitLab fine-grained personal access token permissions the operation needs, each
requirement with its alternatives and the doc rows (file:line:column) behind it, and what no permission can grant.
  --schema FILE     the GraphQL schema: SDL (.graphql) or an introspection result (.json)
  --operation NAME  only this operation of the document (default: all of them)
  --lax             allow object types and mutations the page does not document (default: strict, they are denied)
  --json            print the answer as JSON
  --root DIR        project root holding sources/ (default: current folder)
Exit code: 0 when the operation can be granted, 1 when it cannot or a file has errors, 2 for usage errors.
`;

export const graphqlPermissionsCommand: Command = {
  async run(args, io) {
    const parsed = parse(args, {
      schema: { type: 'string' },
      operation: { type: 'string' },
      lax: { type: 'boolean' },
      json: { type: 'boolean' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (!parsed.ok) return usage(io, parsed.error);
    const v = parsed.values;
    if (v.help) {
      io.stdout.write(HELP);
      return 0;
    }
    if (v.schema === undefined) return usage(io, 'missing --schema FILE');
    if (parsed.positionals.length !== 1) return usage(io, 'expected one operation file');
    const operationFile = parsed.positionals[0]!;
    // graphql is loaded only by this command: the other commands do not need it.
    const graphql = await import('graphql');
    const { createGuardLookup } = await import('../../emit/runtime/graphql-guard-lookup.ts');
    const { computeRequiredPermissions } = await import('../../emit/runtime/graphql-least-privilege.ts');

    const shown = (file: string) => file.split(path.sep).join('/');
    const schemaText = await readText(io, v.schema);
    const operationText = await readText(io, operationFile);
    if (schemaText === undefined || operationText === undefined) return 1;

    let schema: import('graphql').GraphQLSchema;
    try {
      schema = v.schema.endsWith('.json')
        ? graphql.buildClientSchema(introspection(JSON.parse(schemaText) as { data?: import('graphql').IntrospectionQuery } & import('graphql').IntrospectionQuery))
        : graphql.buildSchema(schemaText);
    } catch (error) {
      io.stderr.write(`${graphqlErrorLine(shown(v.schema), error, 'graphql-schema')}\n`);
      return 1;
    }
    let document: import('graphql').DocumentNode;
    try {
      document = graphql.parse(new graphql.Source(operationText, shown(operationFile)));
    } catch (error) {
      io.stderr.write(`${graphqlErrorLine(shown(operationFile), error, 'graphql-syntax')}\n`);
      return 1;
    }

    const root = path.resolve(io.cwd, v.root ?? '.');
    const built = await buildCatalog({ root });
    const model = built.catalog.sources.find((s): s is GraphqlPermissionsModel => s.kind === 'gitlab-graphql-permissions');
    const report = new Reporter();
    const entries = model ? guardEntries(model, report) : [];
    // Only problems with the GraphQL page (or the files that say how to read it) make the answer unsafe.
    const relevant = (d: Diagnostic) => model !== undefined && [`sources/${model.source.file}`, 'sources/sources.json', 'sources/overrides.json'].includes(d.file);
    const diagnostics = [...built.diagnostics.filter(relevant), ...report.diagnostics];
    const blocking = diagnostics.filter((d) => d.severity === 'error');
    if (!model || blocking.length > 0) {
      for (const d of diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
      if (!model) io.stderr.write(`permgen graphql-permissions: no GitLab GraphQL permissions page in ${shown(path.join(root, 'sources/sources.json'))}.\n`);
      else io.stderr.write(`permgen graphql-permissions: ${blocking.length} error(s) in the GraphQL page; no answer.\n`);
      return 1;
    }

    const lookup = createGuardLookup<GuardGrantData>(entries);
    const result = computeRequiredPermissions(lookup, schema, document, { mode: v.lax ? 'lax' : 'strict', ...(v.operation !== undefined ? { operationName: v.operation } : {}) });
    const ok = result.grantable && result.errors.length === 0;
    if (v.json) {
      io.stdout.write(
        `${JSON.stringify({ ok, mode: v.lax ? 'lax' : 'strict', permissions: result.permissions, grantable: result.grantable, method: result.method, requirements: result.requirements, ungrantable: result.ungrantable, errors: result.errors.map((e) => ({ message: e.message, locations: e.locations ?? [] })), diagnostics }, null, 2)}\n`,
      );
      return ok ? 0 : 1;
    }
    for (const d of diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
    const file = shown(operationFile);
    const out: string[] = [];
    const needs = `${result.permissions.length} fine-grained permission(s)${result.permissions.length > 0 ? `: ${result.permissions.join(', ')}` : ''}`;
    out.push(result.grantable ? `${file} needs ${needs}${v.lax ? ' (lax mode)' : ''}` : `${file} cannot be granted (see below); the rest needs ${needs}`);
    if (result.requirements.length > 0) {
      out.push('', 'Requirements (any one alternative covers each):');
      for (const r of result.requirements) {
        const alternatives = r.alternatives.map((a) => a.join(' + ')).join(' | ');
        out.push(`  ${describe(r.reason, r.subject, r.fields)}: ${alternatives}${r.alternatives.length > 1 ? `, using ${r.satisfiedBy?.join(' + ') ?? '-'}` : ''}`);
        out.push(`    selected at ${r.locations.map((l) => `${file}:${l.line}:${l.column}`).join(', ')}`);
        out.push(`    documented at ${r.grants.map((g) => `${g.source} (${g.permission}, ${g.boundary})`).join(', ')}`);
      }
    }
    if (result.ungrantable.length > 0) {
      out.push('', 'Cannot be granted by any permission (strict mode denies them; --lax allows them):');
      for (const r of result.ungrantable) {
        out.push(`  ${describe(r.reason, r.subject, r.fields)}`);
        out.push(`    selected at ${r.locations.map((l) => `${file}:${l.line}:${l.column}`).join(', ')}`);
      }
    }
    io.stdout.write(`${out.join('\n')}\n`);
    for (const e of result.errors) {
      const at = e.locations?.[0];
      io.stderr.write(`${file}:${at?.line ?? 1}:${at?.column ?? 1} error ${e.message} [graphql-validation]\n`);
    }
    return ok ? 0 : 1;
  },
};

function describe(reason: string, subject: string, fields: readonly string[]): string {
  switch (reason) {
    case 'field':
      return `field ${subject}${fields.length === 1 && fields[0] === subject ? '' : ` (via ${fields.join(', ')})`}`;
    case 'mutation':
      return `mutation ${subject} (${fields.join(', ')})`;
    case 'type':
      return `type ${subject} (returned by ${fields.join(', ')})`;
    case 'unlisted-type':
      return `undocumented type ${subject} (returned by ${fields.join(', ')})`;
    default:
      return `undocumented mutation ${subject} (${fields.join(', ')})`;
  }
}

function graphqlErrorLine(file: string, error: unknown, ruleId: string): string {
  const e = error as { message?: string; locations?: readonly { line: number; column: number }[] };
  const at = e.locations?.[0];
  return `${file}:${at?.line ?? 1}:${at?.column ?? 1} error ${(e.message ?? String(error)).split('\n')[0]} [${ruleId}]`;
}

async function readText(io: CommandIo, file: string): Promise<string | undefined> {
  try {
    return await readFile(path.resolve(io.cwd, file), 'utf8');
  } catch (error) {
    io.stderr.write(`${file}:1:1 error Cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'}). [source-unreadable]\n`);
    return undefined;
  }
}

function usage(io: CommandIo, message: string): number {
  io.stderr.write(`permgen graphql-permissions: ${message}\n\n${HELP}`);
  return 2;
}

/** An introspection result, whether or not it is wrapped in a `{ data }` response. */
function introspection(json: { data?: import('graphql').IntrospectionQuery } & import('graphql').IntrospectionQuery): import('graphql').IntrospectionQuery {
  return json.data ?? json;
}
