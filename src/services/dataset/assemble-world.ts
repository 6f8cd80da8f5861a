/**
 * Assembles the World from the contents of the shipped data files. Pure over its inputs (file
 * texts in, World out) so that tests can feed it broken files; load-world.ts does the reading.
 *
 * Derived values, documented in data/README.md: a region's population is the sum of its
 * municipalities' populations and its coordinates their population-weighted centroid; a stadsdel
 * or förbund without a county takes its parent's.
 */
import type { z } from 'zod';
import { AppError } from '../../core/errors.js';
import type { KommungruppDef, Organisation, World } from '../../core/model.js';
import { buildRecord } from '../../core/record/build-record.js';
import { parseCsvRows } from './csv-rows.js';
import {
  countyRow,
  focusAreasFile,
  historyFile,
  municipalityExtraRow,
  municipalityRow,
  neighbourRow,
} from './dataset-schemas.js';

export interface DatasetFiles {
  municipalitiesCsv: string;
  municipalitiesExtraCsv: string;
  countiesCsv: string;
  regionsCsv: string;
  countyNeighboursCsv: string | null;
  historyJson: string;
  focusAreasJson: string;
}

function parseJsonFile<S extends z.ZodType>(text: string, file: string, schema: S): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new AppError('invalid_input', `${file}: not valid JSON: ${(err as Error).message}`, [{ file, message: 'not valid JSON' }]);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const details = result.error.issues.map((i) => ({ file, field: i.path.join('.'), message: i.message }));
    throw new AppError('invalid_input', `${file}: field '${details[0]!.field}': ${details[0]!.message}`, details);
  }
  return result.data;
}

