import {
  AMOUNT_KINDS,
  type AvailityBenefit,
  type AvailityCoverage,
  type AvailityNetworkBenefit,
  type AvailityPlan,
  NETWORK_BUCKETS,
} from './availity-coverage';

// Maps a completed Availity coverage into the Stedi v3 JSON shape that @bvs/x12's
// json-271.ts reads, for coverages that do not carry the payer's raw 271.

type Json = Record<string, unknown>;

export function availityToStediJson(coverage: AvailityCoverage): Json {
  const person = coverage.patient ?? coverage.subscriber ?? {};
  const subscriber = coverage.subscriber ?? person;
  const plans = coverage.plans ?? [];
  const first = plans[0];
  const out: Json = {
    controlNumber: coverage.controlNumber,
    payer: compact({
      name: coverage.payer?.responseName ?? coverage.payer?.name,
      payorIdentification: coverage.payer?.responsePayerId ?? coverage.payer?.payerId,
    }),
    provider: compact({ providerName: coverage.requestingProvider?.lastName, npi: coverage.requestingProvider?.npi }),
    subscriber: compact({
      memberId: subscriber.memberId ?? person.memberId,
      firstName: person.firstName,
      lastName: person.lastName,
      dateOfBirth: ccyymmdd(person.birthDate),
      gender: person.genderCode,
    }),
    benefitsInformation: plans.flatMap(planBenefits),
  };
  if (first) {
    out.planInformation = compact({ groupNumber: first.groupNumber, groupDescription: first.groupName });
    out.planDateInformation = compact({ planBegin: ccyymmdd(first.coverageStartDate), planEnd: ccyymmdd(first.coverageEndDate) });
  }
  const errors = (coverage.validationMessages ?? [])
    .filter((m) => m.code)
    .map((m) => compact({ code: m.code, description: m.errorMessage, location: m.field ? `Loop ${m.field}` : undefined }));
  if (errors.length > 0) out.errors = errors;
  return out;
}

function planBenefits(plan: AvailityPlan): Json[] {
  const status = compact({
    code: plan.statusCode,
    serviceTypeCodes: ['30'],
    insuranceTypeCode: plan.insuranceTypeCode,
    planCoverage: plan.planName,
  });
  return [...(plan.statusCode ? [status] : []), ...(plan.benefits ?? []).flatMap(benefitEntries)];
}

function benefitEntries(benefit: AvailityBenefit): Json[] {
  const serviceTypeCodes = benefit.type ? [benefit.type] : [];
  const out: Json[] = benefit.statusCode ? [{ code: benefit.statusCode, serviceTypeCodes }] : [];
  for (const [kind, code] of AMOUNT_KINDS) {
    const detail = benefit.amounts?.[kind];
    for (const [bucket, network] of NETWORK_BUCKETS) {
      for (const nb of detail?.[bucket] ?? []) out.push(...amountEntries(code, nb, serviceTypeCodes, network));
    }
  }
  return out;
}

function amountEntries(code: string, nb: AvailityNetworkBenefit, serviceTypeCodes: string[], network: string): Json[] {
  const base = compact({
    code,
    coverageLevelCode: nb.levelCode,
    serviceTypeCodes,
    insuranceTypeCode: nb.insuranceTypeCode,
    inPlanNetworkIndicatorCode: network || undefined,
    authOrCertIndicator: nb.authorizationRequiredUnknown
      ? 'U'
      : nb.authorizationRequired === undefined
        ? undefined
        : nb.authorizationRequired
          ? 'Y'
          : 'N',
    quantityQualifierCode: nb.quantityQualifierCode,
    benefitQuantity: nb.quantity,
  });
  if (nb.payerNotes?.length) base.additionalInformation = nb.payerNotes.map((description) => ({ description }));
  if (nb.deliveryInformation?.length) {
    base.benefitsServiceDelivery = nb.deliveryInformation.map((d) =>
      compact({
        quantityQualifierCode: d.quantityQualifierCode,
        quantity: d.quantity,
        timePeriodQualifierCode: d.timePeriodCode,
        numOfPeriods: d.timePeriods,
      }),
    );
  }
  if (code === 'A') return [{ ...base, benefitPercent: percentFraction(nb.amount) }];
  if (code === 'B') return [compact({ ...base, benefitAmount: nb.amount, timeQualifierCode: nb.amountTimePeriodCode })];
  // Deductible and out-of-pocket: Availity pairs total and remaining; X12 states them apart.
  const entries: Json[] = [];
  if (nb.total) entries.push({ ...base, benefitAmount: nb.total, timeQualifierCode: nb.totalTimePeriodCode ?? '23' });
  if (nb.remaining) entries.push({ ...base, benefitAmount: nb.remaining, timeQualifierCode: nb.remainingTimePeriodCode ?? '29' });
  if (entries.length === 0 && nb.amount)
    entries.push(compact({ ...base, benefitAmount: nb.amount, timeQualifierCode: nb.amountTimePeriodCode }));
  return entries;
}

/**
 * Availity states coinsurance as a percent ("20"); X12 and Stedi as a fraction (".2"). Moves
 * the decimal point in the string, so no float ever touches the figure.
 */
export function percentFraction(percent: string | undefined): string | undefined {
  if (percent === undefined) return undefined;
  const m = /^(\d*)(?:\.(\d*))?$/.exec(percent.trim().replace(/%$/, ''));
  if (!m || (m[1] === '' && !m[2])) return undefined;
  const whole = m[1].replace(/^0+/, '').padStart(2, '0');
  const intPart = whole.slice(0, -2);
  const fraction = (whole.slice(-2) + (m[2] ?? '')).replace(/0+$/, '');
  return fraction ? `${intPart}.${fraction}` : intPart || '0';
}

function ccyymmdd(date: string | undefined): string | undefined {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null;
  return m ? `${m[1]}${m[2]}${m[3]}` : undefined;
}

function compact(o: Record<string, unknown>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
