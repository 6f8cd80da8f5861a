/**
 * The page's Swedish for the core's English (src/web/js/i18n/reasons-sv.js). The real core runs on
 * the real data with instances that reach every reason template (missing population, coordinates,
 * county and kommungrupp; applicants with and without focus and delegation; mentors with history,
 * load and earlier ties and one without history; unplaced applicants for each cause; heuristic and
 * node-limited solves; conflicting rules), and every text it emits must come out in Swedish: changed,
 * and with none of the English template words left. The core source is scanned for its templates
 * so a new one that no run (and no literal sample below) reaches fails the test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import type { World } from '../../../src/core/model.js';
import { evaluateWhatIf, listAlternatives, proposeRound } from '../../../src/core/matching/index.js';
import type { InstanceInput, Proposal, ProposeOptions } from '../../../src/core/matching/index.js';
import { planRollout } from '../../../src/core/rollout/index.js';
import { findSimilar, structuralFamilies } from '../../../src/core/similar/index.js';
import { computeSpread } from '../../../src/core/spread/compute-spread.js';
import { loadWorld } from '../../../src/services/dataset/load-world.js';

type Translate = (text: unknown) => unknown;
const root = path.resolve(import.meta.dirname, '../../..');
let reasonSv: Translate;
let labelSv: (id: string) => string;
let world: World;

/** Every English text the runs produced, with where it came from (for failure messages). */
const emitted = new Map<string, string>();
const collect = (text: string | null | undefined, where: string) => {
  if (typeof text === 'string' && text.length) emitted.set(text, emitted.get(text) ?? where);
};

function collectProposal(p: Proposal, where: string) {
  collect(p.objectiveFunction, `${where}: objectiveFunction`);
  if (p.optimality.status === 'heuristic') collect(p.optimality.reason, `${where}: optimality`);
  for (const g of p.groups) for (const r of g.reasons) collect(r, `${where}: group reason`);
  for (const u of p.unplaced) collect(u.reason, `${where}: unplaced ${u.id}`);
  for (const s of [...p.scores.applicantPairs, ...p.scores.mentorApplicant])
    for (const c of Object.values(s.breakdown)) collect(c?.reason, `${where}: breakdown`);
}

function collectError(run: () => unknown, where: string): AppError {
  try {
    run();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    collect(e.message, `${where}: message`);
    for (const d of e.details ?? []) collect(d.message, `${where}: detail`);
    return e;
  }
  throw new Error(`${where}: expected an AppError`);
}

const propose = (input: InstanceInput, where: string, options: ProposeOptions = {}) => {
  const p = proposeRound(world, input, options);
  collectProposal(p, where);
  return p;
};

/** Texts no run with the shipped data reaches; written as the core writes them. */
const LITERALS = [
  'unknown location (no coordinates, no county)',
  'No proposal satisfying the rules was found within the search limit (20000 nodes); the pins and mentor rules may conflict.',
  'no feasible proposal found',
  "rules.pinMentor gives Köping's group two different mentors (1980 and 1982)",
  'two mentors pinned to one group',
  'exact search stopped after 1200 nodes or 50 ms; bound from the open search nodes',
  "search stopped (on request or at the job time limit) after 5000 nodes; best so far kept; bound: the least of the open search nodes' bounds, the root LP dual and the column dual",
  'instance above 120 applicants, too many groups for the exact search, or heuristic requested; bound from the per-applicant relaxation',
  'The proposal’s instance names no round; give the instance a "round" label (e.g. "2025-2027") and propose again before accepting.',
  'This proposal’s instance names no round; propose again with a "round" label before accepting.',
  'This write needs an Authorization: Bearer <token> header.',
  'The Authorization header must be of the form "Bearer <token>".',
  'The bearer token is not valid.',
  'required to accept',
];

