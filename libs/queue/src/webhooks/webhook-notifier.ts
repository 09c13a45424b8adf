import type { Queue } from 'bullmq';
import type { VerificationRecord, VerificationStore, VersionedRecord } from '@bvs/store';
import { WEBHOOK_JOB, type WebhookEventType, type WebhookJobData, changedEvent, settlementEvent } from './webhook-jobs';

/**
 * Queues the webhook for a settled verification that has a callbackUrl. Safe to call more than
 * once for the same settlement: the event id is the job id, and delivered events are skipped.
 */
export class WebhookNotifier {
  constructor(
    private readonly queue: Queue<WebhookJobData>,
    private readonly store: VerificationStore,
    private readonly retry: { attempts: number; backoffDelayMs: number },
  ) {}

  /**
   * `known`: the record with the version it was just written at (the lifecycle's transition), so
   * noting the delivery on it need not read it again; a stale one is refused by the compare-and-set.
   */
  async notifySettled(record: VerificationRecord, known?: VersionedRecord): Promise<void> {
    if (!record.request.callbackUrl) return;
    const event = settlementEvent(record);
    if (!event) return;
    await this.queueEvent(record, event, undefined, known);
  }

  /** `verification.changed`: a re-check found a difference; the body carries it (`changes`). */
  async notifyChanged(record: VerificationRecord, recheckId: string, known?: VersionedRecord): Promise<void> {
    if (!record.request.callbackUrl) return;
    await this.queueEvent(record, changedEvent(record, recheckId), recheckId, known);
  }

  private async queueEvent(
    record: VerificationRecord,
    event: { eventId: string; type: WebhookEventType },
    recheckId?: string,
    known?: VersionedRecord,
  ): Promise<void> {
    if (record.deliveries?.some((d) => d.eventId === event.eventId && d.status === 'delivered')) return;
    // The delivery is on the record before its job exists, so the job always finds it.
    await this.store.update(
      record.id,
      (current) => {
        if (current.deliveries?.some((d) => d.eventId === event.eventId)) return null;
        return {
          ...current,
          deliveries: [
            ...(current.deliveries ?? []),
            { eventId: event.eventId, type: event.type, status: 'pending', attempts: 0, ...(recheckId ? { recheckId } : {}) },
          ],
        };
      },
      known,
    );
    await this.queue.add(
      WEBHOOK_JOB,
      { verificationId: record.id, eventId: event.eventId },
      {
        jobId: event.eventId,
        attempts: this.retry.attempts,
        backoff: { type: 'exponential', delay: this.retry.backoffDelayMs, jitter: 0.2 },
        removeOnComplete: { age: 24 * 3_600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3_600, count: 10_000 },
      },
    );
  }
}
