import type { RecheckEntry, VerificationRecord, VerificationStatus } from '@bvs/store';
import type { LifecycleEvent, Reason } from './events';

const reasonFor = (reason: Reason, record: VerificationRecord): string => (typeof reason === 'string' ? reason : reason(record));

/** Fields of a settlement (completed or in review): when, and whether it was ready before the deadline. */
function settledAt(record: VerificationRecord, now: Date): Pick<VerificationRecord, 'completedAt' | 'withinWindow'> {
  const completedAt = now.toISOString();
  return { completedAt, withinWindow: now.getTime() <= Date.parse(record.deadline) };
}

/**
 * The record after `event` (a pure function: no I/O, `now` given). The transition table has
 * already said the event is allowed; this says what it writes.
 */
export function reduce(current: VerificationRecord, event: LifecycleEvent, now: Date): VerificationRecord {
  switch (event.type) {
    case 'created':
      return { ...current, status: 'queued', attempts: 0, lastError: null, completedAt: null, withinWindow: null };
    case 'reused': {
      const status: VerificationStatus = event.result.reviewReasons.length > 0 ? 'needs_review' : 'completed';
      return {
        ...current,
        status,
        summary: event.result.summary,
        ...(status === 'needs_review' ? { review: { reasons: [...new Set(event.result.reviewReasons)] } } : {}),
        source: event.from.source ?? 'electronic',
        reusedFrom: event.from.reusedFrom ?? event.from.id,
        ...(event.from.answers ? { answers: event.from.answers } : {}),
        ...settledAt(current, now),
      };
    }
    case 'callback_requested':
      return {
        ...current,
        status: 'needs_review',
        attempts: 0,
        lastError: null,
        review: { reasons: [event.reason] },
        ...settledAt(current, now),
      };
    case 'attempt_started':
      return { ...current, status: 'in_progress', attempts: current.attempts + 1 };
    case 'attempt_failed_retryable':
      return { ...current, status: 'queued', lastError: event.error };
    case 'attempt_failed_final':
      return {
        ...current,
        status: 'needs_review',
        lastError: event.error,
        review: { reasons: [reasonFor(event.reason, current)] },
        ...settledAt(current, now),
      };
    case 'answered': {
      const needsReview = event.result.reviewReasons.length > 0;
      return {
        ...current,
        status: needsReview ? 'needs_review' : 'completed',
        summary: event.result.summary,
        review: needsReview ? { reasons: [...new Set(event.result.reviewReasons)] } : undefined,
        source: 'electronic',
        lastError: null,
        answers: event.answers,
        ...settledAt(current, now),
      };
    }
    case 'follow_up_scheduled':
      return { ...current, followUp: event.administrator, answers: event.answers };
    case 'follow_up_answered':
      return { ...current, answers: [...(current.answers ?? []).filter((a) => a.role !== 'follow_up'), ...event.answers] };
    case 'manual_result':
      return {
        ...current,
        status: 'completed',
        source: 'manual',
        summary: typeof event.summary === 'function' ? event.summary(current) : event.summary,
        manual: { ...event.manual, recordedAt: now.toISOString() },
        // The summary staff entered supersedes the payer's answers: a reuse starts from it.
        answers: undefined,
        review: undefined,
        lastError: null,
        ...settledAt(current, now),
      };
    case 'retry_requested':
      return {
        ...current,
        status: 'queued',
        lastError: null,
        review: undefined,
        completedAt: null,
        withinWindow: null,
        followUp: null,
        answers: undefined,
        retries: (current.retries ?? 0) + 1,
      };
    case 'cancelled':
      return { ...current, status: 'cancelled', cancellation: { at: now.toISOString(), by: event.actor } };
    case 'admitted':
      return { ...current, admission: { admittedAt: now.toISOString(), admittedBy: event.actor, dischargedAt: null, dischargedBy: null } };
    case 'discharged':
      return current.admission && !current.admission.dischargedAt
        ? { ...current, admission: { ...current.admission, dischargedAt: now.toISOString(), dischargedBy: event.actor } }
        : current;
    case 'recheck_unchanged':
      // A re-check is recorded once, however many processes notice it settle.
      if (current.rechecks?.some((entry) => entry.verificationId === event.recheck.id)) return current;
      return { ...current, rechecks: [...(current.rechecks ?? []), recheckEntry(event, 'unchanged', [], now)] };
    case 'recheck_changed': {
      if (current.rechecks?.some((entry) => entry.verificationId === event.recheck.id)) return current;
      const reasons = event.changes.map((change) => change.description);
      return {
        ...current,
        status: 'needs_review',
        // The newest answer becomes the record's coverage; what it replaced is in the history.
        summary: event.recheck.summary ?? current.summary,
        ...(event.recheck.answers ? { answers: event.recheck.answers } : {}),
        review: { reasons: [`A re-check (${event.recheck.id}) found a change: ${reasons.join('; ')}`] },
        rechecks: [...(current.rechecks ?? []), recheckEntry(event, 'changed', event.changes, now)],
      };
    }
    case 'recheck_inconclusive':
      if (current.rechecks?.some((entry) => entry.verificationId === event.recheck.id)) return current;
      return {
        ...current,
        status: 'needs_review',
        review: {
          reasons: [
            `A re-check (${event.recheck.id}) could not confirm coverage electronically; confirm it with ${current.payer.name} before the start`,
          ],
        },
        rechecks: [...(current.rechecks ?? []), recheckEntry(event, 'inconclusive', [], now)],
      };
    case 'escalated':
    case 'expired':
      return {
        ...current,
        status: 'needs_review',
        review: { reasons: [reasonFor(event.reason, current)] },
        ...settledAt(current, now),
      };
  }
}

function recheckEntry(
  event: { recheck: VerificationRecord; kind: RecheckEntry['kind'] },
  outcome: RecheckEntry['outcome'],
  changes: RecheckEntry['changes'],
  now: Date,
): RecheckEntry {
  return { verificationId: event.recheck.id, kind: event.kind, at: now.toISOString(), outcome, changes };
}

/** A new verification's record as the lifecycle starts it: queued, no attempt yet. */
export function draftRecord(fields: Omit<VerificationRecord, 'status' | 'attempts' | 'lastError'>): VerificationRecord {
  return { ...fields, status: 'queued', attempts: 0, lastError: null };
}
