import { Inject, Injectable } from '@nestjs/common';
import { APP_LOGGER, AppLogger } from '@bvs/logging';
import { TransportError } from '@bvs/clearinghouse';
import { METRICS, RedisMetrics } from '@bvs/metrics';
import { PayerDirectory } from '@bvs/payers';
import { WebhookNotifier } from '@bvs/queue';
import { SETTLED_STATUSES, VerificationStore } from '@bvs/store';
import { PayerCircuitBreaker } from './circuit-breaker';
import { EligibilityInquirer } from './eligibility-inquirer';
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
}

/**
 * One attempt at a verification: load the record, ask the payer (through the circuit breaker),
 * normalize the answer and settle the record — or start the carve-out follow-up flow, or leave
 * it for the next attempt when the failure is worth retrying. Settled records are never processed again, so a re-delivered job
 * changes nothing (it only makes sure the settlement's webhook was queued).
 */
@Injectable()
export class RunVerification {
  constructor(
    private readonly store: VerificationStore,
    private readonly directory: PayerDirectory,
    private readonly inquirer: EligibilityInquirer,
    private readonly breaker: PayerCircuitBreaker,
    private readonly notifier: WebhookNotifier,
    private readonly settlement: Settlement,
    private readonly summarizer: Summarizer,
    private readonly followUps: FollowUpFlow,
    private readonly metrics: RedisMetrics,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  async execute(verificationId: string, info: AttemptInfo): Promise<void> {
    const started = await this.store.update(verificationId, (record) =>
      SETTLED_STATUSES.includes(record.status) ? null : { ...record, status: 'in_progress', attempts: record.attempts + 1 },
    );
    const log = this.logger.child({ verificationId, jobId: info.jobId, attempt: info.attempt, requestId: started?.requestId });
    if (!started) {
      log.warn('verification record is gone (expired or deleted); nothing to do');
      return;
    }
    if (started.status !== 'in_progress') {
      await this.notifier.notifySettled(started);
      log.info({ status: started.status }, 'verification already settled; skipping');
      return;
    }
    const payerKey = started.payer.key;
    if (started.attempts === 1) {
      await this.metrics.observe(METRICS.queueSeconds, { payer: payerKey }, (Date.now() - Date.parse(started.createdAt)) / 1000);
    }
    const openFor = await this.breaker.openFor(payerKey);
    if (openFor > 0) {
      await this.settlement.sendToReview(
        verificationId,
        (record) => this.settlement.callThePayer(record, `${record.payer.name} is failing for every verification right now (circuit open)`),
        'payer circuit open',
      );
      log.warn({ payerKey, openForMs: openFor }, 'payer circuit open; sent to staff review');
      return;
    }

    const payerStarted = Date.now();
    try {
      const route = this.directory.route(started.request.payerInput, started.network?.key, started.request.member.id);
      const { responses, exchange, rejectionCodes } = await this.inquirer.inquire(started, route);
      await this.store.saveExchange(verificationId, exchange);
      await this.metrics.observe(METRICS.payerSeconds, { payer: payerKey }, (Date.now() - payerStarted) / 1000);
      const retryable = rejectionCodes.find((code) => PayerUnavailableError.CODES.has(code));
      if (retryable) throw new PayerUnavailableError(retryable);
      if (await this.breaker.recordSuccess(payerKey)) await this.metrics.set(METRICS.circuitOpen, { payer: payerKey }, 0);
      const result = this.summarizer.summarize(started, route, responses);
      const carveOut = result.summary.carveOut;
      const administrator = carveOut ? this.inquirer.followUpTarget(route, carveOut) : undefined;
      if (administrator) {
        // Carve-out: the administrator is asked in a child job; the parent merges and settles.
        await this.followUps.schedule(started, administrator, carveOut?.memberId);
        log.info({ payerKey, administrator: administrator.key }, 'carve-out follow-up scheduled');
        return;
      }
      const settled = await this.settlement.settle(verificationId, result);
      log.info({ status: settled?.status, payerMs: Date.now() - payerStarted, payerKey }, 'verification settled');
    } catch (error) {
      const failure = describeFailure(error);
      if (error instanceof TransportError || error instanceof PayerUnavailableError) {
        if (await this.breaker.recordFailure(payerKey)) {
          await this.metrics.set(METRICS.circuitOpen, { payer: payerKey }, 1);
          log.warn({ payerKey }, 'payer circuit opened');
        }
      }
      const lastAttempt = info.attempt >= info.maxAttempts;
      if (failure.retryable && !lastAttempt) {
        await this.store.update(verificationId, (record) => ({ ...record, status: 'queued', lastError: failure.message }));
        await this.metrics.increment(METRICS.retries, { payer: payerKey, reason: failure.kind });
        log.warn({ error: failure.message }, 'attempt failed; will retry');
        throw new RetryLaterError(failure.message, error instanceof TransportError ? error.retryAfterMs : undefined);
      }
      await this.settlement.sendToReview(
        verificationId,
        (record) =>
          this.settlement.callThePayer(
            record,
            `The payer could not be verified electronically after ${info.attempt} attempt(s) (${failure.message})`,
          ),
        failure.message,
      );
      log.warn({ error: failure.message, retryable: failure.retryable }, 'verification sent to staff review');
    }
  }
}
