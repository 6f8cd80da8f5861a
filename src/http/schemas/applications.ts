/** Schemas of rounds in preparation: applications, mentor offers, file imports and the built instance. */
import { z } from 'zod';
import { MAX_LIST, MAX_MENTOR_CAPACITY, MAX_NAME, MAX_NOTE } from '../../core/applications.js';
import { IMPORT_ENCODING_NAMES } from '../../core/import-text.js';
import { instanceSchema } from '../../services/instance-schema.js';
import { round } from './common.js';

/** A single-line text: bounded, no control characters, not blank. */
const line = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, 'must not contain control characters')
    .refine((v) => v.trim() !== '', 'must not be blank');
/** A note: bounded; tab and line breaks allowed, no other control character. */
const note = z
  .string()
  .max(MAX_NOTE)
  .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/, 'must not contain control characters');
const refList = (what: string) => z.array(line(MAX_NAME)).max(MAX_LIST).describe(what);

export const roundIdParams = z.object({ id: line(128).describe('Round id') });
export const itemParams = z.object({ id: line(128).describe('Round id'), itemId: line(64).describe('Application or mentor offer id') });

export const createRoundBody = z.strictObject({
  programme: line(64).describe('Programme id, e.g. modellkommuner'),
  label: line(120).describe('A human label, e.g. "2027–2029"; the round id is derived from programme and label'),
  notes: note.nullable().optional(),
});

export const applicationBody = z.strictObject({
  organisation: z
    .union([
      z.strictObject({ id: line(64).describe('An existing organisation id (see /api/organisations)') }),
      z.strictObject({
        name: line(MAX_NAME),
        kind: line(40).describe('kommun, region, stadsdel, forbund, forvaltning, or another lower-case word'),
        county: line(60).nullable().optional().describe('2-digit länskod or county name; null for a national organisation'),
      }),
    ])
    .describe('An existing organisation, or a new one (created as an imported organisation when the application is saved)'),
  focus: z.array(line(120)).max(MAX_LIST).optional().describe('Focus-area ids or labels (see /api/focus-areas)'),
  delegation: z
    .array(line(40))
    .max(MAX_LIST)
    .optional()
    .describe('Roles of the delegation, never names: politiker, chef, strateg, controller, statistiker, kommunikator, analytiker, hr'),
  wishWith: refList('"gärna med": organisations (ids or exact names) to be grouped with').optional(),
  notWith: refList('"inte med": organisations (ids or exact names) not to be grouped with').optional(),
  genderDecision: z.boolean().nullable().optional().describe('A political decision on gender mainstreaming exists (e.g. the CEMR declaration); null = not stated'),
  note: note.nullable().optional(),
});

export const mentorOfferBody = z.strictObject({
  organisation: line(MAX_NAME).describe('Id or exact name of an organisation that took part in an earlier round'),
  capacity: z.number().int().min(1).max(MAX_MENTOR_CAPACITY).optional().describe(`Groups it can mentor, 1–${MAX_MENTOR_CAPACITY}; default 1`),
  note: note.nullable().optional(),
});

/** 3 MB of base64 is about 2.2 MB of file: far above a form export of a few hundred rows. */
export const IMPORT_MAX_BASE64 = 3_000_000;

export const importBody = z.strictObject({
  file: line(200).describe('The file name, shown in every error (and .csv/.xlsx tells the format)'),
  format: z.enum(['csv', 'xlsx']).optional().describe('Default: from the file name'),
  encoding: z
    .string()
    .max(40)
    .regex(/^[A-Za-z0-9_-]*$/, 'must be an encoding name such as windows-1252')
    .optional()
    .describe(`CSV only: the file's encoding when it is not UTF-8 (${IMPORT_ENCODING_NAMES.join(', ')}); without it a file that is not UTF-8 is refused`),
  content: z.string().min(1).max(IMPORT_MAX_BASE64).describe('The file, base64-encoded'),
});

const orgView = z.object({ id: z.string(), name: z.string(), kind: z.string(), countyCode: z.string().nullable() });

export const applicationView = z.object({
  id: z.string(),
  roundId: z.string(),
  organisation: orgView,
  focus: z.array(z.string()),
  delegation: z.array(z.string()),
  wishWith: z.array(z.string()),
  wishWithNames: z.array(z.string()),
  notWith: z.array(z.string()),
  notWithNames: z.array(z.string()),
  genderDecision: z.boolean().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const mentorOfferView = z.object({
  id: z.string(),
  roundId: z.string(),
  organisation: orgView,
  capacity: z.number().int(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const preparationView = z.object({ round, applications: z.array(applicationView), mentorOffers: z.array(mentorOfferView) });

export const preparingList = z.object({
  items: z.array(z.object({ round, applications: z.number().int(), mentorOffers: z.number().int() })),
});

export const importReport = z.object({
  file: z.string(),
  kind: z.enum(['applications', 'mentorOffers']),
  rows: z.number().int(),
  inserted: z.array(z.string()).describe('Organisation ids added'),
  updated: z.array(z.string()).describe('Organisation ids whose application or offer the file replaced'),
  organisationsCreated: z.array(orgView),
});

export const builtInstance = z.object({
  roundId: z.string(),
  instance: instanceSchema,
  dropped: z
    .array(z.object({ orgId: z.string(), wish: z.string(), kind: z.enum(['wishWith', 'notWith']) }))
    .describe('Partner wishes naming an organisation outside this round (neither applicant nor mentor): they cannot act'),
});
