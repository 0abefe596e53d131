import type { Command } from '../command.ts';

/** A command as the CLI lists it; its module is loaded only when it runs (graphql, esbuild, chokidar, … stay unloaded otherwise). */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

/** Every `permgen` command, in the order `permgen --help` lists them. */
export const commands: readonly CommandEntry[] = Object.freeze([
  { name: 'generate', summary: 'Generate (or --check) the package from the sources.', load: async () => (await import('./generate.ts')).generateCommand },
  { name: 'read', summary: 'Print the model extracted from one page.', load: async () => (await import('./read.ts')).readCommand },
  { name: 'diff', summary: 'Report permission changes between two versions of the sources.', load: async () => (await import('./diff.ts')).diffCommand },
  { name: 'match', summary: 'Which documented route (and permissions) a request is for, and why.', load: async () => (await import('./match.ts')).matchCommand },
  { name: 'docs', summary: 'Build the static docs site (tables, deep links, explorer) into site/.', load: async () => (await import('./docs.ts')).docsCommand },
  { name: 'graphql-permissions', summary: 'Least fine-grained permissions a GitLab GraphQL operation needs.', load: async () => (await import('./graphql-permissions.ts')).graphqlPermissionsCommand },
  { name: 'least-privilege', summary: 'Smallest grant of every token kind for a workload (access log or list of requests and operations).', load: async () => (await import('./least-privilege.ts')).leastPrivilegeCommand },
]);
