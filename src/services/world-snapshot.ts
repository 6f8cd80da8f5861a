/**
 * A World as bytes in shared memory, with a fingerprint of its content. Worker threads read the
 * bytes without a copy per job and parse them once per version; the fingerprint is the "record
 * version" of cached analyses: it changes exactly when the record they were computed on changes
 * (a new proposal, which is not part of the World, leaves it alone).
 */
import { createHash } from 'node:crypto';
import type { World } from '../core/model.js';

export interface WorldSnapshot {
  /** sha256 of the World's JSON, hex, first 32 characters. */
  version: string;
  /** The World's JSON as UTF-8, in a SharedArrayBuffer. */
  bytes: Uint8Array;
}

const snapshots = new WeakMap<World, WorldSnapshot>();

export function snapshotWorld(world: World): WorldSnapshot {
  let s = snapshots.get(world);
  if (!s) {
    const encoded = Buffer.from(JSON.stringify(world), 'utf8');
    const bytes = new Uint8Array(new SharedArrayBuffer(encoded.length));
    bytes.set(encoded);
    s = { version: createHash('sha256').update(encoded).digest('hex').slice(0, 32), bytes };
    snapshots.set(world, s);
  }
  return s;
}

export function readSnapshot(bytes: Uint8Array): World {
  return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as World;
}
