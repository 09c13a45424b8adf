import { LEVELS_OF_CARE, type CoverageSummary, type LevelOfCare, type LevelOfCareSummary, type NetworkTerms } from './summary';

/** Benefits staff obtained by phone or portal (manual-result in docs/api.md). */
export interface ManualNetworkTerms {
  copay?: string;
  copayPer?: 'visit' | 'day' | 'admission';
  limits?: { quantity: number; unit: string; period?: string; remaining?: number }[];
  coinsurancePercent?: number;
  deductibleApplies?: boolean;
}

export interface ManualLevelOfCare {
  status: 'covered' | 'not_covered' | 'unknown';
  priorAuthorizationRequired?: boolean;
  priorAuthorizationPhone?: string;
  inNetwork?: ManualNetworkTerms;
  outOfNetwork?: ManualNetworkTerms;
}

export interface ManualBenefits {
  referenceNumber: string;
  eligibilityStatus: 'active' | 'inactive';
  deductible?: { total?: string; remaining?: string };
  outOfPocketMax?: { total?: string; remaining?: string };
  familyDeductible?: { total?: string; remaining?: string };
  familyOutOfPocketMax?: { total?: string; remaining?: string };
  outOfNetworkDeductible?: { total?: string; remaining?: string };
  outOfNetworkOutOfPocketMax?: { total?: string; remaining?: string };
  carveOut?: { name: string; phone?: string };
  levelsOfCare: Partial<Record<LevelOfCare, ManualLevelOfCare>>;
}

const money = (value: string | undefined): string | undefined => (value === undefined ? undefined : Number(value).toFixed(2));

function terms(input: ManualNetworkTerms | undefined): NetworkTerms | undefined {
  if (!input) return undefined;
  const out: NetworkTerms = { basis: 'explicit' };
  if (input.copay !== undefined) out.copay = { amount: Number(input.copay).toFixed(2), per: input.copayPer ?? 'visit' };
  if (input.limits?.length) out.limits = input.limits.map((l) => ({ ...l }));
  if (input.coinsurancePercent !== undefined) out.coinsurancePercent = input.coinsurancePercent;
  if (input.deductibleApplies !== undefined) out.deductibleApplies = input.deductibleApplies;
  return out;
}

/**
 * The summary for a manually verified record: the staff's figures replace the payer's for every
 * level they entered; what the electronic answer said about the member and plan is kept.
 */
export function manualSummary(input: ManualBenefits, previous?: CoverageSummary): CoverageSummary {
  const source = `manual:${input.referenceNumber}`;
  const levelsOfCare: CoverageSummary['levelsOfCare'] = { ...(previous?.levelsOfCare ?? {}) };
  for (const level of LEVELS_OF_CARE) {
    const entered = input.levelsOfCare[level];
    if (!entered) continue;
    const summary: LevelOfCareSummary = {
      status: entered.status,
      basis: entered.status === 'unknown' ? 'none' : 'explicit',
      priorAuthorizationRequired: entered.priorAuthorizationRequired ?? null,
      sources: [source],
    };
    if (entered.priorAuthorizationPhone) summary.priorAuthorizationText = `Request prior authorization at ${entered.priorAuthorizationPhone}`;
    const inNetwork = terms(entered.inNetwork);
    const outOfNetwork = terms(entered.outOfNetwork);
    if (inNetwork) summary.inNetwork = inNetwork;
    if (outOfNetwork) summary.outOfNetwork = outOfNetwork;
    levelsOfCare[level] = summary;
  }
  const pairOf = (pair?: { total?: string; remaining?: string }) =>
    pair && (pair.total !== undefined || pair.remaining !== undefined)
      ? { total: money(pair.total), remaining: money(pair.remaining), sources: [source] }
      : undefined;
  const accumulator = (individual?: { total?: string; remaining?: string }, family?: { total?: string; remaining?: string }) => {
    const ind = pairOf(individual);
    const fam = pairOf(family);
    return ind || fam ? { ...(ind ? { individual: ind } : {}), ...(fam ? { family: fam } : {}) } : undefined;
  };
  const accumulators: CoverageSummary['accumulators'] = { ...(previous?.accumulators ?? {}) };
  const inNetwork = { ...(accumulators.inNetwork ?? {}) };
  const inDeductible = accumulator(input.deductible, input.familyDeductible);
  const inOop = accumulator(input.outOfPocketMax, input.familyOutOfPocketMax);
  if (inDeductible) inNetwork.deductible = inDeductible;
  if (inOop) inNetwork.outOfPocketMax = inOop;
  if (inDeductible || inOop) accumulators.inNetwork = inNetwork;
  const outOfNetwork = { ...(accumulators.outOfNetwork ?? {}) };
  const outDeductible = accumulator(input.outOfNetworkDeductible);
  const outOop = accumulator(input.outOfNetworkOutOfPocketMax);
  if (outDeductible) outOfNetwork.deductible = outDeductible;
  if (outOop) outOfNetwork.outOfPocketMax = outOop;
  if (outDeductible || outOop) accumulators.outOfNetwork = outOfNetwork;
  return {
    eligibility: {
      status: input.eligibilityStatus,
      payer: previous?.eligibility.payer ?? {},
      plan: previous?.eligibility.plan ?? {},
      member: previous?.eligibility.member ?? {},
      rejections: [],
    },
    accumulators,
    levelsOfCare,
    carveOut: input.carveOut ? { name: input.carveOut.name, ...(input.carveOut.phone ? { phone: input.carveOut.phone } : {}) } : (previous?.carveOut ?? null),
    network: previous?.network ?? null,
    messages: previous?.messages ?? [],
  };
}
