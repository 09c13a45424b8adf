import type {
  AvailityBenefit,
  AvailityBenefitDetail,
  AvailityCoverage,
  AvailityNetworkBenefit,
  AvailityPerson,
  AvailityPlan,
} from '@bvs/clearinghouse';
import type { EligibilityBenefit, EligibilityResponse, MemberDetail } from '@bvs/x12';

// The sandbox's Availity face: a parsed 271 restated as an Availity Coverage (plans[].benefits[]
// per service type, amounts by network), carrying the raw 271 as well.

const AMOUNT_KEYS: Record<string, keyof NonNullable<AvailityBenefit['amounts']>> = {
  A: 'coInsurance',
  B: 'coPayment',
  C: 'deductibles',
  G: 'outOfPocket',
};
const BUCKETS: Record<string, keyof AvailityBenefitDetail> = { Y: 'inNetwork', N: 'outOfNetwork', W: 'notApplicableNetwork' };
const STATUS_NAMES: Record<string, string> = {
  '1': 'Active Coverage',
  '6': 'Inactive',
  I: 'Non-Covered',
  '7': 'Inactive - Pending Eligibility Update',
  '8': 'Inactive - Pending Investigation',
};

export function toAvailityCoverage(response: EligibilityResponse, x12: string, payerId: string): AvailityCoverage {
  const sub = response.subscribers[0];
  const patientLoop = sub?.dependents[0] ?? sub;
  const rejections = [
    ...response.source.rejections,
    ...(response.receiver?.rejections ?? []),
    ...(sub ? [...sub.member.rejections, ...sub.dependents.flatMap((d) => d.member.rejections)] : []),
  ];
  const coverage: AvailityCoverage = {
    status: 'Complete',
    statusCode: '4',
    controlNumber: response.interchangeControlNumber,
    payer: {
      payerId,
      name: response.source.name?.lastNameOrOrganizationName,
      responseName: response.source.name?.lastNameOrOrganizationName,
      responsePayerId: response.source.name?.identificationCode,
    },
    requestingProvider: { npi: response.receiver?.name?.identificationCode, lastName: response.receiver?.name?.lastNameOrOrganizationName },
    subscriber: sub ? person(sub.member) : undefined,
    patient: patientLoop
      ? { ...person(patientLoop.member), subscriberRelationshipCode: sub?.dependents[0] ? patientLoop.member.relationshipCode : '18' }
      : undefined,
    plans: sub && sub.benefits.length > 0 ? [plan(sub.member, sub.benefits)] : [],
    validationMessages: rejections.map((r) => ({
      code: r.reasonCode,
      errorMessage: `AAA ${r.reasonCode}${r.followUpAction ? ` / ${r.followUpAction}` : ''}`,
      field: r.loop,
    })),
    x12,
  };
  return coverage;
}

function person(m: MemberDetail): AvailityPerson {
  return {
    memberId: m.name?.identificationCode,
    firstName: m.name?.firstName,
    lastName: m.name?.lastNameOrOrganizationName,
    birthDate: m.dateOfBirth,
    genderCode: m.gender,
  };
}

