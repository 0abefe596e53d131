/**
 * The guard's tests run the emitted package: this builds it from a catalog, writes it to a temp folder
 * and imports its GitLab modules. The temp folder gets a `node_modules` link to the project's, so the
 * package's `import 'graphql'` (a peer dependency) loads the very `graphql` the tests use; two copies
 * would make graphql-js refuse schemas from "another module or realm".
 */
import { readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentNode, GraphQLSchema, ValidationRule } from 'graphql';
import { buildSchema } from 'graphql';
import { importGenerated, projectRoot, writePackage } from '../helpers/build.ts';
import type { Catalog, GraphqlPermissionsModel } from '../../generator/model/catalog.ts';
import type { Diagnostic } from '../../generator/diagnostics/diagnostic.ts';
import { pageModel } from './page-model.ts';

export interface Grant {
  readonly permission: string;
  readonly alsoRequires: readonly string[];
  readonly action: string;
  readonly resource: string;
  readonly category: string;
  readonly boundary: string;
  readonly kind: 'Type' | 'Mutation' | 'Field';
  readonly name: string;
  readonly source: string;
}

export interface Requirement {
  readonly reason: string;
  readonly subject: string;
  readonly fields: readonly string[];
  readonly locations: readonly { line: number; column: number }[];
  readonly grants: readonly Grant[];
  readonly alternatives: readonly (readonly string[])[];
  readonly satisfiedBy?: readonly string[];
}

export interface LeastPrivilege {
  readonly permissions: readonly string[];
  readonly grantable: boolean;
  readonly requirements: readonly Requirement[];
  readonly ungrantable: readonly Requirement[];
  readonly method: 'exact' | 'greedy';
  readonly errors: readonly { message: string }[];
}

export interface GuardPackage {
  dir: string;
  files: Map<string, string>;
  diagnostics: Diagnostic[];
  gitlab: {
    requiredGraphqlPermissions(kind: string, name: string): readonly Grant[] | undefined;
    graphqlGuardEntries: readonly { kind: string; name: string; schemaName: string; grants: readonly Grant[] }[];
  } & Record<string, unknown>;
  graphql: {
    fineGrainedPermissionsRule(granted: Iterable<string>, options?: { mode?: string }): ValidationRule;
    requiredPermissionsForOperation(schema: GraphQLSchema, document: DocumentNode, options?: { mode?: string; operationName?: string }): LeastPrivilege;
  } & Record<string, unknown>;
}

export async function guardPackage(model: GraphqlPermissionsModel = pageModel(), extra: Catalog['sources'] = []): Promise<GuardPackage> {
  const { dir, files, report } = await writePackage({ catalogVersion: 1, sources: [...extra, model] });
  await symlink(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const gitlab = await importGenerated<GuardPackage['gitlab']>(dir, 'gitlab/index.js');
  const graphql = await importGenerated<GuardPackage['graphql']>(dir, 'gitlab/graphql/index.js');
  return { dir, files, diagnostics: report.diagnostics, gitlab, graphql };
}

/** The test schema (test/fixtures/graphql-guard/schema.graphql). */
export async function testSchema(): Promise<GraphQLSchema> {
  return buildSchema(await readFile(path.join(projectRoot, 'test/fixtures/graphql-guard/schema.graphql'), 'utf8'));
}
