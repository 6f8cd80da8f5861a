/**
 * Filters and pages the organisations of a World, so that the organisation list is answered
 * from memory (and while the database is unreachable).
 *
 * It means exactly what the SQL of db/repositories/organisations.ts means (an integration test
 * compares the two on the same record): kind and county equal; kommungrupp equal, or a prefix
 * when it is a main group (one letter); `q` a substring of the name or id after folding ASCII
 * and the Swedish (and a few other) capitals to lower case, as PostgreSQL's lower() does in the
 * C locale plus the explicit translate(); "took part" means named by a participation, a group
 * or a mentor link (as mentor or mentee) of some round, of the programme when one is given.
 * Ordered by id (code-unit order, which equals the C collation for these ids); `total` counts
 * every match before paging.
 */
import type { Organisation, OrganisationFilter, OrganisationPage, World } from '../model.js';

const FOLD: Record<string, string> = { Å: 'å', Ä: 'ä', Ö: 'ö', É: 'é', È: 'è', Ü: 'ü', Æ: 'æ', Ø: 'ø' };
const foldForSearch = (s: string): string => s.replace(/[A-ZÅÄÖÉÈÜÆØ]/g, (c) => FOLD[c] ?? c.toLowerCase());

const tookPartCache = new WeakMap<World, Map<string, Set<string>>>();

/** Ids of the organisations named by any fact of the programme's rounds (all rounds for ''). */
function tookPart(world: World, programme: string | undefined): Set<string> {
  let byProgramme = tookPartCache.get(world);
  if (!byProgramme) tookPartCache.set(world, (byProgramme = new Map()));
  const key = programme ?? '';
  const known = byProgramme.get(key);
  if (known) return known;
  const rounds = new Set(world.rounds.filter((r) => programme === undefined || r.programmeId === programme).map((r) => r.id));
  const ids = new Set<string>();
  for (const p of world.participations) if (rounds.has(p.roundId)) ids.add(p.orgId);
  for (const g of world.groups) if (rounds.has(g.roundId)) for (const m of g.members) ids.add(m);
  for (const l of world.mentorLinks) {
    if (!rounds.has(l.roundId)) continue;
    ids.add(l.mentorId);
    ids.add(l.menteeId);
  }
  // Only programmes that exist are kept, so that arbitrary query strings cannot grow the cache.
  if (programme === undefined || world.programmes.some((p) => p.id === programme)) byProgramme.set(key, ids);
  return ids;
}

export function filterOrganisations(world: World, query: OrganisationFilter): OrganisationPage {
  const conditions: ((o: Organisation) => boolean)[] = [];
  if (query.kind !== undefined) conditions.push((o) => o.kind === query.kind);
  if (query.county !== undefined) conditions.push((o) => o.countyCode === query.county);
  if (query.kommungrupp !== undefined) {
    const wanted = query.kommungrupp;
    const of = (o: Organisation) => (query.kommungruppVersion === 2017 ? o.kommungrupp2017 : o.kommungrupp2023);
    conditions.push(wanted.length === 1 ? (o) => of(o)?.startsWith(wanted) === true : (o) => of(o) === wanted);
  }
  const q = query.q?.trim();
  if (q) {
    const needle = q.toLowerCase();
    conditions.push((o) => foldForSearch(o.name).includes(needle) || foldForSearch(o.id).includes(needle));
  }
  const participated = query.participated ?? (query.programme !== undefined ? true : undefined);
  if (participated !== undefined) {
    const ids = tookPart(world, query.programme);
    conditions.push((o) => ids.has(o.id) === participated);
  }
  const matches = world.organisations.filter((o) => conditions.every((c) => c(o)));
  matches.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const offset = Math.max(0, Math.floor(query.offset));
  const limit = Math.max(0, Math.floor(query.limit));
  return { total: matches.length, items: matches.slice(offset, offset + limit) };
}
