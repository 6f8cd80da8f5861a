import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultMentorIds, proposeRound } from '../../../src/core/matching/index.js';
import { planRollout } from '../../../src/core/rollout/index.js';
import { loadWorld } from '../../../src/services/dataset/load-world.js';
import { parseInstance } from '../../../src/services/instance-schema.js';

const world = await loadWorld('data');

describe('on the shipped data', () => {
  it('proposes for the Västmanland example: all eight placed in county 19, each mentor within capacity, proven optimal', () => {
    const input = parseInstance(JSON.parse(readFileSync('data/examples/vastmanland-2021.json', 'utf8')));
    const p = proposeRound(world, input);
    expect(p.optimality.status).toBe('proven-optimal');
    const placed = p.groups.flatMap((g) => g.members.map((m) => m.id)).sort();
    expect(placed).toEqual(input.applicants.map((a) => a.id).sort());
    for (const g of p.groups) for (const m of g.members) expect(world.organisations.find((o) => o.id === m.id)!.countyCode).toBe('19');
    const mentorUse = p.groups.filter((g) => g.mentor).map((g) => g.mentor!.id);
    expect(new Set(mentorUse).size).toBe(mentorUse.length);
    expect(mentorUse.every((id) => ['1980', '1982'].includes(id))).toBe(true);
  });

  it('takes default mentors from earlier participants, excluding the latest round’s mentors', () => {
    const ids = defaultMentorIds(world, 'modellkommuner');
    const latest = world.rounds.filter((r) => r.programmeId === 'modellkommuner').sort((a, b) => ((a.start ?? '') < (b.start ?? '') ? 1 : -1))[0]!;
    const latestMentors = world.mentorLinks.filter((l) => l.roundId === latest.id).map((l) => l.mentorId);
    const latestMentorParts = world.participations.filter((x) => x.roundId === latest.id && x.role !== 'participant').map((x) => x.orgId);
    for (const m of [...latestMentors, ...latestMentorParts]) expect(ids).not.toContain(m);
    const earlierParticipants = new Set(world.participations.filter((x) => x.role === 'participant').map((x) => x.orgId));
    for (const id of ids) expect(earlierParticipants.has(id) || world.groups.some((g) => g.members.includes(id))).toBe(true);
    expect(ids.length).toBeGreaterThan(10);
  });

  it('plans the rollout to county 19 until every municipality of the county has taken part', () => {
    const plan = planRollout(world, { target: 'county:19' });
    expect(plan.unreachable).toEqual([]);
    const joined = new Set([...plan.alreadyReached.map((r) => r.id), ...plan.rounds.flatMap((r) => r.joins.map((j) => j.id))]);
    expect(joined).toEqual(new Set(plan.target.ids));
  });
});
