import { randomInt } from 'node:crypto';
import type { EligibilityInquiry, InquiryPerson } from '@bvs/x12';

// The Stedi / Optum Medical Network "eligibility v3" request, built from the typed inquiry
// (the same facts the 270 carries). Dates are CCYYMMDD, as in X12.

export interface StediPerson {
  memberId?: string;
  firstName: string;
  lastName: string;
  middleName?: string;
  suffix?: string;
  dateOfBirth: string;
  gender?: 'M' | 'F';
  groupNumber?: string;
}

export interface StediEligibilityRequest {
  controlNumber: string;
  tradingPartnerServiceId: string;
  submitterTransactionIdentifier?: string;
  provider: { organizationName?: string; firstName?: string; lastName?: string; npi: string };
  subscriber: StediPerson;
  dependents?: StediPerson[];
  encounter: {
    serviceTypeCodes: string[];
    dateOfService?: string;
    procedureCode?: string;
    productOrServiceIDQualifier?: string;
    procedureModifiers?: string[];
  };
}

export function toStediRequest(inquiry: EligibilityInquiry): StediEligibilityRequest {
  const { provider, subscriber, dependent } = inquiry;
  const request: StediEligibilityRequest = {
    controlNumber: controlNumber(inquiry.interchangeControlNumber),
    tradingPartnerServiceId: inquiry.payer.payerId,
    // BHT03 in the 270 is the trace number too; the payer echoes it back.
    submitterTransactionIdentifier: inquiry.traceNumber,
    provider: provider.organizationName
      ? { organizationName: provider.organizationName, npi: provider.npi }
      : { firstName: provider.firstName, lastName: provider.lastName, npi: provider.npi },
    subscriber: {
      ...person(subscriber),
      memberId: subscriber.memberId,
      ...(subscriber.groupNumber ? { groupNumber: subscriber.groupNumber } : {}),
    },
    encounter: { serviceTypeCodes: inquiry.serviceTypeCodes.length > 0 ? [...inquiry.serviceTypeCodes] : ['30'] },
  };
  if (dependent) request.dependents = [person(dependent)];
  if (inquiry.dateOfService) request.encounter.dateOfService = ccyymmdd(inquiry.dateOfService);
  if (inquiry.procedure) {
    request.encounter.productOrServiceIDQualifier = inquiry.procedure.qualifier;
    request.encounter.procedureCode = inquiry.procedure.code;
    if (inquiry.procedure.modifiers.length > 0) request.encounter.procedureModifiers = [...inquiry.procedure.modifiers];
  }
  return request;
}

function person(p: InquiryPerson): StediPerson {
  const out: StediPerson = { firstName: p.firstName, lastName: p.lastName, dateOfBirth: ccyymmdd(p.dateOfBirth) };
  if (p.middleName) out.middleName = p.middleName;
  if (p.suffix) out.suffix = p.suffix;
  if (p.gender) out.gender = p.gender;
  return out;
}

/** Optum requires exactly 9 digits; reuse the 270's ISA13 when it has one, for audit joins. */
function controlNumber(isa13: string | undefined): string {
  if (isa13 && /^\d{9}$/.test(isa13)) return isa13;
  return String(randomInt(1, 1_000_000_000)).padStart(9, '0');
}

function ccyymmdd(iso: string): string {
  return iso.replace(/-/g, '');
}
