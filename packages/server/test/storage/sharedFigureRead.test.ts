import { describe, expect, it } from 'vitest';
import { sharedWhileRunning } from '../../src/storage/sharedFigureRead';

/** A read that waits until released, counting how often it was started. */
function gatedRead<T>(value: T) {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const read = { calls: 0, release: () => release(), run: async () => {
    read.calls++;
    await gate;
    return value;
  } };
  return read;
}

describe('sharedWhileRunning', () => {
  it('reads once for the requests that arrive while a read runs, and again after it ended', async () => {
    const pool = {};
    const read = gatedRead(['rows']);
    const answers = [sharedWhileRunning(pool, 'k', read.run), sharedWhileRunning(pool, 'k', read.run), sharedWhileRunning(pool, 'k', read.run)];
    read.release();
    expect(await Promise.all(answers)).toEqual([['rows'], ['rows'], ['rows']]);
    expect(read.calls).toBe(1);
    // Nothing is kept: a request after the answer reads again (and sees what was written since).
    await sharedWhileRunning(pool, 'k', read.run);
    expect(read.calls).toBe(2);
  });

  it('shares only the same key on the same executor', async () => {
    const pool = {};
    const transaction = {};
    const read = gatedRead(1);
    const answers = [sharedWhileRunning(pool, 'a', read.run), sharedWhileRunning(pool, 'b', read.run), sharedWhileRunning(transaction, 'a', read.run)];
    read.release();
    await Promise.all(answers);
    expect(read.calls).toBe(3);
  });

  it('a failed read fails every request that waited for it, and the next one reads again', async () => {
    const pool = {};
    let calls = 0;
    const failing = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      throw new Error('connection lost');
    };
    const answers = [sharedWhileRunning(pool, 'k', failing), sharedWhileRunning(pool, 'k', failing)];
    for (const a of answers) await expect(a).rejects.toThrow('connection lost');
    expect(calls).toBe(1);
    expect(await sharedWhileRunning(pool, 'k', async () => 'fresh')).toBe('fresh');
  });
});
