/** Response schemas of rounds, cohorts and lineage (the shapes of src/core/cohorts.ts and src/core/lineage). */
import { z } from 'zod';
import { plannedMarker, round, roundRef } from './common.js';

const o = z.strictObject;

export const orgRefFull = o({ id: z.string(), name: z.string(), kind: z.string(), countyCode: z.string().nullable() });
export const sourceRef = o({ id: z.string(), title: z.string(), titleSv: z.string().nullable().optional().describe('The title in Swedish'), url: z.string().nullable() });
const mentorRole = z.enum(['mentor', 'co_mentor', 'supporting_mentor']);

export const linkRef = o({
  mentorId: z.string(),
  menteeId: z.string(),
  roundId: z.string(),
  roundLabel: z.string(),
  roundStart: z.string().nullable(),
  programmeId: z.string(),
  role: mentorRole,
  sources: z.array(sourceRef),
  disputed: z.boolean().describe('True where the sources disagree about this link'),
  conflicts: z.array(z.string()).describe('Ids of the conflicts (see /api/conflicts) that concern this link'),
});

export interface LineageNodeShape {
  organisation: z.infer<typeof orgRefFull>;
  link: z.infer<typeof linkRef>;
  cycle: boolean;
  children: LineageNodeShape[];
}
export const lineageNode: z.ZodType<LineageNodeShape> = z.lazy(() =>
  o({ organisation: orgRefFull, link: linkRef, cycle: z.boolean(), children: z.array(lineageNode) }),
);

export const lineageChain = o({
  organisations: z.array(orgRefFull).describe('Root first, the traced organisation last'),
  links: z.array(linkRef),
  disputed: z.boolean(),
});

export const lineageTrace = o({
  organisation: orgRefFull,
  programmeId: z.string().nullable(),
  ...plannedMarker,
  ancestors: z.array(lineageNode).describe('Mentors of the organisation; each node’s children are its own mentors'),
  descendants: z.array(lineageNode).describe('Mentees; each node’s children are the ones it mentored later'),
  chains: z.array(lineageChain),
  chainsTruncated: z.boolean(),
  treesTruncated: z.boolean().describe('A tree was cut at the node limit (never with the shipped data)'),
});

export interface ForestNodeShape {
  organisation: z.infer<typeof orgRefFull>;
  depth: number;
  generation: number | null;
  link: z.infer<typeof linkRef> | null;
  rootReasons: ('first_round' | 'unmentored_mentor')[];
  disputed: boolean;
  cycle: boolean;
  children: ForestNodeShape[];
}
export const forestNode: z.ZodType<ForestNodeShape> = z.lazy(() =>
  o({
    organisation: orgRefFull,
    depth: z.number().int(),
    generation: z.number().int().nullable(),
    link: linkRef.nullable(),
    rootReasons: z.array(z.enum(['first_round', 'unmentored_mentor'])),
    disputed: z.boolean().describe('The node’s place rests on disputed facts only'),
    cycle: z.boolean(),
    children: z.array(forestNode),
  }),
);

export const lineageForest = o({
  programmeId: z.string().nullable(),
  ...plannedMarker,
  rounds: z.array(roundRef),
  roots: z.array(forestNode),
  links: z.array(linkRef),
  levels: z.array(o({ generation: z.number().int(), organisations: z.array(orgRefFull) })),
  maxGeneration: z.number().int(),
  unattached: z.array(orgRefFull),
  truncated: z.boolean(),
});

const cohortMember = o({ organisation: orgRefFull, sources: z.array(sourceRef), disputed: z.boolean(), conflicts: z.array(z.string()) });

export const roundDescription = o({
  round,
  programme: o({ id: z.string(), name: z.string(), nameSv: z.string().nullable().optional().describe('The name in Swedish') }),
  participants: z.array(
    o({
      organisation: orgRefFull,
      role: z.enum(['participant', 'mentor', 'co_mentor', 'supporting_mentor']),
      focus: z.array(z.string()),
      delegation: z.array(z.string()),
      sources: z.array(sourceRef),
      disputed: z.boolean(),
      conflicts: z.array(z.string()),
    }),
  ),
  groups: z.array(
    o({
      id: z.string(),
      members: z.array(orgRefFull),
      focus: z.array(z.string()),
      theme: z.string().nullable(),
      note: z.string().nullable(),
      sources: z.array(sourceRef),
      disputed: z.boolean(),
      conflicts: z.array(z.string()),
    }),
  ),
  cohorts: z.array(
    o({
      id: z.string(),
      roundId: z.string(),
      mentor: cohortMember.nullable(),
      coMentors: z.array(cohortMember),
      supportingMentors: z.array(cohortMember),
      mentees: z.array(cohortMember),
      groupIds: z.array(z.string()),
      disputed: z.boolean(),
    }),
  ),
  conflicts: z.array(o({ id: z.string(), about: z.string() })),
});
