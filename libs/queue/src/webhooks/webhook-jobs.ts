import { createHash } from 'node:crypto';
import type { VerificationRecord } from '@bvs/store';

export const WEBHOOK_QUEUE = 'webhooks';
export const WEBHOOK_JOB = 'deliver';

export type WebhookEventType = 'verification.completed' | 'verification.needs_review' | 'verification.cancelled';

export interface WebhookJobData {
  verificationId: string;
  eventId: string;
}

/**
 * The event a settled verification emits, with an id derived from the settlement itself, so
 * every process that notices the same settlement names the same event (receivers de-duplicate
 * on it, and BullMQ refuses a second job with the same id).
 */
const EVENT_BY_STATUS: Partial<Record<VerificationRecord['status'], WebhookEventType>> = {
  completed: 'verification.completed',
  needs_review: 'verification.needs_review',
  cancelled: 'verification.cancelled',
};

export function settlementEvent(record: VerificationRecord): { eventId: string; type: WebhookEventType } | null {
  const type = EVENT_BY_STATUS[record.status];
  if (!type) return null;
  const settledAt =
    type === 'verification.cancelled' ? (record.cancellation?.at ?? '') : (record.completedAt ?? record.review?.reasons.join('|') ?? '');
  const digest = createHash('sha256')
    .update(`${record.id}|${type}|${settledAt}|${record.retries ?? 0}`)
    .digest('hex');
  return { eventId: `evt_${digest.slice(0, 32)}`, type };
}
