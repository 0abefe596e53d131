#!/usr/bin/env node
/** `permgen <command>`: parses arguments, runs a command, sets the exit code. The only place that touches process exit state. */
import { commands } from './commands/registry.ts';
import { terminalSafe } from '../diagnostics/visible.ts';

// `permgen read … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const [name, ...args] = process.argv.slice(2);
const command = commands.find((c) => c.name === name);
if (!command || name === '--help' || name === '-h') {
  const out = name && !command && name !== '--help' && name !== '-h' ? process.stderr : process.stdout;
  out.write(`${name && !command && name !== '--help' && name !== '-h' ? `permgen: unknown command \`${name}\`\n\n` : ''}Usage: permgen <command> [options]\n\nCommands:\n`);
  for (const c of commands) out.write(`  ${c.name.padEnd(22)} ${c.summary}\n`);
  out.write('\nRun `permgen <command> --help` for its options.\n');
  process.exitCode = command || !name || name === '--help' || name === '-h' ? 0 : 2;
} else {
  // Control characters from pages and logs reach the terminal as escapes, whatever the command prints (terminalSafe).
  const stdout = { write: (s: string) => process.stdout.write(terminalSafe(s)) };
  const stderr = { write: (s: string) => process.stderr.write(terminalSafe(s)) };
  process.exitCode = await (await command.load()).run(args, { cwd: process.cwd(), stdout, stderr });
}
