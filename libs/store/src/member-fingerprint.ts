import { createHash, createHmac } from 'node:crypto';
import type { VerificationRecord } from './verification-record';

/**
 * A keyed hash of (payer, network, member id, date of birth, name) and the caller's scope, used to
 * find a fresh result for the same member without storing those values in a Redis key name.
 * Keyed, because a plain hash of a member id and birth date could be reversed by trying every
 * likely value. The levels of care are not part of it: a reused summary is re-derived for the
 * new request's levels and program (docs/lifecycle.md).
 */
export class MemberFingerprint {
  private readonly key: Buffer;

  constructor(recordKey: Buffer) {
    this.key = createHash('sha256').update('bvs-member-fingerprint').update(recordKey).digest();
  }

  /** `scope`: whose results may answer (a caller's label, `public`, or `any` for staff). */
  of(record: Pick<VerificationRecord, 'payer' | 'request' | 'network'>, scope = 'any'): string {
    const { member, subscriber } = record.request;
    const parts = [
      scope,
      record.payer.key,
      record.network?.key ?? '',
      (subscriber?.id ?? member.id ?? '').toUpperCase(),
      member.dateOfBirth,
      member.firstName.trim().toUpperCase(),
      member.lastName.trim().toUpperCase(),
    ];
    return createHmac('sha256', this.key).update(parts.join('|')).digest('hex');
  }
}
