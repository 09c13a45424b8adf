/** Queue names. Job names and data never carry PHI: ids only. */
export const ELIGIBILITY_QUEUE = 'eligibility';
/** Repeatable housekeeping: the deadline escalation sweep. */
export const MAINTENANCE_QUEUE = 'maintenance';

export const EligibilityJobName = {
  Verify: 'verify',
} as const;

export interface VerifyJobData {
  verificationId: string;
}
