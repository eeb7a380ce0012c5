/**
 * The sockets a set of processes listens on, from /proc (Linux): TCP in state LISTEN and bound UDP, IPv4
 * and IPv6, matched to the processes through the socket inodes of their open files.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface ListeningSocket {
  protocol: 'tcp' | 'tcp6' | 'udp' | 'udp6';
  address: string;
  port: number;
  pid: number;
}

/** `pid` and every process below it. */
export function processTree(pid: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found = [pid];
  for (let i = 0; i < found.length; i++) found.push(...rows.filter(([, ppid]) => ppid === found[i]).map(([p]) => p));
  return found;
}

/** Every socket the processes listen on (TCP LISTEN, or UDP bound to a port). */
export function listeningSockets(pids: number[]): ListeningSocket[] {
  const owner = new Map<string, number>();
  for (const pid of pids) {
    for (const fd of safe(() => readdirSync(`/proc/${pid}/fd`), [])) {
      const inode = /^socket:\[(\d+)\]$/.exec(safe(() => readlinkSync(`/proc/${pid}/fd/${fd}`), ''))?.[1];
      if (inode) owner.set(inode, pid);
    }
  }
  const sockets: ListeningSocket[] = [];
  for (const protocol of ['tcp', 'tcp6', 'udp', 'udp6'] as const) {
    for (const line of safe(() => readFileSync(`/proc/net/${protocol}`, 'utf8'), '').trim().split('\n').slice(1)) {
      const [, local, , state, , , , , , inode] = line.trim().split(/\s+/) as string[];
      const pid = owner.get(inode!);
      const [hex, port] = local!.split(':') as [string, string];
      const listening = protocol.startsWith('tcp') ? state === '0A' : true;
      if (pid !== undefined && listening) sockets.push({ protocol, address: addressOf(hex), port: parseInt(port, 16), pid });
    }
  }
  return sockets;
}

/** Whether an address is loopback: 127.0.0.0/8, ::1, or 127.x mapped into IPv6. */
export const isLoopback = (address: string) => /^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address);

/** /proc's hex (32-bit words in host order, little-endian here) as a readable address. */
function addressOf(hex: string): string {
  const words = hex.match(/.{8}/g)!.map((word) => Buffer.from(word, 'hex').reverse());
  if (words.length === 1) return [...words[0]!].join('.');
  const bytes = Buffer.concat(words);
  if (bytes.subarray(0, 10).every((b) => b === 0) && bytes.readUInt16BE(10) === 0xffff) return `::ffff:${[...bytes.subarray(12)].join('.')}`;
  const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback; // a process or a file descriptor that closed meanwhile
  }
}
