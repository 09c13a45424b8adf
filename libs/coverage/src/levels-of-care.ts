// IOP / PHP / OP terms by the precedence in precedence.ts. Each (level × network × figure) takes the most
// specific evidence; a weaker fact only fills what no stronger fact stated.
import type { EligibilityBenefit } from '@bvs/x12';
import { AccumulatorBuilder, accumulatorKind } from './accumulators';
import { COPAY_UNIT, HSD_BASIS_PERIOD, PERIOD, QUANTITY_UNIT, isActiveCode, isInactiveCode } from './codes';
import { formatCents, shareToPercent, toCents } from './money';
import { type NetworkKey, isNetworkSpecific, networkBuckets } from './network';
import { type LevelEvidence, type ServiceProfile, isPlanLevelBenefit } from './precedence';
import type {
  BenefitLimit,
  CoverageBasis,
  EligibilityStatus,
  LevelOfCare,
  LevelOfCareStatus,
  LevelOfCareSummary,
  NetworkTerms,
} from './summary';
import { authFromText, deductibleFromText, levelsNamedIn } from './text';

/** What the per-level pass asks of a benefit, read once per benefit (every level it speaks for shares it). */
interface BenefitTraits {
  buckets: readonly NetworkKey[];
  /** EB12 Y/N: its figures override a W / absent one. */
  specific: boolean;
  /** Sets the level's status: active, inactive, I (non-covered) or a cost share. */
  status: boolean;
  /** Inactive or non-covered. */
  negative: boolean;
  costShare: boolean;
  limit: boolean;
  serviceAccumulator: boolean;
}

interface Fact {
  benefit: EligibilityBenefit;
  ev: LevelEvidence;
  traits: BenefitTraits;
}

const NETWORKS: NetworkKey[] = ['inNetwork', 'outOfNetwork', 'unknownNetwork'];
const bucketIndex = (n: NetworkKey): number => (n === 'inNetwork' ? 0 : n === 'outOfNetwork' ? 1 : 2);

const isCostShare = (b: EligibilityBenefit): boolean =>
  (b.informationCode === 'B' && b.monetaryAmount !== undefined) || (b.informationCode === 'A' && b.percent !== undefined);

// HSD on a deductible / out-of-pocket EB is that accumulator's remaining amount, not a limit.
const isLimit = (b: EligibilityBenefit): boolean =>
  (b.informationCode === 'F' && (b.quantity !== undefined || b.monetaryAmount !== undefined)) ||
  (accumulatorKind(b) === undefined && b.deliveries.some((d) => d.quantity !== undefined));

const isServiceAccumulator = (b: EligibilityBenefit): boolean =>
  accumulatorKind(b) !== undefined && !isPlanLevelBenefit(b) && !b.serviceTypeCodes.some((c) => c === '30');

function traitsOf(b: EligibilityBenefit): BenefitTraits {
  const c = b.informationCode;
  const costShare = isCostShare(b);
  const negative = c === 'I' || isInactiveCode(c);
  return {
    buckets: networkBuckets(b.inPlanNetwork),
    specific: isNetworkSpecific(b.inPlanNetwork),
    status: negative || isActiveCode(c) || costShare,
    negative,
    costShare,
    limit: isLimit(b),
    serviceAccumulator: isServiceAccumulator(b),
  };
}

/** A level's place in LEVELS_OF_CARE order; -1 for anything else. */
const levelIndex = (level: string): number => (level === 'IOP' ? 0 : level === 'PHP' ? 1 : level === 'OP' ? 2 : -1);

// Shared and empty, but not frozen: every level's facts then have one array shape, and the loops
// over them (buildLevelSummary, pickAuth) stay monomorphic; a frozen array mixed with the
// collected lists made them slower (issue 19). Typed readonly, so no caller can add to it.
const NO_FACTS: readonly Fact[] = [];

/** Facts per level, in document order. */
export class LevelFacts {
  private readonly lists: (Fact[] | undefined)[] = [undefined, undefined, undefined];

