// Deductible (EB01 C) and out-of-pocket maximum (EB01 G) per network and coverage level.
// Total from EB06 23/22/25/21/32 (or no EB06), remaining from 29 (33 lifetime); when only the
// year-to-date (24) is given, remaining = total − YTD, flagged as derived.
import type { EligibilityBenefit } from '@bvs/x12';
import { formatCents, maxCents, toCents } from './money';
import { type NetworkKey, networkBuckets } from './network';
import type { Accumulator, Accumulators, AmountPair, NetworkAccumulators } from './summary';

const TOTAL_PERIODS = new Set(['23', '22', '25', '21', '32']);
const REMAINING_PERIODS = new Set(['29', '33']);
const YTD_PERIODS = new Set(['24']);

type Kind = 'deductible' | 'outOfPocketMax';
type Tier = 'individual' | 'family';

interface Slot {
  total?: bigint;
  remaining?: bigint;
  ytd?: bigint;
  sources: string[];
}

export function accumulatorKind(benefit: EligibilityBenefit): Kind | undefined {
  if (benefit.informationCode === 'C') return 'deductible';
  if (benefit.informationCode === 'G') return 'outOfPocketMax';
  return undefined;
}

/** EB02: family tiers vs the patient's own. No EB02 = not tier-specific, read as the patient's. */
function tier(code: string | undefined): Tier | undefined {
  if (code === undefined || code === '' || code === 'IND' || code === 'EMP') return 'individual';
  if (code === 'FAM') return 'family';
  return undefined; // ESP, ECH, SPC, ... are neither the patient's nor the family's figure.
}

/** Collects accumulator facts; first stated figure per slot wins (merged responses come in order). */
export class AccumulatorBuilder {
  private readonly slots = new Map<string, Slot>();

  add(benefit: EligibilityBenefit): boolean {
    const kind = accumulatorKind(benefit);
    const t = tier(benefit.coverageLevelCode);
    const cents = toCents(benefit.monetaryAmount);
    if (!kind || !t || cents === undefined) return false;
    const period = benefit.timePeriodQualifier;
    for (const network of networkBuckets(benefit.inPlanNetwork)) {
      const key = `${network}|${kind}|${t}`;
      const slot = this.slots.get(key) ?? { sources: [] };
      let used = false;
      if (period === undefined || period === '' || TOTAL_PERIODS.has(period)) {
        if (slot.total === undefined) {
          slot.total = cents;
          used = true;
        }
      } else if (REMAINING_PERIODS.has(period)) {
        if (slot.remaining === undefined) {
          slot.remaining = cents;
          used = true;
        }
      } else if (YTD_PERIODS.has(period)) {
        if (slot.ytd === undefined) {
          slot.ytd = cents;
          used = true;
        }
      }
      if (used && !slot.sources.includes(benefit.source)) slot.sources.push(benefit.source);
      this.slots.set(key, slot);
    }
    return true;
  }

  get isEmpty(): boolean {
    return this.slots.size === 0;
  }

  build(): Accumulators {
    const out: Accumulators = {};
    for (const [key, slot] of this.slots) {
      const [network, kind, t] = key.split('|') as [NetworkKey, Kind, Tier];
      const pair = toPair(slot);
      if (!pair) continue;
      const net: NetworkAccumulators = out[network] ?? {};
      const acc: Accumulator = net[kind] ?? {};
      acc[t] = pair;
      net[kind] = acc;
      out[network] = net;
    }
    return out;
  }
}

function toPair(slot: Slot): AmountPair | undefined {
  const pair: AmountPair = {};
  if (slot.total !== undefined) pair.total = formatCents(slot.total);
  if (slot.remaining !== undefined) pair.remaining = formatCents(slot.remaining);
  else if (slot.total !== undefined && slot.ytd !== undefined) {
    // Derived, never below zero: a YTD above the total means it has been met.
    pair.remaining = formatCents(maxCents(slot.total - slot.ytd, 0n));
    pair.remainingDerived = true;
  }
  if (pair.total === undefined && pair.remaining === undefined) return undefined;
  pair.sources = slot.sources;
  return pair;
}
