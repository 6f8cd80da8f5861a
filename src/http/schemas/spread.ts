/** Response schema of GET /api/spread (the shape of src/core/spread/types.ts). */
import { z } from 'zod';
import { plannedMarker, roundRef } from './common.js';
import { lineageChain, orgRefFull } from './lineage.js';

const o = z.strictObject;
const int = z.number().int();
const share = z.number().min(0).max(1);

const reach = o({
  organisations: int,
  municipalities: int,
  municipalityShare: share,
  population: z.number(),
  populationShare: share,
  regions: int,
  regionShare: share,
});
const counts = o({ participants: int, mentors: int, organisations: int, newOrganisations: int, groups: int, mentorLinks: int });

const coverageFields = {
  code: z.string(),
  name: z.string(),
  municipalities: int,
  reached: int,
  share,
  population: z.number(),
  populationReached: z.number(),
  populationShare: share,
  reachedUndisputed: int,
  shareUndisputed: share,
  populationReachedUndisputed: z.number(),
  populationShareUndisputed: share,
  reachedIds: z.array(z.string()),
};
const generationCount = o({ generation: int, organisations: int });

export const spreadResult = o({
  programmeId: z.string().nullable(),
  ...plannedMarker,
  rules: z.array(z.string()).describe('The counting rules behind the figures, in words'),
  totals: o({ municipalities: int, regions: int, population: z.number() }),
  rounds: z.array(
    o({
      round: roundRef,
      index: int,
      counts,
      newOrganisations: z.array(orgRefFull),
      cumulative: reach,
      disputed: counts.describe('How many of the counts rest only on disputed facts'),
      undisputed: o({ counts, cumulative: reach }),
    }),
  ),
  reach,
  reachUndisputed: reach,
  byCounty: z.array(o({ ...coverageFields, regionReached: z.boolean(), regionReachedUndisputed: z.boolean() })),
  byKommungrupp: z.array(o(coverageFields)),
  reachedViaPartOnly: z.array(o({ municipality: orgRefFull, parts: z.array(orgRefFull) })),
  neverReached: o({
    municipalities: z.array(orgRefFull),
    regions: z.array(orgRefFull),
    undisputed: o({ municipalities: int, regions: int }),
  }),
  generations: o({
    byGeneration: z.array(generationCount),
    maxGeneration: int,
    longestChainLength: int,
    longestChains: z.array(lineageChain),
    longestChainsTruncated: z.boolean(),
    withoutGeneration: z.array(orgRefFull),
    undisputed: o({
      byGeneration: z.array(generationCount),
      maxGeneration: int,
      longestChainLength: int,
      longestChains: z.array(lineageChain),
    }),
  }),
  disputed: o({
    participations: o({ total: int, disputed: int }),
    mentorLinks: o({ total: int, disputed: int }),
    groups: o({ total: int, disputed: int }),
    organisations: o({ total: int, disputedOnly: int, ids: z.array(orgRefFull) }),
    municipalitiesReachedOnlyByDisputed: z.array(orgRefFull),
    conflicts: z.array(o({ id: z.string(), about: z.string(), aboutSv: z.string().nullable().optional().describe('The question in Swedish') })),
  }),
  firstRounds: z.array(
    o({
      organisation: orgRefFull,
      kommungrupp2017: z.string().nullable(),
      firstRoundId: z.string().nullable(),
      firstRoundLabel: z.string().nullable(),
      firstRoundStart: z.string().nullable(),
      firstRoundDisputed: z.boolean(),
      firstUndisputedRoundId: z.string().nullable(),
      viaPart: o({ roundId: z.string(), roundLabel: z.string(), part: orgRefFull }).nullable(),
    }),
  ),
});
