import { createHash, createHmac } from 'node:crypto';
import type { VerificationRecord } from './verification-record';

/**
 * A keyed hash of (payer, member id, date of birth) used to find a fresh result for the same
 * member without storing those values in a Redis key name. Keyed, because a plain hash of a
 * member id and birth date could be reversed by trying every likely value.
 */
export class MemberFingerprint {
  private readonly key: Buffer;

  constructor(recordKey: Buffer) {
    this.key = createHash('sha256').update('bvs-member-fingerprint').update(recordKey).digest();
  }

  of(record: Pick<VerificationRecord, 'payer' | 'request' | 'network'>): string {
    const { member, subscriber } = record.request;
    const parts = [
      record.payer.key,
      record.network?.key ?? '',
      (subscriber?.id ?? member.id ?? '').toUpperCase(),
      member.dateOfBirth,
      member.lastName.toUpperCase(),
      [...record.request.levelsOfCare].sort().join(','),
    ];
    return createHmac('sha256', this.key).update(parts.join('|')).digest('hex');
  }
}
