/**
 * Maps `items` with at most `limit` calls in flight, starting them in index order, and returns the
 * results in index order. Starting in order matters to the crawler: a customer may wait for the
 * earlier customers of the same product, which are then always already running.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index], index);
      } catch (error) {
        next = items.length; // start nothing more; the first error rejects the whole map
        throw error;
      }
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