  /** `profiles[i]` is serviceProfile(benefits[i]); only the levels asked for are collected. */
  constructor(benefits: EligibilityBenefit[], levels: readonly LevelOfCare[], profiles: readonly ServiceProfile[]) {
    // The levels asked for, one bit each (IOP 1, PHP 2, OP 4).
    let wanted = 0;
    for (const l of levels) {
      const i = levelIndex(l);
      if (i >= 0) wanted |= 1 << i;
    }
    // Service type 50 speaks for IOP/PHP only when the answer mentions MH/SUD somewhere.
    let bhContext = 0;
    for (const p of profiles) {
      if (p.bh) {
        bhContext = 1;
        break;
      }
    }
    const lists = this.lists;
    for (let i = 0; i < benefits.length; i++) {
      const evidence = profiles[i].evidence[bhContext];
      if (evidence.length === 0) continue;
      const benefit = benefits[i];
      let traits: BenefitTraits | undefined;
      // eslint-disable-next-line @typescript-eslint/prefer-for-of -- the evidence lists are frozen and unfrozen arrays: an iterator over both was measurably slower (issue 19)
      for (let j = 0; j < evidence.length; j++) {
        const ev = evidence[j];
        const l = levelIndex(ev.level);
        if ((wanted & (1 << l)) === 0) continue;
        traits ??= traitsOf(benefit);
        const fact: Fact = { benefit, ev, traits };
        const list = lists[l];
        if (list === undefined) lists[l] = [fact];
        else list.push(fact);
      }
    }
  }

  of(level: LevelOfCare): readonly Fact[] {
    const i = levelIndex(level);
    return (i >= 0 ? this.lists[i] : undefined) ?? NO_FACTS;
  }
}

/**
 * Facts at the best rank per network bucket for one figure (cost share, limits or service
 * accumulators), filled in the level's single pass. Within a bucket the network-specific facts
 * (EB12 Y/N) come first, so for each figure they override a W / absent one.
 */
class BestPerBucket {
  readonly lists: (Fact[] | undefined)[] = [undefined, undefined, undefined];

  add(f: Fact): void {
    for (const n of f.traits.buckets) {
      const i = bucketIndex(n);
      const cur = this.lists[i];
      if (cur === undefined || f.ev.rank < cur[0].ev.rank) this.lists[i] = [f];
      else if (f.ev.rank === cur[0].ev.rank) cur.push(f);
    }
  }

  /** Sorts each bucket specific-first and, for a level denied by specific evidence, drops weaker buckets. */
  finish(maxRank: number | undefined): void {
    for (let i = 0; i < 3; i++) {
      const list = this.lists[i];
      if (list === undefined) continue;
      if (maxRank !== undefined && list[0].ev.rank > maxRank) this.lists[i] = undefined;
      else if (list.length > 1) list.sort((a, b) => specificity(b) - specificity(a));
    }
  }
}

const specificity = (f: Fact): number => (f.traits.specific ? 1 : 0);

/** Remaining periods: EB06 / HSD05 29 (remaining) and 33 (lifetime remaining); compared, not hashed (issue 19). */
const isRemaining = (p: string | undefined): boolean => p === '29' || p === '33';

interface Remainder {
  unit: string;
  remaining: number;
  lifetime: boolean;
  source: string;
}

/**
 * Limits stated for one level in one network. A remaining figure (time period 29 / 33, on its own
 * EB or in an HSD) is the `remaining` of the matching limit, never a limit of its own. Facts come
 * network-specific first: a unit stated by a Y/N EB is not stated again from a W / absent one.
 */
