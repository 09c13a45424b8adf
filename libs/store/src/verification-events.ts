import type Redis from 'ioredis';

/**
 * Lets API requests wait (`?wait=N`) for a verification to change status. One subscriber
 * connection per process; workers publish the record id on every status change.
 */
export class VerificationEvents {
  private readonly waiters = new Map<string, Set<() => void>>();
  private subscribed: Promise<unknown> | null = null;

  constructor(
    private readonly subscriber: Redis,
    private readonly channel: string,
  ) {
    subscriber.on('message', (_channel: string, id: string) => this.wake(id));
  }

  /** Resolves when `id` changes status, or after `timeoutMs`, whichever is first. */
  async waitForChange(id: string, timeoutMs: number): Promise<void> {
    this.subscribed ??= this.subscriber.subscribe(this.channel);
    await this.subscribed;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.get(id)?.delete(done);
        if (this.waiters.get(id)?.size === 0) this.waiters.delete(id);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      const set = this.waiters.get(id) ?? new Set<() => void>();
      set.add(done);
      this.waiters.set(id, set);
    });
  }

  private wake(id: string): void {
    for (const done of [...(this.waiters.get(id) ?? [])]) done();
  }

  /** Nest lifecycle hook: the API closes the subscriber connection on shutdown. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  close(): Promise<void> {
    for (const set of this.waiters.values()) for (const done of [...set]) done();
    this.subscriber.disconnect();
    return Promise.resolve();
  }
}
