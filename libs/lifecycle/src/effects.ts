import { METRICS, type MetricDefinition } from '@bvs/metrics';
import type { VerificationRecord, VerificationStatus } from '@bvs/store';
import type { LifecycleEvent } from './events';
import { type FromState, NEW } from './transitions';

/** What a transition makes happen besides writing the record. */
export type Effect =
  | { kind: 'metric'; op: 'increment' | 'observe'; metric: MetricDefinition; labels: Record<string, string>; value: number }
  /** Remember a completed result so the same member's next request can reuse it. */
  | { kind: 'reuse_index' }
  /** Queue the intake webhook for the new status (completed, needs_review, cancelled). */
  | { kind: 'webhook' }
  | { kind: 'audit'; actor: string; action: string }
  /** Add the verification's job for this round. */
  | { kind: 'enqueue'; jobId: string }
  /** Take the verification's waiting jobs off the queue. */
  | { kind: 'dequeue' }
  /** Schedule the re-check before the planned start, when the start is more than a day after the answer. */
  | { kind: 'schedule_before_start' }
  /** An admitted patient: schedule the next monthly re-check; discharged: take it off. */
  | { kind: 'schedule_monthly' }
  | { kind: 'unschedule_monthly' }
  /** A re-check settled: compare it with the verification it checks, and record what it found there. */
  | { kind: 'recheck_settled' }
  /** `verification.changed` with the difference the re-check found. */
  | { kind: 'webhook_changed'; recheckId: string };

const ACTIVE: readonly FromState[] = [NEW, 'queued', 'in_progress'];
const NOTIFIED: readonly VerificationStatus[] = ['completed', 'needs_review', 'cancelled'];

const AUDITED: Partial<Record<LifecycleEvent['type'], string>> = {
  manual_result: 'verification.manual_result',
  retry_requested: 'verification.retry',
  cancelled: 'verification.cancel',
  escalated: 'verification.escalated',
  expired: 'verification.expired',
  admitted: 'verification.admit',
  discharged: 'verification.discharge',
};

/** The job id of a verification's current round: its id, then `<id>-r<n>` after the n-th staff retry. */
export function jobIdFor(record: Pick<VerificationRecord, 'id' | 'retries'>): string {
  return record.retries ? `${record.id}-r${record.retries}` : record.id;
}

function actorOf(event: LifecycleEvent): string {
  return 'actor' in event ? event.actor : 'system:sweep';
}

/**
 * The effects of one transition (pure). Window metrics count the first settlement of each round
 * (an answer, a final failure, the sweep, a manual result, a reuse), so a manual result entered
 * for a verification already in review does not count it twice.
 */
export function effectsOf(from: FromState, after: VerificationRecord, event: LifecycleEvent, now: Date): Effect[] {
  const effects: Effect[] = [];
  const payerChannel = { payer: after.payer.key, channel: after.channel };
  const metric = (metricDef: MetricDefinition, labels: Record<string, string>, op: 'increment' | 'observe' = 'increment', value = 1) =>
    effects.push({ kind: 'metric', op, metric: metricDef, labels, value });

  metric(METRICS.transitions, { event: event.type, from, to: after.status });
  if (event.type === 'created' || event.type === 'reused' || event.type === 'callback_requested') metric(METRICS.created, payerChannel);
  if (event.type === 'attempt_started' && after.attempts === 1) {
    metric(METRICS.queueSeconds, { payer: after.payer.key }, 'observe', (now.getTime() - Date.parse(after.createdAt)) / 1000);
  }
  if (event.type === 'attempt_failed_retryable') metric(METRICS.retries, { payer: after.payer.key, reason: event.kind });

  const statusChanged = from !== after.status || event.type === 'manual_result';
  const settles = ACTIVE.includes(from) && (after.status === 'completed' || after.status === 'needs_review');
  if (settles) {
    metric(METRICS.settled, { ...payerChannel, status: after.status });
    metric(METRICS.withinWindow, { ...payerChannel, within: String(after.withinWindow === true) });
    metric(METRICS.totalSeconds, payerChannel, 'observe', (now.getTime() - Date.parse(after.createdAt)) / 1000);
  }
  if (event.type === 'cancelled') metric(METRICS.settled, { ...payerChannel, status: 'cancelled' });

  if (after.status === 'completed' && !after.reusedFrom && statusChanged) effects.push({ kind: 'reuse_index' });
  // A re-check that found a change says so with verification.changed (below), not a second status event.
  if (NOTIFIED.includes(after.status) && statusChanged && event.type !== 'recheck_changed') effects.push({ kind: 'webhook' });
  if (event.type === 'recheck_changed') effects.push({ kind: 'webhook_changed', recheckId: event.recheck.id });
  const answered = (after.status === 'completed' || after.status === 'needs_review') && after.summary !== undefined;
  if (answered && statusChanged && !after.recheckOf && (ACTIVE.includes(from) || event.type === 'manual_result')) {
    effects.push({ kind: 'schedule_before_start' });
  }
  if (after.recheckOf && (settles || (event.type === 'cancelled' && from !== 'cancelled'))) effects.push({ kind: 'recheck_settled' });
  if (event.type === 'admitted') effects.push({ kind: 'schedule_monthly' });
  if (event.type === 'discharged') effects.push({ kind: 'unschedule_monthly' });
  const action = AUDITED[event.type];
  if (action) effects.push({ kind: 'audit', actor: actorOf(event), action });
  if (event.type === 'created' || event.type === 'retry_requested') effects.push({ kind: 'enqueue', jobId: jobIdFor(after) });
  if (event.type === 'cancelled') effects.push({ kind: 'dequeue' });
  return effects;
}
