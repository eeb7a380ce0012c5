/**
 * `npm run bench:cost [-- --blocs 4 --units 25]`: a province drill of its own, only for docs/cost.md (the
 * counts scale with the units, so a few blocs give the same cost per 1,000 units as the full drill of
 * `npm run bench`, which writes the same file).
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { countAlarmMetrics, estimateCost, writeCostDoc } from './cost.js';
import { provinceDrill } from './province.js';

const { values } = parseArgs({ options: { blocs: { type: 'string', default: '4' }, units: { type: 'string', default: '25' } } });
const root = join(import.meta.dirname, '..');
const drill = await provinceDrill({ blocs: Number(values.blocs), units: Number(values.units), concurrency: 2 * cpus().length, log: (line) => console.error(line) });
const estimate = estimateCost(drill, countAlarmMetrics());
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
await writeCostDoc(join(root, 'docs/cost.md'), estimate, drill, `\`npm run bench:cost\` of ${new Date().toISOString().slice(0, 10)}, commit ${commit}`);
console.log(`docs/cost.md: $${estimate.cycleUsd.toFixed(2)} per ${estimate.perUnits}-unit cycle, $${estimate.yearUsd.toFixed(2)} a year (from ${drill.units} units)`);
