// Work the bot has accepted and not finished (a click being provisioned, a recovery sweep), so a stop can wait for it.

export interface DrainResult {
  /** True when everything finished within the time allowed. */
  finished: boolean;
  /** Labels of the work still running when the wait ended. */
  unfinished: string[];
  waitedMs: number;
}

export class InFlightWork {
  private readonly running = new Map<number, string>();
  private readonly idleWaiters = new Set<() => void>();
  private seq = 0;
  private drainingSince?: number;

  /** Set once a stop began: new work is refused, running work is waited for. */
  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  get size(): number {
    return this.running.size;
  }

  /** Runs alongside `work` until it settles; its result or rejection passes through untouched. */
  track<T>(label: string, work: Promise<T>): Promise<T> {
    const id = ++this.seq;
    this.running.set(id, label);
    const done = () => {
      this.running.delete(id);
      if (this.running.size === 0) for (const wake of [...this.idleWaiters]) wake();
    };
    work.then(done, done);
    return work;
  }

  beginDraining(now = Date.now()): void {
    this.drainingSince ??= now;
  }

  /** Starts draining and waits until nothing runs, or `timeoutMs` has passed. */
  async drain(timeoutMs: number): Promise<DrainResult> {
    const started = Date.now();
    this.beginDraining(started);
    if (this.running.size > 0) {
      await new Promise<void>((resolve) => {
        const finish = () => {
          clearTimeout(timer);
          this.idleWaiters.delete(finish);
          resolve();
        };
        const timer = setTimeout(finish, timeoutMs);
        this.idleWaiters.add(finish);
      });
    }
    const unfinished = [...this.running.values()];
    return { finished: unfinished.length === 0, unfinished, waitedMs: Date.now() - started };
  }
}
