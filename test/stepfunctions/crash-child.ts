/**
 * The runtime in a child process, for the crash tests: `node --import tsx crash-child.ts <dataDir> <logDir>`.
 * Prints its endpoint on stdout. The Lambda handlers append what they did to files in <logDir>, fsync'd,
 * so the parent can see them after a kill -9.
 */
import { appendFileSync, closeSync, fsyncSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LocalStepFunctions } from '../../local/stepfunctions/index.js';

const [dataDir, logDir] = process.argv.slice(2) as [string, string];

/** Appends one JSON line and makes it durable before the handler returns. */
function record(file: string, entry: unknown): void {
  const fd = openSync(join(logDir, file), 'a');
  appendFileSync(fd, `${JSON.stringify(entry)}\n`);
  fsyncSync(fd);
  closeSync(fd);
}

interface WorkEvent {
  step: string;
  n: number;
  slowMs?: number;
}

const runtime = await LocalStepFunctions.start({
  dataDir,
  functions: {
    /** Sends the "email": hands the token to the outside world (here, a file the test reads). */
    notify: async (event) => {
      const { token, item } = event as { token: string; item: unknown };
      record('tokens.jsonl', { token, item });
      return { sent: true };
    },
    /** Does a unit of work; records each invocation and, separately, each completion. */
    work: {
      timeoutSeconds: 60,
      handler: async (event) => {
        const { step, n, slowMs } = event as WorkEvent;
        record('invocations.jsonl', { step });
        if (slowMs) await sleep(slowMs);
        record('completions.jsonl', { step });
        return { step, doubled: n * 2 };
      },
    },
  },
});
console.log(JSON.stringify({ endpoint: runtime.endpoint }));
