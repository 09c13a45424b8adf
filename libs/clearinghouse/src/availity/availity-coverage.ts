// The parts of an Availity Coverages 1.0.0 "Coverage" this service reads (see the Availity
// swagger: Coverage, plans[], Benefit, Amounts, BenefitDetail, NetworkBenefit). Shared with
// the sandbox, which answers in this shape.

export interface AvailityNetworkBenefit {
  amount?: string;
  amountTimePeriodCode?: string;
  total?: string;
  totalTimePeriodCode?: string;
  remaining?: string;
  remainingTimePeriodCode?: string;
  units?: string;
  levelCode?: string;
  insuranceTypeCode?: string;
  authorizationRequired?: boolean;
  authorizationRequiredUnknown?: boolean;
  quantity?: string;
  quantityQualifierCode?: string;
  payerNotes?: string[];
  deliveryInformation?: { quantityQualifierCode?: string; quantity?: string; timePeriodCode?: string; timePeriods?: string }[];
}

export interface AvailityBenefitDetail {
  inNetwork?: AvailityNetworkBenefit[];
  outOfNetwork?: AvailityNetworkBenefit[];
  notApplicableNetwork?: AvailityNetworkBenefit[];
  noNetwork?: AvailityNetworkBenefit[];
}

export interface AvailityBenefit {
  name?: string;
  /** The service type code, e.g. "MH". */
  type?: string;
  status?: string;
  statusCode?: string;
  amounts?: {
    coInsurance?: AvailityBenefitDetail;
    coPayment?: AvailityBenefitDetail;
    deductibles?: AvailityBenefitDetail;
    outOfPocket?: AvailityBenefitDetail;
  };
}

export interface AvailityPlan {
  status?: string;
  statusCode?: string;
  groupNumber?: string;
  groupName?: string;
  insuranceType?: string;
  insuranceTypeCode?: string;
  planName?: string;
  coverageStartDate?: string;
  coverageEndDate?: string;
  benefits?: AvailityBenefit[];
}

export interface AvailityPerson {
  memberId?: string;
  firstName?: string;
  lastName?: string;
  birthDate?: string;
  genderCode?: string;
  subscriberRelationshipCode?: string;
}

export interface AvailityCoverage {
  id?: string;
  status?: string;
  statusCode?: string;
  controlNumber?: string;
  payer?: { payerId?: string; name?: string; responseName?: string; responsePayerId?: string };
  requestingProvider?: { npi?: string; lastName?: string };
  subscriber?: AvailityPerson;
  patient?: AvailityPerson;
  plans?: AvailityPlan[];
  validationMessages?: { code?: string; errorMessage?: string; field?: string }[];
  /**
   * The payer's 271 as received. Availity's public swagger does not document where (or
   * whether) a coverage carries it; the sandbox puts it here, and this is the field read.
   */
  x12?: string;
}

/** Coverage money and percent amounts, by X12 EB01 code. */
export const AMOUNT_KINDS = [
  ['coInsurance', 'A'],
  ['coPayment', 'B'],
  ['deductibles', 'C'],
  ['outOfPocket', 'G'],
] as const;

/** Availity network buckets and the EB12 indicator each stands for. */
export const NETWORK_BUCKETS = [
  ['inNetwork', 'Y'],
  ['outOfNetwork', 'N'],
  ['notApplicableNetwork', 'W'],
  ['noNetwork', ''],
] as const;
