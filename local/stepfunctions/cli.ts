/**
 * `npm run sfn-local -- --port <port> --data <dir> [--functions <module>]`: the runtime as a standalone
 * server. The functions module exports (as default, or as `functions`) an object of name → handler.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCommandLine } from './command-line.js';
import type { FunctionRegistration } from './lambda.js';
import { LocalStepFunctions } from './runtime.js';

const USAGE = `usage: npm run sfn-local -- [--port 8083] [--host 127.0.0.1] [--data .data/stepfunctions] [--functions <module>]
  --functions  a module exporting (as default, or as \`functions\`) an object of function name -> handler`;

const values = parseCommandLine(
  {
    port: { type: 'string', default: '8083' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: '.data/stepfunctions' },
    functions: { type: 'string' },
  },
  USAGE,
);

async function loadFunctions(path: string | undefined): Promise<Record<string, FunctionRegistration>> {
  if (!path) return {};
  const module = (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
  return (module.functions ?? module.default ?? {}) as Record<string, FunctionRegistration>;
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got ${values.port}`);
  process.exit(2);
}
const runtime = await LocalStepFunctions.start({
  dataDir: resolve(values.data),
  port,
  host: values.host,
  functions: await loadFunctions(values.functions),
});
console.log(`Local Step Functions listening on ${runtime.endpoint} (data: ${resolve(values.data)})`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void runtime.stop().then(() => process.exit(0)));
}
