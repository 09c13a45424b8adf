// CoverageSummary -> FHIR R4 CoverageEligibilityResponse. One insurance item per level of care
// and network (plus the plan-level accumulators), with X12 service type codes as categories.
import { formatCents, toCents } from '../money';
import type { Accumulator, AmountPair, CoverageSummary, LevelOfCare, LevelOfCareSummary, NetworkAccumulators, NetworkTerms } from '../summary';
import type { FhirBenefit, FhirCodeableConcept, FhirCoverageEligibilityResponse, FhirError, FhirInsurance, FhirInsuranceItem, FhirMoney, FhirReference } from './types';

export interface FhirContext {
  id: string;
  created: string;
  /** Reference to the CoverageEligibilityRequest (defaults to CoverageEligibilityRequest/<id>). */
  request?: string;
  insurerDisplay?: string;
  /** Reference to the Patient resource, when the caller has one. */
  patient?: string;
}

const STC_SYSTEM = 'https://x12.org/codes/service-type-codes';
const NETWORK_SYSTEM = 'http://terminology.hl7.org/CodeSystem/benefit-network';
const UNIT_SYSTEM = 'http://terminology.hl7.org/CodeSystem/unit-type';
const TERM_SYSTEM = 'http://terminology.hl7.org/CodeSystem/benefit-term';
const BENEFIT_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/benefit-type';
const AAA_SYSTEM = 'https://x12.org/codes/aaa-reject-reason';

const LEVEL_CATEGORY: Record<LevelOfCare, { code: string; display: string; text: string }> = {
  IOP: { code: 'CH', display: 'Mental Health Facility - Outpatient', text: 'Intensive outpatient program (IOP)' },
  PHP: { code: 'BB', display: 'Partial Hospitalization (Psychiatric)', text: 'Partial hospitalization program (PHP)' },
  OP: { code: 'CF', display: 'Mental Health Provider - Outpatient', text: 'Outpatient therapy (OP)' },
};

const NETWORKS = [
  ['inNetwork', 'in', 'In Network'],
  ['outOfNetwork', 'out', 'Out of Network'],
] as const;

const money = (amount: string): FhirMoney => ({ value: Number(amount), currency: 'USD' });
const concept = (system: string, code: string, display: string, text?: string): FhirCodeableConcept => ({ coding: [{ system, code, display }], ...(text ? { text } : {}) });
const benefitType = (code: string, display: string, text?: string): FhirCodeableConcept => concept(BENEFIT_TYPE_SYSTEM, code, display, text);

/** allowed = total, used = total − remaining (exact). */
function amountBenefit(type: FhirCodeableConcept, pair: AmountPair | undefined): FhirBenefit | undefined {
  if (!pair?.total && !pair?.remaining) return undefined;
  const b: FhirBenefit = { type };
  if (pair.total) b.allowedMoney = money(pair.total);
  const total = toCents(pair.total);
  const remaining = toCents(pair.remaining);
  if (total !== undefined && remaining !== undefined) b.usedMoney = money(formatCents(total - remaining));
  return b;
}

function accumulatorBenefits(acc: NetworkAccumulators | undefined, tier: keyof Accumulator): FhirBenefit[] {
  const out: FhirBenefit[] = [];
  const ded = amountBenefit(benefitType('deductible', 'Deductible'), acc?.deductible?.[tier]);
  if (ded) out.push(ded);
  const oop = amountBenefit(benefitType('benefit', 'Benefit', 'Out-of-pocket maximum'), acc?.outOfPocketMax?.[tier]);
  if (oop) out.push(oop);
  return out;
}

function termBenefits(terms: NetworkTerms): FhirBenefit[] {
  const out: FhirBenefit[] = [];
  if (terms.copay) out.push({ type: benefitType('copay', 'Copayment per service', terms.copay.per ? `Copay per ${terms.copay.per}` : undefined), allowedMoney: money(terms.copay.amount) });
  if (terms.coinsurancePercent !== undefined) {
    const pct = terms.coinsurancePercent;
    const b: FhirBenefit = { type: benefitType('copay-percent', 'Copayment Percent per service', 'Coinsurance (patient share, %)') };
    if (Number.isInteger(pct) && pct >= 0) b.allowedUnsignedInt = pct;
    else b.allowedString = `${pct}%`;
    out.push(b);
  }
  out.push(...accumulatorBenefits(terms.accumulators, 'individual'));
  for (const limit of terms.limits ?? []) {
    const text = `${limit.unit}${limit.period ? ` per ${limit.period.replace(/_/g, ' ')}` : ''}`;
    const b: FhirBenefit = { type: benefitType(limit.unit === 'visits' ? 'visit' : 'benefit', limit.unit === 'visits' ? 'Visit' : 'Benefit', `Limit: ${text}`) };
    if (Number.isInteger(limit.quantity) && limit.quantity >= 0) b.allowedUnsignedInt = limit.quantity;
    else b.allowedString = String(limit.quantity);
    if (limit.remaining !== undefined && limit.period !== 'remaining' && limit.quantity >= limit.remaining) b.usedUnsignedInt = limit.quantity - limit.remaining;
    out.push(b);
  }
  return out;
}

