/**
 * `npm start`: the local stack on http://localhost:3000 with its data under `.data/` (PORT, THIDUA_DATA,
 * ADMIN_EMAILS and PUBLIC_URL change that). `npm run start:demo` (`--demo`, or THIDUA_DEMO_TOOLS=1) also
 * turns on the demo tools, and the banner says what that opens. Ctrl-C stops every child process and
 * waits for it, also while the stack is still starting; the next start resumes the running cycles.
 */
import { startLocalStack } from './stack.js';

const env = process.env;
const dataDir = env.THIDUA_DATA ?? '.data';

// Listening before anything starts: a Ctrl-C during the start must stop the children too, not orphan them.
let signalled: NodeJS.Signals | undefined;
const starting = startLocalStack({
  dataDir,
  port: Number(env.PORT ?? 3000),
  ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
  demoTools: process.argv.includes('--demo') || env.THIDUA_DEMO_TOOLS === '1',
  adminEmails: (env.ADMIN_EMAILS ?? 'admin@thidua.local').split(',').map((e) => e.trim()).filter(Boolean),
});
const stop = (signal: NodeJS.Signals) => {
  if (signalled) return;
  signalled = signal;
  console.log(`\n${signal}: stopping the local stack…`);
  starting.then(
    (stack) => stack.stop().then(() => process.exit(0)),
    () => process.exit(1),
  ).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const stack = await starting.catch((error: unknown) => {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port ${env.PORT ?? 3000} is in use: stop what uses it, or choose another port (PORT=3001 npm start).`);
  } else {
    console.error('The local stack did not start:', error instanceof Error && !('code' in error) ? error.message : error);
  }
  process.exit(1);
});

if (!signalled) {
  console.log(`
Thi đua is running (ready in ${(stack.startedInMs / 1000).toFixed(1)} s${stack.seeded ? ', demo data loaded' : ''})

  Web pages           ${stack.url}
  Admin sign-in       ${stack.adminSignInUrl}
  Mail viewer         ${stack.mailViewerUrl}
  Demo tools          ${stack.demoToolsUrl ? `${stack.demoToolsUrl}\n                      ON: anyone using this machine can move the clock and sign in as admin there` : 'off (npm run start:demo turns them on)'}
  Local time          ${new Date(stack.clock.now()).toISOString()}

Ctrl-C stops it; the data stays in ${dataDir}/ (delete that folder to start afresh).
`);
}
