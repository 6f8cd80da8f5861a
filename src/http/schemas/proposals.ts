/** Response schemas of the proposal workflow; the proposal itself is src/services/proposal-schema.ts. */
import { z } from 'zod';
import type { InstanceInput } from '../../core/matching/instance.js';
import { proposalSchema } from '../../services/proposal-schema.js';
import { round } from './common.js';

const o = z.object;

export const proposalResult = proposalSchema;

const proposalMeta = {
  id: z.string(),
  programme: z.string(),
  round: z.string(),
  inputHash: z.string().describe('SHA-256 of the canonical JSON of the submitted instance'),
  seed: z.number().nullable(),
  objective: z.number().nullable(),
  optimality: z.string().nullable(),
  createdAt: z.string(),
  acceptedRoundId: z.string().nullable(),
};

/**
 * An instance as stored or shipped. Lenient on purpose: a response must not fail because a row
 * written before the input bounds existed lies outside them; requests are checked by instanceSchema.
 */
export const storedInstance = z
  .object({ applicants: z.array(z.object({ id: z.string() }).passthrough()) })
  .passthrough()
  .describe('A proposal instance: the request body of POST /api/proposals') as unknown as z.ZodType<InstanceInput>;

export const storedProposal = o({ ...proposalMeta, input: storedInstance.describe('The instance as submitted'), result: proposalResult });

export const proposalSummary = o(proposalMeta);

export const acceptResponse = o({
  proposalId: z.string(),
  created: z.boolean().describe('false when this proposal had already been accepted: the same round is returned'),
  round,
});
