/**
 * Who owns a data directory of the local stack: one stack at a time, and what a killed one left running.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessRunning, lockDataDirectory } from './stepfunctions/data-lock.js';

/** Another stack runs on the same data directory. */
export class StackDataDirInUse extends Error {
  override name = 'StackDataDirInUse';
}

/**
 * One stack per data directory: a second one would resume the same executions and send every email
 * twice. The lock (the runtime's, under its own file name) names the owner's pid; a lock whose process is
 * gone (kill -9) is taken over, and the services that process left running are stopped.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const release = lockDataDirectory(dataDir, {
    fileName: 'stack.lock',
    inUse: (owner, file) => new StackDataDirInUse(`another local stack (process ${owner}) is using ${dataDir}; stop it first, or set THIDUA_DATA to another directory (delete ${file} if no stack runs)`),
  });
  await stopOrphans(dataDir);
  return async () => release();
}

/**
 * Services a killed stack left behind on this data directory (its DynamoDB Local would share the database
 * file with ours): found by their command line, which names the directory; Linux only (/proc).
 */
async function stopOrphans(dataDir: string): Promise<void> {
  const marks = [`-dbPath\0${join(dataDir, 'dynamodb')}\0`, `--mail-file\0${join(dataDir, 'mail.jsonl')}\0`];
  const pids: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const command = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (marks.some((mark) => command.includes(mark))) pids.push(Number(entry));
  }
  const signal = (pid: number, name: NodeJS.Signals) => {
    try {
      process.kill(pid, name);
    } catch {
      // gone already, or not ours to stop
    }
  };
  pids.forEach((pid) => signal(pid, 'SIGTERM'));
  for (let waited = 0; waited < 5000 && pids.some(isProcessRunning); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  pids.filter(isProcessRunning).forEach((pid) => signal(pid, 'SIGKILL'));
}