/** English words of the templates that must not survive translation (whole words, any case). */
const ENGLISH = [
  'apart', 'same county', 'neighbouring', 'counties', 'never', 'grouped', 'together', 'unknown', 'round\\(s\\)', 'group\\(s\\)', 'partner\\(s\\)',
  'mentor load', 'population', 'populations', 'ratio', 'and', 'shared', 'focus', 'history', 'core roles', 'missing', 'also', 'density',
  'inhabitants', 'main group', 'groups', 'latest', 'active', 'already', 'worked', 'admissible', 'applicants?', 'rules\\.\\w+', 'penalty',
  'search', 'stopped', 'bound', 'nodes', 'requested', 'proposal', 'capacity', 'capacities', 'objective', 'must', 'pins', 'forbids?',
  'the', 'of', 'for', 'with', 'no', 'is', 'are', 'but', 'not', 'an?', 'its', 'every', 'found', 'within', 'header', 'write', 'needs', 'token is',
  'round', 'participant', 'location', 'distance', 'coordinates', 'county', 'area', 'placement', 'full', 'break', 'rule', 'mentored',
  'municipality', 'region reaches', 'disputed', 'sum', 'pilots', 'mentee', 'log10 population', 'latitude',
];
const englishWord = new RegExp(`(?<![\\p{L}\\d_-])(?:${ENGLISH.join('|')})(?![\\p{L}\\d_])`, 'iu');

