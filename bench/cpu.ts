/**
 * CPU seconds of this process's children (DynamoDB Local's JVM, the SES emulator), read from /proc
 * (Linux; elsewhere none are found), for the benchmarks that report where the drill's CPU went.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** Each live child of this process with its CPU seconds so far (user + system), by pid. */
export function childrenCpu(): Map<number, { name: string; seconds: number }> {
  const children = new Map<number, { name: string; seconds: number }>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return children; // no /proc
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== process.pid) continue;
      const name = /\(java\)/.test(stat) ? 'DynamoDB Local (JVM)' : readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('ses-emulator') ? 'SES emulator' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      children.set(Number(pid), { name, seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND });
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

/** CPU seconds by child name spent between two readings of {@link childrenCpu} (children alive at both). */
export function childrenCpuSince(before: ReturnType<typeof childrenCpu>, after = childrenCpu()): Record<string, number> {
  const byName: Record<string, number> = {};
  for (const [pid, { name, seconds }] of after) byName[name] = Math.round(((byName[name] ?? 0) + seconds - (before.get(pid)?.seconds ?? 0)) * 10) / 10;
  return byName;
}
