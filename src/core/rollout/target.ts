/**
 * Target resolution: a county, a kommungrupp, a list of ids or the whole country, as the sorted
 * ids of the organisations it names. Invariant: every id returned is a known organisation, once.
 */
import { AppError } from '../errors.js';
import type { World } from '../model.js';

/** Resolves a target: county:NN, kommungrupp:XX (2023 code, else 2017), ids:a,b,c (or a bare list), all. */
export function resolveTarget(world: World, spec: string | string[]): string[] {
  const munis = world.organisations.filter((o) => o.kind === 'kommun');
  if (Array.isArray(spec)) return resolveIds(world, spec);
  if (spec === 'all') return munis.map((o) => o.id).sort();
  const [kind, value] = spec.split(':', 2) as [string, string | undefined];
  if (kind === 'county' && value) {
    const ids = munis.filter((o) => o.countyCode === value).map((o) => o.id).sort();
    if (!ids.length) throw new AppError('invalid_input', `No municipalities in county '${value}'`, [{ field: 'target', message: 'unknown county', values: [value] }]);
    return ids;
  }
  if (kind === 'kommungrupp' && value) {
    const ids = munis.filter((o) => (o.kommungrupp2023 ?? o.kommungrupp2017) === value).map((o) => o.id).sort();
    if (!ids.length) throw new AppError('invalid_input', `No municipalities in kommungrupp '${value}'`, [{ field: 'target', message: 'unknown kommungrupp', values: [value] }]);
    return ids;
  }
  if (kind === 'ids' && value) return resolveIds(world, value.split(','));
  throw new AppError('invalid_input', `Unknown target '${spec}' (use county:NN, kommungrupp:XX, ids:a,b or all)`, [{ field: 'target', message: 'unknown target form', values: [spec] }]);
}

function resolveIds(world: World, ids: string[]): string[] {
  const known = new Set(world.organisations.map((o) => o.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw new AppError('unknown_ids', `Unknown ids: ${unknown.join(', ')}`, [{ field: 'target', message: 'unknown organisation', values: unknown }]);
  return [...new Set(ids)].sort();
}
