/**
 * `npm run demo [-- --json] [--vote meeting|online] [--pledge conference|none] [--blocs B] [--units N] [--seed S] [--out DIR] [--url URL --mail URL --signin URL]`
 *
 * Runs whole cycles unattended and prints each bloc's result table. Without --url it starts its own local
 * stack (in memory, on free ports) and stops it afterwards; with --url it drives a running `npm start`.
 * The blocs sign their pledge at a conference and vote at their year-end conference, each recorded by the
 * secretary; `--pledge none` leaves the pledge out, `--vote online` plays the online ballot.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLASSIFICATION_LABELS, formatNumber, type Classification } from '../../functions/domain/index.js';
import { loadScoredDossier } from '../../functions/cycle/context.js';
import { writeDossier } from '../../functions/documents/index.js';
import { createStore } from '../../functions/store/client.js';
import { startLocalStack } from '../stack.js';
import { parseCommandLine } from '../stepfunctions/command-line.js';
import { DemoClient } from './client.js';
import { simulate, type BlocOutcome } from './simulate.js';

const USAGE = `usage: npm run demo -- [options]
  --vote meeting|online          how the blocs vote: at the year-end conference (default) or online
  --pledge conference|none       the pledge signed at a conference (default), or no pledge
  --blocs B --units N            generated blocs (1..60) of N units (2..60); default: the demo bloc of 9
  --seed S                       the seed of the answers (default 2026)
  --out DIR                      write each bloc's documents into DIR
  --json                         print the results as JSON
  --url URL --mail URL --signin URL   drive a running \`npm run start:demo\` instead of starting a stack`;

const values = parseCommandLine(
  {
    json: { type: 'boolean', default: false },
    blocs: { type: 'string', default: '1' },
    units: { type: 'string', default: '9' },
    seed: { type: 'string', default: '2026' },
    out: { type: 'string' },
    url: { type: 'string' },
    mail: { type: 'string' },
    signin: { type: 'string' },
    vote: { type: 'string', default: 'meeting' },
    pledge: { type: 'string', default: 'conference' },
  },
  USAGE,
);

const blocs = Number(values.blocs);
const units = Number(values.units);
const seed = Number(values.seed);
for (const [name, value, min, max] of [['blocs', blocs, 1, 60], ['units', units, 2, 60], ['seed', seed, 0, 2 ** 31]] as const) {
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max}`);
    process.exit(2);
  }
}

if (values.vote !== 'meeting' && values.vote !== 'online') {
  console.error('--vote must be meeting (the year-end conference, the default) or online');
  process.exit(2);
}
const vote = values.vote;
if (values.pledge !== 'conference' && values.pledge !== 'none') {
  console.error('--pledge must be conference (signed at the pledge conference, the default) or none');
  process.exit(2);
}
const pledgeConference = values.pledge === 'conference';

const log = values.json ? () => {} : (line: string) => console.log(line);
let stop = async () => {};
let client: DemoClient;
let signIn: string;
if (values.url) {
  if (!values.mail || !values.signin) {
    console.error('--url needs --mail (the mail viewer address) and --signin (an admin sign-in link), as `npm start` prints them');
    process.exit(2);
  }
  client = new DemoClient(values.url.replace(/\/$/, ''), values.mail.replace(/\/$/, ''));
  signIn = values.signin;
} else {
  const dataDir = await mkdtemp(join(tmpdir(), 'thidua-demo-'));
  log('Starting a local stack for the demo…');
  const stack = await startLocalStack({ dataDir, port: 0, inMemory: true, demoTools: true, log: () => {} });
  client = new DemoClient(stack.url, stack.endpoints.ses);
  signIn = stack.adminSignInUrl;
  stop = async () => {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}

try {
  await client.signIn(signIn);
  const outcomes = await simulate(client, { blocs, units, seed, vote, pledgeConference, log });
  if (values.out) await writeDocuments(values.out, outcomes);
  if (values.json) console.log(JSON.stringify({ blocs: outcomes }, null, 2));
  else printTables(outcomes, client.mailEndpoint);
} catch (error) {
  console.error('The demo failed:', error);
  process.exitCode = 1;
} finally {
  await stop();
}

function printTables(outcomes: BlocOutcome[], mail: string): void {
  const award = (a: string | null) => (a === 'flag' ? 'Cờ thi đua' : a === 'certificate' ? 'Bằng khen' : '');
  for (const bloc of outcomes) {
    console.log(`\n${bloc.blocName} (${bloc.cycleId}) — ${bloc.status}`);
    const rows = bloc.ranking.map((r) => [String(r.place), r.unitName, formatNumber(r.total), CLASSIFICATION_LABELS[r.classification as Classification]?.vi ?? r.classification, award(r.award)]);
    const header = ['Hạng', 'Đơn vị', 'Tổng điểm', 'Xếp loại', 'Khen thưởng'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 2 || i === 0 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
    console.log(line(header));
    console.log(widths.map((w) => '─'.repeat(w)).join('  '));
    for (const r of rows) console.log(line(r));
  }
  console.log(`\nThe emails of this run: ${mail}/ (the SES emulator's mail viewer${values.url ? '' : '; it stopped with the demo — use `npm run start:demo` and --url to keep it'})`);
}

async function writeDocuments(dir: string, outcomes: BlocOutcome[]): Promise<void> {
  if (values.url) {
    console.error('--out works with the demo\'s own stack (without --url): it reads the stored results directly');
    return;
  }
  for (const bloc of outcomes) await writeDossier(join(dir, bloc.blocId), await loadScoredDossier(createStore(), bloc.cycleId));
  log(`Documents written to ${dir}`);
}