beforeAll(async () => {
  const mod = (await import(pathToFileURL(path.join(root, 'src/web/js/i18n/reasons-sv.js')).href)) as {
    reasonSv: Translate;
    labelSv: (id: string) => string;
    setCountyNames: (entries: Iterable<[string, string]>) => void;
  };
  reasonSv = mod.reasonSv;
  labelSv = mod.labelSv;
  world = await loadWorld(path.join(root, 'data'));
  // The page gives the county names it fetched from /api/counties: reasons name counties, not codes.
  mod.setCountyNames(world.counties.map((c) => [c.code, c.name] as [string, string]));

  // 1. The shipped example (Västmanland, county rule, chosen mentors), its alternatives, a what-if that breaks the county rule.
  const example = JSON.parse(readFileSync(path.join(root, 'data/examples/vastmanland-2021.json'), 'utf8')) as InstanceInput;
  propose(example, 'västmanland');
  for (const alt of listAlternatives(world, example, 3).alternatives) collectProposal(alt.proposal, `västmanland alternative ${alt.rank}`);
  const wi = evaluateWhatIf(world, { ...example, applicants: [...example.applicants, { id: '0114' }] }, { force: ['1904', '0114'] });
  expect(wi.infeasible).not.toBeNull();
  collect(wi.infeasible, 'what-if across counties');

  // 1b. Partner wishes ("gärna med"): mutual, one-sided each way, and none.
  propose({ programme: 'modellkommuner', applicants: [{ id: '1984', wishWith: ['1907'] }, { id: '1907', wishWith: ['1984'] }, { id: '1960', wishWith: ['1961'] }, { id: '1961' }, { id: '1962' }, { id: '1981', wishWith: ['1962'] }], mentors: [] }, 'wishes');

  // 2. Missing data and mixed inputs: a förbund without population, coordinates or kommungrupp, a stadsdel without
  // population, a region with its own focus, applicants grouped together before, focus and delegation on some.
  const latestMentors = world.participations.filter((p) => p.roundId === 'mk-2021' && p.role !== 'participant').map((p) => p.orgId);
  const mixed: InstanceInput = {
    programme: 'modellkommuner',
    applicants: [
      { id: 'FNK' },
      { id: '0180-EAV', focus: ['kompetens'] },
      { id: '2581', focus: ['styrning', 'statistik'], delegation: ['politiker', 'chef', 'strateg', 'controller'] },
      { id: '2480', focus: ['styrning'], delegation: ['politician'] },
      { id: '1883', delegation: ['chef', 'strateg'] },
      { id: '05' },
    ],
    mentors: [
      { id: '0380', capacity: 1 },
      { id: '0114', capacity: 1 },
      { id: latestMentors[0] ?? '1281', capacity: 1 },
    ],
    rules: { noRepeatGroupings: false, groupSize: [2, 3] },
  };
  propose(mixed, 'mixed');
  propose({ ...mixed, mentors: undefined }, 'mixed, default mentors');
  propose(mixed, 'mixed, heuristic', { method: 'heuristic' });
  // Twelve applicants and few nodes: the exact search stops before it proves optimality.
  const twelve: InstanceInput = {
    applicants: ['1904', '1907', '1960', '1961', '1962', '1981', '1983', '1984', '0114', '0115', '0117', '0120'].map((id) => ({ id })),
    mentors: [{ id: '1980', capacity: 2 }, { id: '1982', capacity: 2 }],
  };
  expect(propose(twelve, 'node limit', { maxNodes: 3 }).optimality.status).toBe('heuristic');
  propose(twelve, 'node limit and time limit', { maxNodes: 3, timeLimitMs: 10_000 });

  // Data taken away: an organisation without population, coordinates and county.
  const stripped: World = {
    ...world,
    organisations: world.organisations.map((o) => (o.id === '1904' ? { ...o, population: null, lat: null, lon: null, countyCode: null, areaKm2: null } : o)),
  };
  const pStripped = proposeRound(stripped, { applicants: [{ id: '1904' }, { id: '1907' }, { id: 'FNK' }], mentors: [{ id: '1980' }] });
  collectProposal(pStripped, 'stripped');
  for (const s of findSimilar(stripped, '1907', 400).similar) for (const c of Object.values(s.breakdown)) collect(c.reason, 'similar (stripped)');

  // 3. Unplaced applicants, for each cause.
  propose({ applicants: [{ id: '1904' }, { id: '1907' }, { id: '0114' }], mentors: [], rules: { county: 'same' } }, 'alone in its county');
  propose({ applicants: [{ id: '1904' }], mentors: [] }, 'single applicant');
  propose({ applicants: [{ id: '1904' }, { id: '1907' }, { id: '1960' }], mentors: [], rules: { groupSize: [2, 2] } }, 'odd one out');
  propose(
    {
      applicants: ['1904', '1907', '1960', '1961', '1962'].map((id) => ({ id })),
      mentors: [{ id: '1980', capacity: 2 }],
      rules: { mentorRequired: true, groupSize: [2, 3], forbid: [['1962', '1907'], ['1962', '1960'], ['1962', '1961'], ['1907', '1960']] },
    },
    'mentors used up',
  );
  propose(
    { applicants: ['1904', '1907', '0114', '03'].map((id) => ({ id })), mentors: [], rules: { county: 'different', kinds: 'same', forbid: [['1904', '0114']] } },
    'every exclusion rule',
  );
  propose({ applicants: [{ id: '2581' }, { id: '2480' }], mentors: [], rules: { noRepeatGroupings: true } }, 'no repeat');

  // 4. Rules that cannot all hold.
  const v = (ids: string[]) => ids.map((id) => ({ id }));
  collectError(() => proposeRound(world, { applicants: v(['1904', '1907', '1960']), mentors: [{ id: '1980', capacity: 1 }], rules: { mentorRequired: true, groupSize: [2, 2] } }), 'capacity');
  collectError(() => proposeRound(world, { applicants: v(['1904', '1907']), mentors: [{ id: '1980', capacity: 0 }], rules: { pinMentor: [['1980', '1904']] } }), 'pinned mentor without capacity');
  collectError(() => proposeRound(world, { applicants: v(['1904', '1907', '1960', '1961']), mentors: [{ id: '1980', capacity: 1 }], rules: { groupSize: [2, 2], pinMentor: [['1980', '1904'], ['1980', '1907'], ['1980', '1960']] } }), 'pinned mentor over capacity');
  collectError(() => proposeRound(world, { applicants: v(['1904', '1907', '1960', '1961']), mentors: [], rules: { groupSize: [2, 3], pin: [['1904', '1907'], ['1907', '1960'], ['1960', '1961']] } }), 'pinned group too large');
  collectError(() => proposeRound(world, { applicants: v(['1904', '0114']), mentors: [], rules: { county: 'same', pin: [['1904', '0114']] } }), 'pinned pair against the county rule');
  collectError(() => proposeRound(world, { applicants: v(['1904', '1907', '1960']), mentors: [{ id: '1980' }, { id: '1982' }], rules: { pin: [['1904', '1907']], pinMentor: [['1982', '1907']], forbid: [['1982', '1904']] } }), 'pinned mentor forbidden');
  collectError(
    () => proposeRound(world, {
      applicants: v(['1904', '1907', '1960', '1961', '1962']),
      mentors: [{ id: '1980', capacity: 1 }, { id: '1982', capacity: 1 }],
      rules: { county: 'same', mentorRequired: true, groupSize: [2, 3], pin: [['1904', '1907'], ['1960', '1961']], pinMentor: [['1982', '1960']], forbid: [['1980', '1904'], ['1982', '1904']] },
    }),
    'explained conflict',
  );
  collectError(() => proposeRound(world, { applicants: v(['1904', '1907', '1960', '1961']), mentors: [], rules: { groupSize: [4, 4], pin: [['1904', '1907'], ['1960', '1961']], forbid: [['1904', '1960']] } }), 'explained conflict without mentors');
  collectError(() => proposeRound(world, { applicants: v(['1904', '1907']), mentors: [], rules: { pin: [['1904', '1907']], forbid: [['1904', '1907']] } }), 'pin and forbid');
  collectError(() => proposeRound(world, { applicants: v(['1904', '1907']), mentors: [{ id: '1980' }], rules: { pinMentor: [['1980', '1907']], forbid: [['1907', '1980']] } }), 'pinned mentor and forbid');
  collectError(() => proposeRound(world, { applicants: v(['1904', '1907']), rules: { groupSize: [3, 2] } }), 'group size');
  collectError(() => proposeRound(world, { applicants: v(['1904', 'nope']), rules: { pin: [['1904', 'nope']] } }), 'unknown ids');
  collectError(
    () => proposeRound(world, { applicants: v(['1904', '1907']), mentors: [{ id: '1980' }], rules: { pin: [['1904', '1960']], pinMentor: [['1982', '1907']], forbid: [['1904', '0114']] } }),
    'ids outside the instance',
  );
  collectError(() => proposeRound(world, { programme: 'nope', applicants: v(['1904']) }), 'unknown programme');
  collectError(() => findSimilar(world, 'nope'), 'similar, unknown id');
  collectError(() => planRollout(world, { target: 'county:99' }), 'rollout, unknown county');
  collectError(() => planRollout(world, { target: 'kommungrupp:Z9' }), 'rollout, unknown kommungrupp');
  collectError(() => planRollout(world, { target: ['1904', 'nope'] }), 'rollout, unknown ids');
  collectError(() => planRollout(world, { target: 'everywhere' }), 'rollout, unknown target');

  // 5. Comparable organisations (kommun, region, stadsdel), families, spread rules, a rollout.
  for (const id of ['0380', '09', '0180-EAV', 'FNK'])
    for (const s of findSimilar(world, id, 400).similar) for (const c of Object.values(s.breakdown)) collect(c.reason, `similar ${id}`);
  for (const f of structuralFamilies(world).features) collect(f, 'family feature');
  for (const r of computeSpread(world, { programme: 'modellkommuner' }).rules) collect(r, 'spread rule');
  const plan = planRollout(world, { target: 'county:19' });
  expect(plan.rounds.length).toBeGreaterThan(0);

  for (const l of LITERALS) collect(l, 'literal');
}, 120_000);

