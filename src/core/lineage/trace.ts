/**
 * The lineage of one organisation: every mentor chain above it and the whole tree below it,
 * across rounds and programmes unless a programme is given.
 *
 * Rules and invariants:
 * - every MentorLink is an edge mentor→mentee; mentor, co-mentor and supporting-mentor edges all
 *   take part, each labelled with its role, so a supporting mentor never poses as a plain mentor.
 * - time runs forward: above a node reached through a link of round r, only links into that
 *   node from rounds strictly earlier than r continue the chain (an organisation passes on what it
 *   learnt before it mentored); below, only links out of it in rounds strictly later than r.
 *   The focal organisation itself takes all its links.
 * - cycle-safe: an organisation already on the current path is shown once more with
 *   `cycle: true` and not expanded, so every tree is finite whatever the record says.
 * - disputed links are kept and marked (`link.disputed`, `link.conflicts`, `link.sources`);
 *   a chain is disputed when any of its links is.
 * - `chains` lists every root-to-organisation path (the root first, the organisation last,
 *   links[i] joining organisations[i] and organisations[i+1]); an organisation with no
 *   recorded mentor has the single chain [itself]. At most MAX_CHAINS are listed
 *   (`chainsTruncated` says when more exist); each tree holds at most MAX_TREE_NODES nodes.
 * Children are ordered by round, then role (mentor, co-mentor, supporting), then name.
 */
import { notFound } from '../errors.js';
import type { MentorLink, World } from '../model.js';
import {
  compareLinks,
  indexWorld,
  linkRef,
  orderOf,
  orgRef,
  scopeRounds,
  type LinkRef,
  type OrgRef,
  type WorldIndex,
} from './world-index.js';

export const MAX_CHAINS = 1000;
/** Bound on the nodes of one tree, so a pathological record cannot exhaust memory. */
export const MAX_TREE_NODES = 20_000;

/** Shared node budget of one traversal. */
export interface TreeBudget {
  left: number;
  truncated: boolean;
}
const newBudget = (): TreeBudget => ({ left: MAX_TREE_NODES, truncated: false });
const spend = (b: TreeBudget): boolean => {
  if (b.left <= 0) {
    b.truncated = true;
    return false;
  }
  b.left -= 1;
  return true;
};

/**
 * A node of a lineage tree. In `ancestors` the link joins this organisation (the mentor) to the
 * node it hangs under (its mentee) and `children` are this organisation's own mentors; in
 * `descendants` the link joins the node above (the mentor) to this organisation (the mentee) and
 * `children` are the ones it mentored later. (`children` so that d3.hierarchy reads it as is.)
 */
export interface LineageNode {
  organisation: OrgRef;
  link: LinkRef;
  /** The organisation already appears on this path; the node is not expanded. */
  cycle: boolean;
  children: LineageNode[];
}

export interface LineageChain {
  /** Root first, the traced organisation last. */
  organisations: OrgRef[];
  /** links[i] joins organisations[i] (mentor) and organisations[i+1] (mentee). */
  links: LinkRef[];
  disputed: boolean;
}

export interface LineageTrace {
  organisation: OrgRef;
  programmeId: string | null;
  ancestors: LineageNode[];
  descendants: LineageNode[];
  chains: LineageChain[];
  chainsTruncated: boolean;
  /** A tree hit MAX_TREE_NODES and was cut (never with real data). */
  treesTruncated: boolean;
}

export interface LineageOptions {
  /** Only links of this programme's rounds; all programmes when absent. */
  programme?: string | null | undefined;
}

/** Links in scope, indexed both ways. */
export interface LinkGraph {
  ix: WorldIndex;
  into: Map<string, MentorLink[]>;
  outOf: Map<string, MentorLink[]>;
  links: MentorLink[];
}

