/**
 * The ordered, static list of migrations. Static imports (no filesystem globbing) so that
 * the same list runs under tsx, from dist and inside tests.
 */
import type { Migration } from 'kysely';
import { migration0001 } from './0001_initial.js';
import { migration0002 } from './0002_swedish_texts.js';
import { migration0003 } from './0003_round_lifecycle.js';
import { migration0004 } from './0004_applications.js';
import { migration0005 } from './0005_tokens_audit.js';
import { migration0006 } from './0006_analysis_cache.js';

export const migrations: Record<string, Migration> = {
  '0001_initial': migration0001,
  '0002_swedish_texts': migration0002,
  '0003_round_lifecycle': migration0003,
  '0004_applications': migration0004,
  '0005_tokens_audit': migration0005,
  '0006_analysis_cache': migration0006,
};
