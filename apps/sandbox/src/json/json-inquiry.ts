import type { SandboxInquiry } from '../core/read-inquiry';

export class JsonInquiryError extends Error {}

type Json = Record<string, unknown>;

/** Reads a Stedi / Optum v3 eligibility request into what the answerer needs (the 270 facts). */
export function readJsonInquiry(body: unknown): SandboxInquiry {
  const o = obj(body);
  const subscriber = obj(o?.subscriber);
  const payerId = str(o?.tradingPartnerServiceId);
  const memberId = str(subscriber?.memberId);
  if (!o || !subscriber || !payerId || !memberId)
    throw new JsonInquiryError('tradingPartnerServiceId and subscriber.memberId are required');
  if (!/^\d{9}$/.test(str(o.controlNumber))) throw new JsonInquiryError('controlNumber must be 9 digits');
  const dependent = Array.isArray(o.dependents) ? obj(o.dependents[0]) : undefined;
  const encounter = obj(o.encounter);
  const codes = Array.isArray(encounter?.serviceTypeCodes)
    ? encounter.serviceTypeCodes.filter((c): c is string => typeof c === 'string')
    : [];
  return {
    payerId,
    submitterTransactionId: str(o.submitterTransactionIdentifier) || str(o.controlNumber),
    subscriber: {
      memberId,
      firstName: str(subscriber.firstName),
      lastName: str(subscriber.lastName),
      dateOfBirth: isoDate(str(subscriber.dateOfBirth)),
    },
    dependent: dependent
      ? { firstName: str(dependent.firstName), lastName: str(dependent.lastName), dateOfBirth: isoDate(str(dependent.dateOfBirth)) }
      : undefined,
    serviceTypeCodes: codes.length > 0 ? codes : ['30'],
  };
}

function obj(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

function isoDate(ccyymmdd: string): string | undefined {
  return /^\d{8}$/.test(ccyymmdd) ? `${ccyymmdd.slice(0, 4)}-${ccyymmdd.slice(4, 6)}-${ccyymmdd.slice(6, 8)}` : undefined;
}
