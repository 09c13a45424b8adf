// Patient cost for a program (sessions × allowed amount) in the center's network with the payer
// (docs/coverage-summary.md "The center's network status"): sessions beyond a day or visit limit are not
// covered and shown apart; for the covered ones the remaining deductible comes first (when it
// applies), then copay and coinsurance per session, all capped by the remaining out-of-pocket
// maximum. Integer cents throughout. The other network is never needed, and a missing estimate
// is a note on the level of care, never a review reason.
import { type Ratio, formatCents, minCents, multiplyCents, toCents, toRatio } from './money';
import type {
  Accumulator,
  BenefitLimit,
  CenterNetworkStatus,
  CostEstimate,
  CoverageSummary,
  LevelOfCare,
  LevelOfCareSummary,
  NetworkAccumulators,
  NetworkTerms,
  NormalizeOptions,
  ProgramPlan,
} from './summary';

export interface EstimateInput {
  level: LevelOfCare;
  network: 'inNetwork' | 'outOfNetwork';
  terms?: NetworkTerms;
  /** Plan-level accumulators for the same network. */
  planAccumulators?: NetworkAccumulators;
  program: ProgramPlan;
  allowedPerSession: string;
}

export type EstimateResult = { estimate: CostEstimate } | { unavailable: string };

const NETWORK_WORDS = { inNetwork: 'in network', outOfNetwork: 'out of network' } as const;

/** What the patient still owes toward an accumulator: the smaller of their own and the family's remainder. */
function remainingOf(acc: Accumulator | undefined): bigint | undefined {
  const ind = toCents(acc?.individual?.remaining);
  const fam = toCents(acc?.family?.remaining);
  if (ind !== undefined && fam !== undefined) return minCents(ind, fam);
  return ind ?? fam;
}

export function estimateCost(input: EstimateInput): EstimateResult {
  const where = `${input.level} ${NETWORK_WORDS[input.network]}`;
  const { sessionsPerWeek, weeks } = input.program;
  if (!Number.isInteger(sessionsPerWeek) || !Number.isInteger(weeks) || sessionsPerWeek <= 0 || weeks <= 0) {
    return { unavailable: `${where}: the program must have a whole, positive number of sessions per week and weeks` };
  }
  const allowed = toCents(input.allowedPerSession);
  if (allowed === undefined || allowed < 0n) return { unavailable: `${where}: allowed amount per session is not a decimal amount` };
  const terms = input.terms;
  if (terms?.notCovered) return { unavailable: `${where}: not covered` };
  const copay = toCents(terms?.copay?.amount);
  const coins = terms?.coinsurancePercent !== undefined ? toRatio(terms.coinsurancePercent) : undefined;
  if (copay === undefined && coins === undefined) return { unavailable: `${where}: the payer returned no copay or coinsurance` };

  const notes: string[] = [];
  const deductibleAssumed = terms?.deductibleApplies === undefined;
  const deductibleApplies = terms?.deductibleApplies ?? true;
  let deductibleLeft = 0n;
  if (deductibleApplies) {
    const left = remainingOf(terms?.accumulators?.deductible) ?? remainingOf(input.planAccumulators?.deductible);
    if (left === undefined) return { unavailable: `${where}: the deductible applies but the remaining deductible was not returned` };
    deductibleLeft = left;
    if (deductibleAssumed) notes.push('the payer did not say whether the deductible applies; assumed it does');
  }
  const oop = remainingOf(terms?.accumulators?.outOfPocketMax) ?? remainingOf(input.planAccumulators?.outOfPocketMax);
  if (oop === undefined) notes.push('remaining out-of-pocket maximum not returned: not capped');
  let oopLeft = oop;

  let capped = false;
  // Take `amount` from the patient, limited by what is left of the out-of-pocket maximum.
  const charge = (amount: bigint): bigint => {
    if (oopLeft === undefined) return amount;
    const taken = minCents(amount, oopLeft);
    if (taken < amount) capped = true;
    oopLeft -= taken;
    return taken;
  };

  const sessions = sessionsPerWeek * weeks;
  const limit = coveredSessions(input.program, terms?.limits ?? []);
  const covered = limit ? limit.covered : sessions;
  const copayOnce = terms?.copay?.per === 'admission' || terms?.copay?.per === 'episode';
  let ded = 0n;
  let cop = 0n;
  let coi = 0n;
  for (let i = 0; i < covered; i++) {
    const toDeductible = minCents(allowed, deductibleLeft);
    deductibleLeft -= toDeductible;
    ded += charge(toDeductible);
    let rest = allowed - toDeductible;
    if (copay !== undefined && (!copayOnce || i === 0)) {
      const c = minCents(copay, rest);
      rest -= c;
      cop += charge(c);
    }
    if (coins) coi += charge(percentOf(rest, coins));
  }
  const estimate: CostEstimate = {
    network: input.network,
    sessions,
    allowedPerSession: formatCents(allowed),
    patientResponsibility: formatCents(ded + cop + coi),
    breakdown: { deductible: formatCents(ded), coinsurance: formatCents(coi), copay: formatCents(cop) },
    cappedByOutOfPocket: capped,
  };
  if (limit && limit.covered < sessions) {
    estimate.coveredSessions = limit.covered;
    estimate.sessionsBeyondLimit = sessions - limit.covered;
    estimate.chargesBeyondLimit = formatCents(allowed * BigInt(sessions - limit.covered));
    notes.push(
      `${sessions - limit.covered} of ${sessions} sessions are beyond the plan's limit (${limit.text}) and not covered; the patient pays them in full (${estimate.chargesBeyondLimit} at the allowed amount) unless the payer authorizes more`,
    );
  }
  if (deductibleAssumed && deductibleApplies) estimate.deductibleAssumed = true;
  if (notes.length > 0) estimate.notes = notes;
  return { estimate };
}

