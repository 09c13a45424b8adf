import { Inject, Injectable } from '@nestjs/common';
import { TransportError } from '@bvs/clearinghouse';
import { APP_LOGGER, AppLogger } from '@bvs/logging';
import { VerificationLifecycle } from '@bvs/lifecycle';
import { METRICS, RedisMetrics } from '@bvs/metrics';
import { PayerDirectory } from '@bvs/payers';
import { MemberFingerprint, SETTLED_STATUSES, type VerificationRecord, VerificationStore } from '@bvs/store';
import { PayerCircuitBreaker, isOutageFailure } from './circuit-breaker';
import { EligibilityInquirer, routeOf } from './eligibility-inquirer';
import { RetryLaterError } from './retry-backoff';
import { Settlement } from './settlement';
import { Summarizer } from './summarizer';
import { FollowUpFlow } from './follow-up-flow';
import { PayerUnavailableError, describeFailure } from './verification-failure';

export interface AttemptInfo {
  jobId: string;
  /** 1-based number of this attempt. */
  attempt: number;
  maxAttempts: number;
  /** Aborted when the worker is stopping: the payer call is cut short and the job handed back. */
  signal?: AbortSignal;
  /**
   * Puts the job back to run at `at` without using one of its attempts (BullMQ moveToDelayed +
   * DelayedError); never returns. Without it (unit tests) a postponement is an ordinary retry.
   */
  postpone?: (at: number) => Promise<never>;
}

/** Spreads the jobs an open circuit releases at once. */
const jitter = (): number => Math.floor(Math.random() * 1_000);

/**
 * One attempt at a verification: ask the payer (unless its circuit is open: then the attempt
 * waits), normalize the answer and settle the record through the lifecycle — or start the
 * carve-out follow-up flow, or leave it for the next attempt when the failure is worth retrying.
 * A settled record is never processed again: a re-delivered job only makes sure the
 * settlement's effects (webhook, reuse index) happened.
 */
