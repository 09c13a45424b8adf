import { LEVELS_OF_CARE, type LevelOfCare } from '@bvs/coverage';
import type { VerificationRecord } from './verification-record';

/** What staff and intake read: the record without the request's raw PHI and without X12. */
export function fullView(record: VerificationRecord, now: Date = new Date()): Record<string, unknown> {
  return {
    id: record.id,
    status: record.status,
    channel: record.channel,
    payer: record.payer,
    network: record.network ?? null,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    completedAt: record.completedAt ?? null,
    plannedStart: record.plannedStart ?? null,
    deadline: record.deadline,
    timeLeftSeconds: Math.round((Date.parse(record.deadline) - now.getTime()) / 1000),
    withinWindow: record.withinWindow ?? null,
    attempts: record.attempts,
    lastError: record.lastError,
    levelsOfCareRequested: record.request.levelsOfCare,
    ...(record.review ? { review: record.review } : {}),
    ...(record.source ? { source: record.source } : {}),
    ...(record.manual ? { manual: record.manual } : {}),
    ...(record.followUp ? { followUp: record.followUp } : {}),
    ...(record.warnings?.length ? { warnings: record.warnings } : {}),
    ...(record.reusedFrom ? { reused: true, reusedFrom: record.reusedFrom } : {}),
    ...(record.deliveries?.length ? { deliveries: record.deliveries } : {}),
    ...(record.summary ? { summary: record.summary } : {}),
    ...(record.batchId ? { batchId: record.batchId } : {}),
    ...(record.recheckOf ? { recheckOf: record.recheckOf } : {}),
    ...(record.rechecks?.length ? { rechecks: record.rechecks } : {}),
    ...(record.admission ? { admission: record.admission } : {}),
  };
}

export type PatientLevelStatus = 'covered' | 'not_covered' | 'to_be_confirmed';

/**
 * What the public form's caller reads (SECURITY.md, docs/api.md): status, whether coverage is active, and
 * per level of care covered / not covered / to be confirmed. No ids, plan numbers or money.
 */
export function patientView(record: VerificationRecord): Record<string, unknown> {
  const summary = record.summary;
  const settled = record.status === 'completed' || record.status === 'needs_review';
  const eligibility = summary?.eligibility.status;
  const levelsOfCare: Partial<Record<LevelOfCare, PatientLevelStatus>> = {};
  for (const level of LEVELS_OF_CARE.filter((l) => record.request.levelsOfCare.includes(l))) {
    const loc = summary?.levelsOfCare[level];
    if (!settled || !loc) levelsOfCare[level] = 'to_be_confirmed';
    else if (loc.status === 'not_covered' || eligibility === 'inactive') levelsOfCare[level] = 'not_covered';
    else if (loc.status === 'covered' && loc.basis === 'explicit' && !summary?.carveOut) levelsOfCare[level] = 'covered';
    else levelsOfCare[level] = 'to_be_confirmed';
  }
  return {
    id: record.id,
    status: record.status,
    coverageActive: settled && eligibility ? (eligibility === 'active' ? true : eligibility === 'inactive' ? false : null) : null,
    levelsOfCare,
    message: patientMessage(record.status),
  };
}

function patientMessage(status: VerificationRecord['status']): string {
  switch (status) {
    case 'queued':
    case 'in_progress':
      return 'We are checking your coverage with your insurance company.';
    case 'completed':
      return 'An admissions coordinator will contact you to go over your benefits.';
    default:
      return 'We could not confirm everything electronically. An admissions coordinator will contact you.';
  }
}
