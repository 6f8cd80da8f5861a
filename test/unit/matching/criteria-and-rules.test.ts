import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { evaluateWhatIf, listAlternatives, proposeRound } from '../../../src/core/matching/index.js';
import { planRollout } from '../../../src/core/rollout/index.js';
import { scoreGeography, scoreKommungrupp, scoreSize, delegationCompleteness } from '../../../src/core/scoring/index.js';
import { findSimilar, structuralFamilies } from '../../../src/core/similar/index.js';
import { makeWorld, org } from './helpers.js';

const codeOf = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : 'other';
  }
};

describe('criteria', () => {
  it('gives a neutral value with an "unknown" reason when an input is missing', () => {
    const a = org({ id: 'a', pop: null, group: null, lat: null, lon: null, county: null });
    const b = org({ id: 'b' });
    for (const r of [scoreSize(a, b), scoreKommungrupp(a, b), scoreGeography(a, b, { neighbours: new Set() })]) {
      expect(r.value).toBe(0.5);
      expect(r.reason).toMatch(/^unknown/);
    }
    const d = delegationCompleteness({ org: b, focus: [], delegation: null });
    expect(d.value).toBe(0.5);
    expect(d.reason).toMatch(/^unknown/);
  });

  it('scores closer, same-sized, same-group organisations higher', () => {
    const base = org({ id: 'a', pop: 10000, lat: 59, lon: 17, group: 'C7' });
    const near = org({ id: 'b', pop: 12000, lat: 59.2, lon: 17, group: 'C7' });
    const far = org({ id: 'c', pop: 500000, lat: 65, lon: 21, group: 'A1', county: '25' });
    const nb = { neighbours: new Set<string>() };
    expect(scoreGeography(base, near, nb).value).toBeGreaterThan(scoreGeography(base, far, nb).value);
    expect(scoreSize(base, near).value).toBeGreaterThan(scoreSize(base, far).value);
    expect(scoreKommungrupp(base, near).value).toBe(1);
    expect(scoreKommungrupp(base, far).value).toBe(0);
    expect(delegationCompleteness({ org: base, focus: [], delegation: ['politiker', 'chef', 'controller'] }).reason).toContain('also controller');
  });
});

describe('instance validation', () => {
  const world = makeWorld(['1', '2', '3', '4', '5'].map((id) => org({ id })));
  it('names unknown ids, pin/forbid contradictions and impossible group sizes', () => {
    expect(codeOf(() => proposeRound(world, { applicants: [{ id: '1' }, { id: 'nope' }], mentors: [] }))).toBe('unknown_ids');
    expect(codeOf(() => proposeRound(world, { applicants: [{ id: '1' }, { id: '2' }], mentors: [], rules: { pin: [['1', '2']], forbid: [['2', '1']] } }))).toBe('invalid_input');
    expect(codeOf(() => proposeRound(world, { applicants: [{ id: '1' }, { id: '2' }], mentors: [], rules: { groupSize: [1, 3] } }))).toBe('invalid_input');
    try {
      proposeRound(world, { applicants: [{ id: '1' }, { id: 'x9' }], mentors: [] });
    } catch (e) {
      expect((e as AppError).details[0]!.field).toBe('applicants[1].id');
      expect((e as AppError).message).toContain('x9');
    }
  });
  it('explains infeasibility: every group needs a mentor but capacity is short', () => {
    const err = (() => {
      try {
        proposeRound(world, { applicants: ['1', '2', '3', '4'].map((id) => ({ id })), mentors: [{ id: '5', capacity: 1 }], rules: { mentorRequired: true, groupSize: [2, 2] } });
      } catch (e) {
        return e as AppError;
      }
      return null;
    })();
    expect(err?.code).toBe('infeasible');
    expect(err?.message).toContain('rules.mentorRequired');
    expect(err?.details.map((d) => d.field)).toContain('mentors');
  });
  it('reports an applicant that the county rule leaves alone as unplaced, with the rule in the reason', () => {
    const w = makeWorld([org({ id: '1', county: '01' }), org({ id: '2', county: '01' }), org({ id: '3', county: '03' }), org({ id: '5' })]);
    const p = proposeRound(w, { applicants: [{ id: '1' }, { id: '2' }, { id: '3' }], mentors: [{ id: '5' }], rules: { county: 'same' } });
    expect(p.unplaced.map((u) => u.id)).toEqual(['3']);
    expect(p.unplaced[0]!.reason).toContain('rules.county=same');
  });
});

describe('alternatives and what-ifs', () => {
  const orgs = Array.from({ length: 7 }, (_, i) => org({ id: `m${i}`, lat: 59 + i * 0.3, lon: 15 + (i % 3), pop: 5000 + i * 7000 }));
  const world = makeWorld(orgs);
  const input = { applicants: orgs.slice(0, 5).map((o) => ({ id: o.id })), mentors: orgs.slice(5).map((o) => ({ id: o.id })) };
  it('lists distinct alternatives in non-increasing objective order, the first equal to the proposal', () => {
    const alt = listAlternatives(world, input, 4);
    const base = proposeRound(world, input);
    expect(alt.alternatives[0]!.objective).toBe(base.objective);
    const keys = alt.alternatives.map((a) => JSON.stringify(a.proposal.groups.map((g) => [g.members.map((m) => m.id), g.mentor?.id])));
    expect(new Set(keys).size).toBe(keys.length);
    for (let i = 1; i < alt.alternatives.length; i++) expect(alt.alternatives[i]!.objective).toBeLessThanOrEqual(alt.alternatives[i - 1]!.objective + 1e-9);
  });
  it('forcing a pairing never raises the optimum and the forced pair shares a group', () => {
    const r = evaluateWhatIf(world, input, { force: ['m0', 'm4'] });
    expect(r.delta).not.toBeNull();
    expect(r.delta!).toBeLessThanOrEqual(1e-9);
    const g = r.proposal!.groups.find((x) => x.members.some((m) => m.id === 'm0'));
    expect(g?.members.some((m) => m.id === 'm4')).toBe(true);
  });
});

