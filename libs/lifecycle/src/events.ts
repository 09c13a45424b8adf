import type { CoverageSummary, NormalizationResult } from '@bvs/coverage';
import type { CoverageChange, ManualVerification, RecheckKind, StoredAnswer, VerificationRecord } from '@bvs/store';
import type { EventType } from './transitions';

/** A review reason written for the record at hand (it may name the payer, its phone and the deadline). */
export type Reason = string | ((record: VerificationRecord) => string);

/** What happened to a verification, with the data its transition needs. */
export type LifecycleEvent =
  | { type: 'created' }
  | { type: 'callback_requested'; reason: string }
  | { type: 'reused'; from: VerificationRecord; result: NormalizationResult }
  | { type: 'attempt_started' }
  | { type: 'attempt_failed_retryable'; error: string; kind: string }
  | { type: 'attempt_failed_final'; error: string; reason: Reason }
  | { type: 'answered'; result: NormalizationResult; answers: StoredAnswer[] }
  | { type: 'follow_up_scheduled'; administrator: { payerKey: string; name: string; memberId?: string }; answers: StoredAnswer[] }
  | { type: 'follow_up_answered'; answers: StoredAnswer[] }
  | {
      type: 'manual_result';
      summary: CoverageSummary | ((record: VerificationRecord) => CoverageSummary);
      manual: Omit<ManualVerification, 'recordedAt'>;
      actor: string;
    }
  | { type: 'retry_requested'; actor: string }
  | { type: 'cancelled'; actor: string }
  | { type: 'escalated'; reason: Reason }
  | { type: 'expired'; reason: Reason }
  /** Staff: the patient is in care (monthly re-checks until discharge). */
  | { type: 'admitted'; actor: string }
  | { type: 'discharged'; actor: string }
  /** A re-check (its own verification, `recheck`) settled: what it found, for the verification it checks. */
  | { type: 'recheck_unchanged'; recheck: VerificationRecord; kind: RecheckKind }
  | { type: 'recheck_changed'; recheck: VerificationRecord; kind: RecheckKind; changes: CoverageChange[] }
  | { type: 'recheck_inconclusive'; recheck: VerificationRecord; kind: RecheckKind };

export type EventOf<T extends EventType> = Extract<LifecycleEvent, { type: T }>;