function levelItems(level: LevelOfCare, loc: LevelOfCareSummary): FhirInsuranceItem[] {
  const cat = LEVEL_CATEGORY[level];
  const items: FhirInsuranceItem[] = [];
  for (const [key, code, display] of NETWORKS) {
    const terms = loc[key];
    if (!terms && loc.status !== 'not_covered') continue;
    const item: FhirInsuranceItem = {
      category: concept(STC_SYSTEM, cat.code, cat.display, cat.text),
      name: level,
      network: concept(NETWORK_SYSTEM, code, display),
      unit: concept(UNIT_SYSTEM, 'individual', 'Individual'),
      term: concept(TERM_SYSTEM, 'annual', 'Annual'),
    };
    if (loc.status === 'not_covered' || terms?.notCovered) item.excluded = true;
    const benefits = terms ? termBenefits(terms) : [];
    if (benefits.length > 0) item.benefit = benefits;
    if (typeof loc.priorAuthorizationRequired === 'boolean') item.authorizationRequired = loc.priorAuthorizationRequired;
    items.push(item);
  }
  return items;
}

function planItems(summary: CoverageSummary): FhirInsuranceItem[] {
  const items: FhirInsuranceItem[] = [];
  for (const [key, code, display] of NETWORKS) {
    for (const tier of ['individual', 'family'] as const) {
      const benefit = accumulatorBenefits(summary.accumulators[key], tier);
      if (benefit.length === 0) continue;
      items.push({
        category: concept(STC_SYSTEM, '30', 'Health Benefit Plan Coverage'),
        network: concept(NETWORK_SYSTEM, code, display),
        unit: concept(UNIT_SYSTEM, tier, tier === 'individual' ? 'Individual' : 'Family'),
        term: concept(TERM_SYSTEM, 'annual', 'Annual'),
        benefit,
      });
    }
  }
  return items;
}

/**
 * A FHIR id ([A-Za-z0-9-.]{1,64}) for a record id: the service's ids are `vrf_<hex>`, and `_`
 * is not an id character, so every other character becomes `-`.
 */
export function fhirId(id: string): string {
  const out = id.replace(/[^A-Za-z0-9\-.]/g, '-').slice(0, 64);
  return out === '' ? 'unknown' : out;
}

/** A relative reference `Type/id` with its id made a FHIR id; other forms are kept. */
function fhirReference(reference: string): string {
  const m = /^([A-Z][A-Za-z]+)\/([^/]+)$/.exec(reference);
  return m ? `${m[1]}/${fhirId(m[2])}` : reference;
}

export function toFhirCoverageEligibilityResponse(summary: CoverageSummary, context: FhirContext): FhirCoverageEligibilityResponse {
  const e = summary.eligibility;
  const failed = e.status === 'not_found' || e.status === 'rejected';
  const memberName = [e.member.lastName, e.member.firstName].filter(Boolean).join(', ');
  const patient: FhirReference = context.patient ? { reference: fhirReference(context.patient) } : {};
  if (memberName) patient.display = memberName;
  if (e.member.memberId) patient.identifier = { value: e.member.memberId };
  if (!patient.reference && !patient.display && !patient.identifier) patient.display = 'Unknown patient';
  const insurer: FhirReference = { display: context.insurerDisplay ?? e.payer.name ?? 'Unknown payer' };
  if (e.payer.payerId) insurer.identifier = { value: e.payer.payerId };

  const resource: FhirCoverageEligibilityResponse = {
    resourceType: 'CoverageEligibilityResponse',
    id: fhirId(context.id),
    status: 'active',
    purpose: ['benefits'],
    patient,
    created: context.created,
    request: { reference: fhirReference(context.request ?? `CoverageEligibilityRequest/${context.id}`) },
    outcome: failed ? 'error' : 'complete',
    insurer,
  };
  if (e.status === 'active' || e.status === 'inactive') {
    const coverage: FhirReference = { display: e.plan.name ?? 'Coverage' };
    if (e.member.memberId) coverage.identifier = { value: e.member.memberId };
    const insurance: FhirInsurance = { coverage, inforce: e.status === 'active' };
    if (e.plan.coverageStart || e.plan.coverageEnd) {
      insurance.benefitPeriod = {};
      if (e.plan.coverageStart) insurance.benefitPeriod.start = e.plan.coverageStart;
      if (e.plan.coverageEnd) insurance.benefitPeriod.end = e.plan.coverageEnd;
    }
    const items = [...planItems(summary)];
    for (const [level, loc] of Object.entries(summary.levelsOfCare) as [LevelOfCare, LevelOfCareSummary][]) items.push(...levelItems(level, loc));
    if (items.length > 0) insurance.item = items;
    resource.insurance = [insurance];
  }
  if (e.rejections.length > 0) {
    resource.error = e.rejections.map((r): FhirError => ({ code: { coding: [{ system: AAA_SYSTEM, code: r.code, display: r.description }], text: r.followUpDescription ?? r.description } }));
  }
  if (e.status === 'not_found') resource.disposition = 'Member not found';
  else if (e.status === 'rejected') resource.disposition = 'Inquiry rejected by the payer';
  return resource;
}
