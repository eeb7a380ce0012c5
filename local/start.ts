/**
 * `npm start`: the local stack on http://localhost:3000 with its data under `.data/` (PORT, THIDUA_DATA,
 * ADMIN_EMAILS, PUBLIC_URL and THIDUA_DEMO_TOOLS=0 change that). Ctrl-C stops every child process and
 * waits for it; the next start resumes the running cycles.
 */
import { startLocalStack } from './stack.js';

const env = process.env;
const stack = await startLocalStack({
  dataDir: env.THIDUA_DATA ?? '.data',
  port: Number(env.PORT ?? 3000),
  ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
  demoTools: env.THIDUA_DEMO_TOOLS !== '0',
  adminEmails: (env.ADMIN_EMAILS ?? 'admin@thidua.local').split(',').map((e) => e.trim()).filter(Boolean),
}).catch((error: unknown) => {
  console.error('The local stack did not start:', error);
  process.exit(1);
});

console.log(`
Thi đua is running (ready in ${(stack.startedInMs / 1000).toFixed(1)} s${stack.seeded ? ', demo data loaded' : ''})

  Web pages           ${stack.url}
  Admin sign-in       ${stack.adminSignInUrl}
  Mail viewer         ${stack.mailViewerUrl}${stack.demoToolsUrl ? `\n  Demo tools          ${stack.demoToolsUrl}` : ''}
  Local time          ${new Date(stack.clock.now()).toISOString()}

Ctrl-C stops it; the data stays in ${env.THIDUA_DATA ?? '.data'}/ (delete that folder to start afresh).
`);

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the local stack…`);
  stack.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
