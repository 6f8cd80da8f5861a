/** The storage layer's public surface, for src/server.ts and src/cli (http never imports db). */
export { openDatabase, type OpenDatabaseOptions, type OpenedDatabase } from './client.js';
export { migrateToLatest } from './migrate.js';
export { importWorld, type ImportReport } from './import-world.js';
export { readVersionedWorld, readWorld } from './read-world.js';
export { readDataVersion } from './data-version.js';
export { watchDataVersion } from './change-feed.js';
export { rethrowUnreachable } from './connection-errors.js';
export { prepareDatabase, type PrepareReport } from './bootstrap.js';
export type { Database } from './schema.js';
export { importOrganisations, readOrganisationImportContext, type OrganisationInput, type OrganisationImportReport } from './import-organisations.js';
export * from './repositories/index.js';
