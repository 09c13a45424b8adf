import { type CoverageSummary, LEVELS_OF_CARE, type LevelOfCare, type NetworkAccumulators } from '@bvs/coverage';
import type { CoverageChange, VerificationRecord } from '@bvs/store';

const DAY_MS = 86_400_000;
/** Monthly re-checks run at this hour (UTC) of their day: early morning in the US. */
export const MONTHLY_RECHECK_HOUR_UTC = 12;

/**
 * When a verification is checked again before its start (docs/lifecycle.md), or null when it is not:
 * only when the planned start is more than a day after the answer, and the re-check time is
 * after the answer (a start closer than `hoursBeforeStart` is answered fresh enough).
 */
export function beforeStartRecheckAt(
  record: Pick<VerificationRecord, 'plannedStart' | 'completedAt'>,
  hoursBeforeStart: number,
): Date | null {
  if (!record.plannedStart || !record.completedAt) return null;
  const start = Date.parse(record.plannedStart);
  const answered = Date.parse(record.completedAt);
  if (start - answered <= DAY_MS) return null;
  const due = start - hoursBeforeStart * 3_600_000;
  return due > answered ? new Date(due) : null;
}

/** Weekends, and New Year's Day (always a holiday): payers' and admissions' closed days. */
function isBusinessDay(day: Date): boolean {
  const weekday = day.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !(day.getUTCMonth() === 0 && day.getUTCDate() === 1);
}

/** The first business day of the month of `year`/`month` (0-based), at MONTHLY_RECHECK_HOUR_UTC. */
export function firstBusinessDayOf(year: number, month: number): Date {
  const day = new Date(Date.UTC(year, month, 1, MONTHLY_RECHECK_HOUR_UTC));
  while (!isBusinessDay(day)) day.setUTCDate(day.getUTCDate() + 1);
  return day;
}

/**
 * The next monthly re-check strictly after `after`: this month's first business day if it is
 * still ahead, otherwise next month's. Computed from the previous due date (not the clock), so
 * a re-check that ran late does not shift the calendar.
 */
export function nextMonthlyRecheck(after: Date): Date {
  const thisMonth = firstBusinessDayOf(after.getUTCFullYear(), after.getUTCMonth());
  if (thisMonth.getTime() > after.getTime()) return thisMonth;
  return firstBusinessDayOf(after.getUTCFullYear(), after.getUTCMonth() + 1);
}

type Value = string | number | boolean | null;

function amounts(accumulators: NetworkAccumulators | undefined): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const kind of ['deductible', 'outOfPocketMax'] as const) {
    for (const tier of ['individual', 'family'] as const) {
      out[`${kind}.${tier}.total`] = accumulators?.[kind]?.[tier]?.total;
      out[`${kind}.${tier}.remaining`] = accumulators?.[kind]?.[tier]?.remaining;
    }
  }
  return out;
}

const LABELS: Record<string, string> = {
  'deductible.individual.total': 'individual deductible',
  'deductible.individual.remaining': 'individual deductible remaining',
  'deductible.family.total': 'family deductible',
  'deductible.family.remaining': 'family deductible remaining',
  'outOfPocketMax.individual.total': 'individual out-of-pocket maximum',
  'outOfPocketMax.individual.remaining': 'individual out-of-pocket remaining',
  'outOfPocketMax.family.total': 'family out-of-pocket maximum',
  'outOfPocketMax.family.remaining': 'family out-of-pocket remaining',
};

const shown = (value: Value): string => (value === null ? 'not stated' : String(value));

/**
 * What a re-check found different from the answer before it (docs/lifecycle.md): coverage no longer
 * active, a level of care no longer covered, prior authorization, deductible or out-of-pocket
 * figures changed. Figures the payer stated only once are not a change (a payer that stopped
 * returning an optional amount has not changed the plan); a level that became covered is.
 */
export function coverageChanges(before: CoverageSummary, after: CoverageSummary, levels: readonly LevelOfCare[]): CoverageChange[] {
  const changes: CoverageChange[] = [];
  const add = (field: string, from: Value, to: Value, description: string) => changes.push({ field, before: from, after: to, description });

  if (before.eligibility.status !== after.eligibility.status) {
    add(
      'eligibility.status',
      before.eligibility.status,
      after.eligibility.status,
      `Coverage was ${before.eligibility.status} and is now ${after.eligibility.status}`,
    );
  }
  const endBefore = before.eligibility.plan.coverageEnd ?? null;
  const endAfter = after.eligibility.plan.coverageEnd ?? null;
  if (endBefore !== endAfter && endAfter !== null) {
    add('eligibility.plan.coverageEnd', endBefore, endAfter, `The plan now ends on ${endAfter}`);
  }
  for (const level of LEVELS_OF_CARE.filter((l) => levels.includes(l))) {
    const was = before.levelsOfCare[level];
    const now = after.levelsOfCare[level];
    const statusBefore = was?.status ?? 'unknown';
    const statusAfter = now?.status ?? 'unknown';
    if (statusBefore !== statusAfter) {
      add(
        `levelsOfCare.${level}.status`,
        statusBefore,
        statusAfter,
        `${level} was ${statusBefore} and is now ${statusAfter.replace('_', ' ')}`,
      );
    }
    const authBefore = was?.priorAuthorizationRequired ?? null;
    const authAfter = now?.priorAuthorizationRequired ?? null;
    if (authBefore !== authAfter && authBefore !== null && authAfter !== null) {
      add(
        `levelsOfCare.${level}.priorAuthorizationRequired`,
        authBefore,
        authAfter,
        `${level} prior authorization ${authAfter ? 'is now required' : 'is no longer required'}`,
      );
    }
  }
  for (const network of ['inNetwork', 'outOfNetwork'] as const) {
    const was = amounts(before.accumulators[network]);
    const now = amounts(after.accumulators[network]);
    for (const [path, label] of Object.entries(LABELS)) {
      const from = was[path] ?? null;
      const to = now[path] ?? null;
      if (from !== null && to !== null && from !== to) {
        const where = network === 'inNetwork' ? 'in network' : 'out of network';
        add(`accumulators.${network}.${path}`, from, to, `The ${label} (${where}) changed from ${shown(from)} to ${shown(to)}`);
      }
    }
  }
  return changes;
}
