/**
 * Results computed from the record, kept for as long as that record is the current one: a World
 * is replaced (never changed) when some process writes, so a result keyed by (World, arguments)
 * never goes stale, and it is dropped with its World (WeakMap).
 *
 * Invariants: results are shared between requests, so nobody may mutate them; a computation
 * that throws is not kept; at most `maxEntries` argument keys per World are kept (oldest dropped
 * first), so free-text arguments cannot grow memory without bound.
 */
import type { World } from '../core/model.js';

export function memoPerWorld<A extends unknown[], V>(
  compute: (world: World, ...args: A) => V,
  options: { maxEntries?: number } = {},
): (world: World, ...args: A) => V {
  const maxEntries = options.maxEntries ?? 256;
  const byWorld = new WeakMap<World, Map<string, V>>();
  return (world, ...args) => {
    let results = byWorld.get(world);
    if (!results) byWorld.set(world, (results = new Map()));
    const key = JSON.stringify(args);
    if (results.has(key)) return results.get(key) as V;
    const value = compute(world, ...args);
    if (results.size >= maxEntries) results.delete(results.keys().next().value as string);
    results.set(key, value);
    return value;
  };
}

/** For a service: turns `compute(world, …args)` into `async (…args)` on the current World, memoized. */
export function memoizerOn(getWorld: () => Promise<World>) {
  return <A extends unknown[], V>(compute: (w: World, ...args: A) => V, options?: { maxEntries?: number }) => {
    const memo = memoPerWorld(compute, options);
    return async (...args: A): Promise<V> => memo(await getWorld(), ...args);
  };
}
