/** At most this many items go into one statement. */
const GROUP_LIMIT = 500;

interface Waiting<I, O> {
  items: I[];
  done: (error: unknown, results?: O[]) => void;
}

/**
 * Group commit: the statements of requests that arrive while earlier ones run go together
 * into the next, and each request still gets its own answer only once that statement is done.
 * Under load dozens of statements become one (each statement costs PostgreSQL a parse, a
 * commit and a round trip, and the server a system call); alone, a request waits one turn of
 * the event loop.
 *
 * `run` answers one result per item, in order. When a group fails for a reason `retryAlone`
 * accepts (a taken id), each request's items are tried alone, so one bad write fails only its
 * own request; otherwise (the database is away) every request of the group fails.
 */
export class GroupCommit<I, O = void> {
  private waiting: Array<Waiting<I, O>> = [];
  private running = 0;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly retryAlone: (error: unknown) => boolean = () => false,
    /** Groups in flight at once: a second one keeps the database busy while the first answers. */
    private readonly parallel = 2,
  ) {}

  /** Resolves with the results of `items` once they ran together: all of them or none. */
  add(items: I[]): Promise<O[]> {
    return new Promise<O[]>((resolve, reject) => {
      this.waiting.push({ items, done: (error, results) => (error ? reject(error) : resolve(results ?? [])) });
      if (this.running < this.parallel) void this.runWaiting();
    });
  }

  private async runWaiting(): Promise<void> {
    this.running++;
    // Let the requests of this turn of the event loop join the first group too.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.waiting.length > 0) {
      const group = this.take();
      try {
        const results = await this.run(group.flatMap((w) => w.items));
        let at = 0;
        for (const w of group) {
          w.done(undefined, results.slice(at, at + w.items.length));
          at += w.items.length;
        }
      } catch (error) {
        if (group.length === 1 || !this.retryAlone(error)) for (const w of group) w.done(error);
        else await Promise.all(group.map((w) => this.run(w.items).then((alone) => w.done(undefined, alone), (alone: unknown) => w.done(alone))));
      }
    }
    this.running--;
  }

  private take(): Array<Waiting<I, O>> {
    let count = 0;
    let n = 0;
    while (n < this.waiting.length && (n === 0 || count + (this.waiting[n]?.items.length ?? 0) <= GROUP_LIMIT)) {
      count += this.waiting[n]?.items.length ?? 0;
      n++;
    }
    return this.waiting.splice(0, n);
  }
}
