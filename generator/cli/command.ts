export interface CommandIo {
  cwd: string;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/** One CLI command; `run` returns the exit code (0 ok, 1 failure/diagnostics, 2 usage). */
export interface Command {
  name: string;
  summary: string;
  run(args: string[], io: CommandIo): Promise<number>;
}
