/** Helpers for comparing Worlds up to ordering, and for making small variants of one. */
import type { World } from '../../../src/core/model.js';

/** Every list of the World as a sorted list of JSON strings: equal means equal up to ordering. */
export function normaliseWorld(world: World): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(world)) {
    out[key] = (value as unknown[]).map((v) => JSON.stringify(sortKeys(v))).sort();
  }
  return out;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sortKeys(x)]));
  }
  return v;
}

export const cloneWorld = (world: World): World => structuredClone(world);
