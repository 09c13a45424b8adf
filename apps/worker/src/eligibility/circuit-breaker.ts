import type Redis from 'ioredis';

/**
 * A circuit breaker per payer, shared by every worker through Redis: after `failureThreshold`
 * consecutive failures the payer is left alone for `openMs`, and its verifications go to staff
 * review instead of hammering it. After that, the next attempt is a probe: success closes the
 * circuit, failure opens it again.
 */
export class PayerCircuitBreaker {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly options: { failureThreshold: number; openMs: number },
  ) {}

  private key(payerKey: string): string {
    return `${this.prefix}:circuit:${payerKey}`;
  }

  /** Milliseconds until the circuit half-opens, or 0 when calls may go through. */
  async openFor(payerKey: string, now = Date.now()): Promise<number> {
    const openUntil = Number(await this.redis.hget(this.key(payerKey), 'openUntil')) || 0;
    return Math.max(0, openUntil - now);
  }

  /** Records a failure; returns true when this failure opened the circuit. */
  async recordFailure(payerKey: string, now = Date.now()): Promise<boolean> {
    const key = this.key(payerKey);
    const failures = await this.redis.hincrby(key, 'failures', 1);
    await this.redis.pexpire(key, this.options.openMs * 10);
    if (failures < this.options.failureThreshold) return false;
    await this.redis.hset(key, 'openUntil', String(now + this.options.openMs));
    return true;
  }

  /** Closes the circuit; returns true when there was failure state to clear. */
  async recordSuccess(payerKey: string): Promise<boolean> {
    return (await this.redis.del(this.key(payerKey))) > 0;
  }
}