function limitsFrom(facts: Fact[]): BenefitLimit[] {
  const limits: BenefitLimit[] = [];
  if (facts.length === 0) return limits;
  // EB01 F limits are what a remaining figure refers to first; HSD limits only when no F matches.
  const stated = new Set<BenefitLimit>();
  const remainders: Remainder[] = [];
  const specificUnits = new Set<string>();
  const withPeriod = (limit: BenefitLimit, code: string | undefined): BenefitLimit => {
    const period = code ? PERIOD[code] : undefined;
    if (period) limit.period = period;
    return limit;
  };
  const add = (f: Fact, limit: BenefitLimit): void => {
    const key = `${limit.unit}|${limit.period ?? ''}`;
    if (isNetworkSpecific(f.benefit.inPlanNetwork)) specificUnits.add(key);
    else if (specificUnits.has(key)) return;
    limits.push(limit);
  };
  for (const f of facts) {
    const b = f.benefit;
    const ebRemaining = isRemaining(b.timePeriodQualifier);
    if (b.informationCode === 'F' && b.quantity !== undefined && b.quantityQualifier) {
      const quantity = Number(b.quantity);
      const unit = QUANTITY_UNIT[b.quantityQualifier] ?? b.quantityQualifier;
      if (ebRemaining) {
        remainders.push({ unit, remaining: quantity, lifetime: b.timePeriodQualifier === '33', source: b.source });
      } else {
        const limit = withPeriod({ quantity, unit, source: b.source }, b.timePeriodQualifier);
        stated.add(limit);
        add(f, limit);
      }
    } else if (b.informationCode === 'F' && b.monetaryAmount !== undefined) {
      const cents = toCents(b.monetaryAmount);
      if (cents !== undefined && ebRemaining) {
        remainders.push({ unit: 'dollars', remaining: Number(formatCents(cents)), lifetime: b.timePeriodQualifier === '33', source: b.source });
      } else if (cents !== undefined) {
        const limit = withPeriod({ quantity: Number(formatCents(cents)), unit: 'dollars', source: b.source }, b.timePeriodQualifier);
        stated.add(limit);
        add(f, limit);
      }
    }
    for (const d of b.deliveries) {
      if (d.quantity === undefined || !d.quantityQualifier) continue;
      const unit = QUANTITY_UNIT[d.quantityQualifier] ?? d.quantityQualifier;
      // HSD*VS*12***29: 12 visits remaining (HSD05 29), or an HSD under a remaining EB (EB06 29).
      const hsdPeriod = d.timePeriodQualifier;
      if (isRemaining(hsdPeriod) || (hsdPeriod === undefined && ebRemaining)) {
        const lifetime = (hsdPeriod ?? b.timePeriodQualifier) === '33';
        remainders.push({ unit, remaining: Number(d.quantity), lifetime, source: b.source });
        continue;
      }
      const limit: BenefitLimit = { quantity: Number(d.quantity), unit, source: b.source };
      const period = hsdPeriod ? PERIOD[hsdPeriod] : d.unitOrBasis ? HSD_BASIS_PERIOD[d.unitOrBasis] : undefined;
      if (period) limit.period = period;
      add(f, limit);
    }
  }
  for (const r of remainders) {
    const open = (l: BenefitLimit): boolean => l.unit === r.unit && l.remaining === undefined;
    const samePeriod = (l: BenefitLimit): boolean => (r.lifetime ? l.period === 'lifetime' : l.period !== 'lifetime');
    const target =
      limits.find((l) => stated.has(l) && open(l) && samePeriod(l)) ?? limits.find((l) => open(l) && samePeriod(l)) ?? limits.find(open);
    if (target) {
      target.remaining = r.remaining;
      if (target.source !== r.source) target.remainingSource = r.source;
    }
    // Only the remainder was returned: say so rather than invent a total.
    else limits.push({ quantity: r.remaining, unit: r.unit, period: r.lifetime ? 'lifetime_remaining' : 'remaining', remaining: r.remaining, source: r.source });
  }
  return limits;
}

/**
 * `sources` with `source` added once, in the order first met (a level names a handful of EBs: a
 * scan beats a Set). The caller stores the result back. Most levels name one or two EBs, and an
 * empty array's first push allocates room for 17: the first two make exact-size arrays (issue 19).
 */
function withSource(sources: string[], source: string): string[] {
  switch (sources.length) {
    case 0:
      return [source];
    case 1:
      return sources[0] === source ? sources : [sources[0], source];
    default:
      if (!sources.includes(source)) sources.push(source);
      return sources;
  }
}

/** What one MSG text says about prior authorization, read once per normalization (every level asks). */
interface AuthText {
  value: boolean | undefined;
  named: LevelOfCare[];
}
export type AuthTextCache = Map<string, AuthText>;

function readAuthText(msg: string, cache: AuthTextCache): AuthText {
  let read = cache.get(msg);
  if (read === undefined) {
    const value = authFromText(msg);
    // The levels named only matter when the text settles authorization.
    read = { value, named: value === undefined ? [] : levelsNamedIn(msg) };
    cache.set(msg, read);
  }
  return read;
}

/** The strongest prior-authorization statement offered so far (candidates come in document order). */
class AuthPick {
  rank = Infinity;
  value = false;
  source = '';
  text: string | undefined = undefined;
  found = false;

