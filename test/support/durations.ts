/**
 * Writes test/support/durations.json from a vitest run's output (the default reporter's lines
 * `✓ test/x.test.ts (3 tests) 1234ms`): each file's duration, for the sequencer (sequencer.ts).
 *
 *   npx vitest run 2>&1 | tee /tmp/vitest.log; npx tsx test/support/durations.ts /tmp/vitest.log
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';

const log = process.argv[2];
if (!log) throw new Error('usage: tsx test/support/durations.ts <vitest output>');
const durations: Record<string, number> = {};
for (const line of stripVTControlCharacters(readFileSync(log, 'utf8')).split('\n')) {
  const match = /^ [✓×❯↓] (test\/\S+\.test\.ts) \(\d+ tests?[^)]*\)\s+(\d+)ms/.exec(line);
  if (match) durations[match[1]!] = Number(match[2]);
}
const sorted = Object.fromEntries(Object.entries(durations).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(new URL('./durations.json', import.meta.url), `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`${Object.keys(sorted).length} files`);
