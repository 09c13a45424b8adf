// IOP / PHP / OP terms by the precedence in precedence.ts. Each (level × network × figure) takes the most
// specific evidence; a weaker fact only fills what no stronger fact stated.
import type { EligibilityBenefit } from '@bvs/x12';
import { AccumulatorBuilder, accumulatorKind } from './accumulators';
import { ACTIVE_CODES, COPAY_UNIT, HSD_BASIS_PERIOD, INACTIVE_CODES, PERIOD, QUANTITY_UNIT } from './codes';
import { formatCents, shareToPercent, toCents } from './money';
import { type NetworkKey, isNetworkSpecific, networkBuckets } from './network';
import { type LevelEvidence, classifyBenefit, hasBehavioralHealthContext, isPlanLevelBenefit } from './precedence';
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

interface Fact {
  benefit: EligibilityBenefit;
  ev: LevelEvidence;
  buckets: readonly NetworkKey[];
}

const NETWORKS: NetworkKey[] = ['inNetwork', 'outOfNetwork', 'unknownNetwork'];

/** Facts per level, in document order. */
export function collectFacts(benefits: EligibilityBenefit[], levels: readonly LevelOfCare[]): Map<LevelOfCare, Fact[]> {
  const bhContext = hasBehavioralHealthContext(benefits);
  const out = new Map<LevelOfCare, Fact[]>(levels.map((l) => [l, []]));
  for (const benefit of benefits) {
    const buckets = networkBuckets(benefit.inPlanNetwork);
    for (const ev of classifyBenefit(benefit, bhContext)) out.get(ev.level)?.push({ benefit, ev, buckets });
  }
  return out;
}

/**
 * Facts at the best rank among those accepted by `keep`, per network bucket. Within a bucket the
 * network-specific facts (EB12 Y/N) come first, so for each figure they override a W / absent one.
 */
function bestPerBucket(facts: Fact[], keep: (f: Fact) => boolean): Map<NetworkKey, Fact[]> {
  const out = new Map<NetworkKey, Fact[]>();
  for (const f of facts) {
    if (!keep(f)) continue;
    for (const n of f.buckets) {
      const cur = out.get(n);
      const curRank = cur?.[0]?.ev.rank;
      if (curRank === undefined || f.ev.rank < curRank) out.set(n, [f]);
      else if (f.ev.rank === curRank) cur?.push(f);
    }
  }
  for (const list of out.values()) if (list.length > 1) list.sort((a, b) => specificity(b) - specificity(a));
  return out;
}

const specificity = (f: Fact): number => (isNetworkSpecific(f.benefit.inPlanNetwork) ? 1 : 0);

const isCostShare = (f: Fact): boolean =>
  (f.benefit.informationCode === 'B' && f.benefit.monetaryAmount !== undefined) ||
  (f.benefit.informationCode === 'A' && f.benefit.percent !== undefined);

// HSD on a deductible / out-of-pocket EB is that accumulator's remaining amount, not a limit.
const isLimit = (f: Fact): boolean =>
  (f.benefit.informationCode === 'F' && (f.benefit.quantity !== undefined || f.benefit.monetaryAmount !== undefined)) ||
  (accumulatorKind(f.benefit) === undefined && f.benefit.deliveries.some((d) => d.quantity !== undefined));

const isServiceAccumulator = (f: Fact): boolean => accumulatorKind(f.benefit) !== undefined && !isPlanLevelBenefit(f.benefit) && !f.benefit.serviceTypeCodes.some((c) => c === '30');

