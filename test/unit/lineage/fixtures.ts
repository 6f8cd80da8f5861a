/**
 * Test worlds: the shipped record through the lead's loader, the raw history.json for
 * independent counting, and tiny hand-built worlds for edge cases (cycles, unled cohorts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MentorLink, MentorRole, Organisation, World } from '../../../src/core/model.js';
import { loadWorld } from '../../../src/services/dataset/load-world.js';

export const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data');

let cached: Promise<World> | null = null;
/** The World built from data/ (loaded once per test file). */
export const shippedWorld = (): Promise<World> => (cached ??= loadWorld(DATA_DIR, '2026-11-22'));

export interface RawMentorship {
  mentor: string;
  mentees: string[];
  co_mentors?: string[];
  supported_by?: string[];
  sources: string[];
}
export interface RawRound {
  id: string;
  programme: string;
  label: string;
  start: string | null;
  participants?: { org: string; sources: string[] }[];
  mentors?: { org: string; sources: string[] }[];
  groups?: { members: string[]; sources: string[] }[];
  mentorships?: RawMentorship[];
}
export interface RawHistory {
  sources: { id: string; title: string }[];
  rounds: RawRound[];
  conflicts: { id: string; concerns: { round: string; kind: string; mentor?: string; mentee?: string; org?: string; members?: string[] }[] }[];
}

/** history.json as written, for counting by hand in tests. */
export const rawHistory = (): RawHistory => JSON.parse(readFileSync(path.join(DATA_DIR, 'history.json'), 'utf8')) as RawHistory;

/** municipalities.csv as plain rows (it has no quoted fields), for counting by hand. */
export function rawMunicipalities(): { code: string; name: string; county: string; population: number; kommungrupp: string }[] {
  const lines = readFileSync(path.join(DATA_DIR, 'municipalities.csv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((l) => {
    const c = l.split(',');
    return { code: c[0]!, name: c[1]!, county: c[2]!, population: Number(c[4]), kommungrupp: c[6]! };
  });
}

/** Every organisation a raw round names, in any role. */
export function rawRoundOrgs(r: RawRound): Set<string> {
  const out = new Set<string>();
  for (const p of r.participants ?? []) out.add(p.org);
  for (const p of r.mentors ?? []) out.add(p.org);
  for (const g of r.groups ?? []) g.members.forEach((m) => out.add(m));
  for (const m of r.mentorships ?? []) {
    out.add(m.mentor);
    m.mentees.forEach((x) => out.add(x));
    (m.co_mentors ?? []).forEach((x) => out.add(x));
    (m.supported_by ?? []).forEach((x) => out.add(x));
  }
  return out;
}

export function org(id: string, name = id, extra: Partial<Organisation> = {}): Organisation {
  return {
    id, kind: 'kommun', name, parentId: null, countyCode: null, population: null, populationYear: null,
    kommungrupp2017: null, kommungrupp2023: null, areaKm2: null, lat: null, lon: null, focus: [], note: null, ...extra,
  };
}

export function link(roundId: string, mentorId: string, menteeId: string, role: MentorRole = 'mentor', extra: Partial<MentorLink> = {}): MentorLink {
  return { roundId, mentorId, menteeId, role, sources: ['s1'], disputed: false, conflicts: [], ...extra };
}

/** A small World: rounds r1..rN one year apart in programme p, the given organisations and links. */
export function tinyWorld(orgIds: string[], links: MentorLink[], rounds = 3, extra: Partial<World> = {}): World {
  return {
    organisations: orgIds.map((id) => org(id)),
    counties: [],
    kommungrupper: [],
    countyNeighbours: [],
    programmes: [{ id: 'p', name: 'Programme', organiser: null, concept: null }],
    rounds: Array.from({ length: rounds }, (_, i) => ({
      id: `r${i + 1}`, programmeId: 'p', label: `Round ${i + 1}`, start: `${2010 + i}-01`, end: null, state: 'completed' as const, stateReason: null, notes: null, proposalId: null,
    })),
    participations: [],
    groups: [],
    mentorLinks: links,
    sources: [{ id: 's1', title: 'Source one', url: null, date: null, note: null }],
    conflicts: [],
    focusAreas: [],
    facts: [],
    ...extra,
  };
}
