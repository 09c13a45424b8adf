// Public surface of libs/coverage: 271 model -> IOP/PHP/OP coverage summary, cost estimate, FHIR.
export * from './summary';
export { normalizeEligibility } from './normalize';
export { describeRejection } from './rejections';
export { addEstimate, centerNetworkFor, coveredSessions, estimateCost, type EstimateInput, type EstimateResult } from './estimate';
export { fhirId, toFhirCoverageEligibilityResponse, type FhirContext } from './fhir/render';
export type * from './fhir/types';
export { manualSummary, type ManualBenefits, type ManualLevelOfCare, type ManualNetworkTerms } from './manual';
export * from './call-script';
