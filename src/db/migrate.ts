/**
 * Runs the frozen migrations with Kysely's Migrator on PGlite or PostgreSQL.
 * The migration bookkeeping tables live in the connection's current schema (search_path), so
 * several schemas in one PostgreSQL database (one per test file) never see each other's state.
 *
 * Kysely's Migrator looks for its tables by introspecting every schema of the database, which
 * can fail while another process drops a schema at that moment. So: an up-to-date schema is
 * recognised by a query on the current schema alone (no Migrator at all), and a migration that
 * fails with such a catalogue race is retried (migrations are transactional on PostgreSQL).
 */
import { Migrator, sql, type Kysely, type MigrationProvider, type Migration } from 'kysely';
import { migrations } from './migrations/index.js';

const staticProvider: MigrationProvider = {
  getMigrations: async (): Promise<Record<string, Migration>> => migrations,
};

async function currentSchema(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('The database connection has no current schema (check search_path).');
  return schema;
}

/** Names of the migrations recorded in the current schema; empty when none ever ran. */
async function appliedMigrations(db: Kysely<any>): Promise<Set<string>> {
  const { rows } = await sql<{ exists: boolean }>`
    select to_regclass(quote_ident(current_schema()) || '.kysely_migration') is not null as exists`.execute(db);
  if (!rows[0]?.exists) return new Set();
  const names = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  return new Set(names.rows.map((r) => r.name));
}

// invalid_schema_name, undefined_table, undefined_object, internal error ("cache lookup failed").
const CATALOGUE_RACE = new Set(['3F000', '42P01', '42704', 'XX000']);

function isCatalogueRace(err: unknown): boolean {
  const cause = (err as { cause?: unknown })?.cause ?? err;
  const code = (cause as { code?: unknown })?.code ?? (err as { code?: unknown })?.code;
  return typeof code === 'string' && CATALOGUE_RACE.has(code);
}

async function runMigrator(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: staticProvider,
    migrationTableSchema: await currentSchema(db),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Database migration ${failed ?? ''} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrates to the latest version; returns the names of the migrations it applied. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const applied = await appliedMigrations(db);
  if (Object.keys(migrations).every((name) => applied.has(name))) return [];
  for (let attempt = 1; ; attempt++) {
    try {
      return await runMigrator(db);
    } catch (err) {
      if (attempt >= 4 || !isCatalogueRace(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}
