import type { BenefitSpec, Reference } from '@bvs/x12';

/** What the sandbox does for a member: answer a 271, fail at the HTTP level, or stall. */
export type ScenarioBehavior =
  | { kind: 'answer' }
  | { kind: 'http_error'; status: number }
  | { kind: 'stall'; ms: number }
  /** Payer unavailable (AAA 42) for the first `times` inquiries of each cycle, then answers. */
  | { kind: 'unavailable_then_answer'; times: number }
  /**
   * Coverage that ends: the member's first verification (the 270s carrying its trace number)
   * is answered with `benefits`; every later verification with `after` (a terminated plan).
   */
  | { kind: 'ends_after_first_verification'; after: { benefits: BenefitSpec[]; coverageDates: { start: string; end: string } } };

export interface SandboxMember {
  payerKey: string;
  memberId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string; // YYYY-MM-DD
  gender: 'F' | 'M';
  /** Payer name on the 271 (NM1*PR). */
  payerName: string;
  behavior: ScenarioBehavior;
  /** Subscriber-level rejection instead of benefits (AAA03 + AAA04). */
  rejection?: { reasonCode: string; followUpAction: string };
  groupReference?: Reference;
  coverageDates?: { start: string; end?: string };
  benefits: BenefitSpec[];
}
