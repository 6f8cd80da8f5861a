/**
 * The cascade's counts against an independent breadth-first search over how many of each component
 * have joined: the cascade-capacity bound never exceeds the true fewest rounds, and the count search
 * finds exactly that number with a schedule that is feasible round by round.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CascadeParams, CountComponent } from '../../../src/core/rollout/cascade.js';
import { cascadeBound, fewestRounds } from '../../../src/core/rollout/cascade.js';

/** Whether x can be split into at most `groups` groups of sizes smin…smax (by enumerating sizes). */
function splits(x: number, groups: number, smin: number, smax: number): boolean {
  if (x === 0) return true;
  if (groups === 0) return false;
  for (let s = smin; s <= smax && s <= x; s++) if (splits(x - s, groups - 1, smin, smax)) return true;
  return false;
}

/** Fewest rounds by breadth-first search over the joined counts (Infinity if none within maxR). */
function bfsRounds(cs: CountComponent[], p: CascadeParams, maxR: number): number {
  let frontier = new Set([cs.map(() => 0).join(',')]);
  const done = cs.map((c) => c.n).join(',');
  if (frontier.has(done)) return 0;
  for (let r = 1; r <= maxR; r++) {
    const next = new Set<string>();
    for (const key of frontier) {
      const cum = key.split(',').map(Number);
      const walk = (i: number, acc: number[], used: number) => {
        if (i === cs.length) {
          next.add(acc.join(','));
          return;
        }
        const c = cs[i]!;
        const mentors = r === 1 ? c.firstMentors : c.persistent + cum[i]!;
        for (let x = 0; x <= c.n - cum[i]! && used + x <= p.maxNew; x++)
          if (splits(x, p.capacity * mentors, p.smin, p.smax)) walk(i + 1, [...acc, cum[i]! + x], used + x);
      };
      walk(0, [], 0);
    }
    if (next.has(done)) return r;
    frontier = next;
  }
  return Infinity;
}

const arb = fc.record({
  comps: fc.array(fc.record({ n: fc.integer({ min: 0, max: 9 }), firstMentors: fc.integer({ min: 0, max: 3 }), persistent: fc.integer({ min: 0, max: 2 }) }), { minLength: 1, maxLength: 3 }),
  capacity: fc.integer({ min: 1, max: 2 }),
  sizes: fc.constantFrom<[number, number]>([2, 3], [2, 2], [3, 3], [2, 4], [3, 4]),
  maxNew: fc.option(fc.integer({ min: 2, max: 9 }), { nil: null }),
});

describe('cascade counts', () => {
  it('bound ≤ true fewest rounds = count search, on random instances', () => {
    let finite = 0;
    fc.assert(
      fc.property(arb, ({ comps, capacity, sizes, maxNew }) => {
        const cs: CountComponent[] = comps.map((c, i) => ({ key: `c${i}`, n: c.n, firstMentors: c.firstMentors + c.persistent, persistent: c.persistent }));
        const p: CascadeParams = { capacity, smin: sizes[0], smax: sizes[1], maxNew: maxNew === null ? Infinity : Math.max(maxNew, sizes[0]) };
        const truth = bfsRounds(cs, p, 8);
        const bound = cascadeBound(cs, p);
        expect(bound).toBeLessThanOrEqual(truth);
        const found = fewestRounds(cs, p, 8);
        expect(found.provenLowerBound).toBeLessThanOrEqual(truth);
        if (!Number.isFinite(truth)) {
          expect(found.schedule).toBeNull();
          return;
        }
        finite++;
        expect(found.exact).toBe(true);
        expect(found.schedule!.rounds).toBe(truth);
        expect(found.provenLowerBound).toBe(truth);
        // The schedule is feasible: every component finishes, each round splits, the limit holds.
        const cum = cs.map(() => 0);
        for (let r = 1; r <= truth; r++) {
          let total = 0;
          cs.forEach((c, i) => {
            const x = found.schedule!.counts[i]![r - 1]!;
            expect(splits(x, capacity * (r === 1 ? c.firstMentors : c.persistent + cum[i]!), p.smin, p.smax)).toBe(true);
            cum[i] = cum[i]! + x;
            total += x;
          });
          expect(total).toBeLessThanOrEqual(p.maxNew);
        }
        expect(cum).toEqual(cs.map((c) => c.n));
      }),
      { numRuns: 300, seed: 1302 },
    );
    expect(finite).toBeGreaterThan(100);
  });
});
