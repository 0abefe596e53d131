/**
 * GraphQL operations as a workload (`permgen least-privilege ops.graphql --schema schema.graphql`):
 * the schema (SDL) and the document are parsed with the `graphql` the generated package imports
 * (one module instance: graphql-js refuses schemas from another copy), and the package's
 * `graphqlLeastPrivilegeRequests` (gitlab/graphql, built on `requiredPermissionsForOperation`) turns
 * each operation's requirements into inputs. A schema or document that cannot be parsed, and every
 * validation error of the document, is a diagnostic with its file, line and column.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql';
import { createDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import { position } from '../../model/position.ts';
import type { GraphqlWorkloadItem } from './workload.ts';

/** The files a `.graphql` workload is recognised by. */
export const GRAPHQL_FILE = /\.(graphql|gql)$/i;

export interface GraphqlWorkload {
  format: 'graphql';
  items: GraphqlWorkloadItem[];
  /** The operations read (`query GetProject`), in document order. */
  operations: readonly string[];
  diagnostics: Diagnostic[];
  /** The schema or the document could not be parsed: there is nothing to answer. */
  fatal: boolean;
}

interface GraphqlModule {
  buildSchema(sdl: string): GraphQLSchema;
  parse(source: string): DocumentNode;
}

interface GraphqlInputsModule {
  graphqlLeastPrivilegeRequests(schema: GraphQLSchema, document: DocumentNode): { requests: readonly GraphqlWorkloadItem[]; operations: readonly string[]; errors: readonly GraphQLError[] };
}

/** Diagnostics of a GraphQL error at each of its locations (line 1 when it has none). */
function diagnosticsOf(error: unknown, file: string, ruleId: string, hint: string): Diagnostic[] {
  const e = error as Partial<GraphQLError> & { message?: string };
  const locations = e.locations && e.locations.length > 0 ? e.locations : [{ line: 1, column: 1 }];
  return locations.map((l) => createDiagnostic('error', ruleId, String(e.message ?? error), position(file, l.line, l.column), hint));
}

/**
 * Reads `document` (shown as `file`) against `schemaText` (shown as `schemaFile`) with the package
 * under `root/generated`. Throws only when the package (or `graphql`) cannot be loaded; the caller
 * reports that as it reports a missing package.
 */
export async function readGraphqlWorkload(root: string, document: string, file: string, schemaText: string, schemaFile: string): Promise<GraphqlWorkload> {
  const module = path.join(root, 'generated', 'gitlab', 'graphql', 'least-privilege.js');
  const lib = (await import(pathToFileURL(module).href)) as GraphqlInputsModule;
  // Loaded here, not at the top: only GraphQL input needs `graphql` (a peer dependency of the package, a dev dependency of permgen).
  // Resolved by the same loader as the package's own `import 'graphql'`, so both get one module instance.
  const graphql = (await import('graphql')) as GraphqlModule;
  const diagnostics: Diagnostic[] = [];
  let schema: GraphQLSchema;
  try {
    schema = graphql.buildSchema(schemaText);
  } catch (error) {
    diagnostics.push(...diagnosticsOf(error, schemaFile, 'workload-graphql-schema', 'Pass the schema in the GraphQL schema language (SDL), e.g. the `gitlab_schema.graphql` of your GitLab version.'));
    return { format: 'graphql', items: [], operations: [], diagnostics, fatal: true };
  }
  let parsed: DocumentNode;
  try {
    parsed = graphql.parse(document);
  } catch (error) {
    diagnostics.push(...diagnosticsOf(error, file, 'workload-graphql', 'The document must be GraphQL operations (queries, mutations, subscriptions and fragments).'));
    return { format: 'graphql', items: [], operations: [], diagnostics, fatal: true };
  }
  const result = lib.graphqlLeastPrivilegeRequests(schema, parsed);
  for (const e of result.errors) diagnostics.push(...diagnosticsOf(e, file, 'workload-graphql', 'The schema rejects this document: fix the operation or pass the schema of the GitLab version it runs against.'));
  return { format: 'graphql', items: [...result.requests], operations: result.operations, diagnostics, fatal: false };
}
