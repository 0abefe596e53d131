import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * `node:util` parseArgs with usage errors as values instead of exceptions. `--help` (`-h`) must come
 * alone: with anything else it is a usage error (exit 2), never the help's exit 0, since a script
 * that passes a request's method or path (`permgen match gitlab-rest GET "$path"`) would otherwise
 * read a path of `-h` as an allowed request. A method or path that starts with `-` goes after `--`.
 */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, allowPositionals = true) {
  try {
    const parsed = parseArgs({ args, options, allowPositionals, strict: true });
    if ((parsed.values as { help?: unknown }).help === true && args.length > 1)
      return { ok: false as const, error: '--help goes alone (an argument that starts with "-" goes after "--": permgen match gitlab-rest GET -- -h)' };
    return { ok: true as const, ...parsed };
  } catch (error) {
    return { ok: false as const, error: (error as Error).message };
  }
}
