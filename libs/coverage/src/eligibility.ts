// Eligibility status, plan, member and rejections, merged across the responses for one patient.
import type { DateReference, EligibilityBenefit, MemberDetail, Reference, Rejection } from '@bvs/x12';
import { FOLLOW_UP, insuranceTypeDisplay, isActiveCode, isInactiveCode, isPlanStc } from './codes';
import type { PatientView } from './patient';
import { NOT_FOUND_CODES, describeRejection } from './rejections';
import type { EligibilityStatus, EligibilitySummary, RejectionSummary } from './summary';

function isPlanLevel(b: EligibilityBenefit): boolean {
  if (b.serviceTypeCodes.length === 0) return !b.procedure;
  for (const c of b.serviceTypeCodes) if (isPlanStc(c)) return true;
  return false;
}

/** Loops whose AAA means the whole answer failed (2110 AAA only qualifies one benefit). */
const REQUEST_LOOPS = new Set(['2000A', '2100A', '2100B', '2100C', '2100D']);

const START_DATES = new Set(['346', '348', '356', '193', '291', '307', '292']);
const END_DATES = new Set(['347', '349', '357', '194']);

/** The benefit's own date range (2110 DTP): start from plan / benefit / eligibility begin, end from their end or an RD8. */
function benefitRange(b: EligibilityBenefit): { start?: string; end?: string } {
  let start: string | undefined;
  let end: string | undefined;
  for (const d of b.dates) {
    if (!d.start) continue;
    if (START_DATES.has(d.qualifier)) {
      start ??= d.start;
      if (d.end) end ??= d.end;
    } else if (END_DATES.has(d.qualifier)) end ??= d.start;
  }
  return { start, end };
}

/**
 * docs/coverage-summary.md "Active or inactive": a plan-level inactive EB whose dates end before a plan-level
 * active EB starts is history, not the answer; likewise an active EB that ended before an inactive
 * one starts. (An inactive EB's own end date — DTP 357 "eligibility end" — says when coverage
 * stopped, so it is only compared with an active EB's start.) Undated EBs are taken at face value.
 */
function currentPlanStatus(active: EligibilityBenefit[], inactive: EligibilityBenefit[]): { active: EligibilityBenefit[]; inactive: EligibilityBenefit[] } {
  const starts = (list: EligibilityBenefit[]): string[] => list.map((b) => benefitRange(b).start).filter((x): x is string => !!x);
  const activeStarts = starts(active);
  const inactiveStarts = starts(inactive);
  const endedBefore = (b: EligibilityBenefit, others: string[]): boolean => {
    const end = benefitRange(b).end;
    return end !== undefined && others.some((s) => end < s);
  };
  return {
    active: active.filter((b) => !endedBefore(b, inactiveStarts)),
    inactive: inactive.filter((b) => !endedBefore(b, activeStarts)),
  };
}

/** Status of one response, before merging. */
export function responseStatus(view: PatientView): EligibilityStatus {
  const benefits = view.benefits;
  let anyActive = false;
  let anyInactive = false;
  let planInactiveStated = false;
  for (const b of benefits) {
    if (isActiveCode(b.informationCode)) anyActive = true;
    else if (isInactiveCode(b.informationCode)) {
      anyInactive = true;
      if (isPlanLevel(b)) planInactiveStated = true;
    }
  }
  if (!anyActive && view.rejections.some((r) => REQUEST_LOOPS.has(r.loop))) {
    return view.rejections.some((r) => REQUEST_LOOPS.has(r.loop) && NOT_FOUND_CODES.has(r.reasonCode)) ? 'not_found' : 'rejected';
  }
  // Plan-level inactive (EB01 6–8 on 30) marks the whole response inactive (§3.3 rule 4), unless
  // its dates make it history beside a current active EB. No plan-level inactive EB (the usual
  // answer): nothing to weigh.
  if (planInactiveStated) {
    const plan = currentPlanStatus(
      benefits.filter((b) => isActiveCode(b.informationCode) && isPlanLevel(b)),
      benefits.filter((b) => isInactiveCode(b.informationCode) && isPlanLevel(b)),
    );
    const planInactive = plan.inactive.length > 0;
    const planActive = plan.active.length > 0;
    if (planInactive && !planActive) return 'inactive';
    if (planInactive && planActive) {
      // Both current: a dated active answer against an undated inactive one, or both undated.
      const undatedInactive = plan.inactive.some((b) => benefitRange(b).start === undefined && benefitRange(b).end === undefined);
      const sameInsurance = plan.inactive.some((i) => plan.active.some((a) => (a.insuranceTypeCode ?? '') === (i.insuranceTypeCode ?? '')));
      // Medicare parts (MA active, MB inactive) are different coverages: one active part is active.
      if (undatedInactive && sameInsurance) return 'inactive';
    }
  }
  if (anyActive) return 'active';
  if (anyInactive) return 'inactive';
  if (view.rejections.length > 0) {
    return view.rejections.some((r) => NOT_FOUND_CODES.has(r.reasonCode)) ? 'not_found' : 'rejected';
  }
  return 'unknown';
}

