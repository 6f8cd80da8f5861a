/**
 * `npx modellkommuner <command> …`: one entry for every command (bin/modellkommuner.js runs it).
 * Each command is its own module that runs when imported and reads its arguments from
 * process.argv, so `npm run <command> -- …` (which runs the module directly) behaves the same.
 */
import { fileURLToPath } from 'node:url';
import { exitCodeOf, out, reportError, usageError } from './shared-output.js';

const COMMANDS: Record<string, string> = {
  propose: 'groups and mentors for a round from an instance file',
  plan: 'rounds needed to reach a county, a kommungrupp or the country',
  similar: 'the most comparable organisations, or structural families',
  import: 'import the dataset or organisations into the database',
  export: 'a table of the record as CSV (for programs or Excel) or XLSX',
  tokens: 'create, list and revoke named API tokens',
};

const USAGE = `Usage: npx modellkommuner <command> [options]      (--help after a command for its options)

Commands:
${Object.entries(COMMANDS)
  .map(([name, what]) => `  ${name.padEnd(9)} ${what}`)
  .join('\n')}

Every command reads the database the server uses: DATABASE_URL (PostgreSQL), or the embedded
database at DATA_DIR (default .data/pglite), with every accepted round. Data goes to stdout,
messages to stderr; exit code 0 on success, 1 on failure, 2 for a wrong command line or an
embedded database held by a running server.`;

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    if (command === 'help' && rest[0] && rest[0] in COMMANDS) return main2(rest[0], ['--help']);
    out(USAGE);
    if (!command) process.exitCode = 2;
    return;
  }
  if (!(command in COMMANDS)) throw usageError(`Unknown command '${command}'; run npx modellkommuner --help for the list`);
  return main2(command, rest);
}

async function main2(command: string, args: string[]): Promise<void> {
  // The module file itself (.ts through tsx, .js when compiled), so that a command that runs only
  // when it is the entry point (import.meta.url === process.argv[1]) sees itself as the entry point.
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  const modulePath = new URL(`./${command}.${extension}`, import.meta.url);
  // The command module reads process.argv as if it had been started on its own.
  process.argv = [process.argv[0]!, fileURLToPath(modulePath), ...args];
  try {
    await import(modulePath.href);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes(`${command}.`)) {
      throw new Error(`The command '${command}' is not part of this installation`);
    }
    throw e;
  }
}

main().catch((e: unknown) => {
  reportError(e);
  process.exitCode = exitCodeOf(e);
});
