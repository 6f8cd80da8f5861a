/**
 * Lineage generations and the longest mentor chain, over a given set of links.
 *
 * Definitions (shared by the lineage forest and the spread statistics):
 * - roots: organisations that mentored but were never mentored in scope, plus the participants of
 *   the first round of each programme in scope (the pilots). Roots are generation 1.
 * - generation(X) = 1 + the smallest generation of a mentor of X, taking only `mentor` and
 *   `co_mentor` links (a supporting mentor backs the mentor, it does not start a new line below
 *   itself) and only the mentor's generation as known before the link's round (time runs forward).
 *   A mentor whose own mentor is unrecorded at that time starts a line (generation 1).
 *   Organisations that took part but are in no such link and are no root have no generation.
 * - a chain is a path mentor→mentee→… along `mentor`/`co_mentor` links in strictly increasing
 *   rounds; its length counts organisations. The longest chains are listed (at most
 *   MAX_LONGEST_CHAINS), in a deterministic order.
 */
import type { MentorLink, MentorRole, World } from '../model.js';
import { compareNames, linkRef, orderOf, orgRef, type WorldIndex } from './world-index.js';
import type { LineageChain } from './trace.js';

export const MAX_LONGEST_CHAINS = 50;
export const GENERATION_ROLES: readonly MentorRole[] = ['mentor', 'co_mentor'];

/** Roots of the lineage in scope and why each is one. */
export function findRoots(
  world: World,
  ix: WorldIndex,
  scopeRoundIds: readonly string[],
  links: readonly MentorLink[],
  acceptParticipation: (p: World['participations'][number]) => boolean = () => true,
): Map<string, ('first_round' | 'unmentored_mentor')[]> {
  const roots = new Map<string, ('first_round' | 'unmentored_mentor')[]>();
  const add = (id: string, why: 'first_round' | 'unmentored_mentor') => {
    const list = roots.get(id) ?? [];
    if (!list.includes(why)) list.push(why);
    roots.set(id, list);
  };
  const firstOfProgramme = new Map<string, string>();
  for (const id of [...scopeRoundIds].sort((a, b) => orderOf(ix, a) - orderOf(ix, b))) {
    const programme = ix.rounds.get(id)?.programmeId ?? 'unknown';
    if (!firstOfProgramme.has(programme)) firstOfProgramme.set(programme, id);
  }
  const firstRounds = new Set(firstOfProgramme.values());
  for (const p of world.participations) {
    if (firstRounds.has(p.roundId) && acceptParticipation(p)) add(p.orgId, 'first_round');
  }
  const mentees = new Set(links.map((l) => l.menteeId));
  for (const l of links) if (!mentees.has(l.mentorId)) add(l.mentorId, 'unmentored_mentor');
  return roots;
}

/** Generation of every organisation reachable by the rules in the header. */
export function computeGenerations(ix: WorldIndex, links: readonly MentorLink[], rootIds: Iterable<string>): Map<string, number> {
  const gen = new Map<string, number>();
  for (const id of rootIds) gen.set(id, 1);
  const lineLinks = links.filter((l) => GENERATION_ROLES.includes(l.role));
  const byRound = new Map<number, MentorLink[]>();
  for (const l of lineLinks) {
    const o = orderOf(ix, l.roundId);
    byRound.set(o, [...(byRound.get(o) ?? []), l]);
  }
  for (const o of [...byRound.keys()].sort((a, b) => a - b)) {
    const round = byRound.get(o)!;
    const before = new Map(gen);
    for (const l of round) {
      if (!before.has(l.mentorId) && !gen.has(l.mentorId)) gen.set(l.mentorId, 1);
      const mentorGen = before.get(l.mentorId) ?? 1;
      const candidate = mentorGen + 1;
      const current = gen.get(l.menteeId);
      if (current === undefined || candidate < current) gen.set(l.menteeId, candidate);
    }
  }
  return gen;
}

/** The longest time-respecting chains along mentor/co-mentor links. */
export function findLongestChains(ix: WorldIndex, links: readonly MentorLink[]): { length: number; chains: LineageChain[]; truncated: boolean } {
  const lineLinks = links
    .filter((l) => GENERATION_ROLES.includes(l.role))
    .sort((a, b) => orderOf(ix, a.roundId) - orderOf(ix, b.roundId) || compareNames(orgRef(ix, a.mentorId).name, orgRef(ix, b.mentorId).name) || compareNames(orgRef(ix, a.menteeId).name, orgRef(ix, b.menteeId).name));
  if (lineLinks.length === 0) return { length: 0, chains: [], truncated: false };
  // best: organisations in the longest chain ending with this link.
  const best = new Map<MentorLink, number>();
  const preds = new Map<MentorLink, MentorLink[]>();
  for (const l of lineLinks) {
    const before = lineLinks.filter((k) => k.menteeId === l.mentorId && orderOf(ix, k.roundId) < orderOf(ix, l.roundId));
    const top = before.reduce((m, k) => Math.max(m, best.get(k)!), 1);
    best.set(l, top + 1);
    preds.set(l, top === 1 ? [] : before.filter((k) => best.get(k) === top));
  }
  const length = Math.max(...best.values());
  const chains: LineageChain[] = [];
  let truncated = false;
  const expand = (l: MentorLink, tail: MentorLink[]) => {
    // Stop as soon as the list is full: the number of longest chains can grow exponentially.
    if (chains.length >= MAX_LONGEST_CHAINS) {
      truncated = true;
      return;
    }
    const p = preds.get(l) ?? [];
    if (p.length === 0) {
      const path = [l, ...tail];
      chains.push({
        organisations: [orgRef(ix, path[0]!.mentorId), ...path.map((k) => orgRef(ix, k.menteeId))],
        links: path.map((k) => linkRef(ix, k)),
        disputed: path.some((k) => k.disputed),
      });
      return;
    }
    for (const k of p) expand(k, [l, ...tail]);
  };
  for (const l of lineLinks) if (best.get(l) === length) expand(l, []);
  return { length, chains, truncated };
}
