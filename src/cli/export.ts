/**
 * CSV export from the configured database (the same tables as GET /api/export/:table):
 *
 *   npm run export -- TABLE [--programme ID] [--bom] > file.csv
 *
 * Writes UTF-8 CSV to standard output; errors go to standard error with exit code 1.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppError } from '../core/errors.js';
import { buildExportCsv, EXPORT_TABLES } from '../core/export/index.js';
import { parseConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { buildServices } from '../wiring.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const USAGE = `Usage: npm run export -- TABLE [--programme ID] [--bom]
Tables: ${EXPORT_TABLES.join(', ')}
--bom adds a byte-order mark, which older Excel versions need to read å ä ö.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { programme: { type: 'string' }, bom: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const table = positionals[0];
  if (values.help || !table) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const config = parseConfig(process.env);
  const database = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    const services = await buildServices(database.db, { dataDir: path.join(projectRoot, 'data'), prepare: true });
    const world = await services.catalogue.getWorld();
    process.stdout.write(buildExportCsv(world, table, { programme: values.programme, bom: values.bom }));
    return 0;
  } catch (err) {
    console.error(err instanceof AppError ? `Export failed (${err.code}): ${err.message}` : `Export failed: ${(err as Error).message}`);
    return 1;
  } finally {
    await database.close();
  }
}

main().then((code) => process.exit(code));
