/** Queue names. Job names and data never carry PHI: ids only. */
export const ELIGIBILITY_QUEUE = 'eligibility';

export const EligibilityJobName = {
  Verify: 'verify',
} as const;

export interface VerifyJobData {
  verificationId: string;
}
