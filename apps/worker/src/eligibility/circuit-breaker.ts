import type Redis from 'ioredis';
import { TransportError } from '@bvs/clearinghouse';
import { type LuaScript, luaScript } from '@bvs/store';

// Counts a failing member once; opens when enough distinct members failed since the last success.
// A failure while already open leaves the open time alone (attempts begun before it opened).
const RECORD_FAILURE = `
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
local failing = redis.call('SCARD', KEYS[2])
local now = tonumber(ARGV[2])
local openUntil = tonumber(redis.call('HGET', KEYS[1], 'openUntil') or '0')
if openUntil > now then return 1 end
if failing >= tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[1], 'openUntil', now + tonumber(ARGV[4]))
  redis.call('HDEL', KEYS[1], 'probeUntil')
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  return 2
end
return 0
`;

// 0 when a call may go: closed, or half-open and this caller is the one probe. Otherwise the
// milliseconds to wait: until the circuit half-opens, or until the probe has had its time.
const ADMIT = `
local openUntil = tonumber(redis.call('HGET', KEYS[1], 'openUntil') or '0')
local now = tonumber(ARGV[1])
if openUntil == 0 then return 0 end
if openUntil > now then return openUntil - now end
local probeUntil = tonumber(redis.call('HGET', KEYS[1], 'probeUntil') or '0')
if probeUntil > now then return probeUntil - now end
redis.call('HSET', KEYS[1], 'probeUntil', now + tonumber(ARGV[2]))
return 0
`;

/** Whether a failure says the clearinghouse (not this member's inquiry) is failing: timeouts, 5xx, unreachable. */
export function isOutageFailure(error: unknown): boolean {
  return error instanceof TransportError && (error.kind === 'timeout' || error.kind === 'server_error' || error.kind === 'network');
}

export type FailureOutcome = 'closed' | 'open' | 'opened';

/**
 * A circuit breaker per payer, shared by every worker through Redis. It counts only outage
 * failures (timeouts, 5xx and an unreachable clearinghouse; never AAA rejections), and counts
 * each member once: after `failureThreshold` distinct members failed with no success in
 * between, the payer is left alone for `openMs`. Then one attempt is let through as a probe:
 * success closes the circuit, failure opens it again. An open circuit delays attempts; it never
 * settles a verification (only the deadline sweep sends one to review).
 */
export class PayerCircuitBreaker {
  // EVALSHA: each call sends its arguments, not the script.
  private readonly admitScript: LuaScript;
  private readonly recordFailureScript: LuaScript;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly options: { failureThreshold: number; openMs: number; probeMs: number },
  ) {
    this.admitScript = luaScript(redis, 'bvsCircuitAdmit', 1, ADMIT);
    this.recordFailureScript = luaScript(redis, 'bvsCircuitRecordFailure', 2, RECORD_FAILURE);
  }

  private keys(payerKey: string): [string, string] {
    const base = `${this.prefix}:circuit:{${payerKey}}`;
    return [base, `${base}:members`];
  }

  /** Milliseconds to wait before calling the payer; 0 to go ahead (in half-open, only the probe goes). */
  async admit(payerKey: string, now = Date.now()): Promise<number> {
    return Number(await this.admitScript([this.keys(payerKey)[0]], [String(now), String(this.options.probeMs)]));
  }

  /** Milliseconds until the circuit half-opens, or 0 (read-only). */
  async openFor(payerKey: string, now = Date.now()): Promise<number> {
    const openUntil = Number(await this.redis.hget(this.keys(payerKey)[0], 'openUntil')) || 0;
    return Math.max(0, openUntil - now);
  }

  /** Records an outage failure of one member (`memberKey`: a keyed hash, never PHI). */
  async recordFailure(payerKey: string, memberKey: string, now = Date.now()): Promise<FailureOutcome> {
    const [state, members] = this.keys(payerKey);
    const result = await this.recordFailureScript(
      [state, members],
      [
        memberKey,
        String(now),
        String(this.options.failureThreshold),
        String(this.options.openMs),
        String(Math.max(this.options.openMs * 10, 60_000)),
      ],
    );
    return result === 2 ? 'opened' : result === 1 ? 'open' : 'closed';
  }

  /** Closes the circuit; returns true when there was failure state to clear. */
  async recordSuccess(payerKey: string): Promise<boolean> {
    return (await this.redis.del(...this.keys(payerKey))) > 0;
  }
}
