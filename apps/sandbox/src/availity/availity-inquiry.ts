import { randomInt } from 'node:crypto';
import type { SandboxInquiry } from '../core/read-inquiry';

export class AvailityInquiryError extends Error {}

/** Reads POST /v1/coverages fields (form or JSON body) into what the answerer needs. */
export function readAvailityInquiry(body: unknown): SandboxInquiry {
  const o = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const str = (key: string): string => (typeof o[key] === 'string' ? o[key].trim() : '');
  const payerId = str('payerId');
  const memberId = str('memberId');
  if (!payerId || !memberId || !str('providerNpi')) throw new AvailityInquiryError('payerId, memberId and providerNpi are required');
  const dependent = str('subscriberLastName') !== '';
  const patient = { firstName: str('patientFirstName'), lastName: str('patientLastName'), dateOfBirth: isoDate(str('patientBirthDate')) };
  return {
    payerId,
    submitterTransactionId: String(randomInt(1, 1_000_000_000)).padStart(9, '0'),
    subscriber: dependent
      ? {
          memberId,
          firstName: str('subscriberFirstName'),
          lastName: str('subscriberLastName'),
          dateOfBirth: isoDate(str('subscriberBirthDate')),
        }
      : { memberId, ...patient },
    dependent: dependent ? patient : undefined,
    serviceTypeCodes: [str('serviceType') || '30'],
  };
}

function isoDate(value: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}
