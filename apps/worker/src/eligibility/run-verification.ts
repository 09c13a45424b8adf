import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { EligibilityTransport } from '@bvs/clearinghouse';
import { LevelOfCare, NormalizationResult, normalizeEligibility } from '@bvs/coverage';
import { PayerDirectory, PayerRoute } from '@bvs/payers';
import { SETTLED_STATUSES, VerificationRecord, VerificationStore, X12Exchange } from '@bvs/store';
import { EligibilityResponse, build270, readEligibility } from '@bvs/x12';
import { buildInquiry } from './build-inquiry';
import { PayerUnavailableError, describeFailure } from './verification-failure';

export interface AttemptInfo {
  jobId: string;
  /** 1-based number of this attempt. */
  attempt: number;
  maxAttempts: number;
}

/** AAA reason codes that mean "the payer could not answer now; ask again" (§4.2). */
const RETRYABLE_REJECTIONS = new Set(['42', '80', '04']);

/**
 * One attempt at a verification: load the record, send the 270, read the 271, normalize it and
 * settle the record — or leave it for the next attempt when the failure is worth retrying.
 * Settled records are never processed again, so a re-delivered job changes nothing.
 */
@Injectable()
export class RunVerification {
  constructor(
    private readonly store: VerificationStore,
    private readonly directory: PayerDirectory,
    private readonly transport: EligibilityTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {}

  async execute(verificationId: string, info: AttemptInfo): Promise<void> {
    const started = await this.store.update(verificationId, (record) =>
      SETTLED_STATUSES.includes(record.status) ? null : { ...record, status: 'in_progress', attempts: record.attempts + 1 },
    );
    const log = this.logger.logger.child({ verificationId, jobId: info.jobId, attempt: info.attempt, requestId: started?.requestId });
    if (!started) {
      log.warn('verification record is gone (expired or deleted); nothing to do');
      return;
    }
    if (started.status !== 'in_progress') {
      log.info({ status: started.status }, 'verification already settled; skipping');
      return;
    }
    const payerStarted = Date.now();
    try {
      const route = this.directory.route(started.request.payerInput, started.network?.key, started.request.member.id);
      const { responses, exchange } = await this.inquire(started, route);
      await this.store.saveExchange(verificationId, exchange);
      const retryable = responses.flatMap(allRejections).find((code) => RETRYABLE_REJECTIONS.has(code));
      if (retryable) throw new PayerUnavailableError(retryable);
      const result = this.normalize(started, responses);
      const settled = await this.settle(verificationId, result);
      log.info({ status: settled?.status, payerMs: Date.now() - payerStarted, payerKey: route.payer.key }, 'verification settled');
    } catch (error) {
      const failure = describeFailure(error);
      const lastAttempt = info.attempt >= info.maxAttempts;
      if (failure.retryable && !lastAttempt) {
        await this.store.update(verificationId, (record) => ({ ...record, status: 'queued', lastError: failure.message }));
        log.warn({ error: failure.message }, 'attempt failed; will retry');
        throw new Error(failure.message);
      }
      await this.sendToReview(verificationId, failure.message, info.attempt);
      log.warn({ error: failure.message, retryable: failure.retryable }, 'verification sent to staff review');
    }
  }

  private async inquire(record: VerificationRecord, route: PayerRoute): Promise<{ responses: EligibilityResponse[]; exchange: X12Exchange }> {
    const inquiry = buildInquiry(record, route, this.config);
    const x12 = build270(inquiry);
    const exchange: X12Exchange = { sent: [x12], received: [] };
    const reply = await this.transport.check({ inquiry, x12, context: { verificationId: record.id, payerId: route.payerId } });
    exchange.received.push(reply.raw);
    return { responses: readEligibility(reply.raw), exchange };
  }

  private normalize(record: VerificationRecord, responses: EligibilityResponse[]): NormalizationResult {
    const rates = { ...this.config.rates.default, ...(this.config.rates.byPayer[record.payer.key] ?? {}) };
    const result = normalizeEligibility(responses, {
      levelsOfCare: record.request.levelsOfCare,
      program: record.request.program,
      allowedPerSession: rates as Partial<Record<LevelOfCare, string>>,
    });
    result.summary.network = record.network ?? null;
    return result;
  }

  private settle(id: string, result: NormalizationResult): Promise<VerificationRecord | null> {
    return this.store.update(id, (record) => {
      if (SETTLED_STATUSES.includes(record.status)) return null;
      const completedAt = new Date().toISOString();
      const needsReview = result.reviewReasons.length > 0;
      return {
        ...record,
        status: needsReview ? 'needs_review' : 'completed',
        summary: result.summary,
        review: needsReview ? { reasons: result.reviewReasons } : undefined,
        source: 'electronic',
        lastError: null,
        completedAt,
        withinWindow: completedAt <= record.deadline,
      };
    });
  }

  private async sendToReview(id: string, failure: string, attempts: number): Promise<void> {
    await this.store.update(id, (record) => {
      if (SETTLED_STATUSES.includes(record.status)) return null;
      const payer = this.directory.byKey(record.payer.key);
      const phone = payer?.phone ? ` at ${payer.phone}` : '';
      return {
        ...record,
        status: 'needs_review',
        lastError: failure,
        review: {
          reasons: [
            `The payer could not be verified electronically after ${attempts} attempt(s) (${failure}). Call ${record.payer.name}${phone} to verify IOP, PHP and OP benefits before ${record.deadline}.`,
          ],
        },
        completedAt: null,
      };
    });
  }
}

function allRejections(response: EligibilityResponse): string[] {
  const codes = [...response.source.rejections, ...(response.receiver?.rejections ?? [])].map((r) => r.reasonCode);
  for (const subscriber of response.subscribers) {
    codes.push(...subscriber.member.rejections.map((r) => r.reasonCode));
    for (const dependent of subscriber.dependents) codes.push(...dependent.member.rejections.map((r) => r.reasonCode));
  }
  return codes;
}