  offer(rank: number, value: boolean, source: string, text: string | undefined): void {
    // Same strength: "required" wins, the safe answer for admissions.
    if (!this.found || rank < this.rank || (rank === this.rank && value && !this.value)) {
      this.found = true;
      this.rank = rank;
      this.value = value;
      this.source = source;
      this.text = text;
    }
  }
}

function pickAuth(level: LevelOfCare, facts: readonly Fact[], allBenefits: EligibilityBenefit[], texts: AuthTextCache): AuthPick {
  const pick = new AuthPick();
  for (const f of facts) {
    const b = f.benefit;
    // A "not required" from general benefits must never answer for IOP/PHP (docs/coverage-summary.md).
    const mayBeFalse = level === 'OP' || f.ev.basis === 'explicit';
    const eb11 = b.authorizationRequired;
    if (eb11 === 'Y') pick.offer(f.ev.rank, true, b.source, undefined);
    else if (eb11 === 'N' && mayBeFalse) pick.offer(f.ev.rank, false, b.source, undefined);
    for (const msg of b.messages) {
      const { value, named } = readAuthText(msg, texts);
      if (value === undefined) continue;
      if (named.length > 0 && !named.includes(level)) continue;
      if (named.length === 0 && !value && !mayBeFalse) continue;
      pick.offer(named.length > 0 ? 1.5 : f.ev.rank, value, b.source, msg);
    }
  }
  // A message that names the level speaks for it wherever it is attached. The level's facts are
  // a subsequence of the benefits (same order), so one walk tells its own benefits from the others.
  let own = 0;
  for (const b of allBenefits) {
    if (own < facts.length && facts[own].benefit === b) {
      own++;
      continue;
    }
    if (b.messages.length === 0) continue;
    for (const msg of b.messages) {
      const { value, named } = readAuthText(msg, texts);
      if (value !== undefined && named.includes(level)) pick.offer(1.5, value, b.source, msg);
    }
  }
  return pick;
}

function termsFor(cs: Fact[] | undefined, limits: Fact[] | undefined, acc: Fact[] | undefined, network: NetworkKey, notCovered: boolean): NetworkTerms | undefined {
  // Nothing stated for this network: no terms (the common case for unknownNetwork).
  if (cs === undefined && limits === undefined && acc === undefined && !notCovered) return undefined;
  const terms: NetworkTerms = {};
  let sources: string[] = [];
  let basisRank = Infinity;
  let basis: CoverageBasis | undefined;
  const note = (f: Fact): void => {
    sources = withSource(sources, f.benefit.source);
    if (basis === undefined || f.ev.rank < basisRank) {
      basisRank = f.ev.rank;
      basis = f.ev.basis;
    }
  };

  if (cs !== undefined) {
    const copay = cs.find((f) => f.benefit.informationCode === 'B');
    if (copay) {
      const cents = toCents(copay.benefit.monetaryAmount);
      if (cents !== undefined) {
        terms.copay = { amount: formatCents(cents) };
        const per = copay.benefit.timePeriodQualifier ? COPAY_UNIT[copay.benefit.timePeriodQualifier] : undefined;
        if (per) terms.copay.per = per;
        note(copay);
      }
    }
    const coins = cs.find((f) => f.benefit.informationCode === 'A');
    if (coins) {
      const pct = shareToPercent(coins.benefit.percent);
      if (pct !== undefined) {
        terms.coinsurancePercent = pct;
        note(coins);
      }
    }
  }

  if (acc !== undefined) {
    const builder = new AccumulatorBuilder();
    for (const f of acc) builder.add(f.benefit);
    const built = builder.build()[network];
    if (built) {
      terms.accumulators = built;
      acc.forEach(note);
    }
  }

  // Deductible: the payer's words on the cost-share benefit first, then a service deductible.
  if (cs !== undefined) {
    for (const f of cs) {
      for (const m of f.benefit.messages) {
        const d = deductibleFromText(m);
        if (d !== undefined && terms.deductibleApplies === undefined) terms.deductibleApplies = d;
      }
    }
  }
  if (terms.deductibleApplies === undefined && terms.accumulators?.deductible) {
    const ind = terms.accumulators.deductible.individual ?? terms.accumulators.deductible.family;
    const total = toCents(ind?.total);
    if (total !== undefined) terms.deductibleApplies = total > 0n;
  }

  if (limits !== undefined) {
    const lim = limitsFrom(limits);
    if (lim.length > 0) {
      terms.limits = lim;
      limits.forEach(note);
    }
  }
  if (notCovered) terms.notCovered = true;
  if (basis === undefined && !terms.notCovered) return undefined;
  if (basis !== undefined) terms.basis = basis;
  terms.sources = sources;
  return terms;
}

