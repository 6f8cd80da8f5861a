/**
 * Writes organisations from a user's file (origin 'import') in one transaction.
 *
 * Invariants:
 * - all or nothing: references (county, parent) and ids are checked inside the transaction,
 *   every problem is reported with its line, and any error, a database one included, rolls
 *   everything back;
 * - an organisation of the shipped dataset is never overwritten (its id is an error);
 * - importing the same file again updates the same rows (idempotent);
 * - a kind that does not exist yet is created.
 */
import type { Kysely } from 'kysely';
import { AppError, type ErrorDetail } from '../core/errors.js';
import { controlCharacterProblem } from '../core/import-text.js';
import { bumpDataVersion } from './data-version.js';
import { isDataError, rethrowAsInvalidInput } from './db-errors.js';
import type { OrganisationImport as OrganisationInput } from '../core/model.js';
import type { OrganisationsTable, Database } from './schema.js';
import { takeFromExcluded } from './upsert.js';

export type { OrganisationImport as OrganisationInput } from '../core/model.js';

export interface OrganisationImportReport {
  file: string;
  inserted: string[];
  updated: string[];
  kindsCreated: string[];
  dataVersion: number;
}

function parentsFirst(rows: readonly OrganisationInput[]): OrganisationInput[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const depth = (r: OrganisationInput, seen = new Set<string>()): number => {
    const parent = r.parentId ? byId.get(r.parentId) : undefined;
    if (!parent || seen.has(parent.id)) return 0;
    seen.add(r.id);
    return depth(parent, seen) + 1;
  };
  return [...rows].sort((a, b) => depth(a) - depth(b));
}

function findCycles(rows: readonly OrganisationInput[]): OrganisationInput[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return rows.filter((r) => {
    const seen = new Set<string>([r.id]);
    let p = r.parentId ? byId.get(r.parentId) : undefined;
    while (p) {
      if (seen.has(p.id)) return p.id === r.id;
      seen.add(p.id);
      p = p.parentId ? byId.get(p.parentId) : undefined;
    }
    return false;
  });
}

export async function importOrganisations(
  db: Kysely<Database>,
  rows: readonly OrganisationInput[],
  options: { file: string },
): Promise<OrganisationImportReport> {
  const { file } = options;
  try {
    return await db.transaction().execute(async (trx) => {
      const counties = new Set((await trx.selectFrom('counties').select('code').execute()).map((c) => c.code));
      const stored = new Map(
        (await trx.selectFrom('organisations').select(['id', 'origin']).execute()).map((o) => [o.id, o.origin]),
      );
      const kinds = new Set((await trx.selectFrom('organisation_kinds').select('id').execute()).map((k) => k.id));
      const inFile = new Set(rows.map((r) => r.id));

      const details: ErrorDetail[] = [];
      const seen = new Map<string, number>();
      for (const r of rows) {
        const problem = (field: string, message: string) => details.push({ file, line: r.line, field, message });
        if (seen.has(r.id)) problem('id', `duplicate id '${r.id}' (first on line ${seen.get(r.id)})`);
        else seen.set(r.id, r.line);
        for (const [field, value] of [['id', r.id], ['kind', r.kind], ['name', r.name], ['parent', r.parentId ?? ''], ['note', r.note ?? '']] as const) {
          const p = controlCharacterProblem(value, { file, line: r.line, field, multiline: field === 'note' });
          if (p) details.push(p);
        }
        if (stored.get(r.id) === 'dataset') problem('id', `'${r.id}' is an organisation of the shipped dataset and cannot be replaced`);
        if (!r.kind) problem('kind', 'kind is empty');
        if (r.countyCode !== null && !counties.has(r.countyCode)) problem('county', `unknown county code '${r.countyCode}'`);
        if (r.parentId !== null && !inFile.has(r.parentId) && !stored.has(r.parentId)) {
          problem('parent', `unknown parent organisation '${r.parentId}'`);
        }
      }
      for (const r of findCycles(rows)) details.push({ file, line: r.line, field: 'parent', message: `'${r.id}' is its own ancestor` });
      if (details.length) {
        details.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
        throw new AppError('invalid_input', `${file}: ${details.length} problem(s), nothing was imported.`, details);
      }

      const kindsCreated = [...new Set(rows.map((r) => r.kind))].filter((k) => !kinds.has(k));
      if (kindsCreated.length) {
        await trx.insertInto('organisation_kinds').values(kindsCreated.map((id) => ({ id }))).execute();
      }
      const ordered = parentsFirst(rows);
      for (let i = 0; i < ordered.length; i += 500) {
        await trx
          .insertInto('organisations')
          .values(
            ordered.slice(i, i + 500).map((r) => ({
              id: r.id,
              kind: r.kind,
              name: r.name,
              parent_id: r.parentId,
              county_code: r.countyCode,
              population: r.population,
              population_year: r.populationYear,
              kommungrupp_2017: null,
              kommungrupp_2023: null,
              area_km2: null,
              lat: r.lat,
              lon: r.lon,
              note: r.note,
              origin: 'import' as const,
            })),
          )
          .onConflict((oc) =>
            oc
              .column('id')
              .doUpdateSet(takeFromExcluded<OrganisationsTable>(['kind', 'name', 'parent_id', 'county_code', 'population', 'population_year', 'lat', 'lon', 'note']))
              .where('organisations.origin', '=', 'import'),
          )
          .execute();
      }
      const dataVersion = await bumpDataVersion(trx);
      return {
        file,
        inserted: rows.filter((r) => !stored.has(r.id)).map((r) => r.id),
        updated: rows.filter((r) => stored.has(r.id)).map((r) => r.id),
        kindsCreated,
        dataVersion,
      };
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (isDataError(err)) rethrowAsInvalidInput(err, `The import of ${file}`, file);
    throw err;
  }
}

/** What the CSV parser may check up front: the known counties and organisation ids. */
export async function readOrganisationImportContext(
  db: Kysely<Database>,
): Promise<{ knownCounties: Set<string>; knownOrganisations: Set<string> }> {
  const counties = await db.selectFrom('counties').select('code').execute();
  const orgs = await db.selectFrom('organisations').select('id').execute();
  return { knownCounties: new Set(counties.map((c) => c.code)), knownOrganisations: new Set(orgs.map((o) => o.id)) };
}