/** Best evidence across responses: a coverage answer beats a failure to answer. */
const STATUS_RANK: Record<EligibilityStatus, number> = { active: 0, inactive: 1, not_found: 2, rejected: 3, unknown: 4 };

export function mergeStatus(statuses: EligibilityStatus[]): EligibilityStatus {
  return statuses.reduce<EligibilityStatus>((best, s) => (STATUS_RANK[s] < STATUS_RANK[best] ? s : best), 'unknown');
}

export function summarizeRejection(r: Rejection): RejectionSummary {
  const { description, retryable } = describeRejection(r.reasonCode);
  const out: RejectionSummary = { code: r.reasonCode, description, retryable, loop: r.loop };
  if (r.followUpAction) {
    out.followUp = r.followUpAction;
    const followUpDescription = FOLLOW_UP[r.followUpAction];
    if (followUpDescription) out.followUpDescription = followUpDescription;
  }
  return out;
}

const RELATIONSHIP: Record<string, 'self' | 'spouse' | 'child'> = { '18': 'self', '01': 'spouse', '19': 'child' };

function relationship(view: PatientView): EligibilitySummary['member']['relationship'] {
  const code = view.member?.relationshipCode;
  if (code) return RELATIONSHIP[code] ?? 'other';
  // A subscriber loop without INS is the subscriber; a dependent without INS is left unsaid.
  return view.isDependent ? undefined : 'self';
}

/** The first date of each kind coverageDates asks for, in the order they are read. */
interface FirstDates {
  planBegin?: DateReference; // 346
  eligibilityBegin?: DateReference; // 356
  planEnd?: DateReference; // 347
  eligibilityEnd?: DateReference; // 357
  range?: DateReference; // 291 / 307 with an end
  planRange?: DateReference; // 346 with an end
}

function noteDates(dates: readonly DateReference[], first: FirstDates): void {
  for (const d of dates) {
    switch (d.qualifier) {
      case '346':
        first.planBegin ??= d;
        if (d.end !== undefined) first.planRange ??= d;
        break;
      case '356':
        first.eligibilityBegin ??= d;
        break;
      case '347':
        first.planEnd ??= d;
        break;
      case '357':
        first.eligibilityEnd ??= d;
        break;
      case '291':
      case '307':
        if (d.end !== undefined) first.range ??= d;
        break;
    }
  }
}

function coverageDates(member: MemberDetail | undefined, benefits: EligibilityBenefit[], status?: EligibilityStatus): { start?: string; end?: string } {
  // Active coverage is dated by its active EBs: an inactive EB beside it is history (§4).
  const dated = (b: EligibilityBenefit): boolean => isActiveCode(b.informationCode) || (status !== 'active' && isInactiveCode(b.informationCode));
  // The member's dates first, then the dated benefits', each in document order: the first of each kind counts.
  const first: FirstDates = {};
  if (member) noteDates(member.dates, first);
  for (const b of benefits) if (b.dates.length > 0 && dated(b)) noteDates(b.dates, first);
  // Plan begin (346) before eligibility begin (356); a range on plan (291) or eligibility (307) dates carries both ends.
  const start = first.planBegin ?? first.eligibilityBegin;
  const end = first.planEnd ?? first.eligibilityEnd;
  return {
    start: start?.start ?? first.range?.start,
    end: end?.start ?? first.planRange?.end ?? first.range?.end,
  };
}

/** The first REF 6P (group) and 18 (plan) of these references, unless already found. */
interface PlanRefs {
  group?: Reference;
  plan?: Reference;
}

function noteRefs(references: readonly Reference[], found: PlanRefs): void {
  for (const r of references) {
    if (r.qualifier === '6P') found.group ??= r;
    else if (r.qualifier === '18') found.plan ??= r;
  }
}

