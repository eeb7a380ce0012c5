/**
 * One runtime per data directory: two processes appending to the same histories would corrupt them.
 * The lock file holds the owner's pid; a lock left by a process that no longer runs (kill -9) is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StepFunctionsError } from './errors.js';

export class DataDirectoryInUse extends StepFunctionsError {
  override name = 'DataDirectoryInUse';
}

/** Takes the lock of `dataDir`; returns its release. */
export function lockDataDirectory(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8'));
      if (isRunning(owner)) {
        throw new DataDirectoryInUse(`${dataDir} is used by another local Step Functions runtime (process ${owner})`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new DataDirectoryInUse(`${dataDir}: could not take the lock`);
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
