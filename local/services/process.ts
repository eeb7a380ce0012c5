import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** A TCP port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export async function freePort(): Promise<number> {
  const { port, release } = await reservePort();
  await release();
  return port;
}

/**
 * A port held on `host` until `release` (a listening socket the OS will not give to anyone else, an outgoing
 * connection's ephemeral port included): for a service whose address must be known long before it starts
 * (the Step Functions endpoint is in the handlers' environment before the runtime listens). A port merely
 * free a moment ago was taken in between often enough to fail the suite (EADDRINUSE).
 */
export function reservePort(host = '127.0.0.1'): Promise<{ port: number; release(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({ port, release: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}

/** Polls `probe` until it resolves true or `timeoutMs` passes; the last failure becomes the error's cause. */
export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let lastError: unknown;
  while (performance.now() < deadline) {
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs} ms`, { cause: lastError });
}

/**
 * Waits until a spawned service answers `probe`, collecting its output for the error if it exits first.
 * Returns a stop function that terminates the process and waits for it to exit; a service that never
 * becomes ready is stopped before the error is thrown.
 */
export async function superviseUntilReady(
  name: string,
  child: ChildProcess,
  probe: () => Promise<boolean>,
  timeoutMs: number,
): Promise<() => Promise<void>> {
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  const ready = async () => {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}): ${output}`);
    return probe();
  };
  try {
    await waitUntil(name, ready, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
