type ErrorClass = abstract new (...args: never[]) => Error;

/** Awaits `work`, treating the given error class(es) as "already done": the result is then undefined. */
export async function ignoring<T>(kinds: ErrorClass | readonly ErrorClass[], work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    if ([kinds].flat().some((kind) => error instanceof kind)) return undefined;
    throw error;
  }
}