export function summarizeEligibility(views: PatientView[], status: EligibilityStatus): EligibilitySummary {
  const benefits = views.length === 1 ? views[0].benefits : views.flatMap((v) => v.benefits);
  // Active EBs first, then inactive ones, each in document order: the plan's name and insurance
  // type come from the first that states them (a plan-level one first). One pass keeps the first
  // of each kind per status, and the first insurance type of any EB as the fallback.
  let activePlanBenefit: EligibilityBenefit | undefined;
  let activeDescription: EligibilityBenefit | undefined;
  let activeInsuranceType: string | undefined;
  let inactivePlanBenefit: EligibilityBenefit | undefined;
  let inactiveDescription: EligibilityBenefit | undefined;
  let inactiveInsuranceType: string | undefined;
  let anyInsuranceType: string | undefined;
  for (const b of benefits) {
    const type = b.insuranceTypeCode !== undefined && b.insuranceTypeCode !== '' ? b.insuranceTypeCode : undefined;
    anyInsuranceType ??= type;
    const active = isActiveCode(b.informationCode);
    if (!active && !isInactiveCode(b.informationCode)) continue;
    const describes = !!b.planCoverageDescription;
    const wantsType = type !== undefined && (active ? activeInsuranceType === undefined : inactiveInsuranceType === undefined);
    if (!describes && !wantsType) continue;
    const planLevel = isPlanLevel(b);
    if (active) {
      if (describes) {
        if (planLevel) activePlanBenefit ??= b;
        activeDescription ??= b;
      }
      if (planLevel && wantsType) activeInsuranceType = type;
    } else {
      if (describes) {
        if (planLevel) inactivePlanBenefit ??= b;
        inactiveDescription ??= b;
      }
      if (planLevel && wantsType) inactiveInsuranceType = type;
    }
  }
  const planBenefit = activePlanBenefit ?? inactivePlanBenefit ?? activeDescription ?? inactiveDescription;
  // REFs: the members' (a dependent's plan facts usually sit on the subscriber loop), in order, before the benefits'.
  const refs: PlanRefs = {};
  let primary: PatientView | undefined;
  let payerName: string | undefined;
  let payerId: string | undefined;
  for (const v of views) {
    if (v.member !== undefined) {
      noteRefs(v.member.references, refs);
      primary ??= v;
    }
    if (v.subscriber !== undefined) noteRefs(v.subscriber.references, refs);
    const source = v.response.source.name;
    if (payerName === undefined && source?.lastNameOrOrganizationName !== undefined && source.lastNameOrOrganizationName !== '') payerName = source.lastNameOrOrganizationName;
    if (payerId === undefined && source?.identificationCode !== undefined && source.identificationCode !== '') payerId = source.identificationCode;
  }
  for (const b of benefits) if (b.references.length > 0) noteRefs(b.references, refs);
  const group = refs.group;
  const planRef = refs.plan;
  const insuranceTypeCode = activeInsuranceType ?? inactiveInsuranceType ?? anyInsuranceType;
  primary ??= views[0];
  const member = primary?.member;
  const dates = coverageDates(member, benefits, status);
  if (!dates.start && !dates.end && primary?.subscriber && primary.subscriber !== member) Object.assign(dates, coverageDates(primary.subscriber, []));

  const plan: EligibilitySummary['plan'] = {};
  const planName = planBenefit?.planCoverageDescription ?? planRef?.description ?? group?.description;
  if (planName) plan.name = planName;
  if (group?.value) plan.groupNumber = group.value;
  if (group?.description) plan.groupName = group.description;
  if (insuranceTypeCode) {
    plan.insuranceTypeCode = insuranceTypeCode;
    plan.insuranceType = insuranceTypeDisplay(insuranceTypeCode);
  }
  if (dates.start) plan.coverageStart = dates.start;
  if (dates.end) plan.coverageEnd = dates.end;

  const summaryMember: EligibilitySummary['member'] = {};
  const memberId = member?.name?.identificationCode ?? primary?.subscriber?.name?.identificationCode;
  if (memberId) summaryMember.memberId = memberId;
  if (member?.name?.firstName) summaryMember.firstName = member.name.firstName;
  if (member?.name?.lastNameOrOrganizationName) summaryMember.lastName = member.name.lastNameOrOrganizationName;
  if (member?.dateOfBirth) summaryMember.dateOfBirth = member.dateOfBirth;
  const rel = primary ? relationship(primary) : undefined;
  if (rel) summaryMember.relationship = rel;

  const payer: EligibilitySummary['payer'] = {};
  if (payerName) payer.name = payerName;
  if (payerId) payer.payerId = payerId;

  // Keep each distinct rejection once (the same AAA often comes back on every follow-up inquiry).
  const all = views.length === 1 ? views[0].rejections : views.flatMap((v) => v.rejections);
  const rejections: RejectionSummary[] = [];
  // One AAA (the usual rejection): nothing to de-duplicate.
  if (all.length === 1) rejections.push(summarizeRejection(all[0]));
  else if (all.length > 1) {
    const seen = new Set<string>();
    for (const r of all) {
      const key = `${r.loop}|${r.reasonCode}|${r.followUpAction ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rejections.push(summarizeRejection(r));
    }
  }
  return { status, payer, plan, member: summaryMember, rejections };
}
