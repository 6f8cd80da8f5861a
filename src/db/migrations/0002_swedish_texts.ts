/**
 * Swedish texts beside the English ones (history.json's `*_sv` fields and focus-areas.json's
 * `description_sv`), and the sources of the record's free-text facts, which history.json now
 * states as objects. Frozen: later changes get a migration of their own.
 */
import { sql, type Kysely, type Migration } from 'kysely';

const columns: [table: string, column: string][] = [
  ['organisations', 'note_sv'],
  ['focus_areas', 'description_sv'],
  ['programmes', 'name_sv'],
  ['programmes', 'concept_sv'],
  ['rounds', 'notes_sv'],
  ['sources', 'title_sv'],
  ['sources', 'note_sv'],
  ['conflicts', 'about_sv'],
  ['conflict_statements', 'says_sv'],
  ['record_facts', 'says_sv'],
];

export const migration0002: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    for (const [table, column] of columns) {
      await sql`alter table ${sql.table(table)} add column ${sql.ref(column)} text`.execute(db);
    }
    await sql`alter table record_facts add column sources text[] not null default '{}'`.execute(db);
  },
  async down(db: Kysely<any>): Promise<void> {
    await sql`alter table record_facts drop column sources`.execute(db);
    for (const [table, column] of [...columns].reverse()) {
      await sql`alter table ${sql.table(table)} drop column ${sql.ref(column)}`.execute(db);
    }
  },
};
