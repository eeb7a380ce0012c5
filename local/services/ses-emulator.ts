/**
 * The SES emulator with a mail file: the messages it received survive a restart of the local stack, so
 * the links in them still work. Run as its own process by `startSesEmulator({ mailFile })`, directly by
 * Node (type stripping: no imports of our own, no syntax beyond types).
 *
 *   node local/services/ses-emulator.ts --port 8005 --host 127.0.0.1 --mail-file .data/mail.jsonl
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';

type Email = Record<string, unknown>;
interface EmulatorStore {
  saveEmail(email: Email): void;
  clearStore(): void;
  getStoreReadonly(): { emails: Email[] };
}

const { values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' }, 'mail-file': { type: 'string' } } });
const mailFile = values['mail-file'];
if (!values.port || !values.host || !mailFile) throw new Error('usage: ses-emulator.ts --port <n> --host <address> --mail-file <path>');

const require = createRequire(import.meta.url);
const store = require('aws-ses-v2-local/dist/store.js') as EmulatorStore;
const startServer = (require('aws-ses-v2-local') as { default: (config: { port: number; host: string }) => Promise<unknown> }).default;

mkdirSync(dirname(mailFile), { recursive: true });
store.getStoreReadonly().emails.push(...readMailFile(mailFile));

// The emulator's handlers call these through the module's exports, so wrapping them here is enough.
const save = store.saveEmail;
store.saveEmail = (email) => {
  appendFileSync(mailFile, JSON.stringify(email) + '\n');
  save(email);
};
const clear = store.clearStore;
store.clearStore = () => {
  writeFileSync(mailFile, '');
  clear();
};

// The stack holds our stdin open: when it dies, even by kill -9, the pipe closes and we go with it.
process.stdin.on('end', () => process.exit(0)).resume();

await startServer({ port: Number(values.port), host: values.host });
console.log(`SES emulator on ${values.host}:${values.port}, mail kept in ${mailFile}`);

/** The saved messages; a line cut short by a crash is skipped. */
function readMailFile(file: string): Email[] {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return text.split('\n').flatMap((line) => {
    try {
      return line.trim() ? [JSON.parse(line) as Email] : [];
    } catch {
      return [];
    }
  });
}
