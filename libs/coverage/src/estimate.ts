// Patient cost for a program (sessions × allowed amount) in one network: remaining deductible
// first (when it applies), then copay and coinsurance per session, all capped by the remaining
// out-of-pocket maximum. Integer cents throughout.
import { type Ratio, formatCents, minCents, multiplyCents, toCents, toRatio } from './money';
import type { Accumulator, CostEstimate, LevelOfCare, NetworkAccumulators, NetworkTerms, ProgramPlan } from './summary';

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
  const copayOnce = terms?.copay?.per === 'admission' || terms?.copay?.per === 'episode';
  let ded = 0n;
  let cop = 0n;
  let coi = 0n;
  for (let i = 0; i < sessions; i++) {
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
  if (deductibleAssumed && deductibleApplies) estimate.deductibleAssumed = true;
  if (notes.length > 0) estimate.notes = notes;
  return { estimate };
}

/** rest × percent / 100, half-up to the cent (percent is 0–100, possibly fractional). */
function percentOf(cents: bigint, percent: Ratio): bigint {
  return multiplyCents(cents, { numerator: percent.numerator, denominator: percent.denominator * 100n });
}
