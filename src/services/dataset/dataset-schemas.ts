/** zod schemas of the shipped data files (data/). Codes are text with leading zeros. */
import { z } from 'zod';

const num = z.coerce.number().refine(Number.isFinite, 'must be a number');

export const municipalityRow = z.object({
  code: z.string().regex(/^\d{4}$/, 'must be a 4-digit kommunkod'),
  name: z.string().min(1),
  county_code: z.string().regex(/^\d{2}$/, 'must be a 2-digit länskod'),
  population: z.coerce.number().int().nonnegative(),
  population_year: z.coerce.number().int().min(1900).max(2100),
  kommungrupp: z.string().regex(/^[ABC]\d$/, 'must be a kommungrupp code like B3'),
  kommungrupp_name: z.string().min(1),
  area_km2: num,
  lat: num.refine((v) => v >= 55 && v <= 70, 'latitude outside Sweden'),
  lon: num.refine((v) => v >= 10 && v <= 25, 'longitude outside Sweden'),
});

export const municipalityExtraRow = z.object({
  code: z.string().regex(/^\d{4}$/),
  kommungrupp_2023: z.string().regex(/^[ABC]\d$/),
  kommungrupp_2023_name: z.string().min(1),
});

export const countyRow = z.object({
  code: z.string().regex(/^\d{2}$/, 'must be a 2-digit länskod'),
  name: z.string().min(1),
});

export const neighbourRow = z.object({
  county_a: z.string().regex(/^\d{2}$/),
  county_b: z.string().regex(/^\d{2}$/),
});

const concern = z.discriminatedUnion('kind', [
  z.object({ round: z.string(), kind: z.literal('mentorship'), mentor: z.string(), mentee: z.string() }),
  z.object({ round: z.string(), kind: z.literal('participant'), org: z.string() }),
  z.object({ round: z.string(), kind: z.literal('group'), members: z.array(z.string()).min(2) }),
]);
const orgRef = z.object({ org: z.string().min(1), sources: z.array(z.string()) });

export const historyFile = z.object({
  about: z.string().optional(),
  sources: z.array(
    z.object({
      id: z.string().min(1),
      title: z.string().min(1),
      url: z.string().optional(),
      date: z.string().optional(),
      note: z.string().optional(),
      title_sv: z.string().min(1).optional(),
      note_sv: z.string().optional(),
    }),
  ),
  organisations: z.array(
    z.object({
      id: z.string().min(1),
      kind: z.string().min(1),
      name: z.string().min(1),
      parent: z.string().optional(),
      county_code: z.string().optional(),
      note: z.string().optional(),
      note_sv: z.string().optional(),
    }),
  ),
  programmes: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      organiser: z.string().optional(),
      concept: z.string().optional(),
      name_sv: z.string().min(1).optional(),
      concept_sv: z.string().optional(),
    }),
  ),
  rounds: z.array(
    z.object({
      id: z.string().min(1),
      programme: z.string().min(1),
      label: z.string().min(1),
      start: z.string().nullable().optional(),
      end: z.string().nullable().optional(),
      participants: z.array(orgRef).optional(),
      mentors: z.array(orgRef).optional(),
      groups: z
        .array(
          z.object({
            members: z.array(z.string()).min(2),
            focus: z.array(z.string()).optional(),
            theme: z.string().optional(),
            note: z.string().optional(),
            sources: z.array(z.string()),
          }),
        )
        .optional(),
      mentorships: z
        .array(
          z.object({
            mentor: z.string(),
            mentees: z.array(z.string()).min(1),
            co_mentors: z.array(z.string()).optional(),
            supported_by: z.array(z.string()).optional(),
            sources: z.array(z.string()),
          }),
        )
        .optional(),
      notes: z.string().optional(),
      notes_sv: z.string().optional(),
    }),
  ),
  conflicts: z.array(
    z.object({
      id: z.string().min(1),
      about: z.string(),
      about_sv: z.string().optional(),
      concerns: z.array(concern),
      statements: z.array(z.object({ says: z.string(), says_sv: z.string().optional(), sources: z.array(z.string()) })),
    }),
  ),
  facts: z.array(z.object({ says: z.string().min(1), says_sv: z.string().optional(), sources: z.array(z.string()).min(1) })).optional(),
});

export const focusAreasFile = z.object({
  about: z.string().optional(),
  focus_areas: z.array(
    z.object({
      id: z.string().min(1),
      label: z.string().min(1),
      description: z.string().optional(),
      description_sv: z.string().optional(),
      delmal: z.number().int().min(1).max(6).optional(),
    }),
  ),
  region_profiles: z.array(
    z.object({ county_code: z.string().regex(/^\d{2}$/), name: z.string(), focus: z.array(z.string()), evidence: z.string().optional() }),
  ),
});
