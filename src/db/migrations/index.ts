/**
 * The ordered, static list of migrations. Static imports (no filesystem globbing) so that
 * the same list runs under tsx, from dist and inside tests.
 */
import type { Migration } from 'kysely';
import { migration0001 } from './0001_initial.js';
import { migration0002 } from './0002_swedish_texts.js';
import { migration0006 } from './0006_analysis_cache.js';

export const migrations: Record<string, Migration> = {
  '0001_initial': migration0001,
  '0002_swedish_texts': migration0002,
  '0006_analysis_cache': migration0006,
};
