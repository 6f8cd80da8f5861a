/**
 * Named API tokens. A token is created for a named person and shown once; only a salted scrypt
 * hash is stored (a fresh random salt per token), and a presented token is compared with it in
 * constant time. The token carries its own id (`mk_<16 hex>_<secret>`), so verifying costs one
 * lookup and one hash, not one per stored token. API_TOKEN stays as the bootstrap token
 * (createBootstrapCheck), so a new installation can write before any named token exists.
 */
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '../core/errors.js';
import { hasControlCharacters } from './input-bounds.js';

export interface StoredToken {
  id: string;
  name: string;
  /** base64 */
  salt: string;
  /** base64 */
  hash: string;
  /** How the hash was made, e.g. "scrypt:N=16384,r=8,p=1,len=32", so the cost can change later. */
  params: string;
}

export interface TokenInfo {
  id: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface TokenStore {
  insert(token: StoredToken): Promise<void>;
  find(id: string): Promise<(StoredToken & { revokedAt: string | null }) | null>;
  list(): Promise<TokenInfo[]>;
  revoke(id: string): Promise<boolean>;
}

/** Who made a request: the holder's name, and the token id (null for the bootstrap token). */
export interface Actor {
  name: string;
  tokenId: string | null;
}

export const BOOTSTRAP_ACTOR = 'bootstrap (API_TOKEN)';
export const TOKEN_NAME_MAX = 100;

const TOKEN_PATTERN = /^mk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const COST = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;
const PARAMS = `scrypt:N=${COST.N},r=${COST.r},p=${COST.p},len=${KEY_LENGTH}`;

function scrypt(secret: string, salt: Buffer, params: string): Promise<Buffer> {
  const m = /^scrypt:N=(\d+),r=(\d+),p=(\d+),len=(\d+)$/.exec(params);
  if (!m) return Promise.reject(new Error(`unknown token hash parameters ${params}`));
  const options: ScryptOptions = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]), maxmem: COST.maxmem };
  return new Promise((resolve, reject) =>
    scryptCallback(secret, salt, Number(m[4]), options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Checks the bootstrap token (API_TOKEN) in constant time, on SHA-256 digests so lengths need not match. */
export function createBootstrapCheck(bootstrapToken: string) {
  const expected = sha256(bootstrapToken);
  return (token: string): Actor | null => (timingSafeEqual(sha256(token), expected) ? { name: BOOTSTRAP_ACTOR, tokenId: null } : null);
}

export function checkTokenName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > TOKEN_NAME_MAX || hasControlCharacters(trimmed)) {
    throw new AppError('invalid_input', `A token's name is the person's name: 1 to ${TOKEN_NAME_MAX} characters, no control characters.`, [
      { field: 'name', message: `1 to ${TOKEN_NAME_MAX} characters, no control characters` },
    ]);
  }
  return trimmed;
}

export function createTokenService(deps: { store: TokenStore }) {
  return {
    /** Creates a token for a named person. The returned `token` is the only time it is seen. */
    async create(name: string): Promise<TokenInfo & { token: string }> {
      const holder = checkTokenName(name);
      const id = randomBytes(8).toString('hex');
      const secret = randomBytes(32).toString('base64url');
      const salt = randomBytes(16);
      const hash = await scrypt(secret, salt, PARAMS);
      await deps.store.insert({ id, name: holder, salt: salt.toString('base64'), hash: hash.toString('base64'), params: PARAMS });
      return { id, name: holder, createdAt: new Date().toISOString(), revokedAt: null, token: `mk_${id}_${secret}` };
    },

    list: (): Promise<TokenInfo[]> => deps.store.list(),

    async revoke(id: string): Promise<boolean> {
      return deps.store.revoke(id);
    },

    /** The holder of a named token, or null when it is unknown, revoked or wrong. */
    async verify(token: string): Promise<Actor | null> {
      const m = TOKEN_PATTERN.exec(token);
      if (!m) return null;
      const stored = await deps.store.find(m[1]!);
      if (!stored || stored.revokedAt !== null) return null;
      const expected = Buffer.from(stored.hash, 'base64');
      const actual = await scrypt(m[2]!, Buffer.from(stored.salt, 'base64'), stored.params);
      return actual.length === expected.length && timingSafeEqual(actual, expected) ? { name: stored.name, tokenId: stored.id } : null;
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
