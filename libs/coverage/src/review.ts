// Sentences for admissions staff: what the electronic answer did not settle and what to ask.
import type { CoverageSummary, LevelOfCare, LevelOfCareSummary, RejectionSummary } from './summary';

const ASK_FOR: Record<LevelOfCare, string> = {
  IOP: 'facility outpatient (CH/CJ) or S9480 benefits',
  PHP: 'partial hospitalization (BB) or S0201/H0035 benefits',
  OP: 'outpatient mental-health provider (CF) or psychotherapy (A6) benefits',
};

function rejectionSentence(r: RejectionSummary): string {
  const followUp = r.followUpDescription ? `; follow-up: ${r.followUpDescription}` : '';
  const where = r.loop ? ` at ${r.loop}` : '';
  const next = r.retryable ? 'the inquiry can be retried later' : 'correct the request (member id, name, date of birth, provider) or call the payer';
  return `The payer rejected the inquiry: AAA ${r.code} ${r.description}${where}${followUp}; ${next}.`;
}

function eligibilityReasons(summary: CoverageSummary): string[] {
  const e = summary.eligibility;
  switch (e.status) {
    case 'inactive':
      // A settled answer: the plan is not active. Nothing for staff to ask the payer; the
      // summary and the patient view say so.
      return [];
    case 'not_found': {
      const r = e.rejections.find((x) => ['75', '67', '77'].includes(x.code)) ?? e.rejections[0];
      const what = r ? `AAA ${r.code} ${r.description}${r.followUpDescription ? `, follow-up: ${r.followUpDescription}` : ''}` : 'no match';
      return [`The payer did not find the member (${what}); check the member id, name and date of birth against the insurance card and resubmit, or call the payer.`];
    }
    case 'rejected':
      return e.rejections.map(rejectionSentence);
    case 'unknown':
      return ['The payer response did not state whether coverage is active; verify eligibility by phone or portal.'];
    default:
      // Active: a benefit-level AAA still deserves a look.
      return e.rejections.map((r) => `The payer flagged part of the response: AAA ${r.code} ${r.description}${r.loop ? ` at ${r.loop}` : ''}; confirm the affected benefits with the payer.`);
  }
}

type LevelSentence = 'unknown' | 'notCovered' | 'mentalHealthGeneral' | 'planGeneral' | 'authorization' | 'costShare';

function levelSentences(level: LevelOfCare): Record<LevelSentence, string> {
  return {
    unknown: `${level}: the payer returned no benefits for this level of care; ask the payer for ${ASK_FOR[level]}.`,
    notCovered: `${level}: returned as not covered; confirm with the payer (or the behavioral-health administrator) before admitting at this level.`,
    mentalHealthGeneral: `${level}: only general mental-health benefits were returned; ask the payer for ${ASK_FOR[level]}.`,
    planGeneral: `${level}: only plan-level benefits (service type 30) were returned; ask the payer for ${ASK_FOR[level]}.`,
    authorization: `${level}: prior authorization was not stated; ask the payer whether ${level} requires prior authorization.`,
    costShare: `${level}: no in-network copay or coinsurance was returned (not returned is not $0); ask the payer for the patient's cost share.`,
  };
}

/** The per-level sentences depend only on the level: built once, not per summary. */
const LEVEL_SENTENCES: Record<LevelOfCare, Record<LevelSentence, string>> = { IOP: levelSentences('IOP'), PHP: levelSentences('PHP'), OP: levelSentences('OP') };

function levelReasons(level: LevelOfCare, loc: LevelOfCareSummary, out: string[]): void {
  const say = LEVEL_SENTENCES[level] ?? levelSentences(level);
  if (loc.status === 'unknown') {
    out.push(say.unknown);
    return;
  }
  if (loc.status === 'not_covered') {
    out.push(say.notCovered);
    return;
  }
  if (loc.basis === 'mental_health_general') out.push(say.mentalHealthGeneral);
  else if (loc.basis === 'plan_general') out.push(say.planGeneral);
  if ((level === 'IOP' || level === 'PHP') && (loc.priorAuthorizationRequired === null || loc.priorAuthorizationRequired === undefined)) {
    out.push(say.authorization);
  }
  const inn = loc.inNetwork;
  if (!inn || (inn.copay === undefined && inn.coinsurancePercent === undefined)) out.push(say.costShare);
  // A missing estimate is a note on the level (estimateUnavailable), never a review reason by itself.
}

const NO_DEDUCTIBLE_REMAINING = 'The remaining in-network deductible was not returned; ask the payer how much of the deductible is met.';
const NO_OUT_OF_POCKET_REMAINING = 'The remaining in-network out-of-pocket maximum was not returned; ask the payer how much is met.';

function accumulatorReasons(summary: CoverageSummary, out: string[]): void {
  const inn = summary.accumulators.inNetwork;
  if (!inn?.deductible?.individual?.remaining && !inn?.deductible?.family?.remaining) out.push(NO_DEDUCTIBLE_REMAINING);
  if (!inn?.outOfPocketMax?.individual?.remaining && !inn?.outOfPocketMax?.family?.remaining) out.push(NO_OUT_OF_POCKET_REMAINING);
}

export function reviewReasons(summary: CoverageSummary): string[] {
  const out = eligibilityReasons(summary);
  if (summary.eligibility.status !== 'active') return out;
  const c = summary.carveOut;
  if (c) {
    const phone = c.phone ? ` (phone ${c.phone})` : '';
    // The member id itself stays on carveOut.memberId; review sentences carry no ids.
    const memberId = c.memberId ? ' under the member id the plan gives for them' : '';
    out.push(`Behavioral health is administered by ${c.name}${phone}; verify IOP/PHP benefits with them${memberId}.`);
  }
  const levels = summary.levelsOfCare;
  for (const level in levels) {
    const loc = levels[level as LevelOfCare];
    if (loc) levelReasons(level as LevelOfCare, loc, out);
  }
  accumulatorReasons(summary, out);
  return out;
}
