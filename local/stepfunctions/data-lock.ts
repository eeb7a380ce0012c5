/**
 * One owner per data directory: two processes appending to the same histories (or, for the local stack,
 * sharing one DynamoDB Local database and sending every email twice) would corrupt them. The lock file
 * holds the owner's pid; a lock left by a process that no longer runs (kill -9) is taken over. The local
 * stack takes its own lock on its data directory with the same function.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StepFunctionsError } from './errors.js';

export class DataDirectoryInUse extends StepFunctionsError {
  override name = 'DataDirectoryInUse';
}

/** Whose lock this is: its file name in the directory and the error for a directory in use. */
export interface LockOptions {
  /** Default `.lock` (the runtime's). */
  fileName?: string;
  /** The error thrown when a running process holds the lock. */
  inUse?: (owner: number, file: string) => Error;
}

/** Takes the lock of `dataDir`; returns its release. */
export function lockDataDirectory(dataDir: string, options: LockOptions = {}): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, options.fileName ?? '.lock');
  const inUse = options.inUse ?? ((owner) => new DataDirectoryInUse(`${dataDir} is used by another local Step Functions runtime (process ${owner})`));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8'));
      if (isProcessRunning(owner)) throw inUse(owner, file);
      rmSync(file, { force: true });
    }
  }
  throw new DataDirectoryInUse(`${dataDir}: could not take the lock`);
}

/** Whether a process with this pid runs (one of another user's counts). */
export function isProcessRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
