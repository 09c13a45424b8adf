import type { Channel, VerificationRecord, VerificationStatus } from './verification-record';

// The one definition of what staff read for a status; the dashboard's scripts get the same
// table as a generated asset (apps/api/src/web/assets.ts), so page and API never disagree.

/** Short names for filters and badges. */
export const STATUS_NAMES: Record<VerificationStatus, string> = {
  queued: 'Waiting for the payer',
  in_progress: 'Asking the payer',
  completed: 'Completed',
  needs_review: 'Needs review',
  cancelled: 'Cancelled',
};

/** What happened, to be followed by " at <time>" (statusChangedAt). */
export const STATUS_EVENTS: Record<VerificationStatus, string> = {
  queued: 'Queued',
  in_progress: 'Sent to the payer',
  completed: 'Completed',
  needs_review: 'Sent to review',
  cancelled: 'Cancelled',
};

export const CHANNEL_NAMES: Record<Channel, string> = { web_form: 'Web form', staff: 'Staff', intake: 'Intake' };

/** The sentence for a record's current status, e.g. "Sent to review" or "Completed by phone". */
export function statusEvent(record: Pick<VerificationRecord, 'status' | 'source' | 'callback' | 'reusedFrom'>): string {
  if (record.status === 'completed' && record.source === 'manual') return 'Completed by phone';
  if (record.status === 'completed' && record.reusedFrom) return 'Completed from an earlier result';
  if (record.status === 'needs_review' && record.callback) return 'Call-back requested';
  return STATUS_EVENTS[record.status];
}
