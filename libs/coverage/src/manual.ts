import { LEVELS_OF_CARE, type CoverageSummary, type LevelOfCare, type LevelOfCareSummary, type NetworkTerms } from './summary';

/** Benefits staff obtained by phone or portal (manual-result in docs/api.md). */
export interface ManualNetworkTerms {
  copay?: string;
  coinsurancePercent?: number;
  deductibleApplies?: boolean;
}

export interface ManualLevelOfCare {
  status: 'covered' | 'not_covered' | 'unknown';
  priorAuthorizationRequired?: boolean;
  inNetwork?: ManualNetworkTerms;
  outOfNetwork?: ManualNetworkTerms;
}

export interface ManualBenefits {
  referenceNumber: string;
  eligibilityStatus: 'active' | 'inactive';
  deductible?: { total?: string; remaining?: string };
  outOfPocketMax?: { total?: string; remaining?: string };
  levelsOfCare: Partial<Record<LevelOfCare, ManualLevelOfCare>>;
}

const money = (value: string | undefined): string | undefined => (value === undefined ? undefined : Number(value).toFixed(2));

function terms(input: ManualNetworkTerms | undefined): NetworkTerms | undefined {
  if (!input) return undefined;
  const out: NetworkTerms = { basis: 'explicit' };
  if (input.copay !== undefined) out.copay = { amount: Number(input.copay).toFixed(2), per: 'visit' };
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
    const inNetwork = terms(entered.inNetwork);
    const outOfNetwork = terms(entered.outOfNetwork);
    if (inNetwork) summary.inNetwork = inNetwork;
    if (outOfNetwork) summary.outOfNetwork = outOfNetwork;
    levelsOfCare[level] = summary;
  }
  const individual = (pair?: { total?: string; remaining?: string }) =>
    pair && (pair.total !== undefined || pair.remaining !== undefined)
      ? { individual: { total: money(pair.total), remaining: money(pair.remaining), sources: [source] } }
      : undefined;
  const deductible = individual(input.deductible);
  const outOfPocketMax = individual(input.outOfPocketMax);
  return {
    eligibility: {
      status: input.eligibilityStatus,
      payer: previous?.eligibility.payer ?? {},
      plan: previous?.eligibility.plan ?? {},
      member: previous?.eligibility.member ?? {},
      rejections: [],
    },
    accumulators:
      deductible || outOfPocketMax
        ? { ...(previous?.accumulators ?? {}), inNetwork: { ...(previous?.accumulators.inNetwork ?? {}), ...(deductible ? { deductible } : {}), ...(outOfPocketMax ? { outOfPocketMax } : {}) } }
        : (previous?.accumulators ?? {}),
    levelsOfCare,
    carveOut: previous?.carveOut ?? null,
    network: previous?.network ?? null,
    messages: previous?.messages ?? [],
  };
}
