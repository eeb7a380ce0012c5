/**
 * Runs `work` on every item, at most `concurrency` at once, and resolves when all are done (the first
 * failure rejects; catch inside `work` to collect failures instead).
 */
export async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
