import { LEVELS_OF_CARE, type LevelOfCare } from '@bvs/coverage';
import { formatReference } from './reference';
import { statusEvent } from './status-labels';
import type { VerificationRecord } from './verification-record';

/** A web-form request whose patient nobody has reached yet (the queue's "awaiting a call"). */
export function awaitingCall(record: VerificationRecord): boolean {
  return record.channel === 'web_form' && !!record.contact && !record.contacted && record.status !== 'cancelled';
}

/** What staff and intake read: the record without the request's raw PHI and without X12. */
export function fullView(
  record: VerificationRecord,
  now: Date = new Date(),
  audience: 'staff' | 'intake' = 'intake',
): Record<string, unknown> {
  return {
    id: record.id,
    status: record.status,
    statusLabel: statusEvent(record),
    statusChangedAt: record.statusChangedAt ?? record.createdAt,
    ...(record.reference ? { reference: formatReference(record.reference) } : {}),
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
    ...(record.callback ? { callback: { reason: record.callback.reason } } : {}),
    ...(audience === 'staff' ? staffOnly(record) : {}),
  };
}

/** What staff read of a record: the full view with the call-back details and the coordinators' work. */
export function staffView(record: VerificationRecord, now: Date = new Date()): Record<string, unknown> {
  return fullView(record, now, 'staff');
}

/** Staff only (docs/api.md `contact`): the patient's call-back details and the coordinators' work. */
function staffOnly(record: VerificationRecord): Record<string, unknown> {
  return {
    ...(record.contact ? { contact: record.contact } : {}),
    ...(record.callback ? { callback: record.callback } : {}),
    awaitingCall: awaitingCall(record),
    claim: record.claim ?? null,
    contacted: record.contacted ?? null,
    notes: record.notes ?? [],
    patient: patientOf(record),
    ...(record.request.subscriber ? { policyHolder: policyHolderOf(record.request.subscriber) } : {}),
  };
}

/** A dependent's policy holder as entered (the member id is the patient's, above). */
function policyHolderOf(holder: NonNullable<VerificationRecord['request']['subscriber']>): Record<string, unknown> {
  return { firstName: holder.firstName, lastName: holder.lastName, dateOfBirth: holder.dateOfBirth };
}

/** The patient as entered on the request (staff see it even before any payer answered). */
function patientOf(record: VerificationRecord): Record<string, unknown> {
  const m = record.request.member;
  return {
    firstName: m.firstName,
    lastName: m.lastName,
    dateOfBirth: m.dateOfBirth,
    memberId: record.request.subscriber?.id ?? m.id ?? null,
  };
}

export interface PatientViewOptions {
  /** The center's phone number (CENTER_PHONE), shown to the patient. */
  centerPhone?: string | null;
}

export type PatientLevelStatus = 'covered' | 'not_covered' | 'to_be_confirmed';

/**
 * What the public form's caller reads (SECURITY.md, docs/api.md): status, whether coverage is active, and
 * per level of care covered / not covered / to be confirmed. No ids, plan numbers or money.
 */
export function patientView(record: VerificationRecord, options: PatientViewOptions = {}): Record<string, unknown> {
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
    message: patientMessage(record),
    // The short reference to quote on the phone, never the id (SECURITY.md).
    ...(record.reference ? { reference: formatReference(record.reference) } : {}),
    ...(options.centerPhone ? { centerPhone: options.centerPhone } : {}),
    ...(record.callback ? { callback: record.callback.reason } : {}),
  };
}

function patientMessage(record: VerificationRecord): string {
  if (record.callback) return 'We saved your request. An admissions coordinator will call you to talk about your options.';
  switch (record.status) {
    case 'queued':
    case 'in_progress':
      return 'We are checking your coverage with your insurance company.';
    case 'completed':
      return 'An admissions coordinator will contact you to go over your benefits.';
    default:
      return 'We could not confirm everything electronically. An admissions coordinator will contact you.';
  }
}
