import type { Command } from '../command.ts';
import { generateCommand } from './generate.ts';
import { readCommand } from './read.ts';

/** Every `permgen` command, in the order `permgen --help` lists them. */
export const commands: readonly Command[] = Object.freeze([generateCommand, readCommand]);
