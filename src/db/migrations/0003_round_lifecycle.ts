/**
 * Migration 0003, frozen: a round's life. `status` (completed/ongoing/planned) becomes `state`
 * (preparing, planned, running, completed, cancelled, superseded) with `state_reason` saying why a
 * round was cancelled or superseded. Existing rows map ongoing → running; completed and planned
 * keep their names. A label is unique per programme only among rounds still alive, so that a
 * superseded or cancelled round keeps its label while another round takes it. A planned round
 * has a start month, and no round ends before it starts.
 */
import { sql, type Kysely, type Migration } from 'kysely';

const STATES = `('preparing', 'planned', 'running', 'completed', 'cancelled', 'superseded')`;

const up: string[] = [
  `alter table rounds add column state text`,
  `update rounds set state = case status when 'ongoing' then 'running' else status end`,
  `alter table rounds alter column state set not null`,
  `alter table rounds add constraint rounds_state_check check (state in ${STATES})`,
  `alter table rounds add column state_reason text`,
  `alter table rounds add constraint rounds_state_reason_check
     check ((state_reason is not null) = (state in ('cancelled', 'superseded')) and (state_reason is null or state_reason <> ''))`,
  `alter table rounds add constraint rounds_planned_start_check check (state <> 'planned' or start_date is not null)`,
  `alter table rounds add constraint rounds_end_after_start_check
     check (start_date is null or end_date is null or left(end_date, 7) >= left(start_date, 7))`,
  `alter table rounds drop column status`,
  `alter table rounds drop constraint rounds_programme_id_label_key`,
  `create unique index rounds_live_label_idx on rounds (programme_id, label) where state not in ('cancelled', 'superseded')`,
  `create index rounds_state_idx on rounds (state)`,
];

const down: string[] = [
  `drop index rounds_state_idx`,
  `drop index rounds_live_label_idx`,
  `alter table rounds add constraint rounds_programme_id_label_key unique (programme_id, label)`,
  `alter table rounds add column status text`,
  `update rounds set status = case state when 'running' then 'ongoing' when 'completed' then 'completed' else 'planned' end`,
  `alter table rounds alter column status set not null`,
  `alter table rounds add constraint rounds_status_check check (status in ('completed', 'ongoing', 'planned'))`,
  `alter table rounds drop constraint rounds_end_after_start_check`,
  `alter table rounds drop constraint rounds_planned_start_check`,
  `alter table rounds drop column state_reason`,
  `alter table rounds drop column state`,
];

export const migration0003: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    for (const statement of up) await sql.raw(statement).execute(db);
  },
  async down(db: Kysely<any>): Promise<void> {
    for (const statement of down) await sql.raw(statement).execute(db);
  },
};