export function assembleWorld(files: DatasetFiles, today: string): World {
  const municipalities = parseCsvRows(files.municipalitiesCsv, 'municipalities.csv', municipalityRow);
  const extras = new Map(parseCsvRows(files.municipalitiesExtraCsv, 'municipalities_extra.csv', municipalityExtraRow).map((r) => [r.code, r]));
  const counties = parseCsvRows(files.countiesCsv, 'counties.csv', countyRow);
  const regions = parseCsvRows(files.regionsCsv, 'regions.csv', countyRow);
  const neighbours = files.countyNeighboursCsv ? parseCsvRows(files.countyNeighboursCsv, 'county-neighbours.csv', neighbourRow) : [];
  const history = parseJsonFile(files.historyJson, 'history.json', historyFile);
  const focus = parseJsonFile(files.focusAreasJson, 'focus-areas.json', focusAreasFile);

  const countyCodes = new Set(counties.map((c) => c.code));
  const checkCounty = (code: string, file: string, field: string) => {
    if (!countyCodes.has(code)) throw new AppError('invalid_input', `${file}: unknown county '${code}' in ${field}`, [{ file, field, message: 'unknown county', values: [code] }]);
  };

  const kommungrupper = new Map<string, KommungruppDef>();
  const organisations: Organisation[] = municipalities.map((m, i) => {
    checkCounty(m.county_code, 'municipalities.csv', `line ${i + 2} county_code`);
    const extra = extras.get(m.code);
    kommungrupper.set(`2017:${m.kommungrupp}`, { code: m.kommungrupp, name: m.kommungrupp_name, version: 2017 });
    if (extra) kommungrupper.set(`2023:${extra.kommungrupp_2023}`, { code: extra.kommungrupp_2023, name: extra.kommungrupp_2023_name, version: 2023 });
    return {
      id: m.code,
      kind: 'kommun',
      name: m.name,
      parentId: null,
      countyCode: m.county_code,
      population: m.population,
      populationYear: m.population_year,
      kommungrupp2017: m.kommungrupp,
      kommungrupp2023: extra?.kommungrupp_2023 ?? null,
      areaKm2: m.area_km2,
      lat: m.lat,
      lon: m.lon,
      focus: [],
      note: null,
      noteSv: null,
    };
  });

  const profiles = new Map(focus.region_profiles.map((p) => [p.county_code, p]));
  for (const r of regions) {
    checkCounty(r.code, 'regions.csv', 'code');
    const members = organisations.filter((o) => o.kind === 'kommun' && o.countyCode === r.code);
    const population = members.reduce((sum, o) => sum + (o.population ?? 0), 0);
    const weighted = (key: 'lat' | 'lon') => members.reduce((sum, o) => sum + (o[key] ?? 0) * (o.population ?? 0), 0) / population;
    organisations.push({
      id: r.code,
      kind: 'region',
      name: r.name,
      parentId: null,
      countyCode: r.code,
      population,
      populationYear: members[0]?.populationYear ?? null,
      kommungrupp2017: null,
      kommungrupp2023: null,
      areaKm2: Math.round(members.reduce((sum, o) => sum + (o.areaKm2 ?? 0), 0) * 100) / 100,
      lat: Math.round(weighted('lat') * 1e5) / 1e5,
      lon: Math.round(weighted('lon') * 1e5) / 1e5,
      focus: [...(profiles.get(r.code)?.focus ?? [])],
      note: null,
      noteSv: null,
    });
  }

  const byId = new Map(organisations.map((o) => [o.id, o]));
  history.organisations.forEach((h, i) => {
    const existing = byId.get(h.id);
    if (existing) {
      if (existing.kind !== h.kind) {
        throw new AppError('invalid_input', `history.json: organisations[${i}] '${h.id}' is a ${existing.kind}, not a ${h.kind}`, [
          { file: 'history.json', field: `organisations[${i}].kind`, message: 'kind differs from the reference data', values: [h.kind] },
        ]);
      }
      existing.note = h.note ?? existing.note;
      existing.noteSv = h.note_sv ?? existing.noteSv ?? null;
      return;
    }
    const parent = h.parent ? byId.get(h.parent) : undefined;
    if (h.parent && !parent) {
      throw new AppError('invalid_input', `history.json: organisations[${i}].parent '${h.parent}' is unknown`, [
        { file: 'history.json', field: `organisations[${i}].parent`, message: 'unknown organisation', values: [h.parent] },
      ]);
    }
    const countyCode = h.county_code ?? parent?.countyCode ?? null;
    if (countyCode) checkCounty(countyCode, 'history.json', `organisations[${i}].county_code`);
    const org: Organisation = {
      id: h.id,
      kind: h.kind,
      name: h.name,
      parentId: h.parent ?? null,
      countyCode,
      population: null,
      populationYear: null,
      kommungrupp2017: null,
      kommungrupp2023: null,
      areaKm2: null,
      lat: parent?.lat ?? null,
      lon: parent?.lon ?? null,
      focus: [],
      note: h.note ?? null,
      noteSv: h.note_sv ?? null,
    };
    organisations.push(org);
    byId.set(org.id, org);
  });

  const focusIds = new Set(focus.focus_areas.map((f) => f.id));
  for (const o of organisations) {
    for (const f of o.focus) {
      if (!focusIds.has(f)) throw new AppError('invalid_input', `focus-areas.json: region ${o.id} has unknown focus area '${f}'`, [{ file: 'focus-areas.json', field: 'region_profiles', message: 'unknown focus area', values: [f] }]);
    }
  }

  const record = buildRecord(history, new Set(byId.keys()), today);
  return {
    organisations,
    counties: counties.map((c) => ({ code: c.code, name: c.name })),
    kommungrupper: [...kommungrupper.values()].sort((a, b) => a.version - b.version || a.code.localeCompare(b.code)),
    countyNeighbours: neighbours.map((n) => [n.county_a, n.county_b] as [string, string]),
    programmes: record.programmes,
    rounds: record.rounds,
    participations: record.participations,
    groups: record.groups,
    mentorLinks: record.mentorLinks,
    sources: record.sources,
    conflicts: record.conflicts,
    focusAreas: focus.focus_areas.map((f) => ({
      id: f.id,
      label: f.label,
      description: f.description ?? null,
      descriptionSv: f.description_sv ?? null,
      delmal: f.delmal ?? null,
    })),
    facts: record.facts,
  };
}
