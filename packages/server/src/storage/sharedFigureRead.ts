/**
 * One statement for identical figure reads that are running at the same time (decision 040).
 * A dashboard page asks for its panels at once, and some panels are parts of one computation
 * (the three continuity Measures are one pass over the period's visits): the first request
 * starts the read, the others that arrive while it runs wait for the same answer.
 *
 * Nothing is kept after the read ends, so nothing here must be shared between server processes:
 * another process, or a request after the answer came, reads again. Reads are shared only on
 * the same executor (the pool, or one transaction), so a transaction's reads stay its own.
 */
const running = new WeakMap<object, Map<string, Promise<unknown>>>();

export function sharedWhileRunning<T>(executor: object, key: string, read: () => Promise<T>): Promise<T> {
  let reads = running.get(executor);
  if (!reads) {
    reads = new Map();
    running.set(executor, reads);
  }
  const started = reads.get(key);
  if (started) return started as Promise<T>;
  const mine = reads;
  const answer = read().finally(() => mine.delete(key));
  mine.set(key, answer);
  return answer;
}
