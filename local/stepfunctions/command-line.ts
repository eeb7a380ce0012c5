/**
 * The command line of the project's small CLIs (`npm run sfn-local`, `npm run demo`): `--help` prints the
 * usage, and an unknown option or a missing value is answered by one line and the usage, exit code 2,
 * instead of Node's stack trace. Here, not in local/, because the runtime imports nothing outside its folder.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The options' values, or the process ends: 0 after `--help`/`-h`, 2 after a line saying what was wrong. */
export function parseCommandLine<const O extends Options>(options: O, usage: string, args = process.argv.slice(2)) {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    process.exit(0);
  }
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    if (!(error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) throw error;
    console.error(`${error.message}\n\n${usage}`);
    process.exit(2);
  }
}
