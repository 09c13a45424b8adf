import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@bvs/config';

export type WaitRefusal = 'client-limit' | 'total-limit';

/**
 * Caps the `?wait` requests one API process holds open: per client (key label, or address for
 * the public form) and in total. A request past a cap is answered at once, without waiting (the
 * caller polls), so an open connection is never a way to tie up the API.
 */
@Injectable()
export class WaitLimiter {
  private readonly perClient = new Map<string, number>();
  private total = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** A release function when the caller may wait, or why not. */
  acquire(client: string): (() => void) | WaitRefusal {
    const { maxWaitsPerClient, maxWaitsTotal } = this.config.api;
    const held = this.perClient.get(client) ?? 0;
    if (held >= maxWaitsPerClient) return 'client-limit';
    if (this.total >= maxWaitsTotal) return 'total-limit';
    this.perClient.set(client, held + 1);
    this.total += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total -= 1;
      const left = (this.perClient.get(client) ?? 1) - 1;
      if (left <= 0) this.perClient.delete(client);
      else this.perClient.set(client, left);
    };
  }

  get open(): number {
    return this.total;
  }
}
