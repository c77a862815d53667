/**
 * A progress bar on stderr for long runs: done of total, rate per second and the time left,
 * redrawn on one line at most a few times a second (on a terminal; elsewhere a line every
 * ten seconds, so a log file stays readable).
 */
export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = Date.now();
  private done = 0;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly unit: string,
    private readonly out: NodeJS.WriteStream | { isTTY?: boolean; write(text: string): unknown } = process.stderr,
  ) {}

  add(n: number): void {
    this.done += n;
    const now = Date.now();
    if (now - this.lastDraw >= (this.out.isTTY ? 250 : 10_000)) {
      this.lastDraw = now;
      this.draw(false);
    }
  }

  finish(): void {
    this.draw(true);
  }

  /** The line as shown (exported for its test). */
  line(now = Date.now()): string {
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const rate = this.done / seconds;
    const share = this.total > 0 ? Math.min(1, this.done / this.total) : 1;
    const width = 24;
    const filled = Math.round(share * width);
    const left = rate > 0 ? Math.max(0, (this.total - this.done) / rate) : 0;
    return `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(share * 100)} % ` +
      `${this.done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')} ${this.unit}, ${Math.round(rate).toLocaleString('en-US')}/s, ` +
      `${share >= 1 ? `${formatSeconds(seconds)} in all` : `ETA ${formatSeconds(left)}`}`;
  }

  private draw(last: boolean): void {
    const text = this.line();
    if (this.out.isTTY) this.out.write(`\r${text}\x1b[K${last ? '\n' : ''}`);
    else this.out.write(`${text}\n`);
  }
}

export function formatSeconds(s: number): string {
  const m = Math.floor(s / 60);
  const sec = Math.round(s % 60);
  return m > 0 ? `${m} min ${sec} s` : `${sec} s`;
}