/** rest × percent / 100, half-up to the cent (percent is 0–100, possibly fractional). */
function percentOf(cents: bigint, percent: Ratio): bigint {
  return multiplyCents(cents, { numerator: percent.numerator, denominator: percent.denominator * 100n });
}

/** A day or visit limit applied to a program: how many sessions it covers, and the limit in words. */
export function coveredSessions(program: ProgramPlan, limits: readonly BenefitLimit[]): { covered: number; text: string } | null {
  const sessions = program.sessionsPerWeek * program.weeks;
  let best: { covered: number; text: string } | null = null;
  for (const limit of limits) {
    // A session of IOP or PHP is a treatment day; of OP, a visit. Hours and dollars limit something else.
    if (limit.unit !== 'days' && limit.unit !== 'visits') continue;
    let covered: number;
    if (limit.period === 'week') covered = Math.min(program.sessionsPerWeek, limit.quantity) * program.weeks;
    else if (limit.period === 'day' || limit.period === 'visit' || limit.period === 'month') continue;
    else covered = Math.min(sessions, Math.max(0, limit.remaining ?? limit.quantity));
    const text = `${limit.quantity} ${limit.unit}${limit.period ? ` per ${limit.period.replace(/_/g, ' ')}` : ''}${limit.remaining !== undefined ? `, ${limit.remaining} remaining` : ''}`;
    if (!best || covered < best.covered) best = { covered, text };
  }
  return best;
}

/** The network the center is in with this payer for the member's plan type (PPO, HMO, …). */
export function centerNetworkFor(status: CenterNetworkStatus | undefined, summary: Pick<CoverageSummary, 'eligibility'>): 'inNetwork' | 'outOfNetwork' {
  if (!status) return 'inNetwork';
  const plan = summary.eligibility.plan;
  for (const type of [plan.insuranceType, plan.insuranceTypeCode]) {
    const byType = type ? status.byPlanType?.[type.toUpperCase()] : undefined;
    if (byType) return byType;
  }
  return status.default;
}

/**
 * The level's estimate in the center's network. Why there is none (not covered, no cost share,
 * no remaining deductible) is a note on the level (`estimateUnavailable`), not a review reason.
 */
export function addEstimate(level: LevelOfCare, loc: LevelOfCareSummary, summary: CoverageSummary, options: NormalizeOptions): void {
  const allowed = options.allowedPerSession?.[level];
  if (!options.program || allowed === undefined) return;
  if (loc.status !== 'covered') {
    loc.estimateUnavailable = loc.status === 'not_covered' ? `${level} is not covered` : `coverage for ${level} is unknown`;
    return;
  }
  const network = centerNetworkFor(options.centerNetwork, summary);
  const r = estimateCost({ level, network, terms: loc[network], planAccumulators: summary.accumulators[network], program: options.program, allowedPerSession: allowed });
  if ('estimate' in r) {
    loc.estimate = r.estimate;
    loc.estimates = [r.estimate];
  } else loc.estimateUnavailable = r.unavailable;
}
