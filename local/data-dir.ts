/**
 * Who owns a data directory of the local stack: one stack at a time, and what a killed one left running.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * One stack per data directory: a second one would resume the same executions and send every email
 * twice. The lock file names the owner's pid; a lock whose process is gone (kill -9) is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = join(dataDir, 'stack.lock');
  await mkdir(dataDir, { recursive: true });
  for (;;) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      await stopOrphans(dataDir);
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(await readFile(file, 'utf8').catch(() => ''));
    if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
      throw new Error(`another local stack (process ${owner}) is using ${dataDir}; stop it first, or set THIDUA_DATA to another directory (delete ${file} if no stack runs)`);
    }
    await rm(file, { force: true });
  }
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
  for (let waited = 0; waited < 5000 && pids.some(isRunning); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  pids.filter(isRunning).forEach((pid) => signal(pid, 'SIGKILL'));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
