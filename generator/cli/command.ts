export interface CommandIo {
  cwd: string;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/** One CLI command; `run` returns the exit code (0 ok, 1 failure/diagnostics, 2 usage). Its name and summary are in `commands/registry.ts`. */
export interface Command {
  run(args: string[], io: CommandIo): Promise<number>;
}
