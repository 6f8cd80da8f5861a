/**
 * A lock file beside the embedded database directory (`<dataDir>.lock`, holding the owner's pid).
 * PGlite on disk has exactly one owner; a second process opening the same directory would corrupt
 * it, so it is refused with a message that says who holds it. A lock left by a dead process is
 * taken over.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { AppError } from '../core/errors.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Lock files this process holds: a stale lock with our own pid (a restarted container) is not ours. */
const held = new Set<string>();

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = `${dataDir.replace(/[\\/]+$/, '')}.lock`;
  if (held.has(lockPath)) {
    throw new AppError('unavailable', `The embedded database at ${dataDir} is already open in this process.`);
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      held.add(lockPath);
      return async () => {
        held.delete(lockPath);
        await rm(lockPath, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new AppError(
          'unavailable',
          `The embedded database at ${dataDir} is in use by process ${pid}. Stop that process first, or use a PostgreSQL server (DATABASE_URL) to run several processes.`,
          // The command line recognises a held database by this detail (exit 2, one sentence).
          [{ field: 'DATA_DIR', message: 'held by another process', values: [pid] }],
        );
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new AppError('unavailable', `Could not lock the embedded database at ${dataDir}.`);
}
