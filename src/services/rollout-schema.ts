/**
 * The rollout plan's input and output (src/core/rollout, format "modellkommuner.rollout/1") as zod
 * schemas: the HTTP layer validates requests and responses with them and publishes them in OpenAPI.
 * Every field is bounded (numbers by range, strings by length and without control characters,
 * lists by length), so a violation is a 400 naming the field.
 */
import { z } from 'zod';
import { ROLLOUT_LIMITS } from '../core/rollout/model.js';

// eslint-disable-next-line no-control-regex
const printable = /^[^\u0000-\u001f\u007f]*$/;
const id = z.string().min(1).max(64).regex(printable, 'no control characters').describe('Organisation id: kommunkod, länskod or an imported id');
const ids = z.array(id).max(ROLLOUT_LIMITS.ids);

export const rolloutInputSchema = z
  .object({
    target: z
      .union([z.string().min(1).max(8000).regex(printable, 'no control characters'), ids.min(1)])
      .describe('"county:NN", "kommungrupp:XX", "ids:a,b", "all", or a list of organisation ids'),
    programme: z.string().min(1).max(64).regex(printable, 'no control characters').optional().describe("Programme id; default 'modellkommuner'"),
    mentors: ids.nullable().optional().describe('Mentors available in round 1; default: the programme’s default mentors (earlier participants that did not mentor in its latest round)'),
    persistentMentors: ids.optional().describe('Mentors available in every round (e.g. a county’s experienced helpers)'),
    capacity: z.number().int().min(1).max(ROLLOUT_LIMITS.capacity).optional().describe('Groups per mentor per round; default 1'),
    groupSize: z.tuple([z.number().int().min(2).max(4), z.number().int().min(2).max(4)]).optional().describe('[min, max] members per group; default [2, 3]'),
    county: z.enum(['any', 'same', 'different', 'other']).optional().describe("County rule within groups and between mentor and member; 'other' = 'different'; default 'any'"),
    maxNewPerRound: z.number().int().min(2).max(ROLLOUT_LIMITS.maxNewPerRound).nullable().optional().describe('New participants a round can host; default no limit'),
    maxRounds: z.number().int().min(1).max(ROLLOUT_LIMITS.maxRounds).optional().describe('Rounds the plan may use; default 20'),
  })
  .strict();

const ref = z.object({ id: z.string(), name: z.string() });
const optimality = z.union([
  z.object({ status: z.literal('proven-optimal'), bound: z.number(), gap: z.literal(0) }),
  z.object({ status: z.literal('heuristic'), bound: z.number(), gap: z.number(), relativeGap: z.number(), reason: z.string() }),
]);

export const rolloutPlanSchema = z.object({
  format: z.literal('modellkommuner.rollout/1'),
  programme: z.string(),
  target: z.object({ spec: z.string(), ids: z.array(z.string()) }),
  settings: z.object({
    mentorSource: z.enum(['default', 'instance']),
    mentors: z.array(ref).describe('Round-1 mentors (incl. persistent ones)'),
    persistentMentors: z.array(ref),
    capacity: z.number().int(),
    groupSize: z.tuple([z.number().int(), z.number().int()]),
    county: z.enum(['any', 'same', 'different']),
    maxNewPerRound: z.number().int().nullable(),
    maxRounds: z.number().int(),
  }),
  alreadyReached: z.array(ref).describe('Target organisations that took part in a round that has taken place'),
  rounds: z.array(
    z.object({
      index: z.number().int(),
      joins: z.array(ref),
      mentorsAvailable: z.number().int(),
      groups: z.array(z.object({ members: z.array(ref), mentor: ref, value: z.number() })),
      objective: z.number().describe('Sum of the group values: the published proposal objective'),
      optimality,
    }),
  ),
  roundsNeeded: z.number().int().nullable().describe('Rounds of the plan; null when maxRounds cuts it short'),
  lowerBound: z.number().int().nullable().describe('No valid plan needs fewer rounds'),
  lowerBoundBasis: z.enum(['cascade-capacity', 'count-search']),
  cascadeBound: z.number().int().nullable(),
  minimal: z.boolean().describe('roundsNeeded equals lowerBound: proven minimal'),
  unreachable: z.array(ref.extend({ code: z.enum(['no-mentor', 'no-partner', 'group-sizes', 'max-rounds', 'not-placed']), reason: z.string() })),
  value: z.object({
    objective: z.number(),
    bound: z.number(),
    gap: z.number(),
    status: z.enum(['proven-optimal', 'heuristic']),
    method: z.enum(['exhaustive', 'branch-and-bound', 'local-search', 'mixed', 'none']),
    note: z.string(),
  }),
  objectiveFunction: z.string(),
  components: z.array(z.object({ key: z.string(), members: z.number().int(), mentors: z.array(ref).describe('Round-1 and persistent mentors that may serve the component'), method: z.enum(['exhaustive', 'branch-and-bound', 'local-search']), nodes: z.number().int().optional(), work: z.number().optional() })),
});
