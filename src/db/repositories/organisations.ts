/**
 * Organisation queries in SQL: filtered, searched and paged lists with their total, and
 * single organisations. Results are ordered by id, which is the same on PGlite (C locale) and on
 * any PostgreSQL server, whatever its collation.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Organisation, OrganisationFilter as ListOrganisationsQuery, OrganisationPage } from '../../core/model.js';
import { readOrganisationFocus, toOrganisation } from '../read-world.js';
import type { Database } from '../schema.js';

export type { OrganisationFilter as ListOrganisationsQuery, OrganisationPage } from '../../core/model.js';

// PGlite runs in the C locale, where lower() folds only ASCII; fold the Swedish (and a few
// other common) capitals explicitly so that search behaves the same on both databases.
const UPPER = 'ÅÄÖÉÈÜÆØ';
const LOWER = 'åäöéèüæø';

function foldedLower(column: Expression<string>) {
  return sql<string>`lower(translate(${column}, ${sql.lit(UPPER)}, ${sql.lit(LOWER)}))`;
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

type OrgEb = ExpressionBuilder<Database, 'organisations'>;

function took_part(eb: OrgEb, programme: string | undefined): Expression<SqlBool> {
  const inProgramme = (roundCol: 'participations.round_id' | 'benchmark_groups.round_id' | 'mentor_links.round_id') =>
    programme === undefined
      ? sql<boolean>`true`
      : eb.exists(
          eb
            .selectFrom('rounds')
            .select('rounds.id')
            .where(sql<boolean>`rounds.id = ${sql.ref(roundCol)}`)
            .where('rounds.programme_id', '=', programme),
        );
  return eb.or([
    eb.exists(
      eb
        .selectFrom('participations')
        .select('participations.id')
        .whereRef('participations.org_id', '=', 'organisations.id')
        .where(() => inProgramme('participations.round_id')),
    ),
    eb.exists(
      eb
        .selectFrom('group_members')
        .innerJoin('benchmark_groups', 'benchmark_groups.id', 'group_members.group_id')
        .select('group_members.org_id')
        .whereRef('group_members.org_id', '=', 'organisations.id')
        .where(() => inProgramme('benchmark_groups.round_id')),
    ),
    eb.exists(
      eb
        .selectFrom('mentor_links')
        .select('mentor_links.id')
        .where((w) =>
          w.or([w('mentor_links.mentor_id', '=', w.ref('organisations.id')), w('mentor_links.mentee_id', '=', w.ref('organisations.id'))]),
        )
        .where(() => inProgramme('mentor_links.round_id')),
    ),
  ]);
}

function filters(query: ListOrganisationsQuery) {
  return (eb: OrgEb): Expression<SqlBool> => {
    const conds: Expression<SqlBool>[] = [];
    if (query.kind !== undefined) conds.push(eb('organisations.kind', '=', query.kind));
    if (query.county !== undefined) conds.push(eb('organisations.county_code', '=', query.county));
    if (query.kommungrupp !== undefined) {
      const col = query.kommungruppVersion === 2017 ? 'organisations.kommungrupp_2017' : 'organisations.kommungrupp_2023';
      conds.push(
        query.kommungrupp.length === 1
          ? eb(col, 'like', `${escapeLike(query.kommungrupp)}%`)
          : eb(col, '=', query.kommungrupp),
      );
    }
    if (query.q !== undefined && query.q.trim() !== '') {
      const pattern = `%${escapeLike(query.q.trim().toLowerCase())}%`;
      conds.push(
        eb.or([
          eb(foldedLower(eb.ref('organisations.name')), 'like', pattern),
          eb(foldedLower(eb.ref('organisations.id')), 'like', pattern),
        ]),
      );
    }
    const participated = query.participated ?? (query.programme !== undefined ? true : undefined);
    if (participated !== undefined) {
      const cond = took_part(eb, query.programme);
      conds.push(participated ? cond : eb.not(cond));
    }
    return eb.and(conds);
  };
}

export async function listOrganisations(db: Kysely<Database>, query: ListOrganisationsQuery): Promise<OrganisationPage> {
  const where = filters(query);
  const totalRow = await db
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where(where)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('organisations')
    .selectAll()
    .where(where)
    .orderBy('id')
    .limit(Math.max(0, Math.floor(query.limit)))
    .offset(Math.max(0, Math.floor(query.offset)))
    .execute();
  const focus = await readOrganisationFocus(
    db,
    rows.map((r) => r.id),
  );
  return { total: Number(totalRow.total), items: rows.map((r) => toOrganisation(r, focus.get(r.id) ?? [])) };
}

export async function getOrganisation(db: Kysely<Database>, id: string): Promise<Organisation | null> {
  const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const focus = await readOrganisationFocus(db, [id]);
  return toOrganisation(row, focus.get(id) ?? []);
}

/** The ids among `ids` that name no organisation (for 422 unknown_ids answers). */
export async function findUnknownOrganisationIds(db: Kysely<Database>, ids: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return [];
  const found = new Set(
    (await db.selectFrom('organisations').select('id').where('id', 'in', wanted).execute()).map((r) => r.id),
  );
  return wanted.filter((id) => !found.has(id));
}

export async function listOrganisationKinds(db: Kysely<Database>): Promise<{ id: string; builtin: boolean }[]> {
  return db.selectFrom('organisation_kinds').select(['id', 'builtin']).orderBy('id').execute();
}
