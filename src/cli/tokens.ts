/**
 * Named API tokens, from the command line (the database of DATABASE_URL, or the embedded one at
 * DATA_DIR, migrated first):
 *
 *   npx modellkommuner tokens create --name "Anna Andersson"   prints the new token once
 *   npx modellkommuner tokens list                              id, name, created, revoked
 *   npx modellkommuner tokens revoke <id>
 *
 * Only a salted hash of a token is stored: a lost token cannot be shown again, only revoked and
 * replaced. Writes made with a token are recorded in the audit log under its holder's name.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { AppError } from '../core/errors.js';
import { parseConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { migrateToLatest } from '../db/migrate.js';
import { findToken, insertToken, listTokens, revokeToken } from '../db/repositories/index.js';
import type { Database } from '../db/schema.js';
import { createTokenService } from '../services/tokens.js';

export const TOKENS_USAGE = `Usage:
  npx modellkommuner tokens create --name "<name>"   create a token (printed once; only a hash is kept)
  npx modellkommuner tokens list                     list tokens (never their secrets)
  npx modellkommuner tokens revoke <id>              revoke a token; writes with it are refused from then on
Environment: DATABASE_URL (PostgreSQL) or DATA_DIR (embedded database, default .data/pglite).`;

export interface TokensIo {
  log: (line: string) => void;
  error: (line: string) => void;
}

/** Runs one tokens command on an open, migrated database; returns the exit code. */
export async function runTokensCommand(args: string[], db: Kysely<Database>, io: TokensIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { name: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const [command, ...rest] = positionals;
  const service = createTokenService({
    store: { insert: (t) => insertToken(db, t), find: (id) => findToken(db, id), list: () => listTokens(db), revoke: (id) => revokeToken(db, id) },
  });
  if (values.help || !command) {
    io.log(TOKENS_USAGE);
    return values.help ? 0 : 2;
  }
  switch (command) {
    case 'create': {
      if (values.name === undefined) {
        io.error('create needs --name "<person\'s name>": the audit log names the holder of each token.');
        return 2;
      }
      const created = await service.create(values.name);
      io.log(`Created token ${created.id} for ${created.name}. It is shown only now; keep it secret:`);
      io.log(`  ${created.token}`);
      return 0;
    }
    case 'list': {
      const tokens = await service.list();
      if (tokens.length === 0) io.log('No named tokens yet (the bootstrap API_TOKEN is not listed).');
      for (const t of tokens) io.log(`${t.id}  ${t.createdAt}  ${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}  ${t.name}`);
      return 0;
    }
    case 'revoke': {
      const id = rest[0];
      if (!id || !/^[0-9a-f]{16}$/.test(id)) {
        io.error('revoke needs the token id (16 hexadecimal characters, as shown by "list").');
        return 2;
      }
      const existing = await findToken(db, id);
      if (!(await service.revoke(id))) {
        io.error(`No token with id ${id}.`);
        return 1;
      }
      io.log(existing?.revokedAt ? `Token ${id} (${existing.name}) was already revoked.` : `Revoked token ${id} (${existing?.name}).`);
      return 0;
    }
    default:
      io.error(`Unknown command "${command}".\n${TOKENS_USAGE}`);
      return 2;
  }
}

/** Entry point: opens the configured database, migrates it, runs the command. */
export async function main(args: string[] = process.argv.slice(2)): Promise<number> {
  const io: TokensIo = { log: (l) => console.log(l), error: (l) => console.error(l) };
  const config = parseConfig(process.env);
  const database = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    return await runTokensCommand(args, database.db, io);
  } catch (err) {
    io.error(err instanceof AppError || (err instanceof Error && 'code' in err && err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') ? err.message : `tokens failed: ${String(err)}`);
    return 1;
  } finally {
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
