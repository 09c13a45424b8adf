import type { Queue } from 'bullmq';
import type { VerificationRecord, VerificationStore } from '@bvs/store';
import { WEBHOOK_JOB, type WebhookJobData, settlementEvent } from './webhook-jobs';

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

  async notifySettled(record: VerificationRecord): Promise<void> {
    if (!record.request.callbackUrl) return;
    const event = settlementEvent(record);
    if (!event) return;
    if (record.deliveries?.some((d) => d.eventId === event.eventId && d.status === 'delivered')) return;
    // The delivery is on the record before its job exists, so the job always finds it.
    await this.store.update(record.id, (current) => {
      if (current.deliveries?.some((d) => d.eventId === event.eventId)) return null;
      return {
        ...current,
        deliveries: [...(current.deliveries ?? []), { eventId: event.eventId, type: event.type, status: 'pending', attempts: 0 }],
      };
    });
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
