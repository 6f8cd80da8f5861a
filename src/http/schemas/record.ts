import { z } from 'zod';
import { round } from './common.js';

export const programme = z.object({
  id: z.string(),
  name: z.string(),
  organiser: z.string().nullable(),
  concept: z.string().nullable(),
  nameSv: z.string().nullable().optional().describe('The name in Swedish, for the page'),
  conceptSv: z.string().nullable().optional().describe('The concept in Swedish, for the page'),
  roundCount: z.number().int(),
  organisationCount: z.number().int(),
});

export const roundSummary = round.extend({
  participantCount: z.number().int(),
  mentorCount: z.number().int(),
  groupCount: z.number().int(),
  disputedFactCount: z.number().int(),
});

export const recordFact = z.object({
  says: z.string().describe('The fact in English'),
  saysSv: z.string().nullable().describe('The fact in Swedish'),
  sources: z.array(z.object({ id: z.string(), title: z.string(), url: z.string().nullable(), date: z.string().nullable() })).describe('The sources stating it'),
});

export const source = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  date: z.string().nullable(),
  note: z.string().nullable(),
  titleSv: z.string().nullable().optional().describe('The title in Swedish, for the page'),
  noteSv: z.string().nullable().optional().describe('The note in Swedish, for the page'),
  factCount: z.number().int().describe('How many facts (participations, groups, mentor links) this source states'),
});

const concern = z.union([
  z.object({ round: z.string(), kind: z.literal('mentorship'), mentor: z.string(), mentee: z.string() }),
  z.object({ round: z.string(), kind: z.literal('participant'), org: z.string() }),
  z.object({ round: z.string(), kind: z.literal('group'), members: z.array(z.string()) }),
]);

export const conflict = z.object({
  id: z.string(),
  about: z.string(),
  aboutSv: z.string().nullable().optional().describe('The question in Swedish, for the page'),
  concerns: z.array(concern).describe('The facts this conflict marks disputed'),
  statements: z.array(
    z.object({
      says: z.string(),
      saysSv: z.string().nullable().optional().describe('The statement in Swedish, for the page'),
      sources: z.array(z.object({ id: z.string(), title: z.string(), titleSv: z.string().nullable().optional().describe('The title in Swedish, for the page'), url: z.string().nullable(), date: z.string().nullable() })),
    }),
  ),
});

export const county = z.object({
  code: z.string(),
  name: z.string(),
  municipalityCount: z.number().int(),
  neighbours: z.array(z.string()).describe('Codes of counties whose municipalities share a border with this one'),
});

export const focusArea = z.object({
  id: z.string(),
  label: z.string(),
  description: z.string().nullable(),
  descriptionSv: z.string().nullable().optional().describe('The description in Swedish, for the page'),
  delmal: z.number().nullable(),
});
export const kommungrupp = z.object({ code: z.string(), name: z.string(), version: z.union([z.literal(2017), z.literal(2023)]) });

export const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
