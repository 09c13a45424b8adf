import type { AppConfig } from '@bvs/config';
import type { StoredRoute, VerificationRecord } from '@bvs/store';
import type { EligibilityInquiry } from '@bvs/x12';

/**
 * The 270 for a verification. A dependent is sent under the subscriber's member id (2100D
 * carries no id in 5010); the date of service is the planned start, or today.
 */
export function buildInquiry(
  record: VerificationRecord,
  route: Pick<StoredRoute, 'via' | 'payerId'>,
  config: AppConfig,
  now: Date = new Date(),
): EligibilityInquiry {
  const { member, subscriber, groupNumber } = record.request;
  const holder = subscriber ?? member;
  const inquiry: EligibilityInquiry = {
    payer: { name: route.via.name.toUpperCase(), payerId: route.payerId },
    provider: { npi: config.provider.npi, organizationName: config.provider.organizationName },
    subscriber: {
      memberId: holder.id ?? member.id ?? '',
      firstName: holder.firstName,
      lastName: holder.lastName,
      dateOfBirth: holder.dateOfBirth,
      ...(groupNumber ? { groupNumber } : {}),
    },
    serviceTypeCodes: route.via.serviceTypeCodes.length > 0 ? route.via.serviceTypeCodes : ['30'],
    dateOfService: dateOfService(record, now),
    traceNumber: record.id.replace(/^vrf_/, ''),
    traceOriginatorId: config.provider.traceOriginatorId,
    submitterId: config.clearinghouse.senderId,
    receiverId: config.clearinghouse.receiverId,
    usageIndicator: config.clearinghouse.transport === 'sandbox' ? 'T' : 'P',
    createdAt: now,
  };
  if (subscriber) {
    inquiry.dependent = { firstName: member.firstName, lastName: member.lastName, dateOfBirth: member.dateOfBirth };
  }
  return inquiry;
}

function dateOfService(record: VerificationRecord, now: Date): string {
  const today = now.toISOString().slice(0, 10);
  if (!record.plannedStart) return today;
  const planned = record.plannedStart.slice(0, 10);
  // CORE: payers answer for dates up to the end of the current month; ask for today otherwise.
  const endOfMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
  return planned >= today && planned <= endOfMonth ? planned : today;
}
