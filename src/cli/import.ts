/**
 * Command-line import into the configured database (DATABASE_URL, or the embedded PGlite at
 * DATA_DIR), migrating it first:
 *
 *   npx modellkommuner import --dataset              re-import data/ (idempotent)
 *   npx modellkommuner import --orgs FILE [--orgs …] import organisations from CSV (all files in one go)
 *
 * A malformed file changes nothing and is reported with file, line and field; exit code 1
 * (2 for a wrong command line or an embedded database held by a running server).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppError } from '../core/errors.js';
import { parseConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { importOrganisations, readOrganisationImportContext } from '../db/import-organisations.js';
import { importWorld } from '../db/import-world.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadWorld } from '../services/dataset/load-world.js';
import { parseOrganisationsFile, type OrganisationCsvRow } from '../services/org-csv.js';
import { errorSentence, exitCodeOf, isDatabaseHeld, reportError } from './shared-output.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const USAGE = `Usage:
  npx modellkommuner import --dataset      re-import the shipped data/ (idempotent)
  npx modellkommuner import --orgs FILE    import organisations from a CSV file (repeat --orgs
                                           for several); columns: id,kind,name,county
                                           [,population,population_year,lat,lon,parent,note]
  npx modellkommuner import --orgs FILE --encoding windows-1252
                                           read a file that is not UTF-8 (also: latin1,
                                           iso-8859-15, utf-16le)
Environment: DATABASE_URL (PostgreSQL) or DATA_DIR (embedded database, default .data/pglite).`;

function report(err: unknown): void {
  if (isDatabaseHeld(err)) return reportError(err);
  if (err instanceof AppError) {
    console.error(`Import failed (${err.code}): ${err.message}`);
    for (const d of err.details) {
      const where = [d.file, d.line].filter((x) => x !== undefined).join(':');
      console.error(`  ${where ? `${where}: ` : ''}${d.field ? `${d.field}: ` : ''}${d.message}`);
    }
  } else {
    console.error(`Import failed: ${errorSentence(err)}`);
  }
}

async function main(): Promise<number> {
  let values: { dataset: boolean; orgs?: string[]; encoding?: string; help: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        dataset: { type: 'boolean', default: false },
        orgs: { type: 'string', multiple: true },
        encoding: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`${errorSentence(err)} See npx modellkommuner import --help.`);
    return 2;
  }
  const files = values.orgs ?? [];
  if (values.help || (!values.dataset && files.length === 0)) {
    if (values.help) console.log(USAGE);
    else console.error('Name what to import: --dataset or --orgs FILE; see npx modellkommuner import --help.');
    return values.help ? 0 : 2;
  }

  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    const config = parseConfig(process.env);
    database = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  } catch (err) {
    report(err);
    return exitCodeOf(err);
  }
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length) console.log(`Migrated the database: ${applied.join(', ')}`);

    if (values.dataset) {
      const world = await loadWorld(path.join(projectRoot, 'data'));
      const r = await importWorld(database.db, world);
      console.log(
        `Imported the dataset: ${r.organisations} organisations, ${r.rounds} rounds, ${r.participations} participations, ` +
          `${r.groups} groups, ${r.mentorLinks} mentor links, ${r.sources} sources, ${r.conflicts} conflicts (data version ${r.dataVersion}).`,
      );
    }

    if (files.length) {
      const context = await readOrganisationImportContext(database.db);
      // Parse every file before writing any, so one bad file stops them all.
      const parsed: { file: string; rows: OrganisationCsvRow[] }[] = [];
      for (const file of files) {
        let bytes: Uint8Array;
        try {
          bytes = await readFile(file);
        } catch (err) {
          throw new AppError('invalid_input', `Cannot read ${file}: ${(err as Error).message}`, [{ file, message: 'cannot read the file' }]);
        }
        parsed.push({ file, rows: parseOrganisationsFile(bytes, { file, encoding: values.encoding, ...context }) });
      }
      for (const { file, rows } of parsed) {
        const r = await importOrganisations(database.db, rows, { file });
        console.log(
          `Imported ${file}: ${r.inserted.length} new, ${r.updated.length} updated` +
            (r.kindsCreated.length ? `; new kinds: ${r.kindsCreated.join(', ')}` : '') +
            ` (data version ${r.dataVersion}).`,
        );
      }
    }
    return 0;
  } catch (err) {
    report(err);
    return 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    report(err);
    process.exit(1);
  },
);
