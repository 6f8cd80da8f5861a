/**
 * Read routes that the in-memory record answers (no database needed), and routes that need the
 * database, as the outage tests and the HTTP benchmark use them.
 */
export const MEMORY_READS = [
  '/api/organisations?limit=50',
  '/api/organisations?kind=kommun&county=19&limit=500',
  '/api/organisations?q=%C3%B6rebro',
  '/api/organisations/0484',
  '/api/organisations/0484/lineage',
  '/api/organisations/0484/similar',
  '/api/programmes',
  '/api/rounds',
  '/api/rounds/mk-2019',
  '/api/lineage',
  '/api/spread',
  '/api/sources',
  '/api/conflicts',
  '/api/counties',
  '/api/focus-areas',
  '/api/kommungrupper',
  '/api/mentors/eligible?programme=modellkommuner',
  '/api/export/rounds.csv',
  '/api/export/organisations.csv',
] as const;

/** GET routes that read from the database; `:proposal` is replaced by a stored proposal's id. */
export const DATABASE_READS = ['/api/proposals', '/api/proposals/:proposal', '/health/ready'] as const;