/** Remaining periods: EB06 / HSD05 29 (remaining) and 33 (lifetime remaining). */
const REMAINING = new Set(['29', '33']);

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
    const ebRemaining = REMAINING.has(b.timePeriodQualifier ?? '');
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
      if (REMAINING.has(hsdPeriod ?? '') || (hsdPeriod === undefined && ebRemaining)) {
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

interface AuthCandidate {
  rank: number;
  value: boolean;
  source: string;
  text?: string;
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

function authCandidates(level: LevelOfCare, facts: Fact[], allBenefits: EligibilityBenefit[], texts: AuthTextCache): AuthCandidate[] {
  const out: AuthCandidate[] = [];
  // A "not required" from general benefits must never answer for IOP/PHP (docs/coverage-summary.md).
  const mayBeFalse = (f: Fact): boolean => level === 'OP' || f.ev.basis === 'explicit';
  for (const f of facts) {
    const eb11 = f.benefit.authorizationRequired;
    if (eb11 === 'Y') out.push({ rank: f.ev.rank, value: true, source: f.benefit.source });
    else if (eb11 === 'N' && mayBeFalse(f)) out.push({ rank: f.ev.rank, value: false, source: f.benefit.source });
    for (const msg of f.benefit.messages) {
      const { value, named } = readAuthText(msg, texts);
      if (value === undefined) continue;
      if (named.length > 0 && !named.includes(level)) continue;
      if (named.length === 0 && !value && !mayBeFalse(f)) continue;
      out.push({ rank: named.length > 0 ? 1.5 : f.ev.rank, value, source: f.benefit.source, text: msg });
    }
  }
  // A message that names the level speaks for it wherever it is attached.
  const own = new Set<EligibilityBenefit>();
  for (const f of facts) own.add(f.benefit);
  for (const b of allBenefits) {
    if (b.messages.length === 0 || own.has(b)) continue;
    for (const msg of b.messages) {
      const { value, named } = readAuthText(msg, texts);
      if (value !== undefined && named.includes(level)) out.push({ rank: 1.5, value, source: b.source, text: msg });
    }
  }
  return out;
}

function pickAuth(cands: AuthCandidate[]): AuthCandidate | undefined {
  let best: AuthCandidate | undefined;
  for (const c of cands) {
    // Same strength: "required" wins, the safe answer for admissions.
    if (!best || c.rank < best.rank || (c.rank === best.rank && c.value && !best.value)) best = c;
  }
  return best;
}

export interface LevelBuild {
  summary: LevelOfCareSummary;
  /** Rank of the evidence that set the status (for review wording). */
  rank?: number;
}

function termsFor(network: NetworkKey, costShare: Map<NetworkKey, Fact[]>, limits: Map<NetworkKey, Fact[]>, accFacts: Map<NetworkKey, Fact[]>, notCovered: Set<NetworkKey>): NetworkTerms | undefined {
  // Nothing stated for this network: no terms (the common case for unknownNetwork).
  if (!costShare.has(network) && !limits.has(network) && !accFacts.has(network) && !notCovered.has(network)) return undefined;
  const terms: NetworkTerms = {};
  const sources = new Set<string>();
  let basisRank: { rank: number; basis: CoverageBasis } | undefined;
  const note = (f: Fact): void => {
    sources.add(f.benefit.source);
    if (!basisRank || f.ev.rank < basisRank.rank) basisRank = { rank: f.ev.rank, basis: f.ev.basis };
  };

  const cs = costShare.get(network) ?? [];
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

  const acc = accFacts.get(network) ?? [];
  if (acc.length > 0) {
    const builder = new AccumulatorBuilder();
    for (const f of acc) builder.add(f.benefit);
    const built = builder.build()[network];
    if (built) {
      terms.accumulators = built;
      acc.forEach(note);
    }
  }

  // Deductible: the payer's words on the cost-share benefit first, then a service deductible.
  for (const f of cs) {
    for (const m of f.benefit.messages) {
      const d = deductibleFromText(m);
      if (d !== undefined && terms.deductibleApplies === undefined) terms.deductibleApplies = d;
    }
  }
  if (terms.deductibleApplies === undefined && terms.accumulators?.deductible) {
    const ind = terms.accumulators.deductible.individual ?? terms.accumulators.deductible.family;
    const total = toCents(ind?.total);
    if (total !== undefined) terms.deductibleApplies = total > 0n;
  }

  const lim = limitsFrom(limits.get(network) ?? []);
  if (lim.length > 0) {
    terms.limits = lim;
    (limits.get(network) ?? []).forEach(note);
  }
  if (notCovered.has(network)) terms.notCovered = true;
  if (!basisRank && !terms.notCovered) return undefined;
  if (basisRank) terms.basis = basisRank.basis;
  terms.sources = [...sources];
  return terms;
}

export function buildLevel(
  level: LevelOfCare,
  facts: Fact[],
  allBenefits: EligibilityBenefit[],
  eligibility: EligibilityStatus,
  texts: AuthTextCache = new Map(),
): LevelBuild {
  if (eligibility === 'not_found' || eligibility === 'rejected' || eligibility === 'unknown') {
    return { summary: { status: 'unknown', basis: 'none', priorAuthorizationRequired: null, sources: [] } };
  }
  const statusFacts = facts.filter((f) => {
    const c = f.benefit.informationCode;
    return ACTIVE_CODES.has(c) || INACTIVE_CODES.has(c) || c === 'I' || isCostShare(f);
  });
  let best: number | undefined;
  for (const f of statusFacts) if (best === undefined || f.ev.rank < best) best = f.ev.rank;
  const atBest = statusFacts.filter((f) => f.ev.rank === best);
  const negative = (f: Fact): boolean => f.benefit.informationCode === 'I' || INACTIVE_CODES.has(f.benefit.informationCode);
  // EB01 I without a network (or W) denies the level outright; an inactive EB beside an active one
  // at the same strength (Medicare parts, stale segments) does not.
  const blanketNegative = atBest.some((f) => f.benefit.informationCode === 'I' && !isNetworkSpecific(f.benefit.inPlanNetwork));
  let status: LevelOfCareStatus = 'unknown';
  if (atBest.length > 0) status = atBest.some((f) => !negative(f)) && !blanketNegative ? 'covered' : 'not_covered';
  if (eligibility === 'inactive') status = 'not_covered';
  const basis: CoverageBasis = atBest[0]?.ev.basis ?? 'none';

  const notCovered = new Set<NetworkKey>();
  for (const f of facts) if (f.benefit.informationCode === 'I' && f.ev.rank === best) for (const n of f.buckets) notCovered.add(n);

  // A level denied by specific evidence keeps no weaker (inherited) cost share or limits.
  const termFacts = status === 'not_covered' && best !== undefined ? facts.filter((f) => f.ev.rank <= best) : facts;
  const costShare = bestPerBucket(termFacts, isCostShare);
  const limits = bestPerBucket(termFacts, isLimit);
  const accFacts = bestPerBucket(termFacts, isServiceAccumulator);

  const summary: LevelOfCareSummary = { status, basis, sources: [], priorAuthorizationRequired: null };
  const sources = new Set<string>(atBest.map((f) => f.benefit.source));
  for (const n of NETWORKS) {
    const terms = termsFor(n, costShare, limits, accFacts, notCovered);
    if (!terms) continue;
    summary[n] = terms;
    terms.sources?.forEach((s) => sources.add(s));
  }
  if (status === 'covered') {
    const auth = pickAuth(authCandidates(level, facts, allBenefits, texts));
    if (auth) {
      summary.priorAuthorizationRequired = auth.value;
      sources.add(auth.source);
      if (auth.text) summary.priorAuthorizationText = auth.text;
    }
  }
  summary.sources = [...sources];
  return { summary, rank: best };
}
