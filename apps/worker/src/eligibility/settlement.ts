import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import type { NormalizationResult } from '@bvs/coverage';
import { METRICS, RedisMetrics } from '@bvs/metrics';
import { PayerDirectory } from '@bvs/payers';
import { WebhookNotifier } from '@bvs/queue';
import { MemberFingerprint, SETTLED_STATUSES, VerificationRecord, VerificationStore } from '@bvs/store';

/**
 * The one place a verification is settled (completed or sent to staff review), so every path —
 * an answer, a final failure, the deadline sweep — records the same things: metrics, the reuse
 * index and the intake webhook.
 */
@Injectable()
export class Settlement {
  constructor(
    private readonly store: VerificationStore,
    private readonly directory: PayerDirectory,
    private readonly notifier: WebhookNotifier,
    private readonly fingerprint: MemberFingerprint,
    private readonly metrics: RedisMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async settle(id: string, result: NormalizationResult): Promise<VerificationRecord | null> {
    const settled = await this.store.update(id, (record) => {
      if (SETTLED_STATUSES.includes(record.status)) return null;
      const completedAt = new Date().toISOString();
      const needsReview = result.reviewReasons.length > 0;
      return {
        ...record,
        status: needsReview ? 'needs_review' : 'completed',
        summary: result.summary,
        review: needsReview ? { reasons: [...new Set(result.reviewReasons)] } : undefined,
        source: 'electronic',
        lastError: null,
        completedAt,
        withinWindow: completedAt <= record.deadline,
      };
    });
    if (settled && SETTLED_STATUSES.includes(settled.status)) await this.afterSettled(settled);
    return settled;
  }

  /**
   * Sends an unsettled verification to staff review. `reason` is written for the record at
   * hand (it may name the payer, its phone number and the deadline).
   */
  async sendToReview(id: string, reason: (record: VerificationRecord) => string, lastError: string | null): Promise<void> {
    const settled = await this.store.update(id, (record) => {
      if (SETTLED_STATUSES.includes(record.status)) return null;
      return {
        ...record,
        status: 'needs_review',
        lastError: lastError ?? record.lastError,
        review: { reasons: [reason(record)] },
        completedAt: new Date().toISOString(),
        withinWindow: null,
      };
    });
    if (settled?.status === 'needs_review') await this.afterSettled(settled);
  }

  /** "Call <payer> at <phone> … before <deadline>": what staff do when the electronic path failed. */
  callThePayer(record: VerificationRecord, why: string): string {
    const phone = this.directory.byKey(record.payer.key)?.phone;
    return `${why}. Call ${record.payer.name}${phone ? ` at ${phone}` : ''} to verify IOP, PHP and OP benefits before ${record.deadline}.`;
  }

  /** Metrics, the reuse index and the intake webhook for a settlement. */
  async afterSettled(record: VerificationRecord): Promise<void> {
    const labels = { payer: record.payer.key };
    await this.metrics.increment(METRICS.settled, { ...labels, status: record.status });
    await this.metrics.observe(METRICS.totalSeconds, labels, (Date.now() - Date.parse(record.createdAt)) / 1000);
    if (record.status === 'completed') {
      await this.metrics.increment(METRICS.withinWindow, { within: String(record.withinWindow === true) });
      await this.store.rememberResult(this.fingerprint.of(record), record.id, this.config.window.reuseWindowMs);
    }
    await this.notifier.notifySettled(record);
  }
}
