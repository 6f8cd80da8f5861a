/**
 * The shape of the historical record as transcribed in data/history.json (snake_case as in the
 * file). The services layer validates the raw JSON into this shape; build-record.ts derives the
 * domain facts from it.
 */
import type { ConflictConcern } from '../model.js';

export interface HistorySourceInput {
  id: string;
  title: string;
  url?: string | undefined;
  date?: string | undefined;
  note?: string | undefined;
  title_sv?: string | undefined;
  note_sv?: string | undefined;
}

export interface HistoryOrganisationInput {
  id: string;
  kind: string;
  name: string;
  parent?: string | undefined;
  county_code?: string | undefined;
  note?: string | undefined;
  note_sv?: string | undefined;
}

export interface HistoryProgrammeInput {
  id: string;
  name: string;
  organiser?: string | undefined;
  concept?: string | undefined;
  name_sv?: string | undefined;
  concept_sv?: string | undefined;
}

export interface HistoryOrgRefInput {
  org: string;
  sources: string[];
}

export interface HistoryGroupInput {
  members: string[];
  focus?: string[] | undefined;
  theme?: string | undefined;
  note?: string | undefined;
  sources: string[];
}

export interface HistoryMentorshipInput {
  mentor: string;
  mentees: string[];
  co_mentors?: string[] | undefined;
  supported_by?: string[] | undefined;
  sources: string[];
}

export interface HistoryRoundInput {
  id: string;
  programme: string;
  label: string;
  start?: string | null | undefined;
  end?: string | null | undefined;
  participants?: HistoryOrgRefInput[] | undefined;
  mentors?: HistoryOrgRefInput[] | undefined;
  groups?: HistoryGroupInput[] | undefined;
  mentorships?: HistoryMentorshipInput[] | undefined;
  notes?: string | undefined;
  notes_sv?: string | undefined;
}

export interface HistoryConflictInput {
  id: string;
  about: string;
  about_sv?: string | undefined;
  concerns: ConflictConcern[];
  statements: { says: string; says_sv?: string | undefined; sources: string[] }[];
}

export interface HistoryInput {
  about?: string | undefined;
  sources: HistorySourceInput[];
  organisations: HistoryOrganisationInput[];
  programmes: HistoryProgrammeInput[];
  rounds: HistoryRoundInput[];
  conflicts: HistoryConflictInput[];
  facts?: { says: string; says_sv?: string | undefined; sources: string[] }[] | undefined;
}
