import type { EligibilityInquiry } from '@bvs/x12';

/**
 * The form Availity's POST /v1/coverages takes (application/x-www-form-urlencoded). Availity
 * asks one service type per coverage: the first requested one (30 when none).
 */
export function toCoverageForm(inquiry: EligibilityInquiry): URLSearchParams {
  const patient = inquiry.dependent ?? inquiry.subscriber;
  const form = new URLSearchParams();
  form.set('payerId', inquiry.payer.payerId);
  form.set('providerNpi', inquiry.provider.npi);
  form.set('providerLastName', inquiry.provider.organizationName ?? inquiry.provider.lastName ?? '');
  if (!inquiry.provider.organizationName && inquiry.provider.firstName) form.set('providerFirstName', inquiry.provider.firstName);
  form.set('memberId', inquiry.subscriber.memberId);
  form.set('patientFirstName', patient.firstName);
  form.set('patientLastName', patient.lastName);
  form.set('patientBirthDate', patient.dateOfBirth);
  if (patient.gender) form.set('patientGender', patient.gender);
  if (inquiry.dependent) {
    form.set('subscriberFirstName', inquiry.subscriber.firstName);
    form.set('subscriberLastName', inquiry.subscriber.lastName);
    form.set('subscriberBirthDate', inquiry.subscriber.dateOfBirth);
  }
  form.set('serviceType', inquiry.serviceTypeCodes[0] ?? '30');
  if (inquiry.procedure) form.set('procedureCode', inquiry.procedure.code);
  if (inquiry.dateOfService) form.set('asOfDate', inquiry.dateOfService);
  return form;
}
