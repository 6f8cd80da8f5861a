/** Response schemas of the proposal workflow; the proposal itself is src/services/proposal-schema.ts. */
import { z } from 'zod';
import { instanceSchema } from '../../services/instance-schema.js';
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

export const storedProposal = o({ ...proposalMeta, input: instanceSchema.describe('The instance as submitted'), result: proposalResult });

export const proposalSummary = o(proposalMeta);

export const acceptResponse = o({
  proposalId: z.string(),
  created: z.boolean().describe('false when this proposal had already been accepted: the same round is returned'),
  round,
});