/**
 * One level of care's summary. `texts` is the normalization's MSG reading cache, or undefined
 * when no benefit has an EB11 or a MSG (then nothing can settle prior authorization).
 */
export function buildLevelSummary(
  level: LevelOfCare,
  facts: readonly Fact[],
  allBenefits: EligibilityBenefit[],
  eligibility: EligibilityStatus,
  texts: AuthTextCache | undefined,
): LevelOfCareSummary {
  if (eligibility === 'not_found' || eligibility === 'rejected' || eligibility === 'unknown') {
    return { status: 'unknown', basis: 'none', priorAuthorizationRequired: null, sources: [] };
  }
  // One pass: the best status rank, and the best facts per network for each figure.
  let best: number | undefined;
  let costShare: BestPerBucket | undefined;
  let limits: BestPerBucket | undefined;
  let accFacts: BestPerBucket | undefined;
  for (const f of facts) {
    const t = f.traits;
    if (t.status && (best === undefined || f.ev.rank < best)) best = f.ev.rank;
    if (t.costShare) (costShare ??= new BestPerBucket()).add(f);
    if (t.limit) (limits ??= new BestPerBucket()).add(f);
    if (t.serviceAccumulator) (accFacts ??= new BestPerBucket()).add(f);
  }
  // The status facts at the best rank decide the status. EB01 I without a network (or W) denies the
  // level outright; an inactive EB beside an active one at the same strength (Medicare parts, stale
  // segments) does not.
  let basis: CoverageBasis = 'none';
  let anyAtBest = false;
  let positive = false;
  let blanketNegative = false;
  let notCovered0 = false;
  let notCovered1 = false;
  let notCovered2 = false;
  let sources: string[] = [];
  if (best !== undefined) {
    for (const f of facts) {
      if (!f.traits.status || f.ev.rank !== best) continue;
      if (!anyAtBest) basis = f.ev.basis;
      anyAtBest = true;
      sources = withSource(sources, f.benefit.source);
      if (!f.traits.negative) positive = true;
      if (f.benefit.informationCode === 'I') {
        if (!f.traits.specific) blanketNegative = true;
        for (const n of f.traits.buckets) {
          if (n === 'inNetwork') notCovered0 = true;
          else if (n === 'outOfNetwork') notCovered1 = true;
          else notCovered2 = true;
        }
      }
    }
  }
  let status: LevelOfCareStatus = 'unknown';
  if (anyAtBest) status = positive && !blanketNegative ? 'covered' : 'not_covered';
  if (eligibility === 'inactive') status = 'not_covered';

  // A level denied by specific evidence keeps no weaker (inherited) cost share or limits.
  const maxRank = status === 'not_covered' ? best : undefined;
  costShare?.finish(maxRank);
  limits?.finish(maxRank);
  accFacts?.finish(maxRank);

  // `sources` grows below (the status facts', then each network's, then the authorization's) and is
  // stored back at the end; the key keeps its place in the summary.
  const summary: LevelOfCareSummary = { status, basis, sources, priorAuthorizationRequired: null };
  if (costShare !== undefined || limits !== undefined || accFacts !== undefined || notCovered0 || notCovered1 || notCovered2) {
    for (let i = 0; i < 3; i++) {
      const n = NETWORKS[i];
      const terms = termsFor(costShare?.lists[i], limits?.lists[i], accFacts?.lists[i], n, i === 0 ? notCovered0 : i === 1 ? notCovered1 : notCovered2);
      if (!terms) continue;
      summary[n] = terms;
      if (terms.sources) for (const s of terms.sources) sources = withSource(sources, s);
    }
  }
  if (status === 'covered' && texts !== undefined) {
    const auth = pickAuth(level, facts, allBenefits, texts);
    if (auth.found) {
      summary.priorAuthorizationRequired = auth.value;
      sources = withSource(sources, auth.source);
      if (auth.text) summary.priorAuthorizationText = auth.text;
    }
  }
  summary.sources = sources;
  return summary;
}
