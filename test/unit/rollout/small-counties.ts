/** Real counties small enough for the exhaustive search: the cases both the planner's and the branch and bound's tests replay. */
import type { RolloutInput } from '../../../src/core/rollout/index.js';

export const SMALL_COUNTY_CASES: [string, RolloutInput][] = [
  ['Västmanland with Västerås and Fagersta in every round', { target: 'county:19', mentors: ['1980', '1982'], persistentMentors: ['1980', '1982'], county: 'same' }],
  ['Västmanland, three new per round', { target: 'county:19', mentors: ['1980'], persistentMentors: ['1982'], county: 'same', maxNewPerRound: 3 }],
  ['Uppsala county with its default mentors', { target: 'county:03', county: 'same' }],
];
