import { z } from 'zod';
import { BOUNDS, queryInteger, text } from '../../services/input-bounds.js';
import { booleanQuery, orgRef, plannedMarker, roundRef, sourceIds } from './common.js';

export const organisation = z.object({
  id: z.string(),
  kind: z.string().describe('kommun, region, stadsdel, forbund, forvaltning, or a kind added by import'),
  name: z.string(),
  parentId: z.string().nullable(),
  countyCode: z.string().nullable(),
  population: z.number().nullable(),
  populationYear: z.number().nullable(),
  kommungrupp2017: z.string().nullable(),
  kommungrupp2023: z.string().nullable(),
  areaKm2: z.number().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  focus: z.array(z.string()),
  note: z.string().nullable(),
  noteSv: z.string().nullable().optional().describe('The note in Swedish, for the page'),
});

export const organisationListQuery = z.object({
  kind: text(40).optional(),
  county: z.string().regex(/^\d{2}$/, 'must be a 2-digit länskod').optional(),
  kommungrupp: z.string().regex(/^[ABC]\d?$/, 'must be a kommungrupp (e.g. B3) or main group (A, B, C)').optional(),
  kommungruppVersion: z.coerce
    .number()
    .refine((v) => v === 2017 || v === 2023, 'must be 2017 or 2023')
    .transform((v) => v as 2017 | 2023)
    .optional()
    .describe('Which kommungrupp edition the filter refers to; default 2023'),
  q: text(BOUNDS.label).optional().describe('Search in name or id, case-insensitive'),
  participated: booleanQuery.optional().describe('Only organisations that have (true) or have not (false) taken part'),
  programme: text(BOUNDS.id).optional().describe('With participated: in this programme'),
  limit: queryInteger(1, BOUNDS.pageLimit).default(50),
  offset: queryInteger(0, BOUNDS.pageOffset).default(0),
});

export const organisationPage = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(organisation),
});

const linkRef = z.object({ organisation: orgRef, role: z.string(), sources: sourceIds, disputed: z.boolean() });

export const organisationDetail = z.object({
  organisation,
  county: z.object({ code: z.string(), name: z.string() }).nullable(),
  parent: orgRef.nullable(),
  children: z.array(orgRef),
  ...plannedMarker,
  participation: z.array(
    z.object({
      round: roundRef,
      role: z.enum(['participant', 'mentor', 'co_mentor', 'supporting_mentor']),
      sources: sourceIds,
      disputed: z.boolean(),
      groups: z.array(z.object({ id: z.string(), members: z.array(orgRef), sources: sourceIds, disputed: z.boolean() })),
      mentoredBy: z.array(linkRef),
      mentees: z.array(linkRef),
    }),
  ),
});
