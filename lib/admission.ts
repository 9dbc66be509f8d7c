/** Raised when a request waited its whole allowance for a free slot. */
export class OverloadedError extends Error {
  constructor(readonly waitedMs: number) {
    super(`no capacity within ${waitedMs} ms`);
  }
}

/**
 * Bounds how many operations a process works on at once; the rest wait briefly, in order, and
 * then fail fast. postgres.js queues statements without limit once its pool is busy, and that
 * queue cannot be observed from outside, so a subgraph bounds the work it admits instead: a
 * saturated pool then means a quick, clear 503, never a request queued for ever.
 */
export class Admission {
  private active = 0;
  private readonly waiting: { admit: () => void; timer: NodeJS.Timeout }[] = [];

  constructor(
    readonly maxActive: number,
    readonly maxWaitMs: number,
    /** Told of each request refused after waiting (metrics count them). */
    private readonly onRefused: () => void = () => {},
  ) {}

  /** Operations running now. */
  get inFlight(): number {
    return this.active;
  }

  /** Operations waiting for a slot now. */
  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.maxActive) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const entry = {
        admit: () => {
          clearTimeout(entry.timer);
          this.active++;
          resolve();
        },
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(entry), 1);
          this.onRefused();
          reject(new OverloadedError(this.maxWaitMs));
        }, this.maxWaitMs),
      };
      this.waiting.push(entry);
    });
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.admit();
  }
}