export function buildLinkGraph(ix: WorldIndex, programme?: string | null): LinkGraph {
  const inScope = new Set(scopeRounds(ix, programme).map((r) => r.id));
  const links = ix.world.mentorLinks.filter((l) => inScope.has(l.roundId));
  const into = new Map<string, MentorLink[]>();
  const outOf = new Map<string, MentorLink[]>();
  for (const l of links) {
    into.set(l.menteeId, [...(into.get(l.menteeId) ?? []), l]);
    outOf.set(l.mentorId, [...(outOf.get(l.mentorId) ?? []), l]);
  }
  for (const list of into.values()) list.sort((a, b) => compareLinks(ix, a, b, 'mentor'));
  for (const list of outOf.values()) list.sort((a, b) => compareLinks(ix, a, b, 'mentee'));
  return { ix, into, outOf, links };
}

/** Mentors of `orgId` whose link is earlier than `before` (a round order), as tree nodes. */
export function ancestorNodes(g: LinkGraph, orgId: string, before: number, path: ReadonlySet<string>, budget: TreeBudget = newBudget()): LineageNode[] {
  return (g.into.get(orgId) ?? [])
    .filter((l) => orderOf(g.ix, l.roundId) < before && spend(budget))
    .map((l) => {
      const cycle = path.has(l.mentorId);
      return {
        organisation: orgRef(g.ix, l.mentorId),
        link: linkRef(g.ix, l),
        cycle,
        children: cycle ? [] : ancestorNodes(g, l.mentorId, orderOf(g.ix, l.roundId), new Set([...path, l.mentorId]), budget),
      };
    });
}

/** Mentees of `orgId` whose link is later than `after` (a round order), as tree nodes. */
export function descendantNodes(g: LinkGraph, orgId: string, after: number, path: ReadonlySet<string>, budget: TreeBudget = newBudget()): LineageNode[] {
  return (g.outOf.get(orgId) ?? [])
    .filter((l) => orderOf(g.ix, l.roundId) > after && spend(budget))
    .map((l) => {
      const cycle = path.has(l.menteeId);
      return {
        organisation: orgRef(g.ix, l.menteeId),
        link: linkRef(g.ix, l),
        cycle,
        children: cycle ? [] : descendantNodes(g, l.menteeId, orderOf(g.ix, l.roundId), new Set([...path, l.menteeId]), budget),
      };
    });
}

/** Root-to-leaf paths of an ancestor tree, turned root-first. Cycle nodes end a path before them. */
function collectChains(self: OrgRef, ancestors: LineageNode[]): { chains: LineageChain[]; truncated: boolean } {
  const chains: LineageChain[] = [];
  let truncated = false;
  // `below` holds the nodes from the traced organisation upward (excluding it).
  const walk = (nodes: LineageNode[], below: LineageNode[]) => {
    const expandable = nodes.filter((n) => !n.cycle);
    if (expandable.length === 0) {
      if (chains.length >= MAX_CHAINS) {
        truncated = true;
        return;
      }
      const upward = [...below].reverse();
      chains.push({
        organisations: [...upward.map((n) => n.organisation), self],
        links: upward.map((n) => n.link),
        disputed: upward.some((n) => n.link.disputed),
      });
      return;
    }
    for (const n of expandable) walk(n.children, [...below, n]);
  };
  walk(ancestors, []);
  return { chains, truncated };
}

/** The lineage of one organisation (see the header). Unknown organisation or programme → not_found. */
export function traceLineage(world: World, orgId: string, options: LineageOptions = {}): LineageTrace {
  const ix = indexWorld(world);
  if (!ix.orgs.has(orgId)) throw notFound('organisation', orgId);
  const g = buildLinkGraph(ix, options.programme);
  const self = orgRef(ix, orgId);
  const path = new Set([orgId]);
  const up = newBudget();
  const down = newBudget();
  const ancestors = ancestorNodes(g, orgId, Number.POSITIVE_INFINITY, path, up);
  const descendants = descendantNodes(g, orgId, Number.NEGATIVE_INFINITY, path, down);
  const { chains, truncated } = collectChains(self, ancestors);
  return {
    organisation: self,
    programmeId: options.programme ?? null,
    ancestors,
    descendants,
    chains,
    chainsTruncated: truncated,
    treesTruncated: up.truncated || down.truncated,
  };
}
