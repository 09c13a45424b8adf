// Deductible (EB01 C) and out-of-pocket maximum (EB01 G) per network and coverage level.
// Total from EB06 23/22/25/21/32 (or no EB06), remaining from 29 (33 lifetime), on its own EB or
// as an HSD of the accumulator's EB; when only the year-to-date (24) is given, remaining =
// total − YTD, flagged as derived. A figure for one network (EB12 Y/N) overrides a W / absent one.
import type { EligibilityBenefit } from '@bvs/x12';
import { formatCents, maxCents, toCents } from './money';
import { type NetworkKey, isNetworkSpecific, networkBuckets } from './network';
import type { Accumulator, Accumulators, AmountPair, NetworkAccumulators } from './summary';

// Compared, not looked up in Sets: EB06 / HSD05 are the parser's fresh strings on every answer (issue 19).
/** EB06 23, 22, 25, 21, 32, or 26 (episode: Medicare Part A's deductible is per benefit period). */
const isTotalPeriod = (p: string): boolean => p === '23' || p === '22' || p === '25' || p === '21' || p === '32' || p === '26';
/** EB06 / HSD05 29 (remaining) or 33 (lifetime remaining). */
const isRemainingPeriod = (p: string | undefined): boolean => p === '29' || p === '33';

type Kind = 'deductible' | 'outOfPocketMax';
type Tier = 'individual' | 'family';

type Figure = 'total' | 'remaining' | 'ytd';

interface Slot {
  total?: bigint;
  remaining?: bigint;
  ytd?: bigint;
  /** Figures already set by a network-specific (Y/N) EB: a W / absent one no longer replaces them. */
  specific: Set<Figure>;
  sources: Map<Figure, string>;
}

function figureOf(period: string | undefined): Figure | undefined {
  if (period === undefined || period === '' || isTotalPeriod(period)) return 'total';
  if (isRemainingPeriod(period)) return 'remaining';
  if (period === '24') return 'ytd';
  return undefined;
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
    const figure = figureOf(benefit.timePeriodQualifier);
    if (figure) this.put(benefit, kind, t, figure, cents);
    // HSD*…*29 / 33 on a deductible or out-of-pocket EB: the remaining amount (Medicare style).
    for (const d of benefit.deliveries) {
      if (d.quantity === undefined || !isRemainingPeriod(d.timePeriodQualifier)) continue;
      const remaining = toCents(d.quantity);
      if (remaining !== undefined) this.put(benefit, kind, t, 'remaining', remaining);
    }
    return true;
  }

  private put(benefit: EligibilityBenefit, kind: Kind, t: Tier, figure: Figure, cents: bigint): void {
    const specific = isNetworkSpecific(benefit.inPlanNetwork);
    for (const network of networkBuckets(benefit.inPlanNetwork)) {
      const key = `${network}|${kind}|${t}`;
      const slot = this.slots.get(key) ?? { specific: new Set<Figure>(), sources: new Map<Figure, string>() };
      // First stated figure wins, except that a network-specific one replaces a general one.
      const replace = slot[figure] === undefined || (specific && !slot.specific.has(figure));
      if (replace) {
        slot[figure] = cents;
        slot.sources.set(figure, benefit.source);
        if (specific) slot.specific.add(figure);
      }
      this.slots.set(key, slot);
    }
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
  pair.sources = [...new Set(slot.sources.values())];
  return pair;
}
