/**
 * The whole lineage forest of a programme (or of all programmes): who started each line and who
 * learnt from whom, round after round.
 *
 * Shape and invariants:
 * - roots: see generations.ts (mentored but never mentored in scope, plus first-round
 *   participants); each root says why it is one (`rootReasons`).
 * - below a node, its mentees through links in rounds strictly later than the link that brought
 *   it there (a root takes all its links); all mentor roles appear, each labelled. An organisation
 *   may appear in several places (Uppsala under both its disputed 2017 mentors): every place
 *   carries its own link. A node already on its own path is marked `cycle` and not expanded.
 * - `depth` is the position in the tree (roots 1); `generation` is the organisation's lineage
 *   generation (generations.ts), the same number wherever it appears; `levels` groups the
 *   organisations by generation, which is how the web tree lays rounds out as levels.
 * - `links` is the flat list of every link in scope, in date order; `unattached` lists those who
 *   took part in scope but sit in no link and are no root (their lineage is unrecorded).
 * - The tree is capped at MAX_FOREST_NODES nodes (`truncated` says so) to bound pathological input.
 */
import type { World } from '../model.js';
import { computeGenerations, findRoots } from './generations.js';
import { buildLinkGraph, type LinkGraph } from './trace.js';
import {
  compareLinks,
  compareNames,
  indexWorld,
  linkRef,
  orderOf,
  orgRef,
  roundRef,
  scopeRounds,
  type LinkRef,
  type OrgRef,
  type RoundRef,
} from './world-index.js';

export const MAX_FOREST_NODES = 20_000;

export type RootReason = 'first_round' | 'unmentored_mentor';

export interface ForestNode {
  organisation: OrgRef;
  /** 1 for roots, parent depth + 1 below. */
  depth: number;
  /** The organisation's lineage generation in this scope; null when it has none. */
  generation: number | null;
  /** The link from the parent node (mentor) to this organisation; null for roots. */
  link: LinkRef | null;
  /** Why a root is a root; empty below the roots. */
  rootReasons: RootReason[];
  /**
   * The place rests on disputed facts only: below a root, the link is disputed; a root, when it
   * is one only through a disputed first-round participation (Kalmar in the pilot).
   */
  disputed: boolean;
  cycle: boolean;
  children: ForestNode[];
}

export interface LineageForest {
  programmeId: string | null;
  /** Rounds in scope, in date order. */
  rounds: RoundRef[];
  roots: ForestNode[];
  links: LinkRef[];
  levels: { generation: number; organisations: OrgRef[] }[];
  maxGeneration: number;
  unattached: OrgRef[];
  truncated: boolean;
}

export interface ForestOptions {
  programme?: string | null | undefined;
}

/** The lineage forest (see the header). Unknown programme → not_found. */
export function buildLineageForest(world: World, options: ForestOptions = {}): LineageForest {
  const ix = indexWorld(world);
  const rounds = scopeRounds(ix, options.programme);
  const roundIds = rounds.map((r) => r.id);
  const g: LinkGraph = buildLinkGraph(ix, options.programme);
  const rootMap = findRoots(world, ix, roundIds, g.links);
  const firmRoots = findRoots(world, ix, roundIds, g.links, (p) => !p.disputed);
  const generations = computeGenerations(ix, g.links, rootMap.keys());

  let count = 0;
  let truncated = false;
  const grow = (orgId: string, after: number, path: ReadonlySet<string>, depth: number): ForestNode[] =>
    (g.outOf.get(orgId) ?? [])
      .filter((l) => orderOf(ix, l.roundId) > after)
      .flatMap((l) => {
        if (count >= MAX_FOREST_NODES) {
          truncated = true;
          return [];
        }
        count += 1;
        const cycle = path.has(l.menteeId);
        return [
          {
            organisation: orgRef(ix, l.menteeId),
            depth,
            generation: generations.get(l.menteeId) ?? null,
            link: linkRef(ix, l),
            rootReasons: [],
            disputed: l.disputed,
            cycle,
            children: cycle ? [] : grow(l.menteeId, orderOf(ix, l.roundId), new Set([...path, l.menteeId]), depth + 1),
          },
        ];
      });

  const inScope = new Set(roundIds);
  const firstRound = new Map<string, number>();
  const note = (id: string, roundId: string) => firstRound.set(id, Math.min(firstRound.get(id) ?? Infinity, orderOf(ix, roundId)));
  for (const p of world.participations) if (inScope.has(p.roundId)) note(p.orgId, p.roundId);
  for (const l of g.links) {
    note(l.mentorId, l.roundId);
    note(l.menteeId, l.roundId);
  }

  const rootIds = [...rootMap.keys()].sort(
    (a, b) => (firstRound.get(a) ?? Infinity) - (firstRound.get(b) ?? Infinity) || compareNames(orgRef(ix, a).name, orgRef(ix, b).name),
  );
  const roots: ForestNode[] = rootIds.map((id) => {
    count += 1;
    return {
      organisation: orgRef(ix, id),
      depth: 1,
      generation: generations.get(id) ?? 1,
      link: null,
      rootReasons: rootMap.get(id) ?? [],
      disputed: !firmRoots.has(id),
      cycle: false,
      children: grow(id, Number.NEGATIVE_INFINITY, new Set([id]), 2),
    };
  });

  const byGeneration = new Map<number, string[]>();
  for (const [id, n] of generations) byGeneration.set(n, [...(byGeneration.get(n) ?? []), id]);
  const levels = [...byGeneration.keys()]
    .sort((a, b) => a - b)
    .map((generation) => ({
      generation,
      organisations: byGeneration
        .get(generation)!
        .map((id) => orgRef(ix, id))
        .sort((a, b) => compareNames(a.name, b.name)),
    }));

  const linked = new Set(g.links.flatMap((l) => [l.mentorId, l.menteeId]));
  const unattached = [...firstRound.keys()]
    .filter((id) => !linked.has(id) && !rootMap.has(id))
    .map((id) => orgRef(ix, id))
    .sort((a, b) => compareNames(a.name, b.name));

  return {
    programmeId: options.programme ?? null,
    rounds: rounds.map((r) => roundRef(ix, r.id)),
    roots,
    links: [...g.links].sort((a, b) => compareLinks(ix, a, b, 'mentor')).map((l) => linkRef(ix, l)),
    levels,
    maxGeneration: Math.max(0, ...generations.values()),
    unattached,
    truncated,
  };
}
