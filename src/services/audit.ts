/**
 * The audit log of writes: who (by token name) did what, when, to which target, with which
 * outcome. The HTTP layer records every write attempt that reached the token check; reading the
 * log needs a token too.
 */
export type AuditOutcome = 'done' | 'refused' | 'failed';

export interface NewAuditEntry {
  actor: string;
  tokenId: string | null;
  method: string;
  route: string;
  target: string | null;
  status: number;
  outcome: AuditOutcome;
  requestId: string | null;
}

export interface AuditEntry extends NewAuditEntry {
  id: number;
  at: string;
}

export interface AuditQuery {
  limit: number;
  offset: number;
  actor?: string | undefined;
}

export interface AuditPage {
  total: number;
  items: AuditEntry[];
}

export interface AuditStore {
  insert(entry: NewAuditEntry): Promise<void>;
  list(query: AuditQuery): Promise<AuditPage>;
}

/** The outcome of a write from its HTTP status. */
export const outcomeOf = (status: number): AuditOutcome => (status < 400 ? 'done' : status < 500 ? 'refused' : 'failed');

/** Actor recorded for attempts whose token was missing or wrong. */
export const NOBODY = '(not signed in)';

export function createAuditService(store: AuditStore) {
  return {
    record: (entry: NewAuditEntry): Promise<void> => store.insert(entry),
    list: (query: AuditQuery): Promise<AuditPage> => store.list(query),
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
