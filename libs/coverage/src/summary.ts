// The normalized coverage summary: the product's core output (docs/coverage-summary.md).
// Money is a decimal string with two places ("1250.00"); percentages are the patient's share
// (0–100); dates are ISO 8601. A figure the payer did not state is absent, never guessed.

export const LEVELS_OF_CARE = ['IOP', 'PHP', 'OP'] as const;
export type LevelOfCare = (typeof LEVELS_OF_CARE)[number];

export type EligibilityStatus = 'active' | 'inactive' | 'not_found' | 'rejected' | 'unknown';

export interface RejectionSummary {
  code: string; // AAA03
  description: string;
  followUp?: string; // AAA04
  retryable: boolean;
  loop?: string;
  /** AAA04 in words, e.g. "Please Correct and Resubmit". */
  followUpDescription?: string;
}

export interface EligibilitySummary {
  status: EligibilityStatus;
  payer: { name?: string; payerId?: string };
  plan: {
    name?: string;
    groupNumber?: string;
    groupName?: string;
    insuranceType?: string; // display form, e.g. "PPO"
    insuranceTypeCode?: string; // EB04 as received, e.g. "PR"
    coverageStart?: string | null;
    coverageEnd?: string | null;
  };
  member: {
    memberId?: string;
    firstName?: string;
    lastName?: string;
    dateOfBirth?: string;
    relationship?: 'self' | 'spouse' | 'child' | 'other';
  };
  rejections: RejectionSummary[];
  /** Every subscriber / dependent loop that answered for the patient, when there were several. */
  plans?: PlanLoopSummary[];
  /** Of those, the loop whose benefits are the most specific behavioral-health evidence. */
  behavioralHealthPlan?: PlanLoopSummary;
}

/** One plan loop (2000C or 2000D) for the patient. */
export interface PlanLoopSummary {
  loop: '2000C' | '2000D';
  /** 1-based, in document order across the merged answers. */
  position: number;
  name?: string; // EB05 of the loop's plan-level EB, else REF 18 / 6P description
  memberId?: string;
  groupNumber?: string;
  insuranceType?: string;
  benefits: number;
  /** True for the loop named as behavioralHealthPlan. */
  behavioralHealth: boolean;
}

export interface AmountPair {
  total?: string;
  remaining?: string;
  /** True when `remaining` was computed as total − year-to-date (EB06 24), not stated by the payer. */
  remainingDerived?: boolean;
  sources?: string[];
}

export interface Accumulator {
  individual?: AmountPair;
  family?: AmountPair;
}

export interface NetworkAccumulators {
  deductible?: Accumulator;
  outOfPocketMax?: Accumulator;
}

export interface Accumulators {
  inNetwork?: NetworkAccumulators;
  outOfNetwork?: NetworkAccumulators;
  /** EB12 U: the payer said it does not know the network; never folded into a network (W / absent apply to both). */
  unknownNetwork?: NetworkAccumulators;
}

/** A known value, or another string the payer sent (kept rather than dropped). */
export type OpenString<Known extends string> = Known | (string & Record<never, never>);

export interface BenefitLimit {
  quantity: number;
  unit: OpenString<'visits' | 'days' | 'hours' | 'units' | 'months' | 'dollars'>;
  period?: OpenString<'calendar_year' | 'service_year' | 'contract' | 'lifetime' | 'week' | 'month' | 'day' | 'visit' | 'episode' | 'admission'>;
  remaining?: number;
  source?: string;
  /** The EB whose remaining figure (time period 29 / 33, or an HSD) filled `remaining`, when not `source`. */
  remainingSource?: string;
}

export interface NetworkTerms {
  copay?: { amount: string; per?: OpenString<'visit' | 'day' | 'admission' | 'episode'> };
  coinsurancePercent?: number;
  deductibleApplies?: boolean;
  limits?: BenefitLimit[];
  /** Where each figure came from, e.g. "explicit:CH" or "inherited:MH". */
  basis?: CoverageBasis;
  /** EB01 I for this level in this network. */
  notCovered?: boolean;
  /** Service-specific deductible / out-of-pocket (EB01 C/G on a non-plan service type) for this level. */
  accumulators?: NetworkAccumulators;
  /** EB source strings behind this network's figures. */
  sources?: string[];
}

export type LevelOfCareStatus = 'covered' | 'not_covered' | 'unknown';
export type CoverageBasis = 'explicit' | 'mental_health_general' | 'plan_general' | 'none';

