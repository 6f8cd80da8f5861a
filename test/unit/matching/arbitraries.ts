/** fast-check generators of small random instances with random rules (shared by the property tests). */
import fc from 'fast-check';
import type { InstanceInput } from '../../../src/core/matching/index.js';
import { makeWorld, org } from './helpers.js';

export /** A random small instance: up to 7 applicants, up to 3 mentors, random rules. */
const instanceArb = fc
  .record({
    n: fc.integer({ min: 1, max: 7 }).map((x) => (x < 3 ? x + 3 : x)), // mostly 3–7, a few trivial cases come from rules
    m: fc.integer({ min: 0, max: 3 }),
    coords: fc.array(fc.record({ lat: fc.double({ min: 55, max: 68, noNaN: true }), lon: fc.double({ min: 11, max: 24, noNaN: true }) }), { minLength: 10, maxLength: 10 }),
    counties: fc.array(fc.constantFrom('01', '03', '04'), { minLength: 10, maxLength: 10 }),
    pops: fc.array(fc.option(fc.integer({ min: 2000, max: 900000 }), { freq: 5 }), { minLength: 10, maxLength: 10 }),
    groups: fc.array(fc.constantFrom('A1', 'B3', 'B4', 'C7', null), { minLength: 10, maxLength: 10 }),
    caps: fc.array(fc.integer({ min: 0, max: 2 }).map((c) => (c === 0 ? 0 : c)), { minLength: 3, maxLength: 3 }),
    county: fc.constantFrom('any', 'any', 'same', 'different'),
    groupSize: fc.constantFrom([2, 3], [2, 2], [3, 3], [2, 4]),
    mentorRequired: fc.constantFrom(false, false, false, true),
    forbid: fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })), { maxLength: 3 }),
    pin: fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { maxLength: 1 }),
    pinMentor: fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 6 })), { maxLength: 1 }),
    kinds: fc.array(fc.constantFrom('kommun', 'region'), { minLength: 10, maxLength: 10 }),
    kindRule: fc.constantFrom('any', 'same'),
    pastGroup: fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })),
    pu: fc.constantFrom(0, 0.5, 3),
    pm: fc.constantFrom(0, 1, 2.5),
    seed: fc.integer({ min: 1, max: 1000 }),
  })
  .map((r) => {
    const ids = Array.from({ length: 10 }, (_, i) => `0${100 + i}`);
    const orgs = ids.map((id, i) => org({ id, kind: r.kinds[i]!, county: r.counties[i]!, pop: r.pops[i] ?? null, lat: r.coords[i]!.lat, lon: r.coords[i]!.lon, group: r.groups[i]! }));
    const past = r.pastGroup[0] !== r.pastGroup[1] ? [[ids[r.pastGroup[0]]!, ids[r.pastGroup[1]]!]] : [];
    const world = makeWorld(orgs, past, [['01', '03']]);
    const applicants = ids.slice(0, r.n);
    const mentors = ids.slice(7, 7 + r.m);
    const inScope = new Set([...applicants, ...mentors]);
    const forbid = r.forbid
      .map(([a, b]) => [ids[a]!, ids[b]!] as [string, string])
      .filter(([a, b]) => a !== b && inScope.has(a) && inScope.has(b) && !(mentors.includes(a) && mentors.includes(b)));
    const pin = r.pin
      .map(([a, b]) => [ids[a]!, ids[b]!] as [string, string])
      .filter(([a, b]) => a !== b && applicants.includes(a) && applicants.includes(b));
    const pinMentor = r.pinMentor
      .filter(([k, a]) => k < mentors.length && a < applicants.length)
      .map(([k, a]) => [mentors[k]!, applicants[a]!] as [string, string])
      .filter(([m, a]) => !forbid.some(([x, y]) => (x === m && y === a) || (x === a && y === m)));
    const input: InstanceInput = {
      applicants: applicants.map((id) => ({ id })),
      mentors: mentors.map((id, k) => ({ id, capacity: r.caps[k]! })),
      penalties: { unplacedApplicant: r.pu, unmentoredGroup: r.pm },
      rules: { kinds: r.kindRule as 'any' | 'same', pinMentor, county: r.county, groupSize: r.groupSize as [number, number], mentorRequired: r.mentorRequired, forbid, pin, noRepeatGroupings: true },
      seed: r.seed,
    };
    return { world, input };
  });

