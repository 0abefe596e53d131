import type { Command } from '../command.ts';
import { generateCommand } from './generate.ts';
import { readCommand } from './read.ts';
import { diffCommand } from './diff.ts';
import { matchCommand } from './match.ts';
import { docsCommand } from './docs.ts';
import { graphqlPermissionsCommand } from './graphql-permissions.ts';

/** Every `permgen` command, in the order `permgen --help` lists them. */
export const commands: readonly Command[] = Object.freeze([generateCommand, readCommand, diffCommand, matchCommand, docsCommand, graphqlPermissionsCommand]);
