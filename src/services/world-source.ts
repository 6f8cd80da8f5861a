/**
 * Keeps the World in memory and re-reads it only when the database's data version has moved, so
 * that several server processes on one PostgreSQL see each other's writes without re-reading the
 * whole record on every request.
 */
import type { World } from '../core/model.js';

export interface WorldStore {
  readWorld(): Promise<World>;
  readDataVersion(): Promise<number>;
}

export interface WorldSource {
  getWorld(): Promise<World>;
}

export function createWorldSource(store: WorldStore): WorldSource {
  let cached: { version: number; world: World } | null = null;
  let loading: Promise<World> | null = null;
  return {
    async getWorld() {
      const version = await store.readDataVersion();
      if (cached && cached.version === version) return cached.world;
      if (!loading) {
        loading = store
          .readWorld()
          .then((world) => {
            cached = { version, world };
            return world;
          })
          .finally(() => {
            loading = null;
          });
      }
      return loading;
    },
  };
}
