/** A closed-loop load: `concurrency` clients each send the next request when the last answers. */
export interface LoadFigures {
  requests: number;
  errors: number;
  seconds: number;
  throughputPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The longest the load generator's own event loop stalled (GC): latencies include it. */
  generatorStallMs: number;
}

/** With `thinkMs`, each client waits that long between requests: users of an app, not a flood. */
export async function runLoad(concurrency: number, seconds: number, request: (i: number) => Promise<boolean>, thinkMs = 0): Promise<LoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = performance.now();
  let stall = 0;
  let tick = performance.now();
  const watch = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - tick - 10);
    tick = now;
  }, 10);
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      // Users arrive spread over one pause, not all in the same millisecond.
      if (thinkMs > 0) await new Promise((r) => setTimeout(r, (thinkMs * client) / concurrency));
      while (Date.now() < deadline) {
        const t = performance.now();
        const ok = await request(next++).catch(() => false);
        latencies.push(performance.now() - t);
        if (!ok) errors++;
        if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + ((next * 7919) % 1000) / 1000)));
      }
    }),
  );
  clearInterval(watch);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? 0) * 10) / 10;
  return { requests: latencies.length, errors, seconds: Math.round(elapsed * 10) / 10, throughputPerSecond: Math.round(latencies.length / elapsed), p50Ms: at(50), p99Ms: at(99), generatorStallMs: Math.round(stall) };
}
