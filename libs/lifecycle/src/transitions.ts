import type { VerificationStatus } from '@bvs/store';

/** Every status a verification can be in, in the order the diagram shows them. */
export const STATUSES: readonly VerificationStatus[] = ['queued', 'in_progress', 'completed', 'needs_review', 'cancelled'];

/** Before the record exists. */
export const NEW = 'new';
export type FromState = VerificationStatus | typeof NEW;

/** Everything that happens to a verification. */
export const EVENT_TYPES = [
  'created',
  'reused',
  'callback_requested',
  'attempt_started',
  'attempt_failed_retryable',
  'attempt_failed_final',
  'answered',
  'follow_up_scheduled',
  'follow_up_answered',
  'manual_result',
  'retry_requested',
  'cancelled',
  'escalated',
  'expired',
  'admitted',
  'discharged',
  'recheck_unchanged',
  'recheck_changed',
  'recheck_inconclusive',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * What an event does in a state: the statuses it may lead to (the event's data picks one when
 * there are two: an answer with review reasons goes to review), or `ignored` for a late arrival
 * that is expected and must change nothing (a payer answer after a cancel: its exchange is kept,
 * the record is not touched). An event missing from a state's row is illegal there.
 */
export type TransitionRule = readonly VerificationStatus[] | 'ignored';

const SETTLED_BY_ANSWER = ['completed', 'needs_review'] as const;
/** Worker events that a verification no longer waiting for the payer ignores. */
const LATE_WORKER_EVENTS = {
  attempt_started: 'ignored',
  attempt_failed_retryable: 'ignored',
  attempt_failed_final: 'ignored',
  answered: 'ignored',
  follow_up_scheduled: 'ignored',
  follow_up_answered: 'ignored',
  escalated: 'ignored',
  expired: 'ignored',
} as const satisfies Partial<Record<EventType, TransitionRule>>;

/** A re-check's finding for a verification that is not settled (a staff retry is running): the retry answers instead. */
const LATE_RECHECKS = {
  recheck_unchanged: 'ignored',
  recheck_changed: 'ignored',
  recheck_inconclusive: 'ignored',
} as const satisfies Partial<Record<EventType, TransitionRule>>;

/** The allowed transitions. docs/lifecycle.md's diagram is generated from this table (a spec checks it). */
export const TRANSITIONS: Readonly<Record<FromState, Partial<Record<EventType, TransitionRule>>>> = {
  new: {
    created: ['queued'],
    reused: SETTLED_BY_ANSWER,
    // No dead ends: self-pay or an insurer the center cannot verify goes straight to review, no job.
    callback_requested: ['needs_review'],
  },
  queued: {
    attempt_started: ['in_progress'],
    // A stale attempt (its job lost the lock) reporting after the record went back to the queue.
    attempt_failed_retryable: 'ignored',
    attempt_failed_final: 'ignored',
    answered: 'ignored',
    follow_up_scheduled: 'ignored',
    follow_up_answered: 'ignored',
    manual_result: ['completed'],
    cancelled: ['cancelled'],
    escalated: ['needs_review'],
    expired: ['needs_review'],
    admitted: ['queued'],
    discharged: ['queued'],
    ...LATE_RECHECKS,
  },
  in_progress: {
    // A job picked up again after its worker died mid-attempt.
    attempt_started: ['in_progress'],
    attempt_failed_retryable: ['queued'],
    attempt_failed_final: ['needs_review'],
    answered: SETTLED_BY_ANSWER,
    follow_up_scheduled: ['in_progress'],
    follow_up_answered: ['in_progress'],
    manual_result: ['completed'],
    cancelled: ['cancelled'],
    escalated: ['needs_review'],
    expired: ['needs_review'],
    admitted: ['in_progress'],
    discharged: ['in_progress'],
    ...LATE_RECHECKS,
  },
  completed: {
    ...LATE_WORKER_EVENTS,
    // A correction by phone or portal.
    manual_result: ['completed'],
    retry_requested: ['queued'],
    admitted: ['completed'],
    discharged: ['completed'],
    // Nothing new: recorded quietly on the record's history.
    recheck_unchanged: ['completed'],
    // Coverage moved (or could not be confirmed again) before or during care: staff review.
    recheck_changed: ['needs_review'],
    recheck_inconclusive: ['needs_review'],
  },
  needs_review: {
    ...LATE_WORKER_EVENTS,
    manual_result: ['completed'],
    retry_requested: ['queued'],
    admitted: ['needs_review'],
    discharged: ['needs_review'],
    recheck_unchanged: ['needs_review'],
    recheck_changed: ['needs_review'],
    recheck_inconclusive: ['needs_review'],
    // The patient is not coming, or it was a duplicate: staff need not call.
    cancelled: ['cancelled'],
  },
  cancelled: {
    ...LATE_WORKER_EVENTS,
    // Cancelling twice changes nothing and sends no second webhook.
    cancelled: 'ignored',
    discharged: 'ignored',
    ...LATE_RECHECKS,
  },
};

export class IllegalTransitionError extends Error {
  constructor(
    public readonly from: FromState,
    public readonly event: EventType,
  ) {
    super(`a verification that is ${from} cannot take the event ${event}`);
    this.name = 'IllegalTransitionError';
  }
}

/** The rule for `event` in `from`; throws IllegalTransitionError when the table has none. */
export function ruleFor(from: FromState, event: EventType): TransitionRule {
  const rule = TRANSITIONS[from][event];
  if (!rule) throw new IllegalTransitionError(from, event);
  return rule;
}

/** Every edge of the table, for the diagram and its check. */
export function edges(): { from: FromState; event: EventType; to: VerificationStatus }[] {
  const result: { from: FromState; event: EventType; to: VerificationStatus }[] = [];
  for (const [from, row] of Object.entries(TRANSITIONS) as [FromState, Partial<Record<EventType, TransitionRule>>][]) {
    for (const event of EVENT_TYPES) {
      const rule = row[event];
      if (!rule || rule === 'ignored') continue;
      for (const to of rule) result.push({ from, event, to });
    }
  }
  return result;
}

/** The Mermaid state diagram of the table (docs/lifecycle.md embeds it verbatim). */
export function mermaidStateDiagram(): string {
  const lines = ['stateDiagram-v2'];
  const grouped = new Map<string, EventType[]>();
  for (const { from, event, to } of edges()) {
    const key = `${from === NEW ? '[*]' : from} --> ${to}`;
    grouped.set(key, [...(grouped.get(key) ?? []), event]);
  }
  for (const [arrow, events] of grouped) lines.push(`    ${arrow}: ${events.join(', ')}`);
  return lines.join('\n');
}
