/** At most this many items go into one statement. */
const GROUP_LIMIT = 500;

interface Waiting<T> {
  items: T[];
  done: (error?: unknown) => void;
}

/**
 * Group commit: the writes of requests that arrive while one statement runs go together into
 * the next, and each request still learns of its own write only once that write is stored.
 * Under load dozens of statements become one (each statement costs PostgreSQL a parse, a
 * commit and a round trip, and the server a system call); alone, a write waits one turn of the
 * event loop.
 *
 * When a group fails for a reason `retryAlone` accepts (a taken id), each request's items are
 * tried alone, so one bad write fails only its own request; otherwise (the database is away)
 * every request of the group fails.
 */
export class GroupCommit<T> {
  private waiting: Array<Waiting<T>> = [];
  private writing = false;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly retryAlone: (error: unknown) => boolean,
  ) {}

  /** Resolves once `items` are stored together, all of them or none. */
  add(items: T[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ items, done: (error) => (error ? reject(error) : resolve()) });
      if (!this.writing) void this.writeWaiting();
    });
  }

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    // Let the requests of this turn of the event loop join the first group too.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.waiting.length > 0) {
      const group = this.take();
      try {
        await this.write(group.flatMap((w) => w.items));
        for (const w of group) w.done();
      } catch (error) {
        if (group.length === 1 || !this.retryAlone(error)) for (const w of group) w.done(error);
        else await Promise.all(group.map((w) => this.write(w.items).then(() => w.done(), (alone: unknown) => w.done(alone))));
      }
    }
    this.writing = false;
  }

  private take(): Array<Waiting<T>> {
    let count = 0;
    let n = 0;
    while (n < this.waiting.length && (n === 0 || count + (this.waiting[n]?.items.length ?? 0) <= GROUP_LIMIT)) {
      count += this.waiting[n]?.items.length ?? 0;
      n++;
    }
    return this.waiting.splice(0, n);
  }
}
