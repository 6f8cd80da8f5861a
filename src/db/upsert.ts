/**
 * The SET of an upsert that takes each listed column from the row that conflicted
 * (`col = excluded.col`), so an import updates exactly the columns it owns. `Row` is the table's
 * type from schema.ts: a misspelt column fails to compile.
 */
import { sql, type RawBuilder } from 'kysely';

// RawBuilder<any>: each column keeps its own value type, which only the table knows.
export function takeFromExcluded<Row>(columns: readonly (keyof Row & string)[]): Record<string, RawBuilder<any>> {
  return Object.fromEntries(columns.map((c) => [c, sql.ref(`excluded.${c}`)]));
}
