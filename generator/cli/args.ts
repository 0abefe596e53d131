import { parseArgs, type ParseArgsConfig } from 'node:util';

/** `node:util` parseArgs with usage errors as values instead of exceptions. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, allowPositionals = true) {
  try {
    return { ok: true as const, ...parseArgs({ args, options, allowPositionals, strict: true }) };
  } catch (error) {
    return { ok: false as const, error: (error as Error).message };
  }
}
