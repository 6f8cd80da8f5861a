/**
 * A comparable picture of every table's rows, to assert that a failed write left the database
 * exactly as it was, or that a repeated import changed nothing.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../src/db/schema.js';

export const ALL_TABLES = [
  'meta',
  'counties',
  'kommungrupper',
  'county_neighbours',
  'organisation_kinds',
  'organisations',
  'organisation_focus',
  'focus_areas',
  'programmes',
  'rounds',
  'participations',
  'benchmark_groups',
  'group_members',
  'mentor_links',
  'mentor_link_conflicts',
  'sources',
  'fact_sources',
  'conflicts',
  'conflict_statements',
  'conflict_statement_sources',
  'conflict_concerns',
  'record_facts',
  'proposals',
  'applications',
  'mentor_offers',
] as const;

export type TableSnapshot = Record<string, string[]>;

export async function snapshotTables(
  db: Kysely<Database>,
  options: { exclude?: readonly string[] } = {},
): Promise<TableSnapshot> {
  const out: TableSnapshot = {};
  for (const table of ALL_TABLES) {
    if (options.exclude?.includes(table)) continue;
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    out[table] = rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
  }
  return out;
}

export async function countRows(db: Kysely<Database>, table: (typeof ALL_TABLES)[number]): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