describe('reasonSv on everything the core emits', () => {
  it('translates every text: changed, and no English template word left', () => {
    expect(emitted.size).toBeGreaterThan(60);
    const bad: string[] = [];
    for (const [text, where] of emitted) {
      const sv = reasonSv(text);
      if (typeof sv !== 'string' || sv === text) bad.push(`unchanged (${where}): ${text}`);
      // API syntax the user types (county:NN, ids:a,b) is code, not English prose.
      else if (englishWord.test(sv.replace(/\b(?:county|kommungrupp|ids):\S+/g, ''))) bad.push(`English left (${where}): ${text}\n   → ${sv} [${englishWord.exec(sv)?.[0]}]`);
    }
    if (process.env.SHOW_SV) for (const text of emitted.keys()) console.log(`${text}\n   → ${reasonSv(text) as string}`);
    expect(bad).toEqual([]);
  });

  it('keeps the numbers and names the template carries', () => {
    const sv = reasonSv('Västerås–Köping 0.812: 31 km apart, same county 19; populations 12 345 and 160 000 (ratio 13.0)');
    expect(sv).toBe('Västerås–Köping 0,812: 31 km från varandra, samma län (Västmanlands län); 12 345 och 160 000 invånare (kvot 13,0)');
    expect(reasonSv('12 km apart, neighbouring counties 03/19')).toBe('12 km från varandra, angränsande län (Uppsala län och Västmanlands län)');
    expect(reasonSv('mentor Fagersta→Sala 0.700: 1 round(s) as participant, 2 as mentor; active in the latest round')).toBe(
      'Mentor Fagersta → Sala 0,700: 1 omgång som deltagare, 2 som mentor; aktiv i den senaste omgången',
    );
    expect(reasonSv('Sala: 2/3 core roles (missing chef), also controller')).toBe('Sala: 2 av 3 kärnroller (saknar chef), även controller');
  });

  it('returns unknown text unchanged and never throws', () => {
    for (const x of ['', 'Something new from a later core', 'a–b: 0.5', 'mentor →', ' ; ; ', '(((', 'x'.repeat(10_000)]) expect(reasonSv(x)).toBe(x);
    for (const x of [null, undefined, 42, {}, ['unknown focus for A']]) expect(() => reasonSv(x)).not.toThrow();
    expect(reasonSv(null)).toBeNull();
    expect(labelSv('unmentored-group')).toBe('grupp utan mentor');
    expect(labelSv('something-else')).toBe('something-else');
  });
});