describe('similar, families and rollout', () => {
  const orgs = Array.from({ length: 12 }, (_, i) => ({ ...org({ id: `k${i}`, pop: 3000 * (i + 1), lat: 56 + i, lon: 14, county: i < 6 ? '01' : '03', group: i < 6 ? 'C7' : 'B3' }), areaKm2: 100 + i }));
  const world = makeWorld(orgs, [['k0', 'k1']]);
  it('ranks the most comparable organisations first and omits the organisation itself', () => {
    const r = findSimilar(world, 'k3', 5);
    expect(r.similar).toHaveLength(5);
    expect(r.similar.map((s) => s.id)).not.toContain('k3');
    for (let i = 1; i < r.similar.length; i++) expect(r.similar[i]!.score).toBeLessThanOrEqual(r.similar[i - 1]!.score);
    expect(codeOf(() => findSimilar(world, 'zz'))).toBe('not_found');
  });
  it('puts every municipality in exactly one family', () => {
    const f = structuralFamilies(world, 3);
    expect(f.families.flatMap((x) => x.members.map((m) => m.id)).sort()).toEqual(orgs.map((o) => o.id).sort());
  });
  it('reaches the target, each group mentored by an earlier participant within capacity', () => {
    const plan = planRollout(world, { target: 'county:01' });
    expect(plan.unreachable).toEqual([]);
    expect(plan.roundsNeeded).toBe(plan.rounds.length);
    const mentors = new Set(plan.settings.mentors.map((m) => m.id));
    plan.rounds.forEach((r, i) => {
      const load = new Map<string, number>();
      for (const g of r.groups) {
        expect(mentors.has(g.mentor.id) || plan.rounds.slice(0, i).some((e) => e.joins.some((j) => j.id === g.mentor.id))).toBe(true);
        load.set(g.mentor.id, (load.get(g.mentor.id) ?? 0) + 1);
      }
      for (const v of load.values()) expect(v).toBeLessThanOrEqual(1);
    });
    const joined = plan.rounds.flatMap((r) => r.joins.map((j) => j.id));
    expect(new Set([...joined, ...plan.alreadyReached.map((r) => r.id)])).toEqual(new Set(plan.target.ids));
  });
});

describe('supporting mentors and the instance schema', () => {
  it('attaches spare mentors as supporting mentors without changing the objective', () => {
    const orgs = Array.from({ length: 6 }, (_, i) => org({ id: `s${i}`, lat: 59 + i * 0.2, lon: 15 }));
    const world = makeWorld(orgs);
    const input = { applicants: orgs.slice(0, 3).map((o) => ({ id: o.id })), mentors: orgs.slice(3).map((o) => ({ id: o.id })) };
    const plain = proposeRound(world, input);
    const withSupport = proposeRound(world, { ...input, rules: { supportingMentors: true } });
    expect(withSupport.objective).toBe(plain.objective);
    const g = withSupport.groups[0]!;
    expect(g.supportingMentors.length).toBe(1);
    expect(g.supportingMentors[0]!.id).not.toBe(g.mentor!.id);
    const used = withSupport.mentors.reduce((s, m) => s + m.used, 0);
    expect(used).toBeLessThanOrEqual(withSupport.mentors.reduce((s, m) => s + m.capacity, 0));
  });

  it('rejects malformed instances naming the field, and hashes equal instances equally', async () => {
    const { parseInstance, hashInstance } = await import('../../../src/services/instance-schema.js');
    const err = (() => {
      try {
        parseInstance({ applicants: [{ id: '0180' }], rules: { county: 'near' } });
      } catch (e) {
        return e as AppError;
      }
      return null;
    })();
    expect(err?.code).toBe('invalid_input');
    expect(err?.details[0]!.field).toBe('rules.county');
    expect(hashInstance({ a: 1, b: [2, { c: 3, d: 4 }] })).toBe(hashInstance({ b: [2, { d: 4, c: 3 }], a: 1 }));
    expect(hashInstance({ a: 1 })).not.toBe(hashInstance({ a: 2 }));
  });
});

describe('proposal schema', () => {
  it('accepts the engine’s output and rejects a tampered optimality', async () => {
    const { proposalSchema } = await import('../../../src/services/proposal-schema.js');
    const orgs = Array.from({ length: 5 }, (_, i) => org({ id: `q${i}`, lat: 59 + i * 0.1 }));
    const p = proposeRound(makeWorld(orgs), { applicants: orgs.slice(0, 4).map((o) => ({ id: o.id })), mentors: [{ id: 'q4' }] });
    expect(proposalSchema.safeParse(JSON.parse(JSON.stringify(p))).success).toBe(true);
    expect(proposalSchema.safeParse({ ...p, optimality: { status: 'proven-optimal', bound: 1, gap: 2 } }).success).toBe(false);
  });
});
