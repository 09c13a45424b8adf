// The subset of FHIR R4 used to render a coverage summary (CoverageEligibilityResponse and the
// datatypes it needs). Names and cardinalities follow https://hl7.org/fhir/R4/coverageeligibilityresponse.html.

export interface FhirCoding {
  system?: string;
  code?: string;
  display?: string;
}

export interface FhirCodeableConcept {
  coding?: FhirCoding[];
  text?: string;
}

export interface FhirIdentifier {
  system?: string;
  value?: string;
}

export interface FhirReference {
  reference?: string;
  type?: string;
  identifier?: FhirIdentifier;
  display?: string;
}

export interface FhirMoney {
  value: number;
  currency: 'USD';
}

export interface FhirPeriod {
  start?: string;
  end?: string;
}

export interface FhirBenefit {
  type: FhirCodeableConcept;
  allowedUnsignedInt?: number;
  allowedString?: string;
  allowedMoney?: FhirMoney;
  usedUnsignedInt?: number;
  usedString?: string;
  usedMoney?: FhirMoney;
}

export interface FhirInsuranceItem {
  category?: FhirCodeableConcept;
  productOrService?: FhirCodeableConcept;
  excluded?: boolean;
  name?: string;
  description?: string;
  network?: FhirCodeableConcept;
  unit?: FhirCodeableConcept;
  term?: FhirCodeableConcept;
  benefit?: FhirBenefit[];
  authorizationRequired?: boolean;
}

export interface FhirInsurance {
  coverage: FhirReference;
  inforce?: boolean;
  benefitPeriod?: FhirPeriod;
  item?: FhirInsuranceItem[];
}

export interface FhirError {
  code: FhirCodeableConcept;
}

export type FhirEligibilityStatus = 'active' | 'cancelled' | 'draft' | 'entered-in-error';
export type FhirEligibilityPurpose = 'auth-requirements' | 'benefits' | 'discovery' | 'validation';
export type FhirEligibilityOutcome = 'queued' | 'complete' | 'error' | 'partial';

export interface FhirCoverageEligibilityResponse {
  resourceType: 'CoverageEligibilityResponse';
  id: string;
  status: FhirEligibilityStatus;
  purpose: FhirEligibilityPurpose[];
  patient: FhirReference;
  created: string;
  request: FhirReference;
  outcome: FhirEligibilityOutcome;
  disposition?: string;
  insurer: FhirReference;
  insurance?: FhirInsurance[];
  error?: FhirError[];
}