export interface CostEstimate {
  network: 'inNetwork' | 'outOfNetwork';
  sessions: number;
  allowedPerSession: string;
  patientResponsibility: string;
  breakdown: { deductible: string; coinsurance: string; copay: string };
  cappedByOutOfPocket: boolean;
  /** True when the payer did not say whether the deductible applies and the estimate assumed it does. */
  deductibleAssumed?: boolean;
  /** Assumptions and caveats, e.g. "out-of-pocket maximum not returned: not capped". */
  notes?: string[];
  /** When a day or visit limit covers fewer than `sessions`: the sessions it covers (the ones priced). */
  coveredSessions?: number;
  /** Sessions beyond the limit: not covered, not in patientResponsibility. */
  sessionsBeyondLimit?: number;
  /** Those sessions at the allowed amount: what the patient would pay for them without an authorization. */
  chargesBeyondLimit?: string;
}

/** The center's network with the payer (configuration): a default, optionally per plan type. */
export interface CenterNetworkStatus {
  default: 'inNetwork' | 'outOfNetwork';
  /** Keyed by plan type in upper case, as the summary shows it (PPO) or as EB04 sends it (PR, HM). */
  byPlanType?: Record<string, 'inNetwork' | 'outOfNetwork'>;
}

export interface LevelOfCareSummary {
  status: LevelOfCareStatus;
  basis: CoverageBasis;
  inNetwork?: NetworkTerms;
  outOfNetwork?: NetworkTerms;
  priorAuthorizationRequired?: boolean | null;
  sources: string[];
  estimate?: CostEstimate;
  /** Why no estimate could be made, when a program was given. */
  estimateUnavailable?: string;
  /** Terms stated with EB12 U: network unknown (W / absent EB12 fill both networks instead). */
  unknownNetwork?: NetworkTerms;
  /** Network-specific estimate reasons when one network could not be estimated. */
  estimates?: CostEstimate[];
  /** Payer text (MSG) that set the prior-authorization answer, when it came from text. */
  priorAuthorizationText?: string;
  /** Which payers' answers this level's figures came from ("NAME (payer id)"), when several answered. */
  answeredBy?: string[];
  /** Which plan loops (by name) this level's figures came from, when the patient has several. */
  plans?: string[];
}

export interface CarveOut {
  name: string;
  /** The administrator's payer id: only from a 2120 NM109 qualified PI (payer id) or XV (CMS plan id). */
  payerId?: string;
  /** The patient's member id at the administrator (2120 NM109 qualified MI): the member id of the follow-up 270. */
  memberId?: string;
  /** The 2120 NM108 / NM109 as sent, whatever the qualifier. */
  identifier?: { qualifier: string; code: string };
  phone?: string;
  entityCode?: string; // NM101 of the 2120 entity, e.g. X3, VN
  source?: string;
  /** How it was found: a 2120 entity on a benefit, or a payer message naming the administrator. */
  foundBy?: 'entity' | 'message';
}

/** One payer answer merged into the summary (several when a behavioral-health administrator was asked too). */
export interface ResponseProvenance {
  payer: string;
  payerId?: string;
  benefits: number;
}

export interface CoverageSummary {
  eligibility: EligibilitySummary;
  /** The answers merged, in order: the plan's first, then any follow-up. */
  responses?: ResponseProvenance[];
  accumulators: Accumulators;
  levelsOfCare: Partial<Record<LevelOfCare, LevelOfCareSummary>>;
  carveOut?: CarveOut | null;
  network?: { key: string; name: string } | null;
  messages: string[];
}

export interface ProgramPlan {
  sessionsPerWeek: number;
  weeks: number;
}

export interface NormalizeOptions {
  levelsOfCare?: readonly LevelOfCare[];
  program?: ProgramPlan;
  /** Allowed amount per session (decimal string) per level of care, from the payer's rate table. */
  allowedPerSession?: Partial<Record<LevelOfCare, string>>;
  /** The center's network with this payer: the estimate is made in it (default in network). */
  centerNetwork?: CenterNetworkStatus;
  /** Rental / BH network the request named (e.g. MultiPlan), shown on the summary. */
  network?: { key: string; name: string };
}

export interface NormalizationResult {
  summary: CoverageSummary;
  /** Sentences for staff: what could not be settled electronically and what to ask the payer. */
  reviewReasons: string[];
}
