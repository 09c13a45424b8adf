// Several plan loops for one patient (docs/coverage-summary.md): each loop is summarized, the one that carries
// the behavioral-health benefits is named, and each level of care says which plans its figures
// came from. Benefits from every loop were merged by the ordinary precedence before this.
import type { EligibilityBenefit } from '@bvs/x12';
import { ACTIVE_CODES, INACTIVE_CODES, PLAN_STCS, insuranceTypeDisplay } from './codes';
import type { PatientView, PlanLoop } from './patient';
import { classifyBenefit, isBehavioralHealthBenefit } from './precedence';
import type { CoverageSummary, PlanLoopSummary } from './summary';

/** Best (lowest) precedence rank any benefit of the loop gives a level of care; Infinity when none. */
function bestBehavioralHealthRank(benefits: EligibilityBenefit[]): number {
  let best = Infinity;
  for (const b of benefits) {
    if (!isBehavioralHealthBenefit(b)) continue;
    for (const ev of classifyBenefit(b, true)) best = Math.min(best, ev.rank);
  }
  return best;
}

function describeLoop(loop: PlanLoop, index: number): PlanLoopSummary {
  const status = loop.benefits.filter((b) => ACTIVE_CODES.has(b.informationCode) || INACTIVE_CODES.has(b.informationCode));
  const planLevel = status.find((b) => b.planCoverageDescription && b.serviceTypeCodes.some((c) => PLAN_STCS.has(c)));
  const refs = [...loop.member.references, ...loop.benefits.flatMap((b) => b.references)];
  const group = refs.find((r) => r.qualifier === '6P');
  const planRef = refs.find((r) => r.qualifier === '18');
  const insuranceTypeCode = status.find((b) => b.insuranceTypeCode)?.insuranceTypeCode;
  const out: PlanLoopSummary = { loop: loop.isDependent ? '2000D' : '2000C', position: index + 1, benefits: loop.benefits.length, behavioralHealth: false };
  const name = (planLevel ?? status.find((b) => b.planCoverageDescription))?.planCoverageDescription ?? planRef?.description ?? group?.description;
  if (name) out.name = name;
  const memberId = loop.member.name?.identificationCode ?? loop.subscriber.name?.identificationCode;
  if (memberId) out.memberId = memberId;
  if (group?.value) out.groupNumber = group.value;
  if (insuranceTypeCode) out.insuranceType = insuranceTypeDisplay(insuranceTypeCode);
  return out;
}

const label = (p: PlanLoopSummary): string => p.name ?? (p.insuranceType ? `${p.insuranceType} plan` : `plan loop ${p.position}`);

/** Adds eligibility.plans / behavioralHealthPlan and per-level plan provenance when the patient has several loops. */
export function addPlanLoops(summary: CoverageSummary, views: PatientView[]): void {
  const loops = views.length === 1 ? views[0].loops : views.flatMap((v) => v.loops);
  if (loops.length < 2) return;
  const plans = loops.map(describeLoop);
  const ranks = loops.map((l) => bestBehavioralHealthRank(l.benefits));
  const best = Math.min(...ranks);
  if (best < Infinity) {
    const carrier = ranks.indexOf(best);
    plans[carrier].behavioralHealth = true;
    summary.eligibility.behavioralHealthPlan = plans[carrier];
  }
  summary.eligibility.plans = plans;
  // The EB text is the figure's source; the loop it sat in is its plan.
  const plansBySource = new Map<string, Set<string>>();
  loops.forEach((loop, i) => {
    for (const b of loop.benefits) {
      const set = plansBySource.get(b.source) ?? new Set<string>();
      set.add(label(plans[i]));
      plansBySource.set(b.source, set);
    }
  });
  for (const loc of Object.values(summary.levelsOfCare)) {
    const from = new Set(loc.sources.flatMap((s) => [...(plansBySource.get(s) ?? [])]));
    if (from.size > 0) loc.plans = [...from];
  }
}
