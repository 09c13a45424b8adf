// Entry point: one or more 271s for the same patient -> one coverage summary.
// Responses are merged in order; for every figure the most specific evidence wins and every
// source EB is kept. A follow-up answer from a behavioral-health administrator is just one more
// response: its explicit benefits outrank the plan's general ones.
import type { EligibilityBenefit, EligibilityResponse } from '@bvs/x12';
import { AccumulatorBuilder, accumulatorKind } from './accumulators';
import { findCarveOut } from './carve-out';
import { mergeStatus, responseStatus, summarizeEligibility } from './eligibility';
import { addEstimate } from './estimate';
import { type AuthTextCache, LevelFacts, buildLevelSummary } from './levels-of-care';
import { selectPatient } from './patient';
import { addPlanLoops } from './plans';
import { type ServiceProfile, serviceProfile } from './precedence';
import { reviewReasons } from './review';
import {
  type CoverageSummary,
  LEVELS_OF_CARE,
  type LevelOfCare,
  type LevelOfCareSummary,
  type NormalizationResult,
  type NormalizeOptions,
  type ResponseProvenance,
} from './summary';
import { mentionsBehavioralHealth } from './text';

/** Plan-level (EB03 30, 1 or empty) deductible / out-of-pocket. Service-specific ones live on the level terms. */
function planAccumulators(benefits: EligibilityBenefit[]): CoverageSummary['accumulators'] {
  let builder: AccumulatorBuilder | undefined;
  for (const b of benefits) {
    // Only a deductible or out-of-pocket EB adds anything.
    if (accumulatorKind(b) === undefined) continue;
    const planLevel = !b.procedure && (b.serviceTypeCodes.length === 0 || b.serviceTypeCodes.some((c) => c === '30' || c === '1'));
    if (planLevel) (builder ??= new AccumulatorBuilder()).add(b);
  }
  return builder ? builder.build() : {};
}

/** MSG texts kept on the summary: every message on a behavioral-health benefit, and any message that talks about BH. */
function behavioralHealthMessages(benefits: EligibilityBenefit[], profiles: readonly ServiceProfile[]): string[] {
  let out: Set<string> | undefined;
  for (let i = 0; i < benefits.length; i++) {
    const b = benefits[i];
    if (b.messages.length === 0) continue;
    out ??= new Set<string>();
    const bh = profiles[i].bh;
    for (const m of b.messages) {
      const text = m.trim();
      if (text && !out.has(text) && (bh || mentionsBehavioralHealth(text))) out.add(text);
    }
  }
  return out ? [...out] : [];
}

/** "NAME (payer id)" of the payer that sent a response. */
function payerLabel(response: EligibilityResponse): string {
  const name = response.source.name?.lastNameOrOrganizationName ?? 'Unknown payer';
  const id = response.source.name?.identificationCode;
  return id ? `${name} (${id})` : name;
}

function provenanceOf(v: ReturnType<typeof selectPatient>): ResponseProvenance {
  const payer = v.response.source.name?.lastNameOrOrganizationName ?? 'Unknown payer';
  const payerId = v.response.source.name?.identificationCode;
  return payerId ? { payer, payerId, benefits: v.benefits.length } : { payer, benefits: v.benefits.length };
}

/**
 * Provenance when several payers answered (a plan and its behavioral-health administrator):
 * the summary lists the answers, and each level of care says whose EBs its figures came from.
 */
function addProvenance(summary: CoverageSummary, views: ReturnType<typeof selectPatient>[]): void {
  // One response has one payer: nothing to attribute.
  if (views.length < 2 || new Set(views.map((v) => payerLabel(v.response))).size < 2) return;
  const payersBySource = new Map<string, Set<string>>();
  for (const view of views) {
    for (const benefit of view.benefits) {
      const set = payersBySource.get(benefit.source) ?? new Set<string>();
      set.add(payerLabel(view.response));
      payersBySource.set(benefit.source, set);
    }
  }
  for (const loc of Object.values(summary.levelsOfCare)) {
    const answeredBy = new Set(loc.sources.flatMap((source) => [...(payersBySource.get(source) ?? [])]));
    if (answeredBy.size > 0) loc.answeredBy = [...answeredBy];
  }
}

/** The levels of care keyed in the order asked; the usual IOP, PHP, OP as one literal (one shape). */
function levelsRecord(levels: readonly LevelOfCare[], built: LevelOfCareSummary[]): CoverageSummary['levelsOfCare'] {
  if (levels.length === 3 && levels[0] === 'IOP' && levels[1] === 'PHP' && levels[2] === 'OP') return { IOP: built[0], PHP: built[1], OP: built[2] };
  const out: CoverageSummary['levelsOfCare'] = {};
  for (let i = 0; i < levels.length; i++) out[levels[i]] = built[i];
  return out;
}

/** The summary's levels until they are built (addEstimate reads the summary's other parts only). */
const NO_LEVELS_YET: CoverageSummary['levelsOfCare'] = Object.freeze({});

/** Whether any benefit could settle prior authorization (EB11, or a MSG text): when none can, no level asks. */
function anyAuthorizationSignal(benefits: EligibilityBenefit[]): boolean {
  for (const b of benefits) if (b.messages.length > 0 || b.authorizationRequired === 'Y' || b.authorizationRequired === 'N') return true;
  return false;
}

export function normalizeEligibility(responses: EligibilityResponse[], options: NormalizeOptions = {}): NormalizationResult {
  // One response (the usual case): no per-view arrays to map or merge.
  const views = responses.length === 1 ? [selectPatient(responses[0])] : responses.map(selectPatient);
  const status = views.length === 1 ? responseStatus(views[0]) : mergeStatus(views.map(responseStatus));
  // One response: its benefit list as it is, no copy.
  const benefits = views.length === 1 ? views[0].benefits : views.flatMap((v) => v.benefits);
  const eligibility = summarizeEligibility(views, status);
  const levels = options.levelsOfCare ?? LEVELS_OF_CARE;
  // Each benefit's service types read once: BH or not, and the levels it speaks for.
  const profiles = benefits.map(serviceProfile);
  const facts = new LevelFacts(benefits, levels, profiles);

  // Every key in the literal, `responses` last as before: a key added later would allocate the
  // summary a separate property store (issue 19).
  const summary: CoverageSummary = {
    eligibility,
    accumulators: status === 'not_found' || status === 'rejected' ? {} : planAccumulators(benefits),
    levelsOfCare: NO_LEVELS_YET,
    carveOut: findCarveOut(benefits, eligibility.payer.name, profiles),
    network: options.network ?? null,
    messages: behavioralHealthMessages(benefits, profiles),
    responses: views.length === 1 ? [provenanceOf(views[0])] : views.map(provenanceOf),
  };
  // No EB11 and no MSG anywhere (most answers): the levels skip the authorization pick.
  const authTexts: AuthTextCache | undefined = anyAuthorizationSignal(benefits) ? new Map() : undefined;
  // No program or no rates: addEstimate would return at once for every level.
  const estimating = options.program !== undefined && options.allowedPerSession !== undefined;
  const built = new Array<LevelOfCareSummary>(levels.length);
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i];
    const loc = buildLevelSummary(level, facts.of(level), benefits, status, authTexts);
    if (estimating) addEstimate(level, loc, summary, options);
    built[i] = loc;
  }
  summary.levelsOfCare = levelsRecord(levels, built);
  addProvenance(summary, views);
  addPlanLoops(summary, views);
  return { summary, reviewReasons: reviewReasons(summary) };
}