describe('the core templates are all reached', () => {
  const files = [
    'src/core/scoring/criteria.ts',
    'src/core/similar/index.ts',
    'src/core/matching/proposal.ts',
    'src/core/matching/solve.ts',
    'src/core/matching/problem.ts',
    'src/core/matching/instance.ts',
    'src/core/rollout/target.ts',
    'src/core/spread/compute-spread.ts',
  ];
  /** Internal checks and input validation the page's controls rule out (numbers, pairs, weights). */
  const NOT_SHOWN = [
    /^pin \S+ split$/, /^pinned mentor of/, /^inadmissible /, /^group without mentor$/, /^pinned applicant .* unplaced$/, /^applicant .* appears/, /^mentor .* over capacity$/,
    /must be a list of/, /must be a pair of two ids/, /pairs an id with itself/, /^applicants must list/, /is listed twice/, /is both an applicant and a mentor/,
    /capacity must be a whole number/, /^rules\.county must be/, /^Unknown weight/, /^weights\./, /^At least one weight/, /^penalties\./, /^k must be between/,
    /^out of range$/, /wishWith names the applicant itself/,
  ];

  /** The literal stretches of a template (text between its `${…}` holes), longest first. */
  function stretches(template: string): string[] {
    const parts: string[] = [];
    let depth = 0;
    let cur = '';
    for (let i = 0; i < template.length; i++) {
      if (template.startsWith('${', i)) {
        if (depth === 0) { parts.push(cur); cur = ''; }
        depth++;
        i++;
      } else if (template[i] === '}' && depth > 0) depth--;
      else if (depth === 0) cur += template[i];
    }
    parts.push(cur);
    return parts.map((p) => p.trim()).filter((p) => p.length >= 6).sort((a, b) => b.length - a.length);
  }

  it('every English template in the core source is emitted by a run above or sampled literally', () => {
    const missing: string[] = [];
    let templates = 0;
    for (const f of files) {
      const src = readFileSync(path.join(root, f), 'utf8').split('\n').filter((l) => !/^\s*(\*|\/\/|\/\*)/.test(l)).join('\n');
      // Whole template literals (with nested `${… `…` …}`), and quoted strings of three words or more.
      const found: string[] = [];
      for (let i = 0; i < src.length; i++) {
        const ch = src[i];
        if (ch === '`') {
          let j = i + 1;
          let depth = 0;
          for (; j < src.length; j++) {
            if (src[j] === '\\') { j++; continue; }
            if (src.startsWith('${', j)) { depth++; j++; continue; }
            if (src[j] === '}' && depth > 0) { depth--; continue; }
            if (src[j] === '`' && depth === 0) break;
            if (src[j] === '`' && depth > 0) { const k = src.indexOf('`', j + 1); j = k; }
          }
          found.push(src.slice(i + 1, j));
          i = j;
        } else if (ch === "'" || ch === '"') {
          const m = new RegExp(`^${ch}((?:[^${ch}\\\\\\n]|\\\\.)*)${ch}`).exec(src.slice(i));
          if (m) { found.push(m[1]!); i += m[0].length - 1; }
        }
      }
      for (const t of found) {
        const words = t.replace(/\$\{[^}]*\}/g, ' ').trim().split(/\s+/).filter(Boolean);
        if (words.length < 3 || !/[a-z]{3}/.test(t)) continue;
        const longest = stretches(t)[0];
        if (!longest || NOT_SHOWN.some((re) => re.test(t))) continue;
        templates++;
        if (![...emitted.keys()].some((e) => e.includes(longest))) missing.push(`${f}: ${t}`);
      }
    }
    expect(templates).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });
});
