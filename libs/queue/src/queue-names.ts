/** Queue names. Job names and data never carry PHI: ids only. */
export const ELIGIBILITY_QUEUE = 'eligibility';
/** Repeatable housekeeping: the deadline escalation sweep. */
export const MAINTENANCE_QUEUE = 'maintenance';

export const EligibilityJobName = {
  Verify: 'verify',
  /** Child of a flow: the follow-up inquiry to a behavioral-health administrator (carve-out). */
  FollowUp: 'follow-up',
  /** Parent of that flow: merges every answer and settles the verification. */
  Merge: 'merge',
} as const;

/** The flow producer that adds carve-out follow-ups (parent + child, atomically). */
export const ELIGIBILITY_FLOWS = 'eligibility-flows';

export interface VerifyJobData {
  verificationId: string;
  /** For follow-up jobs: the directory key of the administrator to ask. */
  administratorKey?: string;
}
