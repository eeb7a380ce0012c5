/** Awaits `work`, treating the given error class as "already done": the result is then undefined. */
export async function ignoring<T>(kind: abstract new (...args: never[]) => Error, work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof kind) return undefined;
    throw error;
  }
}