function plan(member: MemberDetail, benefits: EligibilityBenefit[]): AvailityPlan {
  const group = member.references.find((r) => r.qualifier === '6P');
  const start = member.dates.find((d) => d.qualifier === '346');
  const end = member.dates.find((d) => d.qualifier === '347');
  const planStatus = benefits.find(
    (b) => STATUS_NAMES[b.informationCode] && (b.serviceTypeCodes.includes('30') || b.serviceTypeCodes.length === 0),
  );
  const byType = new Map<string, AvailityBenefit>();
  const benefitFor = (type: string): AvailityBenefit => {
    let b = byType.get(type);
    if (!b) byType.set(type, (b = { type, name: type }));
    return b;
  };
  for (const eb of benefits) {
    // Availity states benefits per service type; procedure-only lines (EB13 without EB03) have no home.
    for (const type of eb.serviceTypeCodes) {
      if (STATUS_NAMES[eb.informationCode]) {
        if (eb === planStatus && type === '30') continue;
        Object.assign(benefitFor(type), { statusCode: eb.informationCode, status: STATUS_NAMES[eb.informationCode] });
      } else if (AMOUNT_KEYS[eb.informationCode]) {
        addAmount(benefitFor(type), eb);
      }
    }
  }
  return {
    statusCode: planStatus?.informationCode,
    status: planStatus ? STATUS_NAMES[planStatus.informationCode] : undefined,
    planName: planStatus?.planCoverageDescription,
    insuranceTypeCode: planStatus?.insuranceTypeCode,
    groupNumber: group?.value,
    groupName: group?.description,
    coverageStartDate: start ? `${start.start}T00:00:00.000+0000` : undefined,
    coverageEndDate: end ? `${end.start}T00:00:00.000+0000` : undefined,
    benefits: [...byType.values()],
  };
}

function addAmount(benefit: AvailityBenefit, eb: EligibilityBenefit): void {
  const amounts = (benefit.amounts ??= {});
  const detail = (amounts[AMOUNT_KEYS[eb.informationCode]] ??= {});
  const list = (detail[BUCKETS[eb.inPlanNetwork ?? ''] ?? 'noNetwork'] ??= []);
  const code = eb.informationCode;
  if (code === 'C' || code === 'G') {
    // X12 states total and remaining as two EBs; Availity pairs them on one network benefit.
    const remaining = eb.timePeriodQualifier === '29';
    const open = list.find(
      (nb) => nb.levelCode === eb.coverageLevelCode && (remaining ? nb.remaining === undefined : nb.total === undefined),
    );
    const nb = open ?? networkBenefit(eb);
    if (!open) list.push(nb);
    if (remaining) Object.assign(nb, { remaining: eb.monetaryAmount, remainingTimePeriodCode: '29' });
    else Object.assign(nb, { total: eb.monetaryAmount, totalTimePeriodCode: eb.timePeriodQualifier });
    return;
  }
  const nb = networkBenefit(eb);
  if (code === 'A') Object.assign(nb, { amount: wholePercent(eb.percent), units: 'Percent' });
  else Object.assign(nb, { amount: eb.monetaryAmount, amountTimePeriodCode: eb.timePeriodQualifier });
  list.push(nb);
}

function networkBenefit(eb: EligibilityBenefit): AvailityNetworkBenefit {
  const nb: AvailityNetworkBenefit = { levelCode: eb.coverageLevelCode, insuranceTypeCode: eb.insuranceTypeCode };
  if (eb.authorizationRequired === 'Y' || eb.authorizationRequired === 'N') nb.authorizationRequired = eb.authorizationRequired === 'Y';
  if (eb.authorizationRequired === 'U') nb.authorizationRequiredUnknown = true;
  if (eb.quantity) Object.assign(nb, { quantity: eb.quantity, quantityQualifierCode: eb.quantityQualifier });
  if (eb.messages.length > 0) nb.payerNotes = [...eb.messages];
  if (eb.deliveries.length > 0) {
    nb.deliveryInformation = eb.deliveries.map((d) => ({
      quantityQualifierCode: d.quantityQualifier,
      quantity: d.quantity,
      timePeriodCode: d.timePeriodQualifier,
      timePeriods: d.periodCount,
    }));
  }
  return nb;
}

/** ".2" -> "20": moves the decimal point in the string, never through a float. */
export function wholePercent(fraction: string | undefined): string | undefined {
  const m = fraction ? /^(\d*)(?:\.(\d*))?$/.exec(fraction) : null;
  if (!m) return undefined;
  const frac = (m[2] ?? '').padEnd(2, '0');
  const whole = `${m[1]}${frac.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = frac.slice(2);
  return rest ? `${whole}.${rest}` : whole;
}