@Injectable()
export class RunVerification {
  constructor(
    private readonly store: VerificationStore,
    private readonly lifecycle: VerificationLifecycle,
    private readonly directory: PayerDirectory,
    private readonly inquirer: EligibilityInquirer,
    private readonly breaker: PayerCircuitBreaker,
    private readonly settlement: Settlement,
    private readonly summarizer: Summarizer,
    private readonly followUps: FollowUpFlow,
    private readonly fingerprint: MemberFingerprint,
    private readonly metrics: RedisMetrics,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  async execute(verificationId: string, info: AttemptInfo): Promise<void> {
    // Read with its version: the attempt_started update below uses this read instead of its own.
    const read = await this.store.getVersioned(verificationId);
    const current = read?.record ?? null;
    const log = this.logger.child({ verificationId, jobId: info.jobId, attempt: info.attempt, requestId: current?.requestId });
    if (!current) {
      log.warn('verification record is gone (expired or deleted); nothing to do');
      return;
    }
    if (SETTLED_STATUSES.includes(current.status)) return this.alreadySettled(current, log);
    const payerKey = current.payer.key;

    // An open circuit delays the attempt while the deadline allows; only the sweep sends a
    // verification to review because time is short.
    const wait = await this.breaker.admit(payerKey);
    if (wait > 0) {
      log.info({ payerKey, waitMs: wait }, 'payer circuit open; attempt postponed');
      await this.postpone(info, Date.now() + wait + jitter());
    }

    const {
      record: started,
      changed,
      versioned,
    } = await this.lifecycle.apply(verificationId, { type: 'attempt_started' }, read ?? undefined);
    if (!started || !versioned) return;
    if (!changed) return this.alreadySettled(started, log);

    const payerStarted = Date.now();
    try {
      const route = routeOf(started, this.directory);
      // An answer closes the payer's circuit; the write goes out alongside the exchange's.
      let closed: Promise<boolean> | undefined;
      const { answer, rejectionCodes } = await this.inquirer.inquire(started, route, {
        attempt: info.attempt,
        role: 'plan',
        signal: info.signal,
        onAnswered: () => (closed ??= this.breaker.recordSuccess(payerKey)),
      });
      await this.metrics.observe(METRICS.payerSeconds, { payer: payerKey }, (Date.now() - payerStarted) / 1000);
      if (await (closed ?? this.breaker.recordSuccess(payerKey))) await this.metrics.set(METRICS.circuitOpen, { payer: payerKey }, 0);
      const retryable = rejectionCodes.find((code) => PayerUnavailableError.CODES.has(code));
      if (retryable) throw new PayerUnavailableError(retryable);
      const result = this.summarizer.summarize(started, route, [answer]);
      const carveOut = result.summary.carveOut;
      const administrator = carveOut ? this.inquirer.followUpTarget(route, carveOut) : undefined;
      if (administrator) {
        // Carve-out: the administrator is asked in a child job; the parent merges and settles.
        const scheduled = await this.lifecycle.apply(verificationId, {
          type: 'follow_up_scheduled',
          administrator: {
            payerKey: administrator.key,
            name: administrator.name,
            ...(carveOut?.memberId ? { memberId: carveOut.memberId } : {}),
          },
          answers: [answer],
        });
        if (scheduled.changed && scheduled.record) await this.followUps.schedule(scheduled.record, administrator);
        log.info({ payerKey, administrator: administrator.key }, 'carve-out follow-up scheduled');
        return;
      }
      // The record as attempt_started wrote it: the settlement's compare-and-set refuses it if
      // anybody (a cancel, a staff retry) wrote since, and then reads the record afresh.
      const settled = await this.settlement.settle(verificationId, result, [answer], versioned);
      log.info({ status: settled?.status, payerMs: Date.now() - payerStarted, payerKey }, 'verification settled');
    } catch (error) {
      await this.failed(started, error, info, log);
    }
  }

  private async failed(record: VerificationRecord, error: unknown, info: AttemptInfo, log: AppLogger): Promise<void> {
    const payerKey = record.payer.key;
    const failure = describeFailure(error);
    if (info.signal?.aborted) {
      // The worker is stopping: hand the job back at once, without using an attempt.
      await this.lifecycle.apply(record.id, { type: 'attempt_failed_retryable', error: failure.message, kind: 'worker_stopping' });
      log.info('worker stopping; attempt handed back');
      await this.postpone(info, Date.now());
    }
    if (isOutageFailure(error)) {
      const circuit = await this.breaker.recordFailure(payerKey, this.memberKey(record));
      if (circuit === 'opened') {
        await this.metrics.set(METRICS.circuitOpen, { payer: payerKey }, 1);
        log.warn({ payerKey }, 'payer circuit opened');
      }
      if (circuit !== 'closed') {
        // Many members failing: an outage. Wait for the circuit, without using an attempt.
        await this.lifecycle.apply(record.id, { type: 'attempt_failed_retryable', error: failure.message, kind: failure.kind });
        await this.postpone(info, Date.now() + Math.max(await this.breaker.openFor(payerKey), 1_000) + jitter());
      }
    }
    const lastAttempt = info.attempt >= info.maxAttempts;
    if (failure.retryable && !lastAttempt) {
      await this.lifecycle.apply(record.id, { type: 'attempt_failed_retryable', error: failure.message, kind: failure.kind });
      log.warn({ error: failure.message }, 'attempt failed; will retry');
      throw new RetryLaterError(failure.message, error instanceof TransportError ? error.retryAfterMs : undefined);
    }
    await this.settlement.sendToReview(
      record.id,
      (current) =>
        this.settlement.callThePayer(
          current,
          `The payer could not be verified electronically after ${info.attempt} attempt(s) (${failure.message})`,
        ),
      failure.message,
    );
    log.warn({ error: failure.message, retryable: failure.retryable }, 'verification sent to staff review');
  }

  private async alreadySettled(record: VerificationRecord, log: AppLogger): Promise<void> {
    await this.lifecycle.ensureSettledEffects(record);
    log.info({ status: record.status }, 'verification already settled; skipping');
  }

  private async postpone(info: AttemptInfo, at: number): Promise<void> {
    if (info.postpone) await info.postpone(at);
    throw new RetryLaterError('postponed', Math.max(0, at - Date.now()));
  }

  /** The circuit counts members, not attempts: a keyed hash, never PHI. */
  private memberKey(record: VerificationRecord): string {
    return this.fingerprint.of(record, 'circuit').slice(0, 24);
  }
}
