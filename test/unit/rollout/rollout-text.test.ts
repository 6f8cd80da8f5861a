/** The CLI's text for a rollout plan: organisation names, every line at most 100 columns. */
import { beforeAll, describe, expect, it } from 'vitest';
import { formatRolloutPlan, wrapList } from '../../../src/cli/rollout-text.js';
import type { World } from '../../../src/core/model.js';
import { planRollout } from '../../../src/core/rollout/index.js';
import { loadWorld } from '../../../src/services/dataset/load-world.js';

describe('rollout plan as text', () => {
  let world: World;
  beforeAll(async () => {
    world = await loadWorld('data');
  });

  it('wraps long lists within the width and keeps every item', () => {
    const items = Array.from({ length: 40 }, (_, i) => `Kommun nummer ${i}`);
    const lines = wrapList('Mentors: ', items, 60);
    expect(lines.every((l) => l.length <= 60)).toBe(true);
    expect(lines.join(' ').split(/,\s*/).map((x) => x.replace(/^Mentors:\s*/, '').trim())).toEqual(items);
  });

  it('prints Västmanland by name, round by round, within 100 columns', () => {
    const plan = planRollout(world, { target: 'county:19', county: 'same', mentors: ['1980', '1982'], persistentMentors: ['1980', '1982'], maxNewPerRound: 3 });
    const lines = formatRolloutPlan(plan);
    expect(lines.every((l) => l.length <= 100)).toBe(true);
    const text = lines.join('\n');
    for (const r of plan.rounds) {
      expect(text).toContain(`Round ${r.index}: ${r.joins.length} join`);
      for (const g of r.groups) expect(text).toContain(`${g.mentor.name} → ${g.members[0]!.name}`);
    }
    expect(text).toContain(`Rounds needed: ${plan.roundsNeeded}; lower bound ${plan.lowerBound}`);
    expect(text).toContain(plan.minimal ? 'proven minimal' : 'not proven minimal');
  });

  it('keeps long lists and reasons within 100 columns', () => {
    const plan = planRollout(world, { target: 'county:14', county: 'same' });
    const lines = formatRolloutPlan(plan);
    expect(plan.unreachable.length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.length > 100)).toEqual([]);
    expect(lines.join('\n')).toContain('Not reachable:');
  });

  it('names only the mentors that may serve a county under `same`, with how many of the default list they are', () => {
    const plan = planRollout(world, { target: 'county:03', county: 'same' });
    const serving = plan.components[0]!.mentors;
    expect(serving.length).toBeGreaterThan(0);
    expect(serving.length).toBeLessThan(plan.settings.mentors.length);
    const county = new Map(world.organisations.map((o) => [o.id, o.countyCode]));
    expect(serving.every((m) => county.get(m.id) === '03')).toBe(true);
    const text = formatRolloutPlan(plan).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain(`Round-1 mentors that may serve the target (${serving.length} of ${plan.settings.mentors.length}, default): ${serving.map((m) => m.name).join(', ')}`);
    // Under `any` every default mentor may serve: the whole list, as before.
    const any = formatRolloutPlan(planRollout(world, { target: 'county:19', county: 'any' })).join(' ');
    expect(any).toContain('Round-1 mentors (default): ');
  });
});
